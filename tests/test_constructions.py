"""Syntactic constructions the coder must handle, on sentences written for these tests.

Each case in ``golden/constructions.jsonl`` lists events that must be coded (CAMEO code
prefix, and source/target codes, modality and main-event flag where given; a null
source or target must be absent) and roots that must not be.
"""

import json
from pathlib import Path

import pytest

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "golden" / "constructions.jsonl").read_text().splitlines()
    if line.strip()
]


def _fits(event, want) -> bool:
    if not event.code.startswith(want["code"]):
        return False
    for role in ("source", "target"):
        if role in want:  # null: the event has no such actor
            actor = getattr(event, role)
            if (actor and actor.code) != want[role]:
                return False
    if want.get("main", event.main) != event.main:
        return False
    return want.get("modality", event.modality) == event.modality


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_construction(coder, case):
    events = coder.code_text(case["text"])
    got = [
        (e.code, e.source and e.source.code, e.target and e.target.code, e.modality)
        for e in events
    ]
    for want in case["expect"]:
        assert any(_fits(e, want) for e in events), f"missing {want}; got {got}"
    for root in case.get("absent", []):
        assert not any(e.root == root for e in events), f"unexpected root {root}; got {got}"
