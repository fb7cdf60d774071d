"""Find candidate events in one parsed sentence: the trigger, its code and its argument slots.

Actors are not resolved here: a candidate names the tokens heading the source and target
noun phrases, and ``whodid.resolve`` decides who they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from spacy.tokens import Span

from whodid.extract import syntax
from whodid.extract.matching import (
    Trace,
    VerbFacts,
    best_noun_pattern,
    best_verb_pattern,
    coded_complements,
    lemma,
)
from whodid.extract.patterns import NounPattern, PatternSet, VerbPattern
from whodid.nlp.tree import Word, sentence_tokens

LIGHT_NOUN_PREPS = ("in", "on", "into", "for", "under")  # "went on strike", "put under arrest"
MAX_TRIGGER_TOKENS = 8
# prepositions that may name whom an act is aimed at: "cut off electricity *to* Colombian towns",
# "sealed its border *with* Sudan" (a "with" phrase names an instrument as often: the
# events step takes it only when it names an actor itself); not "from", which names where
# the act came from as often ("fired missiles from Yemen")
AIMED_PREPS = ("to", "against", "on", "at", "with", "toward", "towards")
# what an object involves, when the pattern does not take the object for the target: not
# where it came from ("fired rockets *from Lebanon*")
OBJECT_PREPS = tuple(p for p in syntax.INVOLVED_PREPS if p != "from")
CLAIM_FRAMES = ("11", "016")  # accusations, criticism and denials: claims about an act


@dataclass(slots=True)
class Candidate:
    """A coded trigger with the heads of its source and target phrases."""

    code: str
    pattern_id: str
    specificity: int
    anchor: Word
    trigger: tuple[int, int]  # token span, end exclusive
    sources: list[Word]
    targets: list[Word]
    negated: bool
    how: str  # "verb", "light verb", "complement", "noun"
    fallback: bool = False
    needs_source_actor: bool = False  # no event unless a source resolves to a coded actor
    absorbed: list[Word] = field(default_factory=list)
    # the further phrases the act may be aimed at, in order, found only when the targets
    # name no actor (``other_targets``)
    aim: Callable[[], list[Word]] | None = None

    @property
    def other_targets(self) -> list[Word]:
        return self.aim() if self.aim is not None else []

    @property
    def depth(self) -> int:
        """How deep the trigger sits in the parse: 0 for the main verb of the sentence."""
        return _depth(self.anchor)


def _slot(verb: Word, slot: str, obj: Word | None = None) -> list[Word]:
    """The heads of a slot's phrases; ``obj`` is the verb's logical object, when the caller
    has found it (a preposition missing on the verb is looked for on it)."""
    if slot == "subject":
        return syntax.np_heads(syntax.logical_subject(verb))
    if slot == "object":
        return syntax.np_heads(obj if obj is not None else syntax.logical_object(verb))
    if slot == "dative":
        return syntax.np_heads(syntax.dative(verb))
    if slot == "complement_subject":
        for comp in syntax.complements(verb):
            subj = syntax.grammatical_subject(comp)
            if subj is not None:
                return syntax.np_heads(subj)
        return []
    prep = slot.split(":", 1)[1]
    found = list(syntax.prep_objects(verb, prep))
    if not found and obj is not None:
        found = list(syntax.prep_objects(obj, prep))
    return [h for f in found for h in syntax.np_heads(f)]


def _fill(verb: Word, obj: Word | None, slots: tuple[str, ...], exclude: set[int]) -> list[Word]:
    for slot in slots:
        heads = [h for h in _slot(verb, slot, obj) if h.i not in exclude]
        if heads:
            return heads
    return []


def _noun_slot(noun: Word, slot: str) -> list[Word]:
    if slot == "poss":
        return [c for c in noun.children if c.dep_ == "poss"]
    if slot == "modifier":  # "Israeli strike", "NATO raid"; not "general strike"
        return [
            c
            for c in noun.children
            if c.dep_ in {"amod", "compound", "nmod"}
            and (c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.ent_type_ in {"NORP", "GPE"}))
        ]
    prep = slot.split(":", 1)[1]
    return [h for f in syntax.prep_objects(noun, prep) for h in syntax.np_heads(f)]


def _noun_fill(noun: Word, slots: tuple[str, ...]) -> list[Word]:
    for slot in slots:
        heads = _noun_slot(noun, slot)
        if heads:
            return heads
    return []


def _span(tokens: list[Word]) -> tuple[int, int]:
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    if end - start > MAX_TRIGGER_TOKENS:
        return tokens[0].i, tokens[0].i + 1
    return start, end


def _aimed_at(
    verb: Word, obj: Word | None, slots: tuple[str, ...], sources: list[Word], targets: list[Word]
) -> list[Word]:
    """Every phrase the verb's act may be aimed at, in order of preference: the pattern's
    target slots, the verb's phrases with a preposition of direction, then the actors its
    object involves ("closed its border *with Sudan*"), though not the object itself
    when the pattern does not take it for the target ("deployed *troops*")."""
    found = [h for slot in slots for h in _slot(verb, slot, obj)]
    found += [h for prep in AIMED_PREPS for f in syntax.prep_objects(verb, prep)
              for h in syntax.np_heads(f)]  # fmt: skip
    found += [p for h in syntax.np_heads(obj) for p in syntax.involved_phrases(h, OBJECT_PREPS)]
    seen = {t.i for t in sources + targets}
    own = {t.i for t in sources}
    aimed = []
    for h in found:
        if h.i in seen or any(a.i in own for a in h.ancestors):  # nor inside a source's phrase
            continue
        seen.add(h.i)
        aimed.append(h)
    return aimed


def _verb_candidate(verb: Word, pattern: VerbPattern, how: str) -> Candidate:
    obj = syntax.logical_object(verb)
    sources = _fill(verb, obj, pattern.source, set())
    targets = _fill(verb, obj, pattern.target, {s.i for s in sources})
    if not targets and pattern.prep:
        # the phrase the pattern's preposition introduces is what the act is about:
        # "called for sanctions against Nigeria" -> the resolver looks inside it
        targets = [t for t in _slot(verb, f"prep:{pattern.prep}") if t not in sources]
    parts = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    return Candidate(
        code=pattern.code,
        pattern_id=pattern.id,
        specificity=pattern.specificity,
        anchor=verb,
        trigger=_span(parts),
        sources=sources,
        targets=targets,
        negated=syntax.is_negated(verb),
        how=how,
        fallback=pattern.fallback,
        aim=None if pattern.fallback else partial(_aimed_at, verb, obj, pattern.target,
                                                  sources, targets),
    )


def _aim_as(outer: Candidate, inner: list[Candidate]) -> None:
    """An act with no target of its own is aimed where the acts it frames or serves are:
    "threatened to cut off power *to X*", "began a sit-in to protest *X's ban*"."""
    sources = {s.i for s in outer.sources}
    outer.targets = [t for c in inner for t in c.targets if t.i not in sources]
    own = outer.aim

    def aim() -> list[Word]:
        found = own() if own is not None else []
        return found + [t for c in inner for t in c.other_targets if t.i not in sources]

    outer.aim = aim


def _framing_candidate(verb: Word, pattern: VerbPattern, inner: list[Candidate]) -> Candidate:
    """"threatened to attack X": the threat, aimed at the inner event's target if none.
    An accusation or denial frames a claim about an act ("accused Y of killing Z", "denied
    firing"): the act stays an event of its own, whose attribution says who claims it."""
    outer = _verb_candidate(verb, pattern, "complement")
    if not outer.targets:
        _aim_as(outer, inner)
    if pattern.code.startswith(CLAIM_FRAMES):
        return outer
    outer.absorbed = [c.anchor for c in inner]
    outer.trigger = _span([verb, *(c.anchor for c in inner)])
    return outer


def _light_objects(verb: Word) -> list[Word]:
    """Nouns a light verb takes its meaning from: its object, "engaged *in* talks", and
    noun modifiers of those ("launched a *mediation* effort")."""
    found = syntax.content_heads(syntax.logical_object(verb))
    for prep in LIGHT_NOUN_PREPS:
        found.extend(syntax.prep_objects(verb, prep))
    nouns = [t for t in found if t.pos_ in {"NOUN", "PROPN"}]
    return nouns + [c for t in nouns for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]


def _light_candidate(
    verb: Word, patterns: PatternSet, trace: Trace | None
) -> tuple[Candidate, Word] | None:
    for noun in _light_objects(verb):
        pattern = best_noun_pattern(noun, patterns, trace)
        if pattern is None:
            continue
        sources = syntax.np_heads(syntax.logical_subject(verb))
        phrase = noun.head if noun.dep_ == "compound" else noun
        targets = _noun_fill(phrase, pattern.target)
        if not targets:
            targets = [
                h
                for slot in (*pattern.target, "dative")
                if slot.startswith("prep:") or slot == "dative"
                for h in _slot(verb, slot)
            ]
        targets = [t for t in targets if t.i not in {s.i for s in sources}]
        return (
            Candidate(
                code=pattern.code,
                pattern_id=pattern.id,
                specificity=pattern.specificity + 2,
                anchor=verb,
                trigger=_span([verb, noun]),
                sources=sources,
                targets=targets,
                negated=syntax.is_negated(verb),
                how="light verb",
                aim=partial(_aimed_at, verb, None, (), sources, targets),
            ),
            noun,
        )
    return None


def _noun_candidate(noun: Word, pattern: NounPattern) -> Candidate:
    sources = _noun_fill(noun, pattern.source)
    targets = [t for t in _noun_fill(noun, pattern.target) if t.i not in {s.i for s in sources}]
    return Candidate(
        code=pattern.code,
        pattern_id=pattern.id,
        specificity=pattern.specificity,
        anchor=noun,
        trigger=(noun.i - len(pattern.modifiers), noun.i + 1),
        sources=sources,
        targets=targets,
        negated=any(c.lower_ == "no" for c in noun.children),
        how="noun",
        needs_source_actor=True,
    )


def _depth(token: Word) -> int:
    return sum(1 for _ in token.ancestors)


ADJUNCT_DEPS = {"advcl", "xcomp", "pcomp", "prep", "conj"}


def _protest_topic(anchor: Word, chosen: dict[int, Candidate]) -> bool:
    """ "blocked roads demanding his return", "rioted, joining crowds in demanding a
    vote": a demand in an adjunct of a coded protest, not in reported speech."""
    token = anchor
    while token.dep_ in ADJUNCT_DEPS and token.head.i != token.i:
        token = token.head
        found = chosen.get(token.i)
        if found is not None and found.code.startswith("14"):
            return True
    return False


def _verb_readings(
    sent: Span, patterns: PatternSet, trace: Trace | None
) -> tuple[list[Candidate], set[int]]:
    """The best reading of every verb, with complements and purposes absorbed; also the
    event nouns that light verbs took their meaning from."""
    verbs = sorted(
        (t for t in sentence_tokens(sent)
         if t.pos_ == "VERB" and t.dep_ != "amod" and not syntax.modifies_noun(t)),  # fmt: skip
        key=_depth,
        reverse=True,
    )
    chosen: dict[int, Candidate] = {}
    codes: dict[int, str] = {}
    light_nouns: set[int] = set()
    for verb in verbs:  # deepest first, so complements are coded before their governors
        # what the patterns ask of the verb, read once for both kinds of pattern
        facts = VerbFacts.read(verb) if lemma(verb) in patterns.by_verb else None
        plain = best_verb_pattern(verb, patterns, codes, False, trace, facts)
        # the verb's own reading is built only if no other reading beats it
        best: Candidate | None = None
        # a light verb ("launched an attack"), or a verb with no reading of its own whose
        # object names the event ("renewed negotiations", "ordered patrols")
        light_verb = lemma(verb) in patterns.light_verbs
        if light_verb or (
            (plain is None or plain.fallback) and lemma(verb) not in patterns.reversing_verbs
        ):
            light = _light_candidate(verb, patterns, trace)
            if light is not None and (plain is None or light[0].specificity >= plain.specificity):
                best = light[0]
                # a verb with no sense of its own read through a noun that names its own
                # actor ("will test *his* vow"): a subject that is a thing ("an event")
                # must resolve to an actor to be the noun's
                best.needs_source_actor = (
                    not light_verb
                    and any(c.dep_ == "poss" for c in light[1].children)
                    and bool(best.sources)
                    and all(t.pos_ == "NOUN" for t in best.sources)
                )
                light_nouns.add(light[1].i)
        inner = coded_complements(verb, codes)
        if inner:
            framed = best_verb_pattern(verb, patterns, codes, True, trace, facts)
            rival = best or plain
            if framed is not None and (rival is None or framed.specificity >= rival.specificity):
                best = _framing_candidate(verb, framed, [chosen[c.i] for c in inner])
        if best is None and plain is not None:
            best = _verb_candidate(verb, plain, "verb")
        if best is not None:
            chosen[verb.i] = best
            codes[verb.i] = best.code
    absorbed = {t.i for c in chosen.values() for t in c.absorbed}
    # the purpose of a coded act is its context, not a second event, and says whom the act
    # is aimed at if the act does not
    for i, c in chosen.items():
        served = chosen.get(c.anchor.head.i)
        if served is not None and syntax.is_purpose_clause(c.anchor):
            absorbed.add(i)
            if not served.targets:
                _aim_as(served, [c])
    # what a protest demands is its topic, not a second event (PLOVER manual, PROTEST)
    absorbed.update(
        i for i, c in chosen.items() if c.code.startswith("10") and _protest_topic(c.anchor, chosen)
    )
    return [c for i, c in chosen.items() if i not in absorbed], light_nouns


def _noun_readings(
    sent: Span, patterns: PatternSet, verbal: list[Candidate], consumed: set[int],
    trace: Trace | None,
) -> list[Candidate]:  # fmt: skip
    """Event nouns with their own actor. A noun that a coded verb acts on is part of that
    event ("lodged a protest", "condemned the attack"); a noun that acts is its own
    ("the bombing killed ten")."""
    consumed = consumed | {t.i for c in verbal for t in c.targets}
    for c in verbal:
        if c.anchor.pos_ == "VERB":
            consumed.update(t.i for t in syntax.np_heads(syntax.logical_object(c.anchor)))
            consumed.update(t.i for t in syntax.prep_phrase_objects(c.anchor))
    found = []
    for token in sentence_tokens(sent):
        if token.pos_ != "NOUN" or token.i in consumed:
            continue
        pattern = best_noun_pattern(token, patterns, trace)
        if pattern is not None and not pattern.needs_light_verb:
            candidate = _noun_candidate(token, pattern)
            if candidate.sources:
                found.append(candidate)
    return found


def find_candidates(
    sent: Span, patterns: PatternSet, trace: Trace | None = None
) -> list[Candidate]:
    """Every event the sentence's verbs and event nouns express, most specific reading each;
    weak readings ("said") only when there is nothing else."""
    verbal, light_nouns = _verb_readings(sent, patterns, trace)
    found = verbal + _noun_readings(sent, patterns, verbal, light_nouns, trace)
    if any(not c.fallback for c in found):
        found = [c for c in found if not c.fallback]
    return sorted(found, key=lambda c: c.trigger)
