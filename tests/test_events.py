"""Querying and exporting the store: filters, the Python API, every export format,
duplicates linked and event clusters counted."""

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from whodid.batch import IngestOptions, ingest
from whodid.cli import main
from whodid.store import Store
from whodid.store.exports import EXPORT_FORMATS, GDELT_COLUMNS, PHOENIX_COLUMNS

KOREA = "North Korea threatened to attack South Korea on Monday, officials in Seoul said."
WIRE = (
    "Israeli troops shelled a village near Jenin on Tuesday.\n\n" + KOREA + "\n\n"
    "The clashes lasted for several hours before the fighting stopped, according to local "
    "residents who spoke by telephone. Aid groups called for calm and asked both sides to "
    "protect civilians, schools and hospitals in the area. The army did not comment on the "
    "reports, and the claims could not be independently verified by reporters."
)
STORIES = [
    {"id": "wire-1", "source": "Wire A", "date": "2024-03-05",
     "text": WIRE},
    {"id": "wire-1-copy", "source": "Daily B", "date": "2024-03-05",  # the same wire text
     "text": WIRE.replace("\n\n", "\n\n\n")},  # re-wrapped: still the same text
    {"id": "paper-2", "source": "Paper C", "date": "2024-03-05",  # the same event, own words
     "text": KOREA + "\n\nThe United Nations urged both sides to show restraint."},
    {"id": "paper-3", "source": "Paper D", "date": "2024-03-09",
     "text": "Egypt sent food aid to Gaza on Friday.\n\nProtesters rallied in Cairo."},
    {"id": "wire-4", "source": "Wire A", "date": "2024-03-05",  # a near copy: one word more
     "text": WIRE.replace("by reporters", "by our reporters")},
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory, resources) -> Path:
    from whodid import Coder

    folder = tmp_path_factory.mktemp("events")
    path = folder / "stories.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    db = folder / "events.duckdb"
    with Store(db) as store:
        ingest([str(path)], store, Coder(resources), IngestOptions(progress=False))
    return db


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def test_exact_and_near_copies_are_linked_not_counted(store):
    links = store.sql("SELECT d.doc_id, o.doc_id AS original, kind FROM duplicates x "
                      "JOIN documents d ON d.doc_key = x.doc_key "
                      "JOIN documents o ON o.doc_key = x.duplicate_of ORDER BY 1")  # fmt: skip
    assert links.values.tolist() == [["wire-1-copy", "wire-1", "exact"],
                                     ["wire-4", "wire-1", "near"]]  # fmt: skip
    docs = store.documents().set_index("doc_id")
    assert docs.loc["wire-1-copy", "status"] == "duplicate"
    assert docs.loc["wire-1-copy", "events"] == 0  # a copy is not coded again
    assert docs.loc["wire-4", "status"] == "coded"  # a near copy is coded, but linked
    assert set(store.events().doc_id) == {"wire-1", "paper-2", "paper-3"}
    assert "wire-4" in set(store.events(duplicates=True).doc_id)


def test_the_same_event_in_two_documents_is_one_cluster_with_counts(store):
    threats = store.events(code="138")
    assert sorted(threats.doc_id) == ["paper-2", "wire-1"]
    assert threats.cluster_id.nunique() == 1
    row = threats.iloc[0]
    assert (row.num_mentions, row.num_articles, row.num_sources) == (2, 2, 2)
    clusters = store.clusters()
    assert len(clusters[clusters.code == "138"]) == 1
    assert clusters.num_mentions.sum() == len(store.events())  # each event in one cluster


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"actor": "PRK"}, {"138"}),
        ({"actor": "north korea"}, {"138"}),
        ({"target": "KOR"}, {"138"}),
        ({"source": "EGY"}, {"073"}),
        ({"country": "ISR"}, {"194"}),
        ({"root": "19"}, {"194"}),
        ({"code": "13"}, {"138"}),
        ({"plover": "assault"}, {"194"}),
        ({"since": "2024-03-06"}, {"073"}),  # "on Friday" in a Saturday story: March 8
        ({"until": "2024-03-05", "root": "07"}, set()),
        ({"attribution": "reported", "actor": "KOR"}, {"138"}),
        ({"attribution": "asserted", "actor": "KOR"}, set()),
        ({"location": "Jenin"}, {"194"}),
        ({"location": "PSE", "country": "EGY"}, {"073"}),  # Gaza: its country
    ],
)
def test_filters(store, criteria, expected):
    found = store.events(**criteria)
    assert set(found.code) == expected, found[["doc_id", "code", "date", "location"]]


def test_cli_events_table_and_every_export_format(db, tmp_path):
    runner = CliRunner(mix_stderr=False)
    table = runner.invoke(main, ["events", "--db", str(db), "--actor", "PRK"])
    assert table.exit_code == 0, table.stderr
    assert "138" in table.stdout and "PRK -> KOR" in table.stdout and "x2/2/2" in table.stdout
    for fmt in EXPORT_FORMATS:
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(main, ["events", "--db", str(db), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, (fmt, result.stderr)
    gdelt = [r.split("\t") for r in (tmp_path / "events.gdelt").read_text().splitlines()]
    assert all(len(r) == len(GDELT_COLUMNS) for r in gdelt)
    threat = next(dict(zip(GDELT_COLUMNS, r, strict=True)) for r in gdelt if r[14] == "138")
    assert threat["Actor1Code"] == "PRK" and threat["Actor2Code"] == "KOR"
    assert (threat["NumMentions"], threat["NumArticles"], threat["NumSources"]) == ("2", "2", "2")
    assert len(gdelt) == store_clusters(db)  # one row per real-world event
    phoenix = list(csv.reader(io.StringIO((tmp_path / "events.phoenix").read_text()),
                              delimiter="\t"))  # fmt: skip
    assert phoenix[0] == PHOENIX_COLUMNS and len(phoenix) - 1 == events_count(db)
    plover = [json.loads(x) for x in (tmp_path / "events.plover").read_text().splitlines()]
    assault = next(p for p in plover if p["event"] == "ASSAULT")
    assert assault["actor"]["code"] == "ISRMIL" and assault["location"]["name"] == "Jenin"
    records = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert {r["code"] for r in records} == {p["cameo"] for p in plover}
    parquet = pd.read_parquet(tmp_path / "events.parquet")
    frame = pd.read_csv(tmp_path / "events.csv")
    assert len(parquet) == len(frame) == events_count(db)
    assert "num_mentions" in parquet.columns and "record" not in parquet.columns


def test_parquet_to_standard_output_is_a_clear_error(db):
    result = CliRunner(mix_stderr=False).invoke(
        main, ["events", "--db", str(db), "--format", "parquet"]
    )
    assert result.exit_code == 5 and "[W404]" in result.stderr and "-o" in result.stderr


def store_clusters(db: Path) -> int:
    with Store(db, read_only=True) as s:
        return s.events().cluster_id.nunique()


def events_count(db: Path) -> int:
    with Store(db, read_only=True) as s:
        return len(s.events())
