"""Throughput benchmark (not a test): whodid coding vs bare spaCy parsing, same text, same run.

    .venv/bin/python benchmarks/throughput.py --sentences 5000

Builds a corpus of N news-style sentences from the bundled samples, parses it with the bare
spaCy pipeline (the same components whodid uses), then codes it with whodid, alternating
the two --repeat times and keeping each one's best time, and prints sentences per second
for both, their ratio and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from importlib import resources as package_files

from whodid import Coder, Document, Resources


def corpus(sentences: int, per_document: int = 20) -> list[Document]:
    """N sentences taken round-robin from the sample articles, in documents of 20."""
    samples = package_files.files("whodid") / "samples"
    pool: list[str] = []
    for path in sorted(samples.iterdir()):
        if path.name.endswith(".txt"):
            text = path.read_text(encoding="utf-8")
            pool.extend(s.strip() + "." for s in text.replace("\n", " ").split(". ") if s.strip())
    chosen = [pool[i % len(pool)].rstrip(".") + "." for i in range(sentences)]
    return [
        Document(f"bench-{i // per_document}", " ".join(chosen[i : i + per_document]))
        for i in range(0, sentences, per_document)
    ]


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; best is kept")
    args = parser.parse_args()

    res = Resources.load()
    coder = Coder(res, batch_size=args.batch_size)
    docs = corpus(args.sentences)
    coder.code_text("Warm up: rebels attacked a town.")

    bare_times, full_times = [], []
    parsed_sents = coded_sents = events = 0
    for _ in range(args.repeat):  # alternate, and keep each one's best run: less noise
        start = time.perf_counter()
        parsed_sents = sum(
            len(list(d.sents))
            for d in res.nlp.pipe((d.text for d in docs), batch_size=args.batch_size)
        )
        bare_times.append(time.perf_counter() - start)

        start = time.perf_counter()
        coded_sents = events = 0
        for result in coder.code(docs):
            coded_sents += result.sentences
            events += len(result.events)
        full_times.append(time.perf_counter() - start)
    bare, full = min(bare_times), min(full_times)

    bare_rate, full_rate = parsed_sents / bare, coded_sents / full
    print(f"documents            {len(docs)}")
    print(f"sentences            {coded_sents} (bare parse saw {parsed_sents})")
    print(f"events               {events}")
    best = f"best of {args.repeat}"
    print(f"bare spaCy parse     {bare_rate:8.1f} sentences/s  ({best}: {bare:.2f} s)")
    print(f"whodid code          {full_rate:8.1f} sentences/s  ({best}: {full:.2f} s)")
    print(f"ratio whodid/bare    {full_rate / bare_rate:8.3f}")
    print(f"peak RSS             {peak_rss_mb():8.1f} MB")


if __name__ == "__main__":
    main()
