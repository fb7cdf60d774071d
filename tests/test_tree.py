"""The parse's Words answer exactly as spaCy's Tokens do, for every token of real text."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

from whodid import Resources
from whodid.nlp.tree import (
    Word,
    as_word,
    doc_entities,
    doc_sentences,
    doc_text,
    doc_tokens,
    entity_at,
    forget,
    phrase_root,
    sentence_entities,
    sentence_tokens,
    span_root,
    words_text,
)

TEXTS = [
    # coordination, passives, appositions, quotations, a non-breaking space and two sentences
    "Armenian and Azerbaijani forces clashed near Lachin on Monday, while Russian "
    "peacekeepers, who were deployed in 2020, watched. The village was shelled by "
    "artillery, officials said.",
    "“We will not negotiate under fire,” Foreign Minister Ayman Safadi told reporters in "
    "Amman, and\u00a0Jordan recalled its ambassador from Tel Aviv.",
    "Police in Nairobi, Mombasa and Kisumu fired tear gas at thousands of protesters who "
    "had blocked roads to demand the repeal of the finance bill.",
]

PLAIN = ["i", "idx", "text", "whitespace_", "lower", "lower_", "lemma", "lemma_", "pos_",
         "tag_", "dep", "dep_", "ent_type_", "ent_iob_", "is_punct", "is_alpha",
         "is_sent_start"]  # fmt: skip
LINKED = ["lefts", "rights", "children", "subtree", "ancestors", "conjuncts"]


@pytest.fixture(scope="module", params=TEXTS)
def doc(resources: Resources, request: pytest.FixtureRequest) -> Doc:
    return resources.nlp(request.param)


def _indices(tokens: object) -> list[int]:
    return [t.i for t in tokens]  # type: ignore[attr-defined]


def test_every_word_answers_as_its_token(doc: Doc) -> None:
    words = doc_tokens(doc)
    assert len(words) == len(doc)
    for w, t in zip(words, doc, strict=True):
        for name in PLAIN:
            assert getattr(w, name) == getattr(t, name), (t.text, name)
        for name in LINKED:
            assert _indices(getattr(w, name)) == _indices(getattr(t, name)), (t.text, name)
        assert w.head.i == t.head.i
        assert (w.left_edge.i, w.right_edge.i) == (t.left_edge.i, t.right_edge.i)
        assert (w.sent.start, w.sent.end) == (t.sent.start, t.sent.end)
        assert len(w) == len(t) and str(w) == t.text


def test_links_are_words_of_the_same_parse(doc: Doc) -> None:
    words = doc_tokens(doc)
    for w in words:
        assert w.head is words[w.head.i]
        assert all(c is words[c.i] and c.head is w for c in w.children)
    assert doc_tokens(doc) is words  # read once per Doc


def test_tokens_from_the_parse_become_its_words(doc: Doc) -> None:
    words = doc_tokens(doc)
    sent = next(iter(doc.sents))
    assert span_root(sent) is words[sent.root.i]
    assert as_word(doc[3]) is words[3] and as_word(words[3]) is words[3]
    assert list(sentence_tokens(sent)) == list(words[sent.start : sent.end])
    # what a Word does not keep, it asks its Token
    assert words[0].shape_ == doc[0].shape_ and isinstance(words[0].token, Token)


def test_text_sentences_and_entities_answer_as_the_doc(doc: Doc) -> None:
    assert doc_text(doc) == doc.text
    spans = [(s.start, s.end, s.label_) for s in doc.sents]
    assert [(s.start, s.end, s.label_) for s in doc_sentences(doc)] == spans
    assert len(spans) >= 1
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    assert [(e.start, e.end, e.label_) for e in doc_entities(doc)] == ents
    assert doc_sentences(doc) is doc_sentences(doc)  # found once per Doc
    words = doc_tokens(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 5, len(doc)) + 1):
            assert words_text(words[start], words[end - 1]) == doc[start:end].text


def test_the_root_of_a_run_of_words_is_the_spans(doc: Doc) -> None:
    words = doc_tokens(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 6, len(doc)) + 1):
            assert phrase_root(words[start:end]).i == doc[start:end].root.i, (start, end)


def test_a_sentences_entities_are_those_starting_in_it(doc: Doc) -> None:
    for sent in doc.sents:
        expected = [e for e in doc.ents if sent.start <= e.start < sent.end]
        assert [(e.start, e.end, e.label_) for e in sentence_entities(sent)] == [
            (e.start, e.end, e.label_) for e in expected
        ]


def test_each_words_entity_is_the_one_spanning_it(doc: Doc) -> None:
    for token in doc:
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        found = entity_at(doc, token.i)
        assert (found and (found.start, found.end)) == (expected and (expected.start, expected.end))


def test_forgotten_words_are_let_go(resources: Resources) -> None:
    doc = resources.nlp("Rebels attacked a police station in Kidal.")
    old = doc_tokens(doc)
    forget(doc)
    with pytest.raises(AttributeError):
        _ = old[1].head
    fresh = doc_tokens(doc)
    assert fresh is not old and isinstance(fresh[1], Word)
    assert fresh[1].head.i == doc[1].head.i
