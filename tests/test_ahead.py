"""Parsing ahead in a second thread: same parses, same order, errors and early stops."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest
import spacy
from spacy.language import Language

from whodid import Coder, Document
from whodid.nlp.ahead import batches, parse_ahead

TEXTS = [
    "Rebels attacked a police station in Kidal on Monday.",
    "The foreign ministers met in Geneva.",
    "",
    "Police arrested dozens of protesters outside parliament.",
    "Egypt offered to mediate between the two sides. Talks are due next week.",
] * 7


@Language.component("whodid_test_refuse_poison")
def _refuse_poison(doc):  # noqa: ANN001, ANN202 - a spaCy component
    if "poison" in doc.text:
        raise ValueError("poisoned text")
    return doc


def _blank(refusing: bool = False) -> Language:
    nlp = spacy.blank("en")
    if refusing:
        nlp.add_pipe("whodid_test_refuse_poison")
    return nlp


def test_parses_come_back_in_order_with_their_contexts(resources):
    items = [(t, k) for k, t in enumerate(TEXTS)]
    ahead = [(d.text, k, [t.dep_ for t in d]) for d, k in
             parse_ahead(resources.nlp, items, 4)]  # fmt: skip
    plain = [(d.text, k, [t.dep_ for t in d]) for d, k in
             resources.nlp.pipe(items, as_tuples=True, batch_size=4)]  # fmt: skip
    assert ahead == plain
    assert [k for _, k, _ in ahead] == list(range(len(TEXTS)))


def test_the_callers_items_are_read_in_its_own_thread_and_not_far_ahead():
    seen: list[tuple[int, str]] = []
    given: list[int] = []

    def items():
        for k, text in enumerate(TEXTS):
            seen.append((k, threading.current_thread().name))
            yield text, k

    for _, k in parse_ahead(_blank(), items(), 3, ahead=2):
        given.append(k)
        # what was read but not yet given back stays within two batches (and one more)
        assert len(seen) - len(given) <= 2 * 3 + 1
    assert given == list(range(len(TEXTS)))
    assert {name for _, name in seen} == {threading.current_thread().name}


def test_batches_are_bounded_in_number_and_in_characters():
    items = [("x" * n, k) for k, n in enumerate([10, 10, 10, 50, 5, 5, 5, 5, 5, 200, 1])]
    got = list(batches(items, size=4, max_chars=40))
    assert [[k for _, k in b] for b in got] == [[0, 1, 2], [3], [4, 5, 6, 7], [8], [9], [10]]
    assert [item for b in got for item in b] == items  # nothing lost, nothing reordered


def test_long_texts_are_not_read_far_ahead_either():
    seen = []

    def items():
        for k in range(30):
            seen.append(k)
            yield "word " * 200, k  # 1,000 characters each

    for given, (_, k) in enumerate(parse_ahead(_blank(), items(), 64, max_chars=3000)):
        assert k == given
        # two batches of three texts (3,000 characters), and the one that closes them
        assert len(seen) - given <= 2 * 3 + 1


def test_an_error_while_parsing_reaches_the_caller_after_the_parses_before_it():
    texts = ["fine one", "fine two", "poison here", "never reached"]
    given = []
    with pytest.raises(ValueError, match="poisoned text"):
        for doc, _ in parse_ahead(_blank(refusing=True), ((t, None) for t in texts), 1):
            given.append(doc.text)
    assert given == ["fine one", "fine two"]


def test_an_error_in_the_callers_items_is_raised_there():
    def items():
        yield "one", 1
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(parse_ahead(_blank(), items(), 2))


def test_stopping_early_ends_the_parsing_thread():
    before = {t.ident for t in threading.enumerate()}
    stream = parse_ahead(_blank(), ((t, None) for t in TEXTS * 20), 2)
    next(stream)
    stream.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        extra = [t for t in threading.enumerate() if t.ident not in before]
        if not extra:
            break
        time.sleep(0.01)
    assert extra == []


def test_the_coder_codes_the_same_events_with_and_without_parsing_ahead(resources):
    docs = [Document(f"d{k}", text, "2024-03-04") for k, text in enumerate(TEXTS)]
    ahead = [r.events for r in Coder(resources, batch_size=3, parse_ahead=True).code(docs)]
    serial = [r.events for r in Coder(resources, batch_size=3, parse_ahead=False).code(docs)]
    assert ahead == serial
    assert sum(len(e) for e in ahead) >= 7 * 3  # the attack, the meeting, the arrests...


def test_the_switch_interval_is_short_while_parsing_ahead_and_put_back_after():
    before = sys.getswitchinterval()
    during = []
    first = parse_ahead(_blank(), ((t, None) for t in TEXTS), 2)
    second = parse_ahead(_blank(), ((t, None) for t in TEXTS), 2)
    next(first)
    next(second)
    during.append(sys.getswitchinterval())
    list(first)  # one ends while the other still runs: still short
    during.append(sys.getswitchinterval())
    second.close()
    assert during == [0.001, 0.001]
    assert sys.getswitchinterval() == before


def test_the_coder_parses_ahead_only_with_a_second_core(resources, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert Coder(resources).parse_ahead is False
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert Coder(resources).parse_ahead is True
    assert Coder(resources, parse_ahead=False).parse_ahead is False
