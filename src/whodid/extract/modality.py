"""Did it happen? Modality of a candidate event from the syntax around its trigger.

    negated       "did not attack", "no talks", "failed to reach"
    conditional   the event sits in an "if"/"unless" clause
    future        "will attack"; "would attack" reported ("said it would attack");
                  "is willing to attack"
    intended      "plans to attack", "aims to", "seeks to", "wants to"
    attempted     "tried to assassinate", "attempted to"
    hypothetical  "would/could/might attack" outside reported speech
    actual        everything else
"""

from __future__ import annotations

from typing import NamedTuple

from whodid.extract.syntax import clause_head
from whodid.nlp.tree import Word

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "'d"}
CONDITIONAL_MARKS = {"if", "unless"}


def _conditional_mark(clause: Word) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in clause.children)


def _clauses(anchor: Word) -> list[Word]:
    """The trigger's clause and those it is coordinated with or the "to" complement of."""
    found = [anchor]
    if anchor.pos_ == "NOUN" and anchor.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        found.append(anchor.head)  # an event noun takes the clause of its verb
    while len(found) < 4 and found[-1].dep_ in {"conj", "xcomp"}:
        found.append(found[-1].head)
    return found


def _in_condition(anchor: Word) -> bool:
    """The trigger is the condition: "if they *cross*", "unless Y *withdraws*"."""
    return any(_conditional_mark(c) for c in _clauses(anchor))


def has_condition(anchor: Word) -> bool:
    """The trigger is what follows from a condition: "if they cross, we will *strike*"."""
    return any(
        g.dep_ == "advcl" and _conditional_mark(g) for c in _clauses(anchor) for g in c.children
    )


def _in_conditional_clause(anchor: Word) -> bool:
    return _in_condition(anchor) or has_condition(anchor)


def _auxiliaries(anchor: Word) -> set[str]:
    """Auxiliaries of the trigger's clause, also through "to" complements and coordination."""
    clause = anchor
    found: set[str] = set()
    for _ in range(4):
        found |= {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
        if clause.dep_ not in {"xcomp", "conj"} or clause.head.i == clause.i:
            break
        clause = clause.head
    return found


def _reported(anchor: Word) -> bool:
    return clause_head(anchor).dep_ == "ccomp"


READINESS = {"willing", "ready", "prepared", "determined", "eager", "committed", "poised"}


class Mood(NamedTuple):
    """A modality and the words that decided it, for ``whodid explain``."""

    value: str
    reason: str


def tense(anchor: Word) -> Mood:
    if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in READINESS:
        return Mood("future", f"'{anchor.head.text} to': an announced act")
    auxes = _auxiliaries(anchor)
    if auxes & FUTURE_AUX or ("going" in auxes and "to" in auxes):
        return Mood("future", f"auxiliary '{sorted(auxes & FUTURE_AUX or {'going to'})[0]}'")
    if auxes & HYPOTHETICAL_AUX:
        aux = sorted(auxes & HYPOTHETICAL_AUX)[0]
        if "would" in auxes and _reported(anchor):
            return Mood("future", "reported 'would': an announced act")
        return Mood("hypothetical", f"auxiliary '{aux}'")
    return Mood("actual", "no negation, condition, auxiliary or governing verb")


INTENT_VERBS = {
    "plan", "intend", "aim", "seek", "want", "hope", "mean", "wish", "desire", "plot",
    "prepare", "conspire", "scheme", "strive", "look",
}  # fmt: skip
ATTEMPT_VERBS = {"try", "attempt", "endeavour", "endeavor"}
FAILURE_VERBS = {"fail", "neglect"}


def _governing(anchor: Word) -> str | None:
    """The lemma of the verb whose "to" complement the anchor is ("plans *to attack*")."""
    if anchor.dep_ == "xcomp" and anchor.head.pos_ in {"VERB", "AUX"}:
        return anchor.head.lemma_.lower()
    return None


def modality(anchor: Word, negated: bool) -> Mood:
    governor = _governing(anchor)
    if negated:
        return Mood("negated", "a negation on the trigger")
    if governor in FAILURE_VERBS:
        return Mood("negated", f"governed by '{anchor.head.text}'")
    if _in_conditional_clause(anchor):
        return Mood("conditional", "inside an 'if'/'unless' clause")
    if governor in INTENT_VERBS:
        return Mood("intended", f"governed by '{anchor.head.text}'")
    if governor in ATTEMPT_VERBS:
        return Mood("attempted", f"governed by '{anchor.head.text}'")
    return tense(anchor)


def framing_mood(verb: Word) -> Mood | None:
    """The modality of an act coded through the verb that frames it: "plans to host" is
    coded as the plan (036) but the hosting is intended; "tried to storm" is attempted."""
    lemma = verb.lemma_.lower()
    if lemma in INTENT_VERBS:
        return Mood("intended", f"the act is what '{verb.text}' frames")
    if lemma in ATTEMPT_VERBS:
        return Mood("attempted", f"the act is what '{verb.text}' frames")
    return None


def announced_refusal(anchor: Word, negated: bool) -> bool:
    """ "X will not withdraw", "said it would not release": a refusal announced."""
    return negated and not _in_condition(anchor) and tense(anchor).value == "future"


#: Words that make an act another's duty, and how strongly: "must" and "has to" demand
#: (CAMEO 10), "should", "ought to" and "needs to" appeal (CAMEO 02).
OBLIGATION_AUX = {"must": "demanded", "should": "appealed", "ought": "appealed"}
OBLIGATION_VERBS = {"have": "demanded", "need": "appealed", "ought": "appealed"}


def _copula(anchor: Word) -> Word:
    """ "Y must be ready *to mediate*": the verb of the clause a readiness word sits in."""
    head = anchor.head
    if anchor.dep_ == "xcomp" and head.lemma_.lower() in READINESS and head.head.i != head.i:
        return head.head
    return anchor


def obligation(anchor: Word) -> str | None:
    """ "Y must release", "Y has to release", "Y must be ready to release": "demanded";
    "Y should release", "Y needs to release": "appealed"; None when the act is no duty."""
    anchor = _copula(anchor)
    for c in anchor.children:
        if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX:
            return OBLIGATION_AUX[c.lower_]
    head = anchor.head
    if anchor.dep_ == "xcomp" and any(c.lower_ == "to" for c in anchor.children):
        return OBLIGATION_VERBS.get(head.lemma_.lower())
    return None


def speaker_of(anchor: Word) -> Word | None:
    """The subject of the verb that reports the anchor's clause ("X said that ...")."""
    clause = clause_head(_copula(anchor))
    if clause.dep_ != "ccomp":
        return None
    reporter = clause.head
    return next((c for c in reporter.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
