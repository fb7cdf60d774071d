"""Places: an offline gazetteer and the resolver that finds where an event happened.

    gazetteer = Gazetteer.load()              # once per process, shared
    resolver = PlaceResolver(gazetteer)
    context = resolver.context(doc)           # once per document
    place = resolver.locate(sent, trigger, offset, context, actor_countries=("ISR",))
"""

from whodid.geo.gazetteer import Entry, Gazetteer, name_key
from whodid.geo.locate import DocumentContext, Evidence, PlaceResolver, Toponym, find_toponyms

__all__ = [
    "DocumentContext",
    "Entry",
    "Evidence",
    "Gazetteer",
    "PlaceResolver",
    "Toponym",
    "find_toponyms",
    "name_key",
]
