import io

from whodid.ingest import decode, read_inputs
from whodid.ingest.readers import read_jsonl
from whodid.types import Document, ItemError


def test_utf8_text_decodes_without_warning():
    text, problem = decode("Côte d’Ivoire troops".encode(), "a.txt")
    assert text == "Côte d’Ivoire troops" and problem is None


def test_invalid_utf8_bytes_are_replaced_with_a_warning():
    text, problem = decode(b"Rebels attacked \xff\xfe the town.", "a.txt")
    assert text is not None and "\ufffd" in text
    assert problem is not None and not problem.fatal and "offset 16" in problem.message


def test_binary_junk_is_an_error():
    text, problem = decode(bytes(range(256)) * 50, "junk.bin")
    assert text is None and problem.fatal


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_the_rest_read():
    data = (
        b'{"id": "a", "text": "Israel attacked Gaza."}\n'
        b"this is not json\n"
        b'{"id": "b"}\n'
        b"[1, 2]\n"
        b'{"id": "c", "text": "   "}\n'
        b'{"text": "Rebels attacked a town.", "date": "yesterday"}\n'
        b'{"id": "d", "text": "Egypt hosted talks.", "date": "2026-01-02"}\n'
    )
    items = list(read_jsonl(io.BytesIO(data), "feed.jsonl"))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [d.id for d in docs] == ["a", "feed-6", "d"]
    assert docs[2].date == "2026-01-02" and docs[1].date is None
    fatal = {e.item: e.message for e in errors if e.fatal}
    assert "not valid JSON" in fatal["feed.jsonl:2"]
    assert "'text'" in fatal["feed.jsonl:3"]
    assert "JSON object" in fatal["feed.jsonl:4"]
    assert "empty" in fatal["feed.jsonl:5"]
    warnings = [e.item for e in errors if not e.fatal]
    assert warnings == ["feed.jsonl:6", "feed.jsonl:6"]  # no id, bad date


def test_missing_file_and_directories(tmp_path):
    (tmp_path / "one.txt").write_text("Iran criticized Israel.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.txt").write_text("Kenya protested.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [i.id for i in items if isinstance(i, Document)] == ["one", "two"]
    assert isinstance(items[-1], ItemError) and "cannot read" in items[-1].message
