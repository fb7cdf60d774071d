"""The command line on real files: contract fields, formats, bad input, exit codes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from whodid.cli import EXIT_NOTHING_CODED, main

CONTRACT = Path(__file__).parent / "golden" / "contract_fields.txt"
ARTICLE = (
    "Israeli troops shelled a village near Jenin on Tuesday.\n\n"
    "Rebels attacked a police station in Kidal, officials said."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_code_text_file_writes_contract_records(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["code", str(path)])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert {e["root"] for e in events} >= {"19"}
    fields = CONTRACT.read_text().split()
    for event in events:
        for name in fields:
            assert name in event, name
        assert event["doc_id"] == "article"
        t = event["trigger"]
        assert ARTICLE[t["start"] : t["end"]] == t["text"]
        for role in ("source", "target"):
            if event[role] is not None:
                a = event[role]
                assert ARTICLE[a["start"] : a["end"]] == a["text"]
    first = [e for e in events if e["sentence"] == 0]
    assert first and all(e["attribution"]["kind"] == "asserted" for e in first)
    assert all(e["attribution"]["speaker"] is None for e in first)
    second = [e for e in events if e["sentence"] == 1]
    assert second and second[0]["source"]["code"] == "---REB"
    said = second[0]["attribution"]  # "..., officials said": the officials' claim
    assert said["kind"] == "reported" and said["speaker"]["text"] == "officials"
    for span in (said["speaker"], said["cue"]):
        assert ARTICLE[span["start"] : span["end"]] == span["text"]


def test_event_ids_are_stable(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    first = [e["event_id"] for e in _events(runner.invoke(main, ["code", str(path)]).stdout)]
    again = [e["event_id"] for e in _events(runner.invoke(main, ["code", str(path)]).stdout)]
    assert first == again and len(set(first)) == len(first)


def test_stdin_and_tsv(runner):
    result = runner.invoke(main, ["code", "--format", "tsv", "-"],
                           input="Israeli troops shelled a village near Jenin on Tuesday.")
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:3] == ["doc_id", "event_id", "sentence"]
    row = dict(zip(header, lines[1].split("\t"), strict=True))
    assert row["doc_id"] == "stdin" and row["root"] == "19" and row["source_code"] == "ISRMIL"


def test_bad_items_are_reported_and_the_batch_goes_on(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\t \n", encoding="utf-8")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("Troops attacked Bogotá.".encode("latin-1"))
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "ok", "text": "Rebels attacked a police station."}\n'
        "{broken json\n"
        '{"id": "notext"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["code", str(tmp_path)])
    assert result.exit_code == 0
    err = result.stderr
    assert "empty.txt" in err and "blank.txt" in err and "empty document" in err
    assert "junk.bin" in err and "binary" in err
    assert "latin1.txt" in err and "invalid UTF-8" in err
    assert "feed.jsonl:2" in err and "not valid JSON" in err
    assert "feed.jsonl:3" in err and "'text'" in err
    ids = {e["doc_id"] for e in _events(result.stdout)}
    assert "ok" in ids and "latin1" in ids


def test_nothing_coded_gives_distinct_exit_status(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(main, ["code", str(tmp_path / "empty.txt"), str(tmp_path / "junk.bin")])
    assert result.exit_code == EXIT_NOTHING_CODED
    assert "0 document(s) coded" in result.stderr


def test_five_megabyte_document_is_reported_and_the_rest_coded(runner, tmp_path):
    sentence = "Rebels attacked a police station in the north. The weather stayed mild. "
    (tmp_path / "big.txt").write_text((sentence * 70_000)[:5_000_000], encoding="utf-8")
    (tmp_path / "small.txt").write_text(sentence, encoding="utf-8")
    result = runner.invoke(main, ["code", str(tmp_path)])
    assert result.exit_code == 0
    assert "big.txt" in result.stderr and "5,000,000 characters" in result.stderr
    assert {e["doc_id"] for e in _events(result.stdout)} == {"small"}


def test_long_document_is_coded_in_segments_with_whole_text_offsets(runner, tmp_path):
    paragraph = ("Rebels attacked a police station in the north. " * 30).strip()
    body = "\n\n".join([paragraph] * 40)  # 40 paragraphs, about 56,000 characters
    path = tmp_path / "long.txt"
    path.write_text(body, encoding="utf-8")
    result = runner.invoke(main, ["code", "--max-chars", "100000", str(path)])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert len(events) == 1200
    assert max(e["sentence"] for e in events) == 1199
    last = events[-1]["trigger"]
    assert last["start"] > 50_000 and body[last["start"] : last["end"]] == last["text"]


def test_explain_shows_parse_patterns_and_actors(runner):
    result = runner.invoke(main, ["explain", "Rebels attacked a police station in Kidal."])
    assert result.exit_code == 0
    out = result.stdout
    assert "-- parse" in out and "nsubj" in out
    assert "-- patterns considered" in out and "+ attacked" in out
    assert "source 'Rebels' -> ---REB" in out
    assert "190" in out
    assert "@Kidal (MLI)" in out  # the event's location, as ``whodid code`` finds it


def test_explain_shows_a_country_taken_from_the_document(runner):
    text = ("Chad's army attacked rebels near Abeche, and Chadian police arrested dozens in "
            "N'Djamena.\n\nThe junta later banned all protests.")
    result = runner.invoke(main, ["explain", text])
    assert result.exit_code == 0
    assert "'junta' -> TCDMIL: the document so far is about TCD" in result.stdout


def test_patterns_check(runner):
    result = runner.invoke(main, ["patterns", "check"])
    assert result.exit_code == 0 and result.stdout.startswith("ok:")


REPORTED = (
    "Thai troops shelled Cambodian positions on Monday. Cambodia said Thai jets had bombed "
    "a temple. “We will not attack civilians,” the Thai army said. Cambodian police did not "
    "arrest the protesters."
)


def test_only_asserted_and_min_modality_filter_events(runner):
    every = _events(runner.invoke(main, ["code", "-"], input=REPORTED).stdout)
    assert {e["attribution"]["kind"] for e in every} == {"asserted", "reported"}
    assert "negated" in {e["modality"] for e in every}
    asserted = _events(runner.invoke(main, ["code", "--only-asserted", "-"], input=REPORTED).stdout)
    assert asserted and all(e["attribution"]["kind"] == "asserted" for e in asserted)
    assert len(asserted) < len(every)
    actual = _events(
        runner.invoke(main, ["code", "--min-modality", "actual", "-"], input=REPORTED).stdout
    )
    assert actual and all(e["modality"] == "actual" for e in actual)
    bad = runner.invoke(main, ["code", "--min-modality", "likely", "-"], input=REPORTED)
    assert bad.exit_code == 2


def test_tsv_carries_the_attribution_fields(runner):
    result = runner.invoke(main, ["code", "--format", "tsv", "-"], input=REPORTED)
    header, *rows = result.stdout.splitlines()
    columns = header.split("\t")
    records = [dict(zip(columns, row.split("\t"), strict=True)) for row in rows]
    bombed = next(r for r in records if r["trigger"] == "bombed")
    assert bombed["attribution"] == "reported" and bombed["speaker_code"] == "KHM"
    assert REPORTED[int(bombed["cue_start"]) : int(bombed["cue_end"])] == "said"


def test_quotes_command_lists_quotations_with_speakers(runner, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(REPORTED, encoding="utf-8")
    result = runner.invoke(main, ["quotes", str(path)])
    assert result.exit_code == 0, result.stderr
    (quote,) = _events(result.stdout)
    assert quote["text"] == "We will not attack civilians,"
    assert quote["speaker"]["code"] == "THAMIL" and quote["how"] == "verb"
    table = runner.invoke(main, ["quotes", "--format", "table", str(path)])
    assert "THAMIL" in table.stdout
