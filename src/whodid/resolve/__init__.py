"""Resolve mentions to actors (and, later, places and dates)."""

from whodid.resolve.actors import ActorResolver, Resolution
from whodid.resolve.context import DocumentCountries
from whodid.resolve.dictionary import ActorDictionary, ActorEntry

__all__ = ["ActorDictionary", "ActorEntry", "ActorResolver", "DocumentCountries", "Resolution"]
