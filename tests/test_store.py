"""The store and the single-process pipeline: idempotent, resumable, no partial rows."""

import json
import subprocess
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsgen import article, write_jsonl
from storecheck import consistent, snapshot
from test_ingest_formats import PAGE, RSS
from whodid.batch import IngestOptions, ingest
from whodid.cli import EXIT_STORE, main
from whodid.errors import StoreError
from whodid.store import Store

QUIET = IngestOptions(progress=False, batch_docs=4)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "wire").mkdir(parents=True)
    write_jsonl(folder / "feed.jsonl", 10, sentences=4)
    for n in range(10, 13):
        (folder / "wire" / f"art{n}.txt").write_text(article(n, 4), encoding="utf-8")
    return folder


def test_ingest_stores_everything_once_and_a_rerun_adds_nothing(coder, corpus, tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        first = ingest([str(corpus)], store, coder, QUIET)
        assert (first.documents, first.coded, first.failed) == (13, 13, 0)
        assert first.events > 13 and first.sentences == 13 * 4
        before = snapshot(store)
        counts = store.counts()
        again = ingest([str(corpus)], store, coder, QUIET)
        assert (again.coded, again.already_stored, again.events) == (0, 13, 0)
        assert store.counts() == counts and snapshot(store) == before
        runs = store.runs()
        assert runs.status.tolist() == ["done", "done"]
        assert runs.coded.tolist() == [13, 0]
        consistent(store)
        stored = store.sql("SELECT record FROM events LIMIT 1").record[0]
        assert json.loads(stored)["doc_id"].startswith(("story-", "art"))


def test_store_events_read_back_as_the_coder_wrote_them(coder, tmp_path):
    text = (
        "Israeli troops shelled a village near Jenin on Tuesday, residents said.\n\n"
        "North Korea threatened to attack South Korea."
    )
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "one", "text": text, "date": "2024-03-07"}) + "\n")
    coded = coder.code_text(text, "one", "2024-03-07")
    expected = [json.loads(json.dumps(e.to_dict())) for e in coded]
    with Store(tmp_path / "e.duckdb") as store:
        ingest([str(path)], store, coder, IngestOptions(progress=False, sentences=True))
        df = store.events()
        stored = sorted((json.loads(r) for r in df.record), key=lambda e: e["event_id"])
        assert stored == sorted(expected, key=lambda e: e["event_id"]) and len(stored) >= 2
        row = df[df.code == "138"].iloc[0]
        assert (row.source_code, row.target_code) == ("PRK", "KOR")
        actors = store.sql("SELECT role, code, basis FROM actors WHERE event_id = ?",
                           [row.event_id])  # fmt: skip
        assert sorted(actors.itertuples(index=False)) == [
            ("source", "PRK", "dictionary"), ("target", "KOR", "dictionary")
        ]
        sentences = store.sql("SELECT * FROM sentences ORDER BY sentence")
        assert sentences.text.tolist() == [
            "Israeli troops shelled a village near Jenin on Tuesday, residents said.",
            "North Korea threatened to attack South Korea.",
        ]
        assert all(text[r.start : r.end] == r.text for r in sentences.itertuples())
        for e in stored:  # an event's sentence index points at its sentence
            assert sentences.text[e["sentence"]] == e["text"]


