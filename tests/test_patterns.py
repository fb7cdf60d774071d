from pathlib import Path

import pytest

from whodid.errors import DataFileError
from whodid.extract import PatternSet
from whodid.ontology import Ontology


def test_builtin_patterns_cover_all_twenty_roots(resources):
    roots = {p.code[:2] for p in resources.patterns.verbs}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert resources.patterns.light_verbs
    assert len(resources.patterns.verbs) > 300


def _load(tmp_path: Path, body: str) -> PatternSet:
    (tmp_path / "19_fight.yaml").write_text(body, encoding="utf-8")
    return PatternSet.load(Ontology.load(), tmp_path)


def test_valid_file_loads(tmp_path):
    loaded = _load(tmp_path, 'root: "19"\nverbs:\n  - code: "190"\n    verb: [attack]\n')
    assert loaded.by_verb["attack"][0].code == "190"


@pytest.mark.parametrize(
    "body, message",
    [
        ('root: "19"\nverbs:\n  - code: "190"\n    verb: attack\n    colour: red\n',
         "unknown keys"),
        ('root: "19"\nverbs:\n  - code: "999"\n    verb: attack\n', "unknown CAMEO code"),
        ('root: "19"\nverbs:\n  - code: "180"\n    verb: attack\n', "not in root 19"),
        ('root: "19"\nverbs:\n  - code: "190"\n    verb: attack\n    target: [elsewhere]\n',
         "unknown slot"),
        ('root: "19"\nverbs:\n  - code: "190"\n    verb: attack\n    complement: [7]\n',
         "expected a word"),
        ('root: "19"\nverbs:\n  - code: 190\n    verb: attack\n', "quote codes"),
        ('root: "19"\nverbs: [\n', "YAML"),
    ],
)
def test_malformed_entries_name_file_and_entry(tmp_path, body, message):
    with pytest.raises(DataFileError) as err:
        _load(tmp_path, body)
    assert message in str(err.value)
    assert "19_fight.yaml" in str(err.value)


def test_patterns_for_a_verb_leave_out_those_whose_object_cannot_match(tmp_path):
    loaded = _load(tmp_path, """root: "19"
verbs:
  - code: "190"
    verb: [hit]
  - code: "193"
    verb: [hit]
    object: [rifle, gun]
  - code: "195"
    verb: [hit]
    object: [air strike]
  - code: "194"
    verb: [hit]
    object: [tank]
    passive: false
""")
    codes = lambda words: [p.code for p in loaded.for_verb("hit", False, words)]  # noqa: E731
    # most specific first; a multi-word object entry is always left to the parse to check
    assert codes(set()) == ["195", "190"]
    assert codes({"gun"}) == ["193", "195", "190"]
    assert codes({"tank", "rifle"}) == ["194", "193", "195", "190"]
    assert [p.code for p in loaded.ranked[("hit", False)]] == ["194", "193", "195", "190"]
    assert loaded.for_verb("hit", True, {"gun"}) == []
    assert loaded.for_verb("kick", False, {"gun"}) == []
