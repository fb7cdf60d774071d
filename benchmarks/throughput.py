"""Throughput benchmark (not a test): whodid coding vs bare spaCy parsing, same text, same run.

    .venv/bin/python benchmarks/throughput.py --sentences 5000
    .venv/bin/python benchmarks/throughput.py --corpus my_articles.jsonl

Builds a corpus of N news-style sentences from the bundled samples (or reads yours with
--corpus: any input ``whodid code`` takes), then --repeat times goes
through it chunk by chunk, parsing each chunk with the bare spaCy pipeline (the same
components and the same batches whodid uses, in one thread) and then coding it with
whodid. Interleaving the two means load from other processes slows both alike. Prints
sentences per second for both, their ratio (overall and per round) and the process's peak
resident memory.

whodid parses ahead in a second thread while it codes (``whodid.nlp.ahead``); ``--serial``
codes in one thread, which shows whodid's own cost on top of the parse. ``--stages`` also
times whodid's stages (wrapping their functions, which adds a little overhead) and prints
where its own time per sentence goes; use it with ``--serial``, since time hidden behind
the parse is not whodid's to spend.
"""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from importlib import resources as package_files

import whodid.coder
import whodid.events
from whodid import Coder, Document, Resources
from whodid.attribute import Voices
from whodid.coder import usable_cores
from whodid.geo.locate import PlaceResolver
from whodid.ingest import read_inputs
from whodid.nlp import tree
from whodid.nlp.ahead import parse_in_batches
from whodid.resolve import ActorResolver

# whodid's stages, by the function each runs through: (label, owner, attribute); the
# indented ones run inside "building events"
STAGES = [
    ("read the parse into Words", tree, "_read"),
    ("quotations and speakers", Voices, "read"),
    ("candidate events", whodid.coder, "find_candidates"),
    ("date words of each sentence", whodid.events, "sentence_dates"),
    ("building events", whodid.events, "build_events"),
    ("  actors", ActorResolver, "resolve_each"),
    ("  actors (targets)", ActorResolver, "resolve_involved"),
    ("  places", PlaceResolver, "locate"),
    ("  dates (tying date words)", whodid.events, "event_date"),
    ("  claims", whodid.coder, "read_claims"),
]


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


def read_corpus(paths: list[str]) -> list[Document]:
    """Your own documents: anything ``whodid code`` reads (text files, folders, JSON Lines);
    items it cannot read are skipped with a message, as ``whodid code`` does."""
    documents = []
    for item in read_inputs(paths):
        if isinstance(item, Document):
            documents.append(item)
        else:
            print(f"skipped: {item}", file=sys.stderr)
    return documents


def time_stages() -> Counter[str]:
    """Wrap each stage's function so that the time spent in it is summed by label."""
    spent: Counter[str] = Counter()

    def timed(label: str, func: Callable) -> Callable:
        @functools.wraps(func)
        def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start

        return run

    for label, owner, name in STAGES:
        setattr(owner, name, timed(label, getattr(owner, name)))
    return spent


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000,
                        help="corpus size, in sentences of the bundled samples")  # fmt: skip
    parser.add_argument("--corpus", nargs="+", metavar="PATH",
                        help="time these documents instead (files, folders, JSONL)")  # fmt: skip
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=5, help="rounds over the corpus")
    parser.add_argument("--chunk", type=int, default=20,
                        help="documents parsed bare, then coded, in turn")  # fmt: skip
    parser.add_argument("--serial", action="store_true",
                        help="code without parsing ahead in a second thread")  # fmt: skip
    parser.add_argument("--stages", action="store_true",
                        help="also time whodid's stages (adds a little overhead)")  # fmt: skip
    args = parser.parse_args()
    spent = time_stages() if args.stages else None

    res = Resources.load()
    coder = Coder(res, batch_size=args.batch_size, parse_ahead=False if args.serial else None)
    docs = read_corpus(args.corpus) if args.corpus else corpus(args.sentences)
    coder.code_text("Warm up: rebels attacked a town.")

    # Interleave bare parsing and coding chunk by chunk, so that whatever else the machine
    # is doing slows both alike; sum each side over all rounds.
    chunks = [docs[i : i + args.chunk] for i in range(0, len(docs), args.chunk)]
    bare = full = 0.0
    ratios = []
    parsed_sents = coded_sents = events = 0
    for _ in range(args.repeat):
        round_bare = round_full = 0.0
        parsed_sents = coded_sents = events = 0
        for chunk in chunks:
            start = time.perf_counter()
            texts = ((d.text, None) for d in chunk)
            parsed_sents += sum(
                len(list(d.sents)) for d, _ in parse_in_batches(res.nlp, texts, args.batch_size)
            )
            round_bare += time.perf_counter() - start
            start = time.perf_counter()
            for result in coder.code(chunk):
                coded_sents += result.sentences
                events += len(result.events)
            round_full += time.perf_counter() - start
        bare, full = bare + round_bare, full + round_full
        # the same text both ways: the ratio of times is the ratio of speeds (whodid parses
        # paragraph by paragraph, so on your own documents it may count more sentences)
        ratios.append(round_bare / round_full)

    bare_rate = parsed_sents * args.repeat / bare
    full_rate = coded_sents * args.repeat / full
    print(f"documents            {len(docs)}")
    print(f"sentences            {coded_sents} (bare parse saw {parsed_sents})")
    print(f"events               {events}")
    rounds = f"{args.repeat} rounds"
    print(f"bare spaCy parse     {bare_rate:8.1f} sentences/s  ({rounds}: {bare:.2f} s)")
    print(f"whodid code          {full_rate:8.1f} sentences/s  ({rounds}: {full:.2f} s)")
    print(f"ratio whodid/bare    {bare / full:8.3f}")
    spread = ", ".join(f"{r:.3f}" for r in ratios)  # in order: does a first round lag?
    print(f"ratio by round       {spread}")
    print(f"peak RSS             {peak_rss_mb():8.1f} MB")
    print(f"parsing ahead        {'yes' if coder.parse_ahead else 'no'} (cores: {usable_cores()})")
    if spent is not None:
        total = coded_sents * args.repeat
        own = (full - bare) / total * 1000
        print(f"whodid's own time    {own:8.3f} ms/sentence (coding minus bare parse); by stage:")
        for label, _, _ in STAGES:
            print(f"  {label:<28} {spent[label] / total * 1000:8.3f} ms/sentence")


if __name__ == "__main__":
    main()
