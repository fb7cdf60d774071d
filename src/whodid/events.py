"""Build output :class:`Event` records from candidates, resolved actors and the ontology."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span

from whodid.attribute import Reading
from whodid.dates import DateWords, event_date, sentence_dates
from whodid.extract import Candidate
from whodid.extract.modality import (
    Mood,
    announced_refusal,
    framing_mood,
    has_condition,
    modality,
    obligation,
    speaker_of,
    tense,
)
from whodid.nlp.tree import Word, char_text, doc_tokens, span_text
from whodid.ontology import Ontology
from whodid.resolve import ActorResolver, Resolution
from whodid.types import Actor, Attribution, Event, Place, TextSpan

#: Roots whose events are mutual when a compound subject has no target ("X and Y met").
RECIPROCAL_ROOTS = {"03", "04", "05", "06", "19"}


@dataclass(frozen=True, slots=True)
class Position:
    """Where a sentence sits: its document, index, character offset of its segment, and the
    document's story date."""

    doc_id: str
    sentence: int
    offset: int
    story_date: date | None = None


#: Who claims what a trigger says; without one, the reporter states everything.
Claims = Callable[[Word], Reading]
#: Where the event of a trigger took place, given the countries of its actors.
Locator = Callable[[Span, Word, tuple[str | None, ...]], Place | None]


def asserted(anchor: Word) -> Reading:
    return Reading(Attribution(), False, "stated by the reporter")


def event_mood(candidate: Candidate, reading: Reading) -> Mood:
    """The modality of a candidate, where a denial around it ("denied firing") negates it."""
    if reading.denied:
        return Mood("negated", "the claim around it is a denial")
    mood = modality(candidate.anchor, candidate.negated)
    if candidate.how == "complement" and mood.value == "actual":
        return framing_mood(candidate.anchor) or mood
    return mood


def _stance(
    candidate: Candidate, ontology: Ontology, reading: Reading
) -> tuple[str, str, str | None]:
    """Code and modality once announcements, refusals and demands are read as speech acts."""
    code, anchor = candidate.code, candidate.anchor
    mood = event_mood(candidate, reading).value
    if reading.denied:
        return code, mood, None
    duty = obligation(anchor)
    if duty is not None and speaker_of(anchor) is not None:
        asked = ontology.stance_code(code, duty)  # "Y must withdraw" 1056, "should" 0256
        if asked is not None:
            return asked, "actual", duty
    if announced_refusal(anchor, candidate.negated):
        refused = ontology.stance_code(code, "refused")
        if refused is not None:
            return refused, "actual", "refused"
    if mood in {"future", "intended"} or (
        mood == "conditional"
        and has_condition(anchor)
        and (tense(anchor).value == "future" or speaker_of(anchor) is not None)
    ):  # "will withdraw unless ...", "said it may halt talks if ...": a conditional
        # announcement is still an announcement
        announced = ontology.stance_code(code, "announced")
        if announced is not None:
            return announced, mood, "announced"
    return code, mood, None


#: "X claimed that it had attacked Y": alleging an act of one's own claims responsibility.
OWN_ACT_CLAIMED = "015"


def _own_act_alleged(
    candidate: Candidate, code: str, pairs: list[tuple[Actor | None, Actor | None]]
) -> bool:
    """An accusation framing a claim whose accused is the accuser itself."""
    return (
        candidate.how == "complement"
        and code.startswith("112")
        and bool(pairs)
        and all(s is not None and t is not None and s.code and s.code == t.code
                for s, t in pairs)  # fmt: skip
    )


def _shift(actor: Actor | None, offset: int) -> Actor | None:
    if actor is None or offset == 0:
        return actor
    return replace(actor, start=actor.start + offset, end=actor.end + offset)


