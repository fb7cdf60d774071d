"""No input text crashes the coder; offsets always point into the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whodid.nlp import segments

NEWSY = st.lists(
    st.sampled_from([
        "Rebels", "attacked", "Israel", "’s", "army", "did", "not", "meet", "“", "”", "\n\n",
        "Washington", "threatened", "to", "strike", "and", "Iran", ",", ".", "by", "was",
        "talks", "with", "held", "sanctions", "on", "the", "'", "\u200b", "🙂", "—", "Hamas",
    ]),
    max_size=40,
).map(" ".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(NEWSY, st.text(max_size=200)))
def test_any_text_codes_without_crashing_and_offsets_hold(coder, text):
    for event in coder.code_text(text):
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for actor in (event.source, event.target):
            if actor is not None:
                assert text[actor.start : actor.end] == actor.text


@given(text=st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=400),
       limit=st.integers(min_value=5, max_value=60))
def test_segments_keep_offsets_and_lose_no_words(text, limit):
    pieces = list(segments(text, limit))
    for piece in pieces:
        assert text[piece.start : piece.start + len(piece.text)] == piece.text
        assert len(piece.text) <= limit
    covered = {i for p in pieces for i in range(p.start, p.start + len(p.text))}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_a_batch_keeps_each_document_whole_and_in_order(coder):
    from whodid import Document

    documents = [
        Document("two-paragraphs", "Rebels attacked a police station in Kidal.\n\n"
                 "The army shelled the town on Tuesday."),
        Document("empty", ""),
        Document("blank", "  \n\n \t "),
        Document("one", "Kenya recalled its ambassador from Uganda."),
    ]
    results = list(coder.code(documents))
    assert [r.document.id for r in results] == ["two-paragraphs", "empty", "blank", "one"]
    first, empty, blank, one = results
    assert first.sentences == 2 and len(first.sentence_spans) == 2
    assert {e.trigger.text for e in first.events} == {"attacked", "shelled"}
    assert all(e.doc_id == "two-paragraphs" for e in first.events)
    # the second paragraph's offsets are the whole document's
    shelled = next(e for e in first.events if e.trigger.text == "shelled")
    assert first.document.text[shelled.trigger.start : shelled.trigger.end] == "shelled"
    assert (empty.sentences, empty.events, blank.sentences, blank.events) == (0, [], 0, [])
    assert [e.doc_id for e in one.events] == ["one"] and one.events[0].source.code == "KEN"
