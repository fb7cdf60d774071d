"""Which events a query asks for, and the SQL that finds them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from whodid.store.schema import CLUSTER_KEY
from whodid.types import MODALITIES


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Criteria for events; ``None`` means any. Text criteria ignore case.

    actor      a source or target whose code starts with it ("ISR", "ISRMIL") or whose
               name contains it ("Hamas"); ``source``/``target`` the same for one side
    country    source or target country (ISO alpha-3, "ISR")
    code       CAMEO code prefix ("19", "190", "1823"); ``root`` the two-digit root
    plover     PLOVER type ("ASSAULT")
    since, until   event date range, inclusive (YYYY-MM-DD)
    attribution    "asserted" or "reported"
    modality   exactly this modality; ``min_modality`` this one or a more certain one
    location   place name contains it, or its country is it ("Jenin", "PSE")
    main_only  only each sentence's main event
    duplicates also events from documents linked as copies of another (default: not)
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    code: str | None = None
    root: str | None = None
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    attribution: str | None = None
    modality: str | None = None
    min_modality: str | None = None
    location: str | None = None
    main_only: bool = False
    duplicates: bool = False
    limit: int | None = None

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _side(prefix: str, value: str, params: list[Any]) -> str:
    params.extend([value.upper() + "%", f"%{value}%"])
    return f"(e.{prefix}_code ILIKE ? OR e.{prefix}_name ILIKE ?)"


def events_sql(f: EventFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append(f"({_side('source', f.actor, params)} OR {_side('target', f.actor, params)})")
    if f.source:
        where.append(_side("source", f.source, params))
    if f.target:
        where.append(_side("target", f.target, params))
    if f.country:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params.extend([f.country.upper()] * 2)
    # conditions with one value each, in this order, where the filter gives the value
    for condition, value in [
        ("e.code LIKE ?", f.code and f.code + "%"),
        ("e.root = ?", f.root and f.root.zfill(2)),
        ("e.plover = ?", f.plover and f.plover.upper()),
        ("e.date >= CAST(? AS DATE)", f.since),
        ("e.date <= CAST(? AS DATE)", f.until),
        ("e.attribution = ?", f.attribution),
        ("e.modality = ?", f.modality),
    ]:
        if value:
            where.append(condition)
            params.append(value)
    if f.min_modality:
        allowed = list(MODALITIES[: MODALITIES.index(f.min_modality) + 1])
        where.append("e.modality IN (SELECT unnest(?))")
        params.append(allowed)
    if f.location:
        where.append("(e.location ILIKE ? OR e.location_country = ?)")
        params.extend([f"%{f.location}%", f.location.upper()])
    if f.main_only:
        where.append("e.main")
    if not f.duplicates:
        where.append("d.duplicate_of IS NULL")
    query = f"""
        SELECT e.* EXCLUDE (record), d.url, d.source AS doc_source, d.title, d.ingested_at,
               c.cluster_id, c.num_mentions, c.num_articles, c.num_sources, e.record
        FROM events e
        JOIN documents d ON d.doc_key = e.doc_key
        LEFT JOIN event_clusters c ON c.cluster_id = {CLUSTER_KEY}
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY e.date NULLS LAST, d.seq, e.sentence, e.trigger_start, e.event_id
        {f"LIMIT {int(f.limit)}" if f.limit else ""}
    """
    return query, params