def _confidence(candidate: Candidate, source: Actor | None, target: Actor | None) -> float:
    score = 0.45
    score += 0.2 if source is not None and source.code else 0.0
    score += 0.15 if target is not None and target.code else 0.0
    score += 0.1 if candidate.specificity >= 3 else 0.0
    score -= 0.1 if candidate.how == "noun" else 0.0
    score -= 0.2 if candidate.fallback or candidate.negated else 0.0
    return round(min(0.99, max(0.05, score)), 2)


def _event_id(pos: Position, trigger: TextSpan, code: str, source: Actor | None,
              target: Actor | None) -> str:  # fmt: skip
    s = (source.start, source.code) if source else ("", "")
    t = (target.start, target.code) if target else ("", "")
    key = f"{pos.doc_id}|{pos.sentence}|{trigger.start}|{code}|{s[0]}|{s[1]}|{t[0]}|{t[1]}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _pairs(
    sources: list[Resolution], targets: list[Resolution], code: str
) -> list[tuple[Actor | None, Actor | None]]:
    """Source/target pairs; with no target phrase at all, a compound subject of a mutual
    act ("Egypt and Jordan met") acts on each other."""
    src = [r.actor for r in sources if r.actor is not None] or [None]
    tgt = [r.actor for r in targets if r.actor is not None] or [None]
    if not targets and len(src) > 1 and code[:2] in RECIPROCAL_ROOTS:
        return [(a, b) for a in src for b in src if a is not b]
    return [(s, t) for s in src for t in tgt
            if not (s and t and s.code and s.code == t.code and s.start == t.start)]  # fmt: skip


def source_codes(sources: list[Resolution]) -> frozenset[str]:
    """The codes of an act's own sources: a phrase that involves them is not its target."""
    return frozenset(r.actor.code for r in sources if r.actor is not None and r.actor.code)


def _mutual(sources: list[Resolution], code: str) -> bool:
    """ "Israel and Lebanon renewed talks": coordinated actors of a mutual act, each the
    other's target."""
    return code[:2] in RECIPROCAL_ROOTS and sum(r.actor is not None for r in sources) > 1


def _aimed_elsewhere(
    candidate: Candidate, resolver: ActorResolver, own: frozenset[str]
) -> list[Resolution]:
    """The first of the candidate's other phrases that names a coded actor: "cut off
    electricity *to Colombian towns*" when "electricity" names nobody."""
    for head in candidate.other_targets:
        found = resolver.resolve_involved(head, own)
        if _instrument(head, found):
            continue  # "shelled the town with Russian artillery"
        if _other_actor(found, own):
            more = (resolver.resolve_involved(h, own) for h in candidate.other_targets
                    if h in head.conjuncts)  # "its borders with Iran and Turkey"  # fmt: skip
            return [found, *(r for r in more if _other_actor(r, own))]
    return []


def _instrument(head: Word, found: Resolution) -> bool:
    """A "with" phrase naming a thing an actor owns or made, not the actor: "with Russian
    artillery" (no sector, a common noun), unlike "with Sudan" or "with Chinese officials"."""
    prep = head.head
    return (
        prep.lower_ == "with" and prep.dep_ == "prep" and head.pos_ != "PROPN"
        and (found.actor is None or found.actor.sector is None)
    )  # fmt: skip


def _other_actor(found: Resolution, own: frozenset[str]) -> bool:
    """A coded actor other than the act's own source ("put *its forces* on alert" is not
    aimed at them)."""
    return found.actor is not None and bool(found.actor.code) and found.actor.code not in own


