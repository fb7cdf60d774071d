"""Documents to spaCy parses: the English pipeline and the splitting of long texts."""

from whodid.nlp.pipeline import MODEL, load_pipeline
from whodid.nlp.segments import Segment, segments

__all__ = ["MODEL", "Segment", "load_pipeline", "segments"]
