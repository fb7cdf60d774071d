"""Split a document into paragraph-sized segments so long texts parse in bounded memory.

Offsets are kept: a segment knows where it starts in the document text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SEGMENT_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SOFT_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int


def _pieces(text: str, start: int, limit: int) -> Iterator[Segment]:
    """Cut an over-long paragraph at sentence ends, then at spaces, then hard."""
    while len(text) > limit:
        window = text[:limit]
        cut = max((m.end() for m in _SOFT_BREAK.finditer(window)), default=0)
        if cut < limit // 4:
            cut = window.rfind(" ") + 1 or limit
        yield Segment(text[:cut], start)
        text, start = text[cut:], start + cut
    if text:
        yield Segment(text, start)


def segments(text: str, limit: int = MAX_SEGMENT_CHARS) -> Iterator[Segment]:
    """Paragraphs of ``text`` (blank-line separated), none longer than ``limit`` chars."""
    pos = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            offset = pos + chunk.index(stripped[0])
            yield from _pieces(stripped, offset, limit)
        pos = match.end() if match else len(text)
