"""Read input items into :class:`Document` records; a bad item becomes an :class:`ItemError`.

Plain text, JSON Lines (``.jsonl``), HTML pages (``.html``/``.htm``, see ``html.py``) and
RSS/Atom feeds (``.rss``/``.atom``/``.xml``, see ``feeds.py``), alone or in folders.

Nothing here raises for bad content: every problem is reported for its item (file name,
line number) and the other items are read on.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from whodid.types import Document, ItemError

Item = Document | ItemError
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_CONTROL_RATIO = 0.05
#: Longest document coded by default: far above any news article (a long feature runs to
#: ~50,000 characters), low enough that one runaway item cannot stall a batch for minutes.
MAX_CHARS = 1_000_000
#: A text file over ``max_chars`` x this many bytes is refused before it is read (so a
#: 100 MB file is never loaded); markup (HTML, feeds) may carry ``MARKUP_BYTES`` x more.
BYTES_PER_CHAR = 8
MARKUP_BYTES = 4
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


def decode(data: bytes, item: str) -> tuple[str | None, ItemError | None]:
    """UTF-8 text of ``data``; binary content is an error, a few bad bytes a warning."""
    if b"\x00" in data[:65536]:
        return None, ItemError(item, "looks like a binary file (NUL bytes); not coded", "W101")
    try:
        text = data.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        warning = ItemError(
            item,
            f"invalid UTF-8 (first bad byte at offset {exc.start}); "
            f"{bad} undecodable byte sequence(s) replaced with U+FFFD",
            "W102",
            fatal=False,
        )
        if bad > max(8, len(text) * BINARY_CONTROL_RATIO):
            return None, ItemError(item, f"not UTF-8 text ({bad} undecodable sequences)", "W103")
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, min(len(text), 65536) * BINARY_CONTROL_RATIO):
        return None, ItemError(item, "looks like binary data (control characters)", "W101")
    return text, warning


def _document(
    doc_id: str, text: str, item: str, max_chars: int, date: object = None, **meta: object
) -> Iterator[Item]:
    if not text.strip():
        yield ItemError(item, "empty document (no text to code)", "W104")
        return
    if len(text) > max_chars:
        yield ItemError(
            item,
            f"document has {len(text):,} characters, over the limit of {max_chars:,}; "
            "not coded (raise it with --max-chars)",
            "W106",
        )
        return
    clean_date = None
    if date is not None:
        if isinstance(date, str) and _DATE.match(date):
            clean_date = date
        else:
            yield ItemError(item, f"date {date!r} is not YYYY-MM-DD; ignored", "W105", fatal=False)
    extras = {k: v if isinstance(v, str) else None for k, v in meta.items()}
    yield Document(doc_id, text, clean_date, **extras)


def read_jsonl(stream: BinaryIO, name: str, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """One document per line: ``id`` and ``text`` required; ``date`` etc. optional."""
    stem = Path(name).stem
    for number, raw in enumerate(stream, 1):
        item = f"{name}:{number}"
        if not raw.strip():
            continue
        line, problem = decode(raw, item)
        if line is None:
            assert problem is not None
            yield problem
            continue
        if problem is not None:
            yield problem
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ItemError(item, f"not valid JSON ({exc.msg} at column {exc.colno})", "W110")
            continue
        if not isinstance(record, dict):
            yield ItemError(item, "a record must be a JSON object", "W111")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield ItemError(item, "record has no string field 'text'", "W112")
            continue
        doc_id = record.get("id")
        if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or doc_id == "":
            doc_id = f"{stem}-{number}"
            yield ItemError(item, f"record has no 'id'; using {doc_id!r}", "W113", fatal=False)
        yield from _document(
            str(doc_id), text, item, max_chars, record.get("date"),
            title=record.get("title"), url=record.get("url"), source=record.get("source"),
        )  # fmt: skip


def read_text(data: bytes, doc_id: str, item: str, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    text, problem = decode(data, item)
    if problem is not None:
        yield problem
    if text is not None:
        yield from _document(doc_id, text, item, max_chars)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def read_inputs(
    paths: list[str], stdin: BinaryIO | None = None, max_chars: int = MAX_CHARS
) -> Iterator[Item]:
    """Documents from files, directories, ``.jsonl`` files and ``-`` (standard input)."""
    for spec in paths:
        if spec == "-":
            stream = stdin or sys.stdin.buffer
            yield from read_text(stream.read(), "stdin", "<stdin>", max_chars)
            continue
        for path in _files(Path(spec)):
            name = str(path)
            try:
                yield from _read_file(path, name, max_chars)
            except OSError as exc:
                yield ItemError(name, f"cannot read: {exc.strerror or exc}", "W120")


def _read_file(path: Path, name: str, max_chars: int) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("rb") as fh:
            yield from read_jsonl(fh, name, max_chars)
        return
    markup = suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES
    limit = max_chars * BYTES_PER_CHAR * (MARKUP_BYTES if markup else 1)
    size = path.stat().st_size
    if size > limit:
        yield ItemError(
            name, f"file has {size:,} bytes, too many for a document of at most "
            f"{max_chars:,} characters; not read (raise it with --max-chars)", "W106",
        )  # fmt: skip
        return
    if suffix in HTML_SUFFIXES:
        from whodid.ingest.html import read_html

        yield from read_html(path.read_bytes(), path.stem, name, max_chars)
    elif suffix in FEED_SUFFIXES:
        from whodid.ingest.feeds import read_feed

        yield from read_feed(path.read_bytes(), name, max_chars)
    else:
        yield from read_text(path.read_bytes(), path.stem, name, max_chars)
