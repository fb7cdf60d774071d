"""The API's reads: SQL over the store, with every value a bound parameter. Each function
takes a DuckDB connection (a per-request cursor) and returns plain data for the models.

Event selections reuse :func:`whodid.store.query.events_sql`, the query of ``whodid
events``, as a sub-query, so the API and the command line agree on what a filter means."""

from __future__ import annotations

import json
import math
from typing import Any

import duckdb
import pandas as pd

from whodid.serve.evidence import document_spans, sentence_spans, sentence_start
from whodid.store.query import EventFilter, events_sql

#: The order of ``whodid events``: date, document, sentence, trigger.
_ORDER = "f.date NULLS LAST, d.seq, f.sentence, f.trigger_start, f.event_id"


def _value(v: Any) -> Any:
    """A DataFrame cell as JSON: NaN/NaT/NA to None, numpy scalars to Python."""
    if v is None or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _event_out(row: dict[str, Any], start: int | None) -> dict[str, Any]:
    record = json.loads(row["record"])
    return {
        "record": record,
        "doc_key": row.get("doc_key"),
        "url": _value(row.get("url")),
        "title": _value(row.get("title")),
        "num_mentions": _value(row.get("num_mentions")),
        "num_articles": _value(row.get("num_articles")),
        "num_sources": _value(row.get("num_sources")),
        "spans": sentence_spans(record, start),
    }


def _with_sentence_start(sql: str) -> str:
    """Wrap an events query: each event with where its sentence starts in its document
    (from ``sentences`` when stored, else the first occurrence of the sentence's text)."""
    return f"""
        SELECT f.*, coalesce(s.start, strpos(d.text, f.text) - 1) AS sentence_start,
               s.start IS NULL AS guessed_start, d.seq
        FROM ({sql}) f
        JOIN documents d ON d.doc_key = f.doc_key
        LEFT JOIN sentences s ON s.doc_key = f.doc_key AND s.sentence = f.sentence
    """


