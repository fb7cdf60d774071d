"""Actors named by a place: "Russia shelled *Kharkiv*" is aimed at Ukraine.

The actor dictionary knows countries and capitals; the gazetteer knows every town. An actor
the dictionary left unresolved whose words end in a place name takes the country the
gazetteer reads it as, marked ``basis="place"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from whodid.types import Actor, Event, Place

#: The place named by an actor's words (start and end characters), given the countries of
#: the event's actors as evidence.
Namer = Callable[[int, int, tuple[str | None, ...]], Place | None]


def placed_actors(events: list[Event], named: Namer) -> list[Event]:
    """The events with their unresolved actors that name a place given its country."""
    out = []
    for event in events:
        countries = tuple(a.country for a in (event.source, event.target) if a and a.country)
        source = _by_place(event.source, named, countries)
        target = _by_place(event.target, named, countries)
        if source is not event.source or target is not event.target:
            event = replace(event, source=source, target=target)
        out.append(event)
    return out


def _by_place(actor: Actor | None, named: Namer, countries: tuple[str | None, ...]) -> Actor | None:
    if actor is None or actor.code is not None:
        return actor
    place = named(actor.start, actor.end, countries)
    if place is None or place.country is None:
        return actor
    return replace(actor, code=place.country, country=place.country, basis="place")
