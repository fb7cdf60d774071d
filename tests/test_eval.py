"""Scoring against gold files in the shared formats (our own sentences, both code systems)."""

import json
from pathlib import Path

from click.testing import CliRunner

from whodid.cli import main
from whodid.evaluate.gold import country_key, read_gold
from whodid.evaluate.scoring import Report, Tally

PLOVER_GOLD = [
    {"id": "p1", "text": "Israeli troops shelled a village near Jenin.", "date": "2020-01-01",
     "expected_events": [{"source": [{"actorText": "Israeli troops", "code": "ISR"}],
                          "target": [], "code": "FIGHT"}]},
    {"id": "p2", "text": "Hamas rejected the Egyptian proposal.",
     "expected_events": [{"source": [{"actorText": "Hamas", "code": "PSE"}],
                          "target": [{"actorText": "Egyptian", "code": "EGY"}],
                          "code": "REJECT"}]},
    {"id": "p3", "text": "The weather was mild in Geneva.",
     "expected_events": [{"source": [], "target": [], "code": "DEMAND"}]},
]
CAMEO_GOLD = [
    {"id": "c1", "text": "Rebels attacked a police station.",
     "expected_events": [{"source": "---REB", "target": "---COP", "code": "190"}]},
    {"id": "c2", "text": "The weather was mild in Geneva.", "expected_events": [],
     "expect_no_events": True},
]


def _write(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_tally_arithmetic():
    t = Tally()
    t.add({"A", "B"}, {"A", "C"})
    assert (t.tp, t.fp, t.fn) == (1, 1, 1)
    assert t.precision == 0.5 and t.recall == 0.5 and t.f1 == 0.5


def test_gold_reader_maps_old_plover_names(tmp_path, resources):
    gold = read_gold(_write(tmp_path / "p.jsonl", PLOVER_GOLD), resources.ontology)
    assert [g.events[0].plover for g in gold] == ["ASSAULT", "REJECT", "REQUEST"]
    assert gold[1].events[0].sources == ("PSE",) and gold[1].events[0].targets == ("EGY",)
    assert country_key("---REB") is None and country_key("USAGOV") == "USA"


def test_eval_command_scores_both_code_systems(tmp_path):
    p = _write(tmp_path / "plover.jsonl", PLOVER_GOLD)
    c = _write(tmp_path / "cameo.jsonl", CAMEO_GOLD)
    result = CliRunner(mix_stderr=False).invoke(main, ["eval", "--json", str(p), str(c)])
    assert result.exit_code == 0, result.output
    plover, cameo, both = json.loads(result.stdout)
    assert plover["sentences"] == 3
    assert plover["plover_type"]["tp"] == 2 and plover["plover_type"]["fn"] == 1
    assert plover["plover_by_type"]["ASSAULT"]["f1"] == 1.0
    assert plover["cameo_root"] is None
    assert cameo["cameo_root"]["tp"] == 1 and cameo["cameo_root"]["fp"] == 0
    assert cameo["dyad"]["tp"] == 1
    # the two files pooled: their counts added up
    assert both["sentences"] == 5
    for key in ("tp", "fp", "fn"):
        assert both["plover_type"][key] == plover["plover_type"][key] + cameo["plover_type"][key]
    assert both["cameo_root"] == cameo["cameo_root"]
    text = CliRunner(mix_stderr=False).invoke(main, ["eval", str(p)]).stdout
    assert "PLOVER event type" in text and "OVERALL" in text and "confusions" in text
    assert "pooled" not in text  # one file


def test_eval_rejects_a_file_that_is_not_gold(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"no": "fields"}\n', encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(main, ["eval", str(bad)])
    assert result.exit_code == 4 and "bad.jsonl:1" in result.stderr


def test_eval_scores_a_toponym_set():
    path = Path(__file__).parent / "golden" / "toponyms.jsonl"
    result = CliRunner(mix_stderr=False).invoke(main, ["eval", "--json", str(path)])
    assert result.exit_code == 0, result.stderr
    (report,) = json.loads(result.stdout)
    assert report["file"] == "toponyms.jsonl" and report["total"] >= 150
    assert report["ambiguous_accuracy"] >= 0.9


def test_confusions_are_ranked_by_count_then_by_label() -> None:
    report = Report("gold")
    for pair in [("19", "18"), ("04", "03"), ("04", "03"), ("(none)", "11"), ("01", "19")]:
        report.confusions[pair] += 1
    assert report.ranked_confusions() == [
        (("04", "03"), 2), (("(none)", "11"), 1), (("01", "19"), 1), (("19", "18"), 1)
    ]
    assert [c["count"] for c in report.as_dict()["confusions"]] == [2, 1, 1, 1]


def test_a_reciprocal_gold_event_takes_either_side_for_the_target(tmp_path):
    gold = [{"id": "r1", "text": "Egyptian and Jordanian ministers met in Cairo on Monday.",
             "expected_events": [{"source": [{"actorText": "Egyptian", "code": "EGY"},
                                             {"actorText": "Jordanian", "code": "JOR"}],
                                  "target": [], "code": "CONSULT"}]}]  # fmt: skip
    path = _write(tmp_path / "mutual.jsonl", gold)
    result = CliRunner(mix_stderr=False).invoke(main, ["eval", "--json", str(path)])
    (report,) = json.loads(result.stdout)
    assert report["plover_type"]["tp"] == 1
    target = report["actor_country_accuracy"]["target"]
    assert (target["correct"], target["annotated"]) == (1, 1)
    assert report["dyad"]["fn"] == 0
