"""``whodid ingest`` as one library call: open the store, load the coder, run the pipeline
in this process or on Dask, and report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whodid.batch.pipeline import IngestOptions, ingest
from whodid.batch.summary import IngestSummary
from whodid.store import Store


@dataclass(frozen=True)
class RunReport:
    summary: IngestSummary
    errors: list[str]  # this run's item errors, as "item: [code] message"


def run_ingest(
    paths: list[str], db: str | Path, options: IngestOptions, *,
    dask: str | None = None, workers: int = 2, partition_docs: int = 100,
    patterns: Path | None = None, dictionaries: tuple[Path, ...] = (),
    parts_dir: Path | None = None,
) -> RunReport:  # fmt: skip
    """Ingest ``paths`` into the store at ``db``. ``dask``: ``"local"`` for a local
    cluster of ``workers`` processes, or a scheduler address (``tcp://host:8786``); the
    workers write Parquet partitions under ``parts_dir`` (default ``<db>.parts``)."""
    from whodid.resources import Resources

    with Store(db) as store:
        if dask:
            from whodid.batch.dask_run import ingest_on_dask

            summary = ingest_on_dask(
                paths, store, dask, options, workers=workers, partition_docs=partition_docs,
                patterns=patterns, dictionaries=dictionaries, parts_dir=parts_dir,
            )  # fmt: skip
        else:
            from whodid.coder import Coder

            resources = Resources.load(patterns_dir=patterns, dictionaries=dictionaries)
            summary = ingest(paths, store, Coder(resources), options)
        rows = store.con.execute(
            "SELECT item, code, message FROM doc_errors WHERE run_id = ? ORDER BY seen_at, item",
            [summary.run_id],
        ).fetchall()
    return RunReport(summary, [f"{item}: [{code}] {message}" for item, code, message in rows])
