"""Actors named by a place: "Russia shelled *Kharkiv*" is aimed at Ukraine.

The actor dictionary knows countries and capitals; the gazetteer knows every town. An actor
the dictionary left unresolved whose words end in a place name takes the country the
gazetteer reads it as, marked ``basis="place"``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from whodid.geo.locate import DocumentContext, PlaceResolver
from whodid.types import Actor, Event, Place


def placed_actors(
    events: list[Event], places: PlaceResolver, sent: Span, offset: int, context: DocumentContext
) -> list[Event]:
    """The events of ``sent`` (characters shifted by ``offset``) with their unresolved
    actors that name a place given its country."""
    out = []
    for event in events:
        countries = tuple(a.country for a in (event.source, event.target) if a and a.country)
        source, target = (
            _placed(a, places.named(sent, a.start, a.end, offset, context, countries))
            if a is not None and a.code is None else a
            for a in (event.source, event.target)
        )  # fmt: skip
        if source is not event.source or target is not event.target:
            event = replace(event, source=source, target=target)
        out.append(event)
    return out


def _placed(actor: Actor, place: Place | None) -> Actor:
    if place is None or place.country is None:
        return actor
    return replace(actor, code=place.country, country=place.country, basis="place")
