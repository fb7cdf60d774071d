"""Document identity: a stable key from the document's id and a hash of its text.

The same record read twice gets the same key, so a re-run adds nothing; the same text
under another id gets another key but the same ``content_hash``, which links it as an
exact duplicate; a new version of an article (same id, new text) is a new document.
"""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """Hash of the text with whitespace runs collapsed (so re-wrapped copies match)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


def document_key(doc_id: str, text_hash: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{text_hash}".encode()).hexdigest()[:32]
