"""Score the coder against gold-standard event data (``whodid eval``)."""

from whodid.evaluate.gold import GoldEvent, GoldSentence, read_gold
from whodid.evaluate.scoring import Report, score

__all__ = ["GoldEvent", "GoldSentence", "Report", "read_gold", "score"]
