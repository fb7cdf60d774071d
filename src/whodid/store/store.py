"""The event store: one DuckDB file with documents, events, actors, quotes, runs and errors.

    store = Store("events.duckdb")
    df = store.events(actor="ISR", root="19", since="2024-01-01")   # a pandas DataFrame

Writes go in one transaction per batch of documents: a batch is stored whole or not at
all, so a run killed at any point leaves no partial rows and the next run codes exactly
the documents that are missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from whodid.errors import StoreError
from whodid.store.minhash import MinHasher
from whodid.store.query import EventFilter, events_sql
from whodid.store.rows import Rows
from whodid.store.schema import SCHEMA_VERSION, WRITE_ORDER, ddl


class Store:
    """A whodid store at ``path`` (created when missing; ``:memory:`` for a throwaway one)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {_reason(exc)}", "W401") from exc
        if not read_only:
            self._create()
        self._check_version()

    # -- lifecycle -----------------------------------------------------------------------
    def _create(self) -> None:
        try:
            self.con.execute("BEGIN")
            for statement in ddl():
                self.con.execute(statement)
            self.con.execute(
                "INSERT OR IGNORE INTO store_info VALUES ('schema_version', ?)",
                [str(SCHEMA_VERSION)],
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(
                f"cannot create the store's tables in {self.path}: {_reason(exc)}", "W401"
            ) from exc

    def _check_version(self) -> None:
        try:
            row = self.con.execute(
                "SELECT value FROM store_info WHERE key = 'schema_version'"
            ).fetchone()
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is not a whodid store", "W403") from exc
        if row is None or row[0] != str(SCHEMA_VERSION):
            found = row[0] if row else "none"
            raise StoreError(
                f"{self.path} has store schema version {found}, this whodid reads "
                f"{SCHEMA_VERSION}",
                "W403",
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # no transaction was open, or the connection is gone: nothing to undo

    # -- runs ----------------------------------------------------------------------------
    def begin_run(self, inputs: list[str], mode: str = "local") -> int:
        """A new row in ``ingest_runs``; runs left ``running`` by a killed process (DuckDB
        lets one process write at a time, so none is really running) become
        ``interrupted``."""
        from importlib.metadata import version

        try:
            self.con.execute(
                "UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'"
            )
            run_id = self.con.execute("SELECT nextval('run_seq')").fetchone()[0]
            self.con.execute(
                "INSERT INTO ingest_runs (run_id, status, mode, inputs, version) "
                "VALUES (?, 'running', ?, ?, ?)",
                [run_id, mode, json.dumps(inputs), version("whodid")],
            )
        except duckdb.Error as exc:
            raise StoreError(f"cannot start a run in {self.path}: {_reason(exc)}", "W402") from exc
        return int(run_id)

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str = "done") -> None:
        columns = [
            "documents", "coded", "already_stored", "duplicates", "not_english", "failed",
            "errors", "sentences", "events", "seconds",
        ]  # fmt: skip
        sets = ", ".join(f"{c} = ?" for c in columns)
        try:
            self.con.execute(
                f"UPDATE ingest_runs SET status = ?, finished_at = current_timestamp, {sets} "
                "WHERE run_id = ?",
                [status, *(counts.get(c) for c in columns), run_id],
            )
        except duckdb.Error as exc:
            raise StoreError(f"cannot record the run: {_reason(exc)}", "W402") from exc

    # -- what is there -------------------------------------------------------------------
    def known(self, keys: list[str]) -> set[str]:
        """The document keys among ``keys`` that are already stored."""
        if not keys:
            return set()
        rows = self.con.execute(
            "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?))", [keys]
        ).fetchall()
        return {r[0] for r in rows}

    def originals(self, hashes: list[str]) -> dict[str, str]:
        """For each content hash already stored, the key of its first (original) document."""
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, arg_min(doc_key, seq) FROM documents "
            "WHERE content_hash IN (SELECT unnest(?)) AND duplicate_of IS NULL "
            "AND status <> 'not_english' GROUP BY content_hash",
            [hashes],
        ).fetchall()
        return dict(rows)

    # -- writing -------------------------------------------------------------------------
    def write(self, rows: Rows) -> None:
        """Store a batch in one transaction: all of it, or (on failure) none of it."""
        if len(rows):
            self.write_tables(rows.arrow())

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Insert Arrow tables (named as the store's tables) in one transaction; rows whose
        key is already there are left as they are."""
        views: list[str] = []
        try:
            self.con.execute("BEGIN")
            for name in WRITE_ORDER:
                table = tables.get(name)
                if table is None or table.num_rows == 0:
                    continue
                views.append(f"incoming_{name}")
                self.con.register(views[-1], table)
                self.con.execute(f"INSERT OR IGNORE INTO {name} BY NAME SELECT * FROM {views[-1]}")
            self.con.execute("COMMIT")
        except (duckdb.Error, OSError) as exc:
            self._rollback()
            raise StoreError(
                f"writing to the store {self.path} failed ({_reason(exc)}); this batch was "
                "not stored, the next run will code it again",
                "W402",
            ) from exc
        finally:
            for view in views:
                try:
                    self.con.unregister(view)
                except duckdb.Error:
                    pass  # the connection failed with the write: nothing left to release

    def link_near_duplicates(self, hasher: MinHasher) -> int:
        """Link each newly coded document to an earlier one whose text it nearly repeats
        (estimated Jaccard similarity of shingles >= ``hasher.threshold``); returns how many
        were linked. Documents are checked once; the check resumes after a kill."""
        pairs = self.con.execute(
            """
            SELECT n.doc_key, o.doc_key, any_value(nd.seq) AS seq
            FROM documents nd
            JOIN doc_bands n ON n.doc_key = nd.doc_key
            JOIN doc_bands o ON o.band = n.band AND o.bucket = n.bucket
                             AND o.doc_key <> n.doc_key
            JOIN documents od ON od.doc_key = o.doc_key AND od.seq < nd.seq
            WHERE NOT nd.near_checked AND nd.status = 'coded' AND nd.duplicate_of IS NULL
            GROUP BY n.doc_key, o.doc_key
            HAVING count(*) >= ?
            ORDER BY seq
            """,
            [hasher.min_bands],
        ).fetchall()
        candidates: dict[str, list[str]] = {}
        for doc, other, _ in pairs:  # in document order: chains resolve below
            candidates.setdefault(doc, []).append(other)
        involved = sorted({k for doc, others in candidates.items() for k in (doc, *others)})
        signatures: dict[str, np.ndarray] = {}
        parent: dict[str, str] = {}
        if involved:
            rows = self.con.execute(
                "SELECT doc_key, minhash, duplicate_of FROM documents "
                "WHERE doc_key IN (SELECT unnest(?))",
                [involved],
            ).fetchall()
            for key, minhash, duplicate_of in rows:
                signatures[key] = np.asarray(minhash, dtype=np.uint32)
                if duplicate_of is not None:
                    parent[key] = duplicate_of
        links = []
        for doc, others in candidates.items():
            matrix = np.stack([signatures[o] for o in others])
            similarity = (matrix == signatures[doc]).mean(axis=1)
            best = int(similarity.argmax())
            if similarity[best] >= hasher.threshold:
                root = parent.get(others[best], others[best])
                parent[doc] = root
                links.append((doc, root, "near", round(float(similarity[best]), 4)))
        try:
            self.con.execute("BEGIN")
            if links:
                self.con.executemany(
                    "INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, ?)", links
                )
                self.con.executemany(
                    "UPDATE documents SET duplicate_of = ? WHERE doc_key = ?",
                    [(root, doc) for doc, root, _, _ in links],
                )
            self.con.execute(
                "UPDATE documents SET near_checked = true WHERE NOT near_checked"
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"linking near duplicates failed: {_reason(exc)}", "W402") from exc
        return len(links)

    # -- reading -------------------------------------------------------------------------
    def sql(self, query: str, params: Iterable[Any] = ()) -> pd.DataFrame:
        """Any SQL over the store's tables, as a DataFrame."""
        return self.con.execute(query, list(params)).df()

    def events(self, filters: EventFilter | None = None, **criteria: Any) -> pd.DataFrame:
        """Events as a DataFrame, one row each, with their document's url/source/title and
        their cluster's ``cluster_id``, ``num_mentions``, ``num_articles``, ``num_sources``.
        Criteria are those of :class:`EventFilter` (``actor``, ``country``, ``root``, ...)."""
        chosen = filters or EventFilter(**criteria)
        query, params = events_sql(chosen)
        try:
            return self.con.execute(query, params).df()
        except duckdb.Error as exc:
            raise StoreError(f"cannot query events: {_reason(exc)}", "W404") from exc

    def documents(self, with_text: bool = False) -> pd.DataFrame:
        columns = "* EXCLUDE (minhash)" if with_text else "* EXCLUDE (minhash, text)"
        return self.sql(f"SELECT {columns} FROM documents ORDER BY seq")

    def clusters(self) -> pd.DataFrame:
        return self.sql("SELECT * FROM event_clusters ORDER BY date, cluster_id")

    def errors(self) -> pd.DataFrame:
        return self.sql("SELECT * FROM doc_errors ORDER BY seen_at, item")

    def runs(self) -> pd.DataFrame:
        return self.sql("SELECT * FROM ingest_runs ORDER BY run_id")

    def counts(self) -> dict[str, int]:
        tables = ("documents", "events", "actors", "quotes", "duplicates", "doc_errors")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
