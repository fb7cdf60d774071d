"""kill -9 a real ``whodid ingest`` mid-run, run it again: every document once, nothing lost."""

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsgen import write_jsonl
from storecheck import consistent, snapshot
from whodid.batch import IngestOptions, ingest
from whodid.store import Store

DOCUMENTS = 60
PROGRESS = re.compile(rb"(\d+)/\d+ \[")


def _kill_when_done(proc: subprocess.Popen, at_least: int, timeout: float = 120.0) -> int:
    """SIGKILL ``proc`` once its progress bar shows ``at_least`` documents done."""
    selector = selectors.DefaultSelector()
    selector.register(proc.stderr, selectors.EVENT_READ)
    seen, output = 0, b""
    deadline = time.monotonic() + timeout
    while seen < at_least and time.monotonic() < deadline:
        if not selector.select(timeout=1.0):
            continue
        chunk = os.read(proc.stderr.fileno(), 65536)
        if not chunk:
            break
        output += chunk
        found = PROGRESS.findall(output[-400:])
        seen = int(found[-1]) if found else seen
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert seen >= at_least, output.decode(errors="replace")[-2000:]
    return seen


def test_a_killed_ingest_resumes_and_ends_with_every_document_once(coder, tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    ids = write_jsonl(corpus, DOCUMENTS, sentences=6)
    db = tmp_path / "events.duckdb"
    whodid = Path(sys.executable).with_name("whodid")
    proc = subprocess.Popen(
        [str(whodid), "ingest", str(corpus), "--db", str(db), "--batch-docs", "3"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    _kill_when_done(proc, at_least=12)
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        partial = store.counts()["documents"]
        assert 0 < partial < DOCUMENTS  # killed mid-run, with some batches committed
        consistent(store)  # the batch in flight left nothing behind
        assert store.runs().status.tolist() == ["running"]  # it never got to say "done"
        summary = ingest([str(corpus)], store, coder, IngestOptions(progress=False))
        assert (summary.already_stored, summary.coded) == (partial, DOCUMENTS - partial)
        assert store.runs().status.tolist() == ["interrupted", "done"]
        stored_ids = store.sql("SELECT doc_id FROM documents").doc_id.tolist()
        assert sorted(stored_ids) == ids  # every document exactly once
        consistent(store)
        resumed = snapshot(store)

    with Store(tmp_path / "clean.duckdb") as clean:
        ingest([str(corpus)], clean, coder, IngestOptions(progress=False))
        assert snapshot(clean) == resumed and len(resumed["events"]) > DOCUMENTS
