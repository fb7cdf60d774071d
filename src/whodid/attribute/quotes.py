"""Direct quotations in a paragraph: where each opens and closes, and which are speech.

Works on characters, before any parse, so it sees every quote style newsrooms use:
straight ("...") and curly (“...”) double quotes, single quotes (‘...’ or '...', also
nested inside double ones), guillemets («...»). Apostrophes inside and after words
("Israel’s", "soldiers’") are not quote marks.

Newswire convention for a quotation running over paragraphs: every paragraph of it opens
with a quote mark and only the last one closes. A quote left open at the end of a paragraph
therefore runs to that paragraph's end (``closed`` is False); the next paragraph's opening
mark starts the next piece.

Not every quoted string is speech: scare quotes around a word or name (the ‘regime’,
"Israeli" settlers) are short, mid-sentence and unpunctuated; :func:`is_speech` tells them
apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‹"
DOUBLE_CLOSE = "”»›"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT = {'"': "double", "'": "single"}
OPEN_CONTEXT = set(" \t\n([{—–-:;,/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
MARKS = re.compile("[\"'" + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "]")
SPEECH_MIN_WORDS = 4
MAX_DEPTH = 3
MAX_IGNORED = 16  # stray single marks re-read as apostrophes, per paragraph


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A top-level quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def _opens(text: str, i: int) -> bool:
    """A mark opens when it follows a space or opening punctuation and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in OPEN_CONTEXT and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    """A single mark closes when no letter follows it ("Israel’s" is an apostrophe)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


def _kind(mark: str) -> str | None:
    if mark in DOUBLE_OPEN or mark in DOUBLE_CLOSE:
        return "double"
    if mark in SINGLE_OPEN or mark in SINGLE_CLOSE:
        return "single"
    return STRAIGHT.get(mark)


def find_quotes(text: str, ignore: frozenset[int] = frozenset()) -> list[QuoteSpan]:
    """Top-level quotations in one paragraph, in order. Unbalanced marks degrade gently: a
    closing mark with no opener is ignored; a double quote never closed runs to the end of
    the paragraph; a single mark never closed is taken for an apostrophe (``ignore``)."""
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (kind, position of the opening mark)

    def close(depth: int, at: int) -> None:
        kind, opened = stack[depth]
        del stack[depth:]
        if depth == 0:
            found.append(QuoteSpan(opened, at + 1, opened + 1, at, True))

    for found_mark in MARKS.finditer(text):
        i, mark = found_mark.start(), found_mark.group()
        kind = _kind(mark)
        if kind is None or i in ignore:
            continue
        open_at = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == kind), None)
        if mark in DOUBLE_OPEN or mark in SINGLE_OPEN:
            if len(stack) < MAX_DEPTH and not (kind == "single" and text[i - 1 : i].isalnum()):
                stack.append((kind, i))
        elif mark in DOUBLE_CLOSE:
            if open_at is not None:
                close(open_at, i)
        elif mark in SINGLE_CLOSE:
            if open_at is not None and _closes_single(text, i):
                close(open_at, i)
        elif open_at is not None and (kind == "double" or _closes_single(text, i)):
            close(open_at, i)  # a straight mark closes the quote of its kind left open
        elif _opens(text, i) and len(stack) < MAX_DEPTH:
            stack.append((kind, i))
    if stack:
        kind, opened = stack[0]
        if kind == "single" and opened > 0 and len(ignore) < MAX_IGNORED:
            return find_quotes(text, ignore | {opened})
        end = len(text.rstrip())
        if end > opened + 1:
            found.append(QuoteSpan(opened, end, opened + 1, end, False))
    return found


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:,;—–-"


def is_speech(text: str, quote: QuoteSpan) -> bool:
    """Reported words, not scare quotes: four words or more, an unclosed quotation running
    over paragraphs, or a short one that starts a sentence and ends with punctuation
    (“No,” he said). "the ‘regime’" and ‘Israeli’ settlers are not speech."""
    inner = quote.inner(text).strip()
    words = inner.split()
    if not words:
        return False
    if len(words) >= SPEECH_MIN_WORDS or not quote.closed:
        return True
    return inner[0].isupper() and inner[-1] in ".,!?…" and _sentence_initial(text, quote.start)