def build_events(
    candidate: Candidate,
    sent: Span,
    pos: Position,
    resolver: ActorResolver,
    ontology: Ontology,
    claims: Claims = asserted,
    text: str | None = None,
    locate: Locator | None = None,
    dates: list[DateWords] | None = None,
) -> list[Event]:
    """Every event a candidate expresses: one per source/target pair of actors. ``text`` and
    ``dates`` are the sentence's text and date words, when the caller has them already."""
    sources = [r for t in candidate.sources for r in resolver.resolve_each(t, agent=True)]
    own = source_codes(sources)
    targets = [resolver.resolve_involved(t, own) for t in candidate.targets]
    if candidate.needs_source_actor and not any(r.actor and r.actor.code for r in sources):
        return []
    if candidate.fallback and not any(r.actor for r in targets):
        return []  # "X said" alone is no interaction; "X told Y" is a statement to Y
    doc = sent.doc
    first, last = candidate.trigger
    toks = doc_tokens(doc)
    start, end = toks[first].idx, toks[last - 1].idx + len(toks[last - 1])
    trigger = TextSpan(char_text(doc, start, end), start + pos.offset, end + pos.offset)
    reading = claims(candidate.anchor)
    code, mood, stance = _stance(candidate, ontology, reading)
    named_nobody = not any(r.actor for r in targets)
    if named_nobody and any(r.actor for r in sources) and not _mutual(sources, code):
        targets = _aimed_elsewhere(candidate, resolver, own) or targets
    pattern_id = candidate.pattern_id + (f"+{stance}" if stance else "")
    if stance in {"demanded", "appealed"}:  # "X said Y must withdraw": X demands of Y
        sources, targets = [resolver.resolve(speaker_of(candidate.anchor))], sources
    sentence_text = span_text(sent) if text is None else text
    if dates is None:
        dates = sentence_dates(sent, sentence_text)
    when = event_date(sent, candidate.anchor, pos.story_date, pos.offset, dates)
    pairs = _pairs(sources, targets, code)
    if _own_act_alleged(candidate, code, pairs):  # the claimant is not its own target
        code, pattern_id = OWN_ACT_CLAIMED, pattern_id + "+own act"
        pairs = list(dict.fromkeys((s, None) for s, _ in pairs))
    cameo = ontology.get(code)
    plover = ontology.plover(code)
    events = []
    countries = tuple({a.country for pair in pairs for a in pair if a is not None})
    location = locate(sent, candidate.anchor, countries) if locate and pairs else None
    for source, target in pairs:
        if source is None and target is None:
            continue  # an event with no participant tells a user nothing
        source, target = _shift(source, pos.offset), _shift(target, pos.offset)
        if reading.voice is not None and source is not None and reading.voice.start == source.start:
            source = reading.voice  # "the minister said": the minister named earlier
        events.append(
            Event(
                doc_id=pos.doc_id,
                event_id=_event_id(pos, trigger, cameo.code, source, target),
                sentence=pos.sentence,
                text=sentence_text,
                date=when.date,
                code=cameo.code,
                root=cameo.root,
                plover=plover.type if plover else None,
                plover_mode=plover.mode if plover else None,
                goldstein=cameo.goldstein,
                quad_class=cameo.quad_class,
                source=source,
                target=target,
                trigger=trigger,
                attribution=reading.attribution,
                modality=mood,
                location=location,
                confidence=_confidence(candidate, source, target),
                pattern=pattern_id,
                date_basis=when.basis,
                date_precision=when.precision if when.date else None,
            )
        )
    return events


def sentence_events(
    candidates: list[Candidate],
    sent: Span,
    pos: Position,
    resolver: ActorResolver,
    ontology: Ontology,
    claims: Claims = asserted,
    locate: Locator | None = None,
) -> list[Event]:
    """All events of a sentence; those of the trigger highest in the parse are ``main``."""
    if not candidates:
        return []
    text = span_text(sent)
    dates = sentence_dates(sent, text)
    built = [
        (c, build_events(c, sent, pos, resolver, ontology, claims, text, locate, dates))
        for c in candidates
    ]
    coded = [(c, events) for c, events in built if events]
    if not coded:
        return []
    main, _ = min(coded, key=lambda ce: (ce[0].fallback, ce[0].depth, -ce[0].specificity))
    return [replace(e, main=True) if c is main else e for c, events in coded for e in events]
