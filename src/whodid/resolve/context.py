"""The country a document is about, for the actors the dictionary cannot place.

"The ruling junta", "the army" or a colonel the dictionary does not know get no country of
their own. When the document so far is clearly about one country, they are taken to be of
it and marked ``basis="context"``: a country counts as clear when its actors and places have
been named at least twice and at least twice as often as any other country's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from whodid.types import Actor, Event

#: A sector-only code ("---MIL"): a description with no country.
NO_COUNTRY = "---"


class DocumentCountries:
    """Counts the countries of one document's placed actors and event locations."""

    def __init__(self, least: int = 2, margin: float = 2.0) -> None:
        self.counts: Counter[str] = Counter()
        self.least = least
        self.margin = margin

    def notice(self, events: list[Event]) -> None:
        """Count each actor and location once (an actor in several events is one mention)."""
        seen: set[tuple[int, int]] = set()
        for event in events:
            for actor in (event.source, event.target):
                if actor is None or actor.basis != "dictionary" or not actor.country:
                    continue
                if (actor.start, actor.end) not in seen:
                    seen.add((actor.start, actor.end))
                    self.counts[actor.country] += 1
            place = event.location
            if place is not None and place.country and (place.start, place.end) not in seen:
                seen.add((place.start, place.end))
                self.counts[place.country] += 1

    def clear(self) -> str | None:
        """The country the document is clearly about, or None."""
        ranked = self.counts.most_common(2)
        if not ranked or ranked[0][1] < self.least:
            return None
        if len(ranked) > 1 and ranked[0][1] < self.margin * ranked[1][1]:
            return None
        return ranked[0][0]

    def complete(self, events: list[Event]) -> list[Event]:
        """The events with their country-less actors placed in the document's country."""
        country = self.clear()
        if country is None:
            return events
        out = []
        for event in events:
            source, target = _placed(event.source, country), _placed(event.target, country)
            speaker = _placed(event.attribution.speaker, country)
            if source is not event.source or target is not event.target:
                event = replace(event, source=source, target=target)
            if speaker is not event.attribution.speaker:
                event = replace(event, attribution=replace(event.attribution, speaker=speaker))
            out.append(event)
        return out


def _placed(actor: Actor | None, country: str) -> Actor | None:
    if actor is None or actor.country is not None:
        return actor
    if actor.code is None:  # an unknown name or a description: the country alone
        return replace(actor, code=country, country=country, basis="context")
    if actor.code.startswith(NO_COUNTRY):
        sector = actor.code[len(NO_COUNTRY) :] or None
        return replace(actor, code=country + (sector or ""), country=country, basis="context")
    return actor  # an international actor ("IGOUNO") belongs to no country
