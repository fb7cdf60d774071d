"""When did the event happen? The date words tied to its trigger, read against the story date.

    Rebels attacked the base on Tuesday and the army responded on Thursday.

Both weekdays are in the sentence; each event gets the one the parse attaches to its own
clause. A date expression is tied to the event when the nearest verb above it in the parse
(or the noun trigger itself: "the attack on Tuesday") is one of, best first:

    0  the trigger                                  "*attacked* ... on Tuesday"
    1  the verb a noun trigger is the subject of    "*Clashes* erupted on Tuesday"
    2  the clauses the trigger's clause hangs on:   "the army *responded*" -> "attacked
       coordination, "to" complements, participles  on Tuesday"; "*killing* three" -> "opened
                                                    fire on Tuesday"
    3  verbs coordinated under the trigger that     "*marched* and clashed with police on
       share its subject; complements of "try",     Tuesday"; "*tried* to storm it on Monday"
       "begin" and the like

Reported clauses are never crossed: in "X said on Monday that troops had withdrawn" the
withdrawal is not dated Monday. Dates that describe a noun ("the 2019 agreement", "condemned
Monday's vote") are not the event's, unless the noun is the trigger or its clause's subject
("Sunday's attack killed five"); nor are limits ("since March", "by Friday").

Whether the event is still to come is read from the verb the date words hang on: "will",
"shall", "'ll", modals without "have" ("said it would withdraw on Friday"), "is to",
"going to", "to" complements of verbs that look ahead ("agreed to meet", "is expected
to", "threatened to strike") and the present progressive ("are meeting on Thursday": a
plan, not something under way on a past Thursday). Everything else counts as past or
present, simple presents included ("says Tuesday" is today's statement).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Span

from whodid.dates.calendar import resolve
from whodid.dates.expressions import DateExpr, find_expressions
from whodid.nlp.tree import Word, sentence_entities, span_root, span_text
from whodid.types import TextSpan

VERBAL = {"VERB", "AUX"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
#: A date hanging on a noun this way describes the noun, not the event ("the 2019 accord").
NOUN_MODIFIER_DEPS = {"compound", "nummod", "amod", "poss", "nmod"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PRESENT_BE = {"am", "is", "are", "'m", "'re", "'s"}
MODAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "'d"}
#: "<verb> to X on Tuesday": X is still to come.
PROSPECTIVE = {
    "plan", "intend", "aim", "agree", "decide", "vow", "promise", "pledge", "threaten",
    "expect", "schedule", "set", "due", "slate", "poise", "poised", "ready", "prepare",
    "prepared", "willing", "likely", "hope", "want", "seek", "propose", "offer",
}  # fmt: skip
PROSPECTIVE_OR_BE = PROSPECTIVE | {"be"}  # "Russia is to hold talks next week"
#: "<verb> to X on Tuesday": the verb happened when X did.
ASPECT_VERBS = {"try", "attempt", "begin", "start", "continue", "resume", "manage", "fail",
                "move", "rush", "proceed"}  # fmt: skip
PRECISIONS = ("day", "weekend", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class EventDate:
    """The event's date and why.

    ``basis``: ``stated`` (date words tied to the event), ``story`` (none tied; the story date
    stands in) or ``none`` (no date: no story date, or relative words without one).
    ``precision`` is one of :data:`PRECISIONS`; ``week`` dates are that week's Monday,
    ``weekend`` dates its Saturday, ``month``/``year`` dates the first day. ``span`` holds
    the date words (document offsets), also when they could not be resolved.
    """

    date: str | None
    basis: str
    span: TextSpan | None
    precision: str
    reason: str


def parse_story_date(text: str | None) -> date | None:
    """A story date from ``Document.date`` ("YYYY-MM-DD"); None when missing or malformed."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:  # a malformed story date is treated as no story date
        return None


@dataclass(frozen=True, slots=True)
class DateWords:
    """A date expression of a sentence and the word heading its words in the parse."""

    expr: DateExpr
    root: Word