def test_bad_items_are_recorded_and_the_rest_ingested(coder, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    lines = [json.dumps({"id": "ok1", "text": article(1, 2)}), "{broken json",
             json.dumps({"id": "ok2", "text": article(2, 2)})]  # fmt: skip
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes(
        "Rebels attacked a police station in Kidal, officials said. \xff\xfe".encode() + b"\xff"
    )
    (folder / "broken.html").write_bytes(b"<html><body><div><p>")
    (folder / "page.html").write_bytes(PAGE)
    (folder / "wire.rss").write_bytes(RSS)
    (folder / "cut.rss").write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>")
    (folder / "french.txt").write_text(
        "Les troupes israéliennes ont bombardé un village près de Jénine mardi, selon les "
        "habitants. L'armée n'a pas commenté cette attaque qui a fait trois morts."
    )
    with Store(tmp_path / "e.duckdb") as store:
        summary = ingest([str(folder)], store, coder, QUIET)
        assert summary.coded == 6 and summary.not_english == 1
        errors = store.errors()
        codes = dict(zip(errors.item.map(lambda p: Path(p).name), errors.code, strict=True))
        assert codes == {"feed.jsonl:2": "W110", "binary.txt": "W101", "latin1.txt": "W102",
                         "broken.html": "W130", "cut.rss": "W140", "cut.rss#1": "W104"}  # fmt: skip
        docs = store.documents().set_index("doc_id")
        assert docs.loc["french", "status"] == "not_english"
        assert docs.loc["french", "language"] == "fr" and docs.loc["french", "events"] == 0
        assert set(docs.index) == {"ok1", "ok2", "latin1", "french", "page", "wire-1", "wire-2"}
        assert docs.loc["page", "source"] == "Example News" and docs.loc["page", "events"] > 0
        assert str(docs.loc["wire-1", "date"])[:10] == "2024-03-04"
        threats = store.events(code="138")
        assert threats.doc_id.tolist() == ["wire-1"] and threats.url[0] == "https://wire.example/1"
        again = ingest([str(folder)], store, coder, QUIET)
        assert again.coded == 0 and len(store.errors()) == len(errors)  # recorded once


class _FailingConnection:
    """A DuckDB connection whose ``fail_at``-th COMMIT fails as a full disk would, after
    the batch's rows were inserted in the transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, fail_at: int) -> None:
        self._con, self._commits, self._fail_at = con, 0, fail_at

    def execute(self, query: str, *args):
        if query == "COMMIT":
            self._commits += 1
            if self._commits == self._fail_at:
                raise duckdb.IOException("Could not write file: No space left on device")
        return self._con.execute(query, *args)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def test_failing_writer_stops_with_a_clear_error_and_leaves_no_partial_rows(
    coder, corpus, tmp_path
):
    db = tmp_path / "e.duckdb"
    store = Store(db)
    real = store.con
    store.con = _FailingConnection(real, fail_at=2)  # the second batch of documents
    with pytest.raises(StoreError) as failure:
        ingest([str(corpus)], store, coder, QUIET)
    assert failure.value.code == "W402" and "No space left on device" in str(failure.value)
    assert "next run will code it again" in str(failure.value)
    store.con = real
    stored = store.counts()["documents"]
    assert stored == 4  # the first batch only; the failed one left nothing behind
    consistent(store)
    assert store.runs().status.tolist() == ["failed"]
    summary = ingest([str(corpus)], store, coder, QUIET)
    assert (summary.already_stored, summary.coded) == (4, 9)
    assert store.counts()["documents"] == 13
    consistent(store)
    store.close()


def test_unwritable_database_path_is_a_clear_error_and_exit_status(tmp_path, corpus):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    runner = CliRunner(mix_stderr=False)
    # a missing folder, and a "folder" that is a file: unwritable for root too
    for db in (tmp_path / "no" / "such" / "dir" / "e.duckdb", a_file / "e.duckdb"):
        result = runner.invoke(main, ["ingest", "-q", str(corpus), "--db", str(db)])
        assert result.exit_code == EXIT_STORE, result.output
        assert "[W401] cannot open the store" in result.stderr and str(db) in result.stderr


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError) as failure:
        Store(other, read_only=True)
    assert failure.value.code == "W403"


def test_full_tiny_filesystem_stops_cleanly_and_keeps_what_was_committed(coder, tmp_path):
    """A real full disk: a 1 MB tmpfs (needs root, as on the project's machines and CI)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tiny filesystem here: {made.stderr.strip()}")
    try:
        big = tmp_path / "big.jsonl"
        write_jsonl(big, 300, sentences=4)
        store = Store(mount / "e.duckdb")
        with pytest.raises(StoreError) as failure:
            ingest([str(big)], store, coder, IngestOptions(progress=False, batch_docs=8))
        assert failure.value.code == "W402"
        store.close()
        saved = tmp_path / "saved.duckdb"
        for suffix in ("", ".wal"):
            source = Path(str(mount / "e.duckdb") + suffix)
            if source.exists():
                Path(str(saved) + suffix).write_bytes(source.read_bytes())
    finally:
        subprocess.run(["umount", str(mount)], check=True)
    with Store(saved) as store:
        documents = store.counts()["documents"]
        assert 0 < documents < 300
        consistent(store)


def test_cli_ingest_shows_progress_and_a_summary_and_is_silent_with_quiet(
    resources, corpus, tmp_path, monkeypatch
):
    from whodid.resources import Resources

    monkeypatch.setattr(Resources, "load", classmethod(lambda cls, **_: resources))
    runner = CliRunner(mix_stderr=False)
    db = str(tmp_path / "e.duckdb")
    loud = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert loud.exit_code == 0, loud.stderr
    assert "ingest: 100%" in loud.stderr and "doc/s" in loud.stderr  # the progress bar
    summary = loud.stderr.strip().splitlines()[-1]
    assert summary.startswith("whodid: 13 document(s) read: 13 coded, 0 already stored")
    assert "52 sentences" in summary and " events, 0 error(s)" in summary and " s (" in summary
    quiet = runner.invoke(main, ["ingest", "-q", str(corpus), "--db", db])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    with Store(db, read_only=True) as store:
        assert store.runs().already_stored.tolist() == [0, 13]