def _rows_out(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict]:
    out = []
    for row in rows:
        start = _value(row["sentence_start"])
        if start is not None and start < 0:
            start = None
        record_start = start
        if row.get("guessed_start") and start is not None:
            # the sentence's first occurrence may be another copy of it: check the trigger
            trigger = int(row["trigger_start"])
            if not start <= trigger < start + len(row["text"]):
                text = con.execute(
                    "SELECT text FROM documents WHERE doc_key = ?", [row["doc_key"]]
                ).fetchone()[0]
                record_start = sentence_start(text, row["text"], trigger)
        out.append(_event_out(row, record_start))
    return out


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts (cheaper than a DataFrame for a page)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def events_page(
    con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """A page of events and how many match in all (one query: a window count)."""
    sql, params = events_sql(f)
    rows = _records(con.execute(
        f"""SELECT *, count(*) OVER () AS matching FROM ({_with_sentence_start(sql)})
            ORDER BY date NULLS LAST, seq, sentence, trigger_start, event_id
            LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    ))  # fmt: skip
    if rows:
        total = rows[0]["matching"]
    else:  # past the last page: count without the page
        total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    return int(total), _rows_out(con, rows)


def events_frame(
    con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int
) -> pd.DataFrame:
    """A page of events with the columns of ``whodid events --format csv``."""
    sql, params = events_sql(f)
    return con.execute(
        f"SELECT f.* FROM ({sql}) f JOIN documents d ON d.doc_key = f.doc_key "
        f"ORDER BY {_ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).df()


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event by id (the first stored, when copies of a document repeat it), with its
    evidence in the sentence and in the document."""
    sql, params = events_sql(EventFilter(duplicates=True))
    rows = _records(con.execute(
        f"{_with_sentence_start(sql)} WHERE f.event_id = ? ORDER BY d.seq LIMIT 1",
        [*params, event_id],
    ))
    if not rows:
        return None
    row = rows[0]
    doc = con.execute(
        "SELECT doc_id, CAST(date AS VARCHAR), source FROM documents WHERE doc_key = ?",
        [row["doc_key"]],
    ).fetchone()
    out = _rows_out(con, [row])[0]
    out["document_spans"] = document_spans(out["record"])
    out["doc_id"], out["doc_date"], out["source"] = doc
    return out


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """The latest stored version of document ``doc_id``: text, events and evidence spans
    (offsets into the text)."""
    row = con.execute(
        """SELECT doc_key, doc_id, title, url, source, CAST(date AS VARCHAR) AS date, status,
                  language, duplicate_of, text,
                  count(*) OVER () AS versions
           FROM documents WHERE doc_id = ? ORDER BY seq DESC LIMIT 1""",
        [doc_id],
    ).fetchone()
    if row is None:
        return None
    names = ["doc_key", "doc_id", "title", "url", "source", "date", "status", "language",
             "duplicate_of", "text", "versions"]  # fmt: skip
    doc = dict(zip(names, row, strict=True))
    sql, params = events_sql(EventFilter(duplicates=True))
    rows = _records(con.execute(
        f"{_with_sentence_start(sql)} WHERE f.doc_key = ? "
        "ORDER BY f.sentence, f.trigger_start, f.event_id",
        [*params, doc["doc_key"]],
    ))
    doc["events"] = _rows_out(con, rows)
    doc["spans"] = [s for e in doc["events"] for s in document_spans(e["record"])]
    doc["text"] = doc["text"] or ""
    return doc


def actors(
    con: duckdb.DuckDBPyConnection, q: str | None, country: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    where, params = ["d.duplicate_of IS NULL"], []
    if q:
        where.append("(a.code ILIKE ? OR a.name ILIKE ?)")
        params += [q.upper() + "%", f"%{q}%"]
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    base = f"""
        SELECT a.code, a.name, any_value(a.country) AS country, any_value(a.sector) AS sector,
               count(DISTINCT (a.doc_key, a.event_id)) AS events,
               count(*) FILTER (WHERE a.role = 'source') AS as_source,
               count(*) FILTER (WHERE a.role = 'target') AS as_target,
               count(*) FILTER (WHERE a.role = 'speaker') AS as_speaker
        FROM actors a JOIN documents d ON d.doc_key = a.doc_key
        WHERE {" AND ".join(where)}
        GROUP BY a.code, a.name
    """
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    rows = con.execute(
        f"{base} ORDER BY events DESC, a.code NULLS LAST, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    keys = ["code", "name", "country", "sector", "events", "as_source", "as_target",
            "as_speaker"]  # fmt: skip
    return int(total), [dict(zip(keys, r, strict=True)) for r in rows]


def _quads(rows: list[tuple], key_index: int = 0) -> dict[Any, list[int]]:
    out: dict[Any, list[int]] = {}
    for row in rows:
        key, quad, n = row[key_index], row[key_index + 1], row[key_index + 2]
        if quad is not None and 1 <= quad <= 4:
            out.setdefault(key, [0, 0, 0, 0])[quad - 1] += n
    return out


def dyad_series(
    con: duckdb.DuckDBPyConnection, f: EventFilter, interval: str
) -> list[dict[str, Any]]:
    """Events of the pair in ``f`` per ``interval``: counts, Goldstein, quad classes."""
    sql, params = events_sql(f)
    rows = con.execute(
        f"""SELECT CAST(date_trunc(?, f.date) AS DATE) AS period, count(*), avg(f.goldstein),
                   sum(f.goldstein)
            FROM ({sql}) f WHERE f.date IS NOT NULL GROUP BY period ORDER BY period""",
        [interval, *params],
    ).fetchall()
    quads = _quads(con.execute(
        f"""SELECT CAST(date_trunc(?, f.date) AS DATE) AS period, f.quad_class, count(*)
            FROM ({sql}) f WHERE f.date IS NOT NULL GROUP BY ALL""",
        [interval, *params],
    ).fetchall())  # fmt: skip
    return [
        {"period": p.isoformat(), "events": n, "goldstein_mean": round(mean, 3),
         "goldstein_total": round(total, 3), "quad": quads.get(p, [0, 0, 0, 0])}
        for p, n, mean, total in rows
    ]  # fmt: skip


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    sql, params = events_sql(f)
    rows = con.execute(
        f"""SELECT f.date, f.quad_class, count(*), sum(f.goldstein) FROM ({sql}) f
            GROUP BY ALL ORDER BY f.date NULLS LAST, f.quad_class""",
        params,
    ).fetchall()
    days: dict[Any, dict[str, Any]] = {}
    undated = 0
    for day, quad, n, total in rows:
        if day is None:
            undated += n
            continue
        entry = days.setdefault(day, {"date": day.isoformat(), "quad": [0, 0, 0, 0],
                                      "events": 0, "total": 0.0})  # fmt: skip
        entry["quad"][quad - 1] += n
        entry["events"] += n
        entry["total"] += total
    out = []
    for entry in days.values():
        out.append({"date": entry["date"], "quad": entry["quad"], "events": entry["events"],
                    "goldstein_mean": round(entry["total"] / entry["events"], 3)})  # fmt: skip
    return {"events": sum(d["events"] for d in out) + undated, "undated": undated, "days": out}


def map_points(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[dict[str, Any]]:
    sql, params = events_sql(f)
    rows = con.execute(
        f"""SELECT f.location, any_value(f.location_country), round(avg(f.lat), 4),
                   round(avg(f.lon), 4), count(*), avg(f.goldstein)
            FROM ({sql}) f WHERE f.lat IS NOT NULL AND f.lon IS NOT NULL
            GROUP BY f.location ORDER BY count(*) DESC, f.location LIMIT 2000""",
        params,
    ).fetchall()
    return [
        {"location": loc or "?", "country": country, "lat": lat, "lon": lon, "events": n,
         "goldstein_mean": round(mean, 3)}
        for loc, country, lat, lon, n, mean in rows
    ]  # fmt: skip


def network(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int) -> dict[str, Any]:
    """The ``limit`` busiest dyads (source code -> target code) and their actors."""
    sql, params = events_sql(f)
    edges = con.execute(
        f"""SELECT f.source_code, f.target_code, count(*) AS n,
                   count(*) FILTER (WHERE f.quad_class <= 2),
                   count(*) FILTER (WHERE f.quad_class >= 3), avg(f.goldstein)
            FROM ({sql}) f
            WHERE f.source_code IS NOT NULL AND f.target_code IS NOT NULL
              AND f.source_code <> f.target_code
            GROUP BY ALL ORDER BY n DESC, f.source_code, f.target_code LIMIT ?""",
        [*params, limit],
    ).fetchall()
    codes = sorted({c for e in edges for c in e[:2]})
    nodes = []
    if codes:
        rows = con.execute(
            f"""WITH f AS ({sql}),
                sides AS (SELECT source_code AS code, source_name AS name,
                                 source_country AS country FROM f
                          UNION ALL SELECT target_code, target_name, target_country FROM f)
                SELECT code, mode(name), mode(country), count(*) FROM sides
                WHERE code IN (SELECT unnest(?)) GROUP BY code ORDER BY code""",
            [*params, codes],
        ).fetchall()
        nodes = [{"code": c, "name": n, "country": k, "events": e} for c, n, k, e in rows]
    return {
        "nodes": nodes,
        "edges": [
            {"source": s, "target": t, "events": n, "cooperation": coop, "conflict": conf,
             "goldstein_mean": round(mean, 3)}
            for s, t, n, coop, conf, mean in edges
        ],
    }  # fmt: skip


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    documents, = con.execute("SELECT count(*) FROM documents").fetchone()
    events, first, last = con.execute(
        "SELECT count(*), CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR) FROM events"
    ).fetchone()
    return {"documents": documents, "events": events, "first_date": first, "last_date": last}
