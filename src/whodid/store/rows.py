"""Rows for the store's tables, built from coded documents: pure functions, no database.

The single-process pipeline writes these rows straight into DuckDB; Dask workers write the
same rows to Parquet files that are merged into DuckDB afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from whodid.coder import CodedDocument
from whodid.store.minhash import MinHasher
from whodid.store.schema import TABLES, WRITE_ORDER, arrow_schema
from whodid.types import Actor, Document, Event, ItemError, Quote

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a document is: ``key`` (id + text hash), where it came from (``item``) and its
    place among the documents of its run (``position``, in input order)."""

    key: str
    content_hash: str
    item: str
    position: int = 0


@dataclass
class Rows:
    """Rows waiting to be written, per table; written together in one transaction."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def __len__(self) -> int:
        return len(self.tables["documents"]) + len(self.tables["doc_errors"])

    def extend(self, other: Rows) -> None:
        for table, rows in other.tables.items():
            self.tables[table].extend(rows)

    def arrow(self) -> dict[str, pa.Table]:
        return {
            t: pa.Table.from_pylist(self.tables[t], schema=arrow_schema(t))
            for t in WRITE_ORDER
            if self.tables[t]
        }

    def clear(self) -> None:
        for rows in self.tables.values():
            rows.clear()


def _actor_cols(prefix: str, actor: Actor | None) -> Row:
    if actor is None:
        return {f"{prefix}_code": None, f"{prefix}_name": None, f"{prefix}_country": None,
                f"{prefix}_sector": None}  # fmt: skip
    return {f"{prefix}_code": actor.code, f"{prefix}_name": actor.name,
            f"{prefix}_country": actor.country, f"{prefix}_sector": actor.sector}  # fmt: skip


def event_row(key: str, e: Event) -> Row:
    speaker = e.attribution.speaker
    place = e.location
    row: Row = {
        "doc_key": key, "event_id": e.event_id, "doc_id": e.doc_id, "sentence": e.sentence,
        "date": e.date, "code": e.code, "root": e.root, "plover": e.plover,
        "plover_mode": e.plover_mode, "goldstein": e.goldstein, "quad_class": e.quad_class,
        **_actor_cols("source", e.source), **_actor_cols("target", e.target),
        "trigger": e.trigger.text, "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end, "attribution": e.attribution.kind,
        "speaker_code": speaker.code if speaker else None,
        "speaker_name": speaker.name if speaker else None, "modality": e.modality,
        "location": place.name if place else None,
        "location_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "confidence": e.confidence, "pattern": e.pattern, "main": e.main,
        "date_basis": e.date_basis, "date_precision": e.date_precision, "text": e.text,
        "record": json.dumps(e.to_dict(), ensure_ascii=False),
    }  # fmt: skip
    return row


def actor_rows(key: str, e: Event) -> list[Row]:
    roles = (("source", e.source), ("target", e.target), ("speaker", e.attribution.speaker))
    return [
        {"doc_key": key, "event_id": e.event_id, "role": role, "name": a.name, "text": a.text,
         "start": a.start, "end": a.end, "code": a.code, "country": a.country,
         "sector": a.sector, "basis": a.basis}  # fmt: skip
        for role, a in roles
        if a is not None
    ]


def quote_row(key: str, q: Quote) -> Row:
    s = q.speaker
    return {
        "doc_key": key, "quote_id": q.quote_id, "doc_id": q.doc_id, "paragraph": q.paragraph,
        "text": q.text, "start": q.start, "end": q.end, "closed": q.closed,
        "speaker_code": s.code if s else None, "speaker_name": s.name if s else None,
        "speaker_text": q.speaker_mention.text if q.speaker_mention else None, "how": q.how,
    }  # fmt: skip


def document_row(
    doc: Document, who: Identity, run_id: int, status: str, language: str | None = None,
    **counts: Any,
) -> Row:  # fmt: skip
    return {
        "doc_key": who.key, "doc_id": doc.id, "content_hash": who.content_hash,
        "item": who.item, "title": doc.title, "url": doc.url, "source": doc.source,
        "date": doc.date, "language": language, "status": status, "chars": len(doc.text),
        "sentences": counts.get("sentences", 0), "events": counts.get("events", 0),
        "duplicate_of": counts.get("duplicate_of"), "run_id": run_id,
        "minhash": counts.get("minhash"), "seq": (run_id << 32) | who.position,
        "text": doc.text,
    }  # fmt: skip


def error_row(run_id: int, error: ItemError, key: str | None = None) -> Row:
    return {"run_id": run_id, "item": error.item, "doc_key": key, "code": error.code,
            "message": error.message, "fatal": error.fatal}  # fmt: skip


def coded_rows(
    coded: CodedDocument, who: Identity, run_id: int, hasher: MinHasher,
    sentences: bool = False,
) -> Rows:  # fmt: skip
    """Everything one coded document adds to the store (its sentences too if asked)."""
    out = Rows()
    doc = coded.document
    if coded.error is not None:
        out.tables["documents"].append(document_row(doc, who, run_id, "failed", "en"))
        out.tables["doc_errors"].append(error_row(run_id, coded.error, who.key))
        return out
    signature = hasher.signature(doc.text)
    out.tables["documents"].append(
        document_row(doc, who, run_id, "coded", "en", sentences=coded.sentences,
                     events=len({e.event_id for e in coded.events}),
                     minhash=signature)  # fmt: skip
    )
    out.tables["doc_bands"].extend(
        {"doc_key": who.key, "band": band, "bucket": bucket}
        for band, bucket in hasher.buckets(signature)
    )
    if sentences:
        out.tables["sentences"].extend(
            {"doc_key": who.key, "sentence": n, "start": start, "end": end,
             "text": doc.text[start:end]}  # fmt: skip
            for n, (start, end) in enumerate(coded.sentence_spans)
        )
    seen: set[str] = set()
    for e in coded.events:
        if e.event_id in seen:  # the same reading twice: stored once
            continue
        seen.add(e.event_id)
        out.tables["events"].append(event_row(who.key, e))
        out.tables["actors"].extend(actor_rows(who.key, e))
    out.tables["quotes"].extend(quote_row(who.key, q) for q in coded.quotes)
    return out
