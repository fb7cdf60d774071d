"""Files to the store in one process: read, triage, code (one Coder, nlp.pipe batches),
write a small batch per transaction. Resumable: stored documents are skipped.

    with Store("events.duckdb") as store:
        summary = ingest(["articles/"], store, Coder(Resources.load()))
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from whodid.batch.progress import Progress, estimate_documents
from whodid.batch.summary import IngestSummary
from whodid.batch.triage import Triage
from whodid.batch.writer import BatchWriter
from whodid.coder import Coder
from whodid.ingest import read_inputs
from whodid.ingest.readers import MAX_CHARS
from whodid.store import Store
from whodid.store.minhash import MinHasher
from whodid.store.rows import Identity, coded_rows
from whodid.types import Document


@dataclass(frozen=True)
class IngestOptions:
    max_chars: int = MAX_CHARS
    batch_docs: int = 32  # documents per transaction
    flush_seconds: float = 5.0  # ... or at least this often
    progress: bool = True
    sentences: bool = False  # also store every sentence of each coded document
    hasher: MinHasher = field(default_factory=MinHasher)


def ingest(
    paths: list[str], store: Store, coder: Coder, options: IngestOptions | None = None,
) -> IngestSummary:  # fmt: skip
    """Ingest ``paths`` (files, folders) into ``store``; returns what the run did. A
    :class:`~whodid.errors.StoreError` (W402) stops the run with every earlier batch kept."""
    opts = options or IngestOptions()
    started = time.perf_counter()
    summary = IngestSummary(run_id=store.begin_run(paths, "local"))
    writer = BatchWriter(store, opts.batch_docs, opts.flush_seconds)
    progress = Progress(estimate_documents(paths), opts.progress)
    triage = Triage(store, summary.run_id, summary, writer.rows, on_skip=progress.done)
    waiting: deque[Identity] = deque()

    def to_code() -> Iterator[Document]:
        for document, identity in triage(read_inputs(paths, max_chars=opts.max_chars)):
            waiting.append(identity)
            yield document

    status = "failed"
    try:
        for coded in coder.code(to_code()):
            identity = waiting.popleft()
            writer.rows.extend(
                coded_rows(coded, identity, summary.run_id, opts.hasher, opts.sentences)
            )
            if coded.error is None:
                summary.coded += 1
                summary.sentences += coded.sentences
                summary.events += len({e.event_id for e in coded.events})
            else:
                summary.failed += 1
            progress.done(coded.sentences)
            writer.maybe_flush()
        writer.flush()
        summary.near_duplicates = store.link_near_duplicates(opts.hasher)
        status = "done"
    finally:
        progress.close()
        end_run(store, summary, status, started)
    return summary


def end_run(store: Store, summary: IngestSummary, status: str, started: float) -> None:
    """Close the run's record: its time and counts, and ``status`` (done, or failed)."""
    summary.seconds = time.perf_counter() - started
    if status == "failed":
        _record_failure(store, summary)
    else:
        store.finish_run(summary.run_id, _run_counts(summary), status)


def _run_counts(summary: IngestSummary) -> dict[str, float | int]:
    counts = summary.as_dict()
    counts["duplicates"] = summary.duplicates + summary.near_duplicates
    return counts


def _record_failure(store: Store, summary: IngestSummary) -> None:
    """Mark the run failed if the store still takes writes (after a full disk it may not)."""
    from whodid.errors import StoreError

    try:
        store.finish_run(summary.run_id, _run_counts(summary), "failed")
    except StoreError:
        pass  # the error that stopped the run is the one to report
