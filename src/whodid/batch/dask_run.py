"""The same pipeline on Dask: partitions of documents coded on workers, each partition
written as Parquet files, each merged into the store in one transaction as it comes back.

The client reads and triages the inputs (as in one process: already stored, not English,
exact copies, item errors), so only new documents travel. Each worker loads the NLP
resources once (a worker plugin) and codes a partition with one ``Coder`` and ``nlp.pipe``
batching. Partitions are written under ``<db>.parts/run-<id>/part-<n>/<table>.parquet`` and
kept there; a run killed before a partition was merged codes it again next time.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from whodid.batch.pipeline import IngestOptions, end_run
from whodid.batch.progress import Progress, estimate_documents
from whodid.batch.summary import IngestSummary
from whodid.batch.triage import Triage
from whodid.batch.writer import BatchWriter
from whodid.ingest import read_inputs
from whodid.store import Store
from whodid.store.minhash import MinHasher
from whodid.store.rows import Identity, Rows, coded_rows
from whodid.store.schema import WRITE_ORDER
from whodid.types import Document

PLUGIN = "whodid-coder"


class CoderPlugin(WorkerPlugin):
    """Loads the NLP resources once per worker process and keeps a Coder for its tasks."""

    name = PLUGIN

    def __init__(self, patterns: Path | None = None, dictionaries: tuple[Path, ...] = ()):
        self.patterns = patterns
        self.dictionaries = dictionaries
        self.coder: Any = None

    def setup(self, worker: Any) -> None:
        from whodid.coder import Coder
        from whodid.resources import Resources

        resources = Resources.load(patterns_dir=self.patterns, dictionaries=self.dictionaries)
        # a worker a core is Dask's way: a second parsing thread would only contend
        self.coder = Coder(resources, parse_ahead=False)


@dataclass(frozen=True)
class PartitionResult:
    number: int
    folder: str
    coded: int
    failed: int
    sentences: int
    events: int
    peak_rss_mb: float


def code_partition(
    number: int, items: list[tuple[Document, Identity]], run_id: int, folder: str,
    hasher: MinHasher, sentences: bool = False,
) -> PartitionResult:  # fmt: skip
    """On a worker: code one partition and write its rows as Parquet, one file a table
    (written under a temporary name, then renamed: a file that exists is whole)."""
    coder = get_worker().plugins[PLUGIN].coder
    rows = Rows()
    coded = failed = sentence_count = events = 0
    for result, (_, identity) in zip(coder.code(d for d, _ in items), items, strict=True):
        rows.extend(coded_rows(result, identity, run_id, hasher, sentences))
        if result.error is None:
            coded += 1
            sentence_count += result.sentences
            events += len({e.event_id for e in result.events})
        else:
            failed += 1
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for table, data in rows.arrow().items():
        temporary = out / f".{table}.parquet.tmp"
        pq.write_table(data, temporary)
        temporary.rename(out / f"{table}.parquet")
    return PartitionResult(
        number, str(out), coded, failed, sentence_count, events, _peak_rss_mb()
    )


def _peak_rss_mb() -> float:
    """This worker's peak resident memory. Linux's VmHWM, not ``ru_maxrss``: a spawned
    worker inherits its parent's ``ru_maxrss`` across exec; elsewhere the current RSS."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass  # not Linux: fall back on the current size
    import psutil  # a dependency of distributed

    return psutil.Process().memory_info().rss / 2**20


def read_partition(folder: str | Path) -> dict[str, Any]:
    """The Arrow tables of a partition folder, by store table name."""
    path = Path(folder)
    return {t: pq.read_table(path / f"{t}.parquet") for t in WRITE_ORDER
            if (path / f"{t}.parquet").exists()}  # fmt: skip


def _partitions(
    stream: Iterator[tuple[Document, Identity]], size: int
) -> Iterator[list[tuple[Document, Identity]]]:
    while chunk := list(islice(stream, size)):
        yield chunk


def load_coders(
    client: Client, patterns: Path | None = None, dictionaries: tuple[Path, ...] = ()
) -> None:
    """Load the NLP resources on every worker of ``client`` (once; waits for all)."""
    client.register_plugin(CoderPlugin(patterns, dictionaries))


def _has_coder(dask_worker: Any) -> bool:
    plugin = dask_worker.plugins.get(PLUGIN)
    return plugin is not None and plugin.coder is not None


def _client(address: str, workers: int) -> tuple[Client, LocalCluster | None]:
    if address == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=40,
        )  # fmt: skip
        return Client(cluster), cluster
    return Client(address), None


def ingest_on_dask(
    paths: list[str], store: Store, address: str, options: IngestOptions | None = None, *,
    workers: int = 2, partition_docs: int = 100, patterns: Path | None = None,
    dictionaries: tuple[Path, ...] = (), parts_dir: Path | None = None,
    client: Client | None = None,
) -> IngestSummary:  # fmt: skip
    """Ingest ``paths`` into ``store`` with Dask: ``address`` is ``"local"`` (a local
    cluster of ``workers`` processes) or a scheduler address. Workers must see the same
    ``parts_dir`` (default: ``<db>.parts`` beside the store), e.g. a shared filesystem.
    With ``client`` (your own, left open) ``address`` only names the run, and workers that
    already hold a coder (:func:`load_coders`) keep it."""
    opts = options or IngestOptions()
    started = time.perf_counter()
    summary = IngestSummary(run_id=store.begin_run(paths, f"dask:{address}"))
    base = parts_dir or Path(f"{store.path}.parts")
    run_dir = (base / f"run-{summary.run_id:05d}").resolve()
    writer = BatchWriter(store, opts.batch_docs, opts.flush_seconds)
    progress = Progress(estimate_documents(paths), opts.progress)
    triage = Triage(store, summary.run_id, summary, writer.rows, on_skip=progress.done)
    own = client is None
    cluster = None
    if client is None:
        client, cluster = _client(address, workers)
    status = "failed"
    try:
        if own or not all(client.run(_has_coder).values()):
            load_coders(client, patterns, dictionaries)
        slots = max(2, 2 * len(client.scheduler_info()["workers"]))
        documents = triage(read_inputs(paths, max_chars=opts.max_chars))
        pending = as_completed()
        in_flight: deque[int] = deque()
        for number, partition in enumerate(_partitions(documents, partition_docs)):
            folder = str(run_dir / f"part-{number:06d}")
            pending.add(client.submit(
                code_partition, number, partition, summary.run_id, folder, opts.hasher,
                opts.sentences, pure=False,
            ))  # fmt: skip
            in_flight.append(number)
            writer.maybe_flush()
            while len(in_flight) >= slots:
                _merge(next(pending), store, summary, progress, in_flight)
        for future in pending:
            _merge(future, store, summary, progress, in_flight)
        writer.flush()
        summary.near_duplicates = store.link_near_duplicates(opts.hasher)
        status = "done"
    finally:
        progress.close()
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
        end_run(store, summary, status, started)
    return summary


def _merge(future: Any, store: Store, summary: IngestSummary, progress: Progress,
           in_flight: deque[int]) -> None:  # fmt: skip
    result: PartitionResult = future.result()
    store.write_tables(read_partition(result.folder))
    in_flight.remove(result.number)
    summary.coded += result.coded
    summary.failed += result.failed
    summary.sentences += result.sentences
    summary.events += result.events
    summary.worker_peak_rss_mb = max(summary.worker_peak_rss_mb, result.peak_rss_mb)
    for _ in range(result.coded + result.failed):
        progress.done()
    progress.sentences += result.sentences
