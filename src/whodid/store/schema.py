"""The store's tables, declared once: DuckDB DDL and the Arrow schemas rows are written with.

    documents    one row per distinct document (stable id + content hash): its metadata,
                 text, language, status (coded, not_english, duplicate, failed) and counts;
                 ``seq`` orders documents as read: run id, then position in the run
    sentences    (optional, ``--sentences``) every sentence of a coded document, with offsets
    events       one row per coded event, flattened for queries, with the full JSON record
    actors       source, target and speaker of each event (role), for actor queries
    quotes       direct quotations and their speakers
    doc_bands    MinHash band buckets of each document, for near-duplicate search
    duplicates   links from a copy to its original: exact (same text) or near (MinHash)
    doc_errors   per-item problems (unreadable file, bad JSONL line, coding failure)
    ingest_runs  one row per ingest run: inputs, status, counts, seconds
    event_clusters (view)  the same real-world event across documents, GDELT-style counts
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 2  # 2: actors.basis (dictionary, context, unresolved)

S, N, F, B = "VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN"
_ARROW = {S: pa.string(), N: pa.int32(), F: pa.float64(), B: pa.bool_(),
          "DATE": pa.string(), "UINTEGER[]": pa.list_(pa.uint32()),
          "UBIGINT": pa.uint64(), "BIGINT": pa.int64()}  # fmt: skip

#: Columns written from Python, per table (name, DuckDB type); DATE columns travel as text.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_key", S), ("doc_id", S), ("content_hash", S), ("item", S), ("title", S),
        ("url", S), ("source", S), ("date", "DATE"), ("language", S), ("status", S),
        ("chars", N), ("sentences", N), ("events", N), ("duplicate_of", S), ("run_id", N),
        ("minhash", "UINTEGER[]"), ("seq", "BIGINT"), ("text", S),
    ],
    "events": [
        ("doc_key", S), ("event_id", S), ("doc_id", S), ("sentence", N), ("date", "DATE"),
        ("code", S), ("root", S), ("plover", S), ("plover_mode", S), ("goldstein", F),
        ("quad_class", N), ("source_code", S), ("source_name", S), ("source_country", S),
        ("source_sector", S), ("target_code", S), ("target_name", S), ("target_country", S),
        ("target_sector", S), ("trigger", S), ("trigger_start", N), ("trigger_end", N),
        ("attribution", S), ("speaker_code", S), ("speaker_name", S), ("modality", S),
        ("location", S), ("location_country", S), ("lat", F), ("lon", F), ("confidence", F),
        ("pattern", S), ("main", B), ("date_basis", S), ("date_precision", S), ("text", S),
        ("record", S),
    ],
    "sentences": [
        ("doc_key", S), ("sentence", N), ("start", N), ("end", N), ("text", S),
    ],
    "actors": [
        ("doc_key", S), ("event_id", S), ("role", S), ("name", S), ("text", S),
        ("start", N), ("end", N), ("code", S), ("country", S), ("sector", S), ("basis", S),
    ],
    "quotes": [
        ("doc_key", S), ("quote_id", S), ("doc_id", S), ("paragraph", N), ("text", S),
        ("start", N), ("end", N), ("closed", B), ("speaker_code", S), ("speaker_name", S),
        ("speaker_text", S), ("how", S),
    ],
    "doc_bands": [("doc_key", S), ("band", N), ("bucket", "UBIGINT")],
    "duplicates": [("doc_key", S), ("duplicate_of", S), ("kind", S), ("similarity", F)],
    "doc_errors": [
        ("run_id", N), ("item", S), ("doc_key", S), ("code", S), ("message", S), ("fatal", B),
    ],
}
#: The order tables are written in: a document before what belongs to it.
WRITE_ORDER = (
    "documents", "sentences", "events", "actors", "quotes", "doc_bands", "duplicates",
    "doc_errors",
)  # fmt: skip

_KEYS = {
    "documents": "PRIMARY KEY (doc_key)",
    "sentences": "PRIMARY KEY (doc_key, sentence)",
    "events": "PRIMARY KEY (doc_key, event_id)",
    "actors": "PRIMARY KEY (doc_key, event_id, role)",
    "quotes": "PRIMARY KEY (doc_key, quote_id)",
    "duplicates": "PRIMARY KEY (doc_key)",
    "doc_bands": "PRIMARY KEY (doc_key, band)",
    "doc_errors": "UNIQUE (item, code, message)",
}
_EXTRA = {
    "documents": ["near_checked BOOLEAN DEFAULT false",
                  "ingested_at TIMESTAMP DEFAULT current_timestamp"],
    "doc_errors": ["seen_at TIMESTAMP DEFAULT current_timestamp"],
}  # fmt: skip


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW[kind]) for name, kind in TABLES[table]])


def _column(name: str, kind: str) -> str:
    return f'"{name}" {kind}'


def ddl() -> list[str]:
    """Statements that create an empty store (each safe to run on an existing one)."""
    statements = [
        "CREATE SEQUENCE IF NOT EXISTS run_seq",
        "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE IF NOT EXISTS ingest_runs (
            run_id INTEGER PRIMARY KEY, started_at TIMESTAMP DEFAULT current_timestamp,
            finished_at TIMESTAMP, status VARCHAR, mode VARCHAR, inputs VARCHAR,
            version VARCHAR, documents INTEGER, coded INTEGER, already_stored INTEGER,
            duplicates INTEGER, not_english INTEGER, failed INTEGER, errors INTEGER,
            sentences INTEGER, events INTEGER, seconds DOUBLE)""",
    ]
    for table, columns in TABLES.items():
        parts = [_column(n, k) for n, k in columns] + _EXTRA.get(table, [])
        if table in _KEYS:
            parts.append(_KEYS[table])
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    statements.append(CLUSTER_VIEW)
    return statements


#: Events of the same day, the same source and target codes and the same CAMEO root are one
#: real-world event; events without a date cluster only within their document. Copies
#: (``documents.duplicate_of`` set) are left out, so a wire story republished ten times
#: counts once. num_mentions: events; num_articles: documents; num_sources: outlets.
CLUSTER_KEY = (
    "md5(concat_ws('|', coalesce(CAST(e.date AS VARCHAR), 'doc:' || e.doc_key), "
    "coalesce(e.source_code, '-'), coalesce(e.target_code, '-'), e.root))"
)
CLUSTER_VIEW = f"""
CREATE OR REPLACE VIEW event_clusters AS
SELECT {CLUSTER_KEY} AS cluster_id,
       any_value(e.date) AS date, any_value(e.source_code) AS source_code,
       any_value(e.target_code) AS target_code, any_value(e.root) AS root,
       mode(e.code) AS code, mode(e.location) AS location,
       count(*) AS num_mentions, count(DISTINCT e.doc_key) AS num_articles,
       count(DISTINCT coalesce(d.source, '')) AS num_sources,
       min(d.url) AS first_url
FROM events e JOIN documents d ON d.doc_key = e.doc_key
WHERE d.duplicate_of IS NULL
GROUP BY cluster_id
"""
