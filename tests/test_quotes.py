"""Finding quotations in raw text: styles, nesting, apostrophes, scare quotes, bad input."""

from hypothesis import given, settings
from hypothesis import strategies as st

from whodid.attribute import find_quotes, is_speech


def _speech(text: str) -> list[str]:
    return [q.inner(text) for q in find_quotes(text) if is_speech(text, q)]


def test_curly_and_straight_quotes_with_the_speaker_between():
    text = '“We will not retreat,” Smith said, "and we will respond to any attack."'
    assert _speech(text) == ["We will not retreat,", "and we will respond to any attack."]


def test_nested_single_quotes_stay_inside_the_outer_quotation():
    text = "“He told me ‘we are coming for you’ before the raid,” she said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].inner(text) == "He told me ‘we are coming for you’ before the raid,"


def test_apostrophes_are_not_quote_marks():
    text = "Israel’s army and the soldiers’ families said the rebels' leaders had fled."
    assert find_quotes(text) == []


def test_scare_quotes_are_not_speech():
    text = "The ‘Israeli’ settlers and the \"regime\" forces entered the so-called 'buffer zone'."
    found = find_quotes(text)
    assert [q.inner(text) for q in found] == ["Israeli", "regime", "buffer zone"]
    assert not any(is_speech(text, q) for q in found)


def test_short_sentence_quote_is_speech():
    text = "“No,” he said when asked about a truce."
    assert _speech(text) == ["No,"]


def test_a_stray_closing_mark_is_ignored():
    text = "Troops withdrew” from the town, officials said."
    assert find_quotes(text) == []


def test_an_unclosed_quotation_runs_to_the_end_of_the_paragraph():
    text = "“We will keep fighting until the last village is free"
    (quote,) = find_quotes(text)
    assert not quote.closed and quote.inner(text).endswith("free")
    assert is_speech(text, quote)


def test_mixed_styles_close_by_kind():
    text = "«We reject the plan,\" the minister said, 'and so does our ally.’"
    assert _speech(text) == ["We reject the plan,", "and so does our ally."]


def test_ten_thousand_character_quotation():
    body = "we will not accept this " * 420
    text = f"“{body.strip()},” the spokesman said."
    (quote,) = find_quotes(text)
    assert quote.closed and len(quote.inner(text)) > 10_000


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,'\"“”‘’«»\n")), max_size=200))
def test_any_mix_of_marks_gives_ordered_spans_inside_the_text(text):
    last = -1
    for q in find_quotes(text):
        assert 0 <= q.start < q.inner_start <= q.inner_end <= q.end <= len(text)
        assert q.start > last
        last = q.end - 1
