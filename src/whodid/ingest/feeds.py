"""RSS and Atom feeds to documents: one document per entry, read by feedparser.

A truncated or malformed feed gives the entries read before the damage, with a warning
(W140); a file with no entries at all is an error (W141). Entry text is the entry's
content, else its summary, with HTML markup removed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from whodid.ingest.readers import Item, _document
from whodid.types import ItemError


def _plain(markup: str) -> str:
    """Text of an HTML fragment, one paragraph per block."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def read_feed(data: bytes, name: str, max_chars: int) -> Iterator[Item]:
    """The entries of one RSS/Atom file as documents (``id``: the entry's id or link)."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        if not entries:
            yield ItemError(name, f"not a readable RSS/Atom feed ({reason})", "W141")
            return
        yield ItemError(
            name, f"malformed feed ({reason}); read the {len(entries)} entries before it",
            "W140", fatal=False,
        )  # fmt: skip
    elif not entries:
        yield ItemError(name, "feed has no entries", "W141")
        return
    site = parsed.get("feed", {}).get("title")
    stem = Path(name).stem
    for number, entry in enumerate(entries, 1):
        item = f"{name}#{number}"
        content = entry.get("content") or []
        markup = content[0].get("value", "") if content else entry.get("summary", "")
        text = _plain(markup or "")
        title = entry.get("title")
        doc_id = entry.get("id") or entry.get("link") or f"{stem}-{number}"
        date = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield from _document(
            doc_id, text, item, max_chars, date,
            title=title, url=entry.get("link"), source=site,
        )  # fmt: skip
