"""HTML pages to documents: the main text and metadata, found by trafilatura.

Boilerplate (menus, footers, related links) is left out; the title, date, site name and
canonical URL come from the page's metadata when it has them.
"""

from __future__ import annotations

from collections.abc import Iterator

from whodid.ingest.readers import Item, _document, decode
from whodid.types import ItemError


def read_html(data: bytes, doc_id: str, item: str, max_chars: int) -> Iterator[Item]:
    """One document from one HTML page; a page with no main text is an error (W130)."""
    import trafilatura

    markup, problem = decode(data, item)
    if problem is not None:
        yield problem
    if markup is None:
        return
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, favor_precision=True)
    except (ValueError, TypeError, AttributeError) as exc:  # lxml/trafilatura on broken markup
        yield ItemError(item, f"cannot parse HTML ({type(exc).__name__}: {exc})", "W131")
        return
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        yield ItemError(item, "no main text found in the HTML page; not coded", "W130")
        return
    # trafilatura puts one paragraph a line; blank lines make them the coder's segments
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    yield from _document(
        doc_id, text, item, max_chars, found.date,
        title=found.title, url=found.url, source=found.sitename or found.hostname,
    )  # fmt: skip
