"""On whose word: quotations, speakers and the claims each event is wrapped in."""

from whodid.attribute.claims import Reading, read_claims
from whodid.attribute.lexicon import SpeechLexicon
from whodid.attribute.quotes import QuoteSpan, find_quotes, is_speech
from whodid.attribute.voices import Hearing, Voices

__all__ = [
    "Hearing", "QuoteSpan", "Reading", "SpeechLexicon", "Voices", "find_quotes", "is_speech",
    "read_claims",
]  # fmt: skip