def sentence_dates(sent: Span, text: str | None = None) -> list[DateWords]:
    """The date expressions of ``sent`` that may date its events (``text`` is its text, when
    the caller has it): not limits ("since March"), and a bare "May" or "2019" only when
    spaCy's NER calls it a date. Found once per sentence, whatever its number of events."""
    found = []
    for expr in find_expressions(span_text(sent) if text is None else text):
        if expr.bounding:
            continue
        tokens = sent.char_span(expr.start, expr.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        if expr.bare and not _named_date(sent, tokens):
            continue
        found.append(DateWords(expr, span_root(tokens)))
    return found


def event_date(
    sent: Span,
    anchor: Word,
    story_date: date | None,
    offset: int = 0,
    dates: list[DateWords] | None = None,
) -> EventDate:
    """The date of the event triggered by ``anchor`` in ``sent``.

    Relative words ("Tuesday", "last week") need ``story_date``; without it they give
    ``basis="none"`` rather than a guess. Written-out dates ("3 March 2024") need none.
    ``offset`` is added to the document offsets of ``span``; ``dates`` are the sentence's
    (:func:`sentence_dates`) when the caller has them. Never raises on odd text.
    """
    if isinstance(story_date, datetime):
        story_date = story_date.date()
    unresolved: EventDate | None = None
    invalid: list[str] = []
    if dates is None:
        dates = sentence_dates(sent)
    for expr, governor in _tied_expressions(anchor, dates):
        start = sent.start_char + expr.start + offset
        words = TextSpan(expr.text, start, start + len(expr.text))
        if expr.relative and story_date is None:
            unresolved = unresolved or EventDate(
                None, "none", words, expr.precision, f"'{expr.text}' needs a story date"
            )
            continue
        ahead = _looks_ahead(governor)
        found = resolve(expr, story_date, ahead)
        if found is None:
            invalid.append(expr.text)
            continue
        tense = " (still to come)" if ahead and expr.relative else ""
        reason = f"'{expr.text}' on '{governor.text}'{tense}: {found.how}"
        return EventDate(found.date.isoformat(), "stated", words, found.precision, reason)
    if unresolved is not None:
        return unresolved
    note = f"ignored {', '.join(repr(t) for t in invalid)} (no such day); " if invalid else ""
    if story_date is None:
        return EventDate(None, "none", None, "day", note + "no date words and no story date")
    return EventDate(story_date.isoformat(), "story", None, "day", note + "the story date")


def _tied_expressions(anchor: Word, dates: list[DateWords]) -> list[tuple[DateExpr, Word]]:
    """Date expressions tied to the event with the verb each hangs on, best first: closest
    clause level, then finest precision, then nearest to the trigger."""
    if not dates:
        return []
    levels = _clause_levels(anchor)
    ranked = []
    for found in dates:
        expr, root = found.expr, found.root
        governor = _governor(root, anchor)
        level = levels.get(governor.i) if governor is not None else None
        if governor is None or level is None:
            continue
        rank = (level, PRECISIONS.index(expr.precision), abs(root.i - anchor.i))
        ranked.append((rank, expr, governor))
    ranked.sort(key=lambda r: r[0])
    return [(expr, governor) for _, expr, governor in ranked]


def _named_date(sent: Span, tokens: Span) -> bool:
    """spaCy's NER calls these words (part of) a DATE: vouches for a lone "May" or "2019"."""
    return any(
        e.label_ == "DATE" and e.start <= tokens.start and tokens.end <= e.end
        and e.end <= sent.end
        for e in sentence_entities(sent)
    )


def _governor(root: Word, anchor: Word) -> Word | None:
    """The nearest verb above the date words, or the noun trigger if met first."""
    noun = root.head
    if root.dep_ in NOUN_MODIFIER_DEPS and noun.i != anchor.i:
        # "Tuesday's attack killed five": a subject's possessive dates the clause
        if not (root.dep_ == "poss" and noun.dep_ in {"nsubj", "nsubjpass"}):
            return None
    token = root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if head.i == anchor.i or head.pos_ in VERBAL:
            return head
        token = head
    return None


def _has_subject(verb: Word) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _participle(verb: Word) -> bool:
    """ "..., *killing* three": an adverbial clause with no subject and no conjunction."""
    return (
        verb.dep_ == "advcl"
        and not _has_subject(verb)
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def _clause_levels(anchor: Word) -> dict[int, int]:
    """Token index -> level (0 best) of every word whose date words are the event's."""
    levels = {anchor.i: 0}
    verb = anchor
    if anchor.pos_ not in VERBAL:
        if anchor.dep_ not in {"nsubj", "nsubjpass", "attr"} or anchor.head.pos_ not in VERBAL:
            return levels
        verb = anchor.head
        levels[verb.i] = 1
    clause = verb
    for _ in range(4):
        head = clause.head
        joined = (clause.dep_ == "conj" and head.pos_ in VERBAL) or clause.dep_ == "xcomp"
        if head.i == clause.i or not (joined or _participle(clause)):
            break
        clause = head
        levels.setdefault(clause.i, 2)
    for child in verb.children:
        if child.pos_ in VERBAL and (
            (child.dep_ == "conj" and not _has_subject(child))
            or (child.dep_ == "xcomp" and verb.lemma_.lower() in ASPECT_VERBS)
            or _participle(child)
        ):
            levels.setdefault(child.i, 3)
    return levels


def _futurate(verb: Word, auxes: set[str]) -> bool:
    """ "The leaders are meeting on Thursday": a present progressive with a date is a plan."""
    progressive = verb.tag_ == "VBG" or "being" in auxes
    return progressive and bool(auxes & PRESENT_BE) and "been" not in auxes


def _looks_ahead(verb: Word) -> bool:
    """Is the event still to come? Auxiliaries of the verb's clause, also through "to"
    complements and coordination ("will meet on Tuesday and sign on Friday")."""
    clause = verb
    for _ in range(4):
        auxes = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & FUTURE_AUX or (auxes & MODAL_AUX and "have" not in auxes):
            return True
        if _futurate(clause, auxes):
            return True
        head = clause.head
        if (
            clause.dep_ == "xcomp"
            and "to" in auxes
            and (head.lower_ == "going" or head.lemma_.lower() in PROSPECTIVE_OR_BE)
        ):
            return True
        if clause.dep_ not in {"xcomp", "conj"} or head.i == clause.i:
            break
        clause = head
    return False
