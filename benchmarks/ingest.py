"""Ingest benchmark (not a test): text files to DuckDB, in one process and on Dask.

    .venv/bin/python benchmarks/ingest.py --sentences 4000 --workers 2 --repeat 2

Writes N sentences of generated news-like articles as text files (20 sentences each),
then, with the NLP resources already loaded (start-up is not counted):
  - ``whodid code``'s work on them: read the files, code, write JSON Lines (to /dev/null);
  - ``whodid ingest`` into a fresh DuckDB store in this process;
  - ``whodid ingest --dask`` on a LocalCluster of --workers single-threaded processes whose
    resources were loaded beforehand (cluster start-up and loading are reported apart).
Each is run --repeat times (alternating code and ingest); the best time is kept. Prints
sentences per second for each, ingest/code (the store's overhead: >= 0.9 is the goal),
Dask/single, and peak resident memory of this process and of each Dask worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from whodid import Coder, Resources
from whodid.batch import IngestOptions, ingest
from whodid.ingest import read_inputs
from whodid.output import write_events
from whodid.store import Store
from whodid.types import Document


def write_corpus(folder: Path, sentences: int, per_document: int = 20) -> int:
    """Distinct news-like articles (the test suite's generator: varied actors, places and
    numbers, so documents overlap the way a real feed's do, not all near-identical)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from newsgen import article

    count = 0
    for n in range(0, sentences // per_document):
        (folder / f"doc-{n:05d}.txt").write_text(article(n, per_document), encoding="utf-8")
        count += 1
    return count


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def run_code(coder: Coder, folder: Path) -> tuple[float, int]:
    """What ``whodid code FOLDER -o /dev/null`` does after loading."""
    start = time.perf_counter()
    sentences = 0

    def documents():
        for item in read_inputs([str(folder)]):
            if isinstance(item, Document):
                yield item

    with open(os.devnull, "w", encoding="utf-8") as out:
        for result in coder.code(documents()):
            sentences += result.sentences
            write_events(result.events, out, "jsonl")
    return time.perf_counter() - start, sentences


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_ingest(coder: Coder, folder: Path, db: Path) -> tuple[float, int, float]:
    """Seconds, sentences, and cores busy on average (CPU time / wall time)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    with Store(db) as store:
        summary = ingest([str(folder)], store, coder, IngestOptions(progress=False))
    seconds = time.perf_counter() - start
    return seconds, summary.sentences, (cpu_seconds() - cpu) / seconds


def run_dask(folder: Path, db: Path, client, workers: int) -> tuple[float, int, float]:
    from whodid.batch.dask_run import ingest_on_dask

    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest_on_dask(
            [str(folder)], store, "benchmark", IngestOptions(progress=False),
            workers=workers, partition_docs=10, client=client,
        )  # fmt: skip
    return time.perf_counter() - start, summary.sentences, summary.worker_peak_rss_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; best is kept")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="whodid-bench-"))
    folder = work / "corpus"
    folder.mkdir()
    documents = write_corpus(folder, args.sentences)
    coder = Coder(Resources.load())
    coder.code_text("Warm up: rebels attacked a town.")

    code_times, ingest_times = [], []
    sentences, cores = 0, 0.0
    for n in range(args.repeat):
        seconds, sentences = run_code(coder, folder)
        code_times.append(seconds)
        seconds, stored, cores = run_ingest(coder, folder, work / f"single-{n}.duckdb")
        ingest_times.append(seconds)
        assert stored == sentences, (stored, sentences)
    code_rate = sentences / min(code_times)
    ingest_rate = sentences / min(ingest_times)
    single_rss = peak_rss_mb()

    print(f"corpus               {documents} text files, {sentences} sentences")
    print(f"whodid code          {code_rate:8.1f} sentences/s  (best of {args.repeat})")
    print(f"ingest, 1 process    {ingest_rate:8.1f} sentences/s  (best of {args.repeat}; "
          f"{cores:.2f} cores busy)")  # fmt: skip
    print(f"ingest / code        {ingest_rate / code_rate:8.3f}   (goal >= 0.9)")
    print(f"peak RSS, 1 process  {single_rss:8.1f} MB")
    if args.no_dask:
        return

    from distributed import Client, LocalCluster

    from whodid.batch.dask_run import load_coders

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)  # fmt: skip
    client = Client(cluster)
    load_coders(client)
    ready = time.perf_counter() - start
    dask_times, worker_rss = [], 0.0
    client_cpu = 0.0
    for n in range(args.repeat):
        cpu = cpu_seconds()
        seconds, stored, rss = run_dask(folder, work / f"dask-{n}.duckdb", client, args.workers)
        client_cpu = (cpu_seconds() - cpu) / seconds
        assert stored == sentences, (stored, sentences)
        dask_times.append(seconds)
        worker_rss = max(worker_rss, rss)
    client.close()
    cluster.close()
    dask_rate = sentences / min(dask_times)
    print(f"dask start + load    {ready:8.1f} s  ({args.workers} workers, not in the rates)")
    print(f"ingest, dask x{args.workers}     {dask_rate:8.1f} sentences/s  "
          f"(best of {args.repeat})")  # fmt: skip
    print(f"dask / 1 process     {dask_rate / ingest_rate:8.3f}   (the client and scheduler "
          f"kept {client_cpu:.2f} cores busy)")  # fmt: skip
    print(f"peak RSS per worker  {worker_rss:8.1f} MB")


if __name__ == "__main__":
    main()
