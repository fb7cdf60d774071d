"""Load test of the HTTP API (not a test): concurrent clients on loopback for a fixed time.

    .venv/bin/python benchmarks/load.py --clients 50 --seconds 60

Builds a store from the bundled sample articles (or serves ``--db``), starts ``whodid
serve`` on a free 127.0.0.1 port in its own process, and runs N client tasks (httpx2,
async, one connection each) for the given time; each client alternates ``GET /events``
(a random filter and page) and ``POST /code`` (a random short text) in the proportion
``--code-share``. Prints per endpoint the requests, throughput, p50/p99 latency and errors
(non-2xx answers and failed requests). Only loopback is contacted; the loop stops by
itself after ``--seconds`` or ``--max-requests``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources as package_files
from pathlib import Path

import httpx2 as httpx

FILTERS = [
    {}, {"actor": "ISR"}, {"country": "PSE"}, {"root": "19"}, {"attribution": "reported"},
    {"since": "2024-01-01"}, {"location": "Gaza"}, {"min_modality": "actual"},
    {"actor": "Hamas", "main_only": "true"}, {"format": "csv"},
]  # fmt: skip
TEXTS = [
    "Iran condemned Israel on Monday, state media said.",
    "North Korea threatened to attack South Korea.",
    "Egypt sent humanitarian aid to Gaza on Thursday.",
    "Russian forces fired missiles at Kyiv, Ukrainian officials said.",
    "France hosted talks with Germany in Paris. Germany praised France for its leadership.",
    "Police arrested dozens of protesters in Istanbul on Saturday.",
]


def build_store(folder: Path) -> Path:
    from whodid import Coder, Resources
    from whodid.batch import IngestOptions, ingest
    from whodid.store import Store

    samples = package_files.files("whodid") / "samples"
    db = folder / "load.duckdb"
    with Store(db) as store:
        summary = ingest([str(samples)], store, Coder(Resources.load()),
                         IngestOptions(progress=False))  # fmt: skip
    print(f"store: {summary.line()}", flush=True)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = "from whodid.cli import main; main()"
    args = [sys.executable, "-c", code, "serve", "--db", str(db), "--host", "127.0.0.1",
            "--port", str(port)]  # fmt: skip
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(base: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"server exited: {process.stderr.read().decode()[-2000:]}")
            try:
                if (await client.get(base + "/stats")).status_code == 200:
                    # warm the coder once, so its load time is not counted as latency
                    await client.post(base + "/code", json={"text": TEXTS[0]}, timeout=120)
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not start in time")


async def client_loop(base: str, until: float, share: float, seed: int, budget: list[int],
                      results: dict[str, list]) -> None:  # fmt: skip
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        while time.monotonic() < until and budget[0] > 0:
            budget[0] -= 1
            if rng.random() < share:
                name = "/code"
                request = client.post("/code", json={"text": rng.choice(TEXTS)})
            else:
                name = "/events"
                params = {**rng.choice(FILTERS), "limit": rng.choice([10, 50, 100]),
                          "offset": rng.choice([0, 0, 10, 50])}  # fmt: skip
                request = client.get("/events", params=params)
            started = time.perf_counter()
            try:
                response = await request
                ok = 200 <= response.status_code < 300
            except httpx.HTTPError:
                ok = False
            results[name].append((time.perf_counter() - started, ok))


def report(results: dict[str, list], seconds: float) -> None:
    print(f"{'endpoint':<10}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}"
          f"{'errors':>8}")  # fmt: skip
    everything = [r for rows in results.values() for r in rows]
    for name, rows in [*results.items(), ("all", everything)]:
        if not rows:
            continue
        latencies = sorted(t for t, _ in rows)
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        errors = sum(1 for _, ok in rows if not ok)
        print(f"{name:<10}{len(rows):>10}{len(rows) / seconds:>10.1f}{p50:>10.1f}{p99:>10.1f}"
              f"{errors:>8}")  # fmt: skip


async def run(args: argparse.Namespace, db: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(db, port)
    try:
        await wait_ready(base, process)
        results: dict[str, list] = {"/events": [], "/code": []}
        budget = [args.max_requests]
        started = time.monotonic()
        until = started + args.seconds
        await asyncio.gather(*(
            client_loop(base, until, args.code_share, seed, budget, results)
            for seed in range(args.clients)
        ))  # fmt: skip
        elapsed = time.monotonic() - started
        print(f"{args.clients} clients, {elapsed:.1f} s, /code share {args.code_share}")
        report(results, elapsed)
        async with httpx.AsyncClient() as client:
            alive = (await client.get(base + "/stats")).status_code == 200
        print(f"server still serving: {alive}")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--code-share", type=float, default=0.5,
                        help="Share of requests that are POST /code.")  # fmt: skip
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="Serve this store instead of building one.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="whodid-load-") as tmp:
        db = args.db or build_store(Path(tmp))
        asyncio.run(run(args, db))


if __name__ == "__main__":
    main()
