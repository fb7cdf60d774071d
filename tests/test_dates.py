"""Event dates: date words tied to a trigger, resolved against the story date.

Story dates are fixed; TUESDAY (2024-03-05) is a Tuesday, so "on Tuesday" in a past-tense
sentence is the story date itself and "on Thursday" crosses the leap day back into February.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whodid.dates import EventDate, event_date, find_expressions, parse_story_date

TUESDAY = date(2024, 3, 5)
BASES = {"stated", "story", "none"}
PRECISIONS = {"day", "weekend", "week", "month", "year"}


def date_of(
    resources, text: str, trigger: str, story: date | None = TUESDAY, offset: int = 0
) -> EventDate:
    doc = resources.nlp(text)
    anchor = next(t for t in doc if t.text == trigger)
    return event_date(anchor.sent, anchor, story, offset)


STATED = [
    # weekdays, past: the latest such day on or before the story date
    ("Rebels attacked the base on Tuesday.", "attacked", TUESDAY, "2024-03-05", "day"),
    ("Rebels attacked the base on Thursday.", "attacked", TUESDAY, "2024-02-29", "day"),
    ("The UN condemned the attack Monday.", "condemned", TUESDAY, "2024-03-04", "day"),
    ("Militants attacked a convoy late on Friday, officials said.", "attacked", TUESDAY,
     "2024-03-01", "day"),
    ("Iran launched missiles early Tuesday.", "launched", TUESDAY, "2024-03-05", "day"),
    ("The embassy was attacked on Monday night.", "attacked", TUESDAY, "2024-03-04", "day"),
    ("Rebels attacked the town last Tuesday.", "attacked", TUESDAY, "2024-02-27", "day"),
    ("ISRAELI JETS STRUCK GAZA ON MONDAY.", "STRUCK", TUESDAY, "2024-03-04", "day"),
    ("The army struck in the early hours of Sunday.", "struck", TUESDAY, "2024-03-03", "day"),
    # weekdays, still to come: the next such day after the story date
    ("The ministers will meet on Tuesday.", "meet", TUESDAY, "2024-03-12", "day"),
    ("The ministers will meet on Friday.", "meet", TUESDAY, "2024-03-08", "day"),
    ("The ministers will meet next Tuesday.", "meet", TUESDAY, "2024-03-12", "day"),
    ("The army said it would withdraw on Friday.", "withdraw", TUESDAY, "2024-03-08", "day"),
    ("The two sides agreed to meet on Friday.", "meet", TUESDAY, "2024-03-08", "day"),
    ("Talks are expected to resume on Thursday.", "resume", TUESDAY, "2024-03-07", "day"),
    ("The leaders are meeting on Thursday.", "meeting", TUESDAY, "2024-03-07", "day"),
    ("The ministers will meet on Friday.", "meet", date(2024, 12, 31), "2025-01-03", "day"),
    # words counted from the story date
    ("Police arrested 12 protesters yesterday.", "arrested", TUESDAY, "2024-03-04", "day"),
    ("Israeli jets struck Gaza last night.", "struck", TUESDAY, "2024-03-04", "day"),
    ("Protesters gathered in the square today.", "gathered", TUESDAY, "2024-03-05", "day"),
    ("The president will speak tomorrow.", "speak", TUESDAY, "2024-03-06", "day"),
    ("Police arrested 12 protesters yesterday.", "arrested", date(2024, 3, 1), "2024-02-29",
     "day"),
    ("Police arrested 12 protesters yesterday.", "arrested", date(2024, 1, 1), "2023-12-31",
     "day"),
    ("The talks collapsed two days ago.", "collapsed", TUESDAY, "2024-03-03", "day"),
    ("The president met the prime minister the day before yesterday.", "met", TUESDAY,
     "2024-03-03", "day"),
    # weeks are Mondays, weekends Saturdays
    ("Rebels seized the town earlier this week.", "seized", TUESDAY, "2024-03-04", "week"),
    ("The army withdrew from the city three weeks ago.", "withdrew", TUESDAY, "2024-02-12",
     "week"),
    ("Troops withdrew last week.", "withdrew", date(2024, 1, 1), "2023-12-25", "week"),
    ("Russia is to hold talks with Ukraine next week.", "hold", TUESDAY, "2024-03-11", "week"),
    ("Protesters clashed with police over the weekend.", "clashed", TUESDAY, "2024-03-02",
     "weekend"),
    ("Protesters will gather at the weekend.", "gather", TUESDAY, "2024-03-09", "weekend"),
    # months and years
    ("The government signed the accord in December.", "signed", date(2024, 1, 2),
     "2023-12-01", "month"),
    ("The government signed the accord in March.", "signed", TUESDAY, "2024-03-01", "month"),
    ("Talks are going to resume in March.", "resume", TUESDAY, "2024-03-01", "month"),
    ("Rebels may attack in May.", "attack", TUESDAY, "2024-05-01", "month"),
    ("The court will rule later this month.", "rule", TUESDAY, "2024-03-01", "month"),
    ("Troops will withdraw in January.", "withdraw", date(2024, 12, 31), "2025-01-01", "month"),
    ("Troops withdrew last month.", "withdrew", date(2024, 1, 2), "2023-12-01", "month"),
    ("Troops withdrew last March.", "withdrew", TUESDAY, "2023-03-01", "month"),
    ("Protests erupted across the country last year.", "erupted", TUESDAY, "2023-01-01",
     "year"),
    # day of the month and month-day without a year
    ("Clashes erupted on the 5th.", "erupted", TUESDAY, "2024-03-05", "day"),
    ("The vote took place on the 31st.", "took", date(2024, 1, 3), "2023-12-31", "day"),
    ("Rebels attacked the town on February 29.", "attacked", date(2025, 3, 1), "2024-02-29",
     "day"),
    ("Rebels attacked the town on February 29.", "attacked", date(2024, 3, 1), "2024-02-29",
     "day"),
    ("Turkey struck Kurdish positions in Iraq on Feb. 28.", "struck", TUESDAY, "2024-02-28",
     "day"),
    ("Police said the attack happened on Sunday, March 3.", "happened", TUESDAY, "2024-03-03",
     "day"),
    # written out in full
    ("The two leaders met on March 3, 2024 in Geneva.", "met", TUESDAY, "2024-03-03", "day"),
    ("Troops shelled the town on 3 March 2024.", "shelled", TUESDAY, "2024-03-03", "day"),
    ("Protesters marched on 2024-03-03 in Paris.", "marched", TUESDAY, "2024-03-03", "day"),
    ("Protesters marched on 2024\u201303\u201303 in Paris.", "marched", TUESDAY, "2024-03-03",
     "day"),
    ("The government signed the deal in March 2023.", "signed", TUESDAY, "2023-03-01", "month"),
    ("Hamas fired 2000 rockets in 2014.", "fired", TUESDAY, "2014-01-01", "year"),
    ("The rebels regrouped in mid-2019.", "regrouped", TUESDAY, "2019-01-01", "year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "story", "expected", "precision"), STATED)
def test_stated_dates(resources, text, trigger, story, expected, precision):
    found = date_of(resources, text, trigger, story)
    assert (found.date, found.basis, found.precision) == (expected, "stated", precision)
    assert found.span is not None and found.reason


TIED = [
    # each event its own day
    ("Rebels attacked the base on Tuesday and the army responded on Thursday.", "attacked",
     "2024-03-05"),
    ("Rebels attacked the base on Tuesday and the army responded on Thursday.", "responded",
     "2024-02-29"),
    ("The president said on Monday that troops would withdraw on Friday.", "said",
     "2024-03-04"),
    ("The president said on Monday that troops would withdraw on Friday.", "withdraw",
     "2024-03-08"),
    ("A ceasefire that began on Monday collapsed on Tuesday.", "began", "2024-03-04"),
    ("A ceasefire that began on Monday collapsed on Tuesday.", "collapsed", "2024-03-05"),
    # coordination, "to" complements, participles and subjects share the clause's date
    ("Protesters marched through the capital and clashed with police on Sunday.", "marched",
     "2024-03-03"),
    ("Rebels agreed on Monday to resume talks.", "resume", "2024-03-04"),
    ("Troops opened fire on Sunday, killing three.", "killing", "2024-03-03"),
    ("Israeli troops tried to storm the hospital on Monday.", "tried", "2024-03-04"),
    ("Sunday's attack killed five people.", "killed", "2024-03-03"),
    ("The attack on Sunday killed five people.", "attack", "2024-03-03"),
    ("Clashes erupted on Sunday.", "Clashes", "2024-03-03"),
    # not the event's: a reported clause's date, a noun's date, a limit
    ("The president said on Monday that troops had withdrawn.", "withdrawn", None),
    ("The two sides agreed to meet on Friday.", "agreed", None),
    ("Iran violated the 2019 agreement.", "violated", None),
    ("Police have detained him since March.", "detained", None),
    ("The Tuesday Group met with the minister.", "met", None),
    ("Rebels on Monday attacked the town, which the army had retaken in 2019.", "attacked",
     "2024-03-04"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "expected"), TIED)
def test_each_event_gets_its_own_date(resources, text, trigger, expected):
    found = date_of(resources, text, trigger)
    if expected is None:
        assert (found.date, found.basis, found.span) == ("2024-03-05", "story", None)
    else:
        assert (found.date, found.basis) == (expected, "stated")


def test_no_date_words_take_the_story_date(resources):
    found = date_of(resources, "Rebels attacked a police station in Kidal.", "attacked")
    assert (found.date, found.basis, found.span, found.precision) == (
        "2024-03-05", "story", None, "day")  # fmt: skip


def test_without_a_story_date_only_written_dates_resolve(resources):
    relative = date_of(resources, "Rebels attacked the town on Tuesday.", "attacked", None)
    assert (relative.date, relative.basis, relative.span.text) == (None, "none", "Tuesday")
    written = date_of(resources, "Rebels attacked the town on 3 March 2024.", "attacked", None)
    assert (written.date, written.basis) == ("2024-03-03", "stated")
    nothing = date_of(resources, "Rebels attacked the town.", "attacked", None)
    assert (nothing.date, nothing.basis, nothing.span) == (None, "none", None)


def test_span_offsets_point_into_the_document(resources):
    text = "Talks stalled. Israeli jets struck Gaza late on Friday, officials said."
    found = date_of(resources, text, "struck", offset=100)
    assert found.span is not None and found.span.text == "late on Friday"
    assert text[found.span.start - 100 : found.span.end - 100] == "late on Friday"


def test_unicode_dashes_keep_the_original_text(resources):
    text = "Protesters marched on 2024\u201303\u201303 in Paris."
    found = date_of(resources, text, "marched")
    assert found.span is not None
    assert text[found.span.start : found.span.end] == found.span.text == "2024\u201303\u201303"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the town on February 30, 2024.",
        "Rebels attacked the town on February 30.",
        "Talks collapsed on 2024-13-45.",
        "Rebels attacked the town in 99999.",
        "Rebels attacked the town on 3/3/2024.",  # day and month ambiguous: skipped
        "Rebels attacked the town on the 99th.",
    ],
)
def test_impossible_or_ambiguous_dates_fall_back_to_the_story(resources, text):
    found = date_of(resources, text, text.split()[1])
    assert (found.date, found.basis) == ("2024-03-05", "story")


def test_impossible_date_is_named_in_the_reason(resources):
    found = date_of(resources, "Rebels attacked the town on February 30, 2024.", "attacked")
    assert "February 30, 2024" in found.reason


@pytest.mark.parametrize(
    ("story", "text", "trigger"),
    [
        (date.max, "The army will attack tomorrow.", "attack"),
        (date.min, "The army attacked yesterday.", "attacked"),
        (date(9999, 12, 30), "The army will attack next year.", "attack"),
    ],
)
def test_story_dates_at_the_calendar_edges(resources, story, text, trigger):
    found = date_of(resources, text, trigger, story)
    assert (found.date, found.basis) == (story.isoformat(), "story")


def test_a_datetime_story_date_gives_a_plain_date(resources):
    found = date_of(resources, "Rebels attacked the town.", "attacked", datetime(2024, 3, 5, 9))
    assert found.date == "2024-03-05"


def test_text_alone_months_need_capitals_and_context():
    assert find_expressions("They may attack, and the march went on.") == []
    assert find_expressions("The May 3 vote was postponed.")[0].kind == "month_day"
    assert [e.kind for e in find_expressions("the last week of talks")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-03-05", date(2024, 3, 5)), ("2024-03-05T09:00:00", date(2024, 3, 5)),
     ("2024-02-30", None), ("yesterday", None), ("", None), (None, None)],
)  # fmt: skip
def test_parse_story_date(text, expected):
    assert parse_story_date(text) == expected


JUNK = st.lists(
    st.sampled_from([
        "Rebels", "attacked", "will", "meet", "on", "in", "the", "Tuesday", "TUESDAY", "March",
        "May", "3", "31st", "2024", "99999", "2024-02-30", "3/3/2024", "ago", "two", "days",
        "last", "next", "week", "weekend", "yesterday", "\u2013", ",", ".", "\u00a0", "🙂",
    ]),
    max_size=30,
).map(" ".join)  # fmt: skip


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(JUNK, st.text(max_size=120)), story=st.none() | st.dates())
def test_any_text_gives_a_well_formed_date(resources, text, story):
    doc = resources.nlp(text)
    for anchor in doc:
        found = event_date(anchor.sent, anchor, story)
        assert found.basis in BASES and found.precision in PRECISIONS
        if found.date is not None:
            date.fromisoformat(found.date)
        if found.span is not None:
            assert text[found.span.start : found.span.end] == found.span.text


def test_coded_events_carry_their_date(coder):
    """Through the whole coder: the story date comes from the document."""
    from whodid.types import Document

    text = (
        "Israeli troops shelled a village near Jenin on Tuesday. "
        "Rebels attacked a police station in Kidal."
    )
    dated = next(coder.code([Document("d", text, "2026-03-05")])).events
    by_trigger = {e.trigger.text: e for e in dated}
    assert by_trigger["shelled"].date == "2026-03-03"
    assert by_trigger["shelled"].date_basis == "stated"
    assert by_trigger["attacked"].date == "2026-03-05"
    assert by_trigger["attacked"].date_basis == "story"
    undated = next(coder.code([Document("d", text)])).events
    assert all(e.date is None and e.date_basis == "none" for e in undated)
