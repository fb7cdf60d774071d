"""From a parsed sentence to candidate events: patterns, matching, argument slots."""

from whodid.extract.candidates import Candidate, find_candidates
from whodid.extract.matching import Considered
from whodid.extract.patterns import NounPattern, PatternSet, VerbPattern

__all__ = ["Candidate", "Considered", "NounPattern", "PatternSet", "VerbPattern", "find_candidates"]
