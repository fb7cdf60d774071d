"""whodid: who did what to whom, where, when, and on whose word, from news text.

    from whodid import Coder, Resources
    coder = Coder(Resources.load())
    events = coder.code_text("Rebels attacked a police station in Kidal.")
"""

from whodid.coder import CodedDocument, Coder
from whodid.resources import Resources
from whodid.types import Actor, Attribution, Document, Event, ItemError, Place, TextSpan

__all__ = [
    "Actor",
    "Attribution",
    "CodedDocument",
    "Coder",
    "Document",
    "Event",
    "ItemError",
    "Place",
    "Resources",
    "TextSpan",
]
