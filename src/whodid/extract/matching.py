"""Match verb and noun patterns against one token; keep why each did or did not fire."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from whodid.extract import syntax
from whodid.extract.patterns import NounPattern, PatternSet, VerbPattern


@dataclass(frozen=True, slots=True)
class Considered:
    """One pattern tried on one token, for ``whodid explain``."""

    token: str
    pattern: str
    code: str
    matched: bool
    reason: str


Trace = Callable[[Considered], None]


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_matches(head: Token, phrases: frozenset[str]) -> bool:
    """A lemma set entry is a single head lemma or a phrase whose words sit in the subtree."""
    head_lemma = lemma(head)
    if head_lemma in phrases:
        return True
    for phrase in phrases:
        words = phrase.split()
        if len(words) > 1 and head_lemma in words:
            nearby = {lemma(t) for t in head.subtree}
            if all(w in nearby for w in words):
                return True
    return False


def _object_ok(verb: Token, wanted: frozenset[str]) -> bool:
    obj = syntax.logical_object(verb)
    return obj is not None and any(_phrase_matches(o, wanted) for o in syntax.with_conjuncts(obj))


def _prep_holders(verb: Token) -> list[Token]:
    """Where a verb's prepositional phrase may hang: the verb, or its object
    ("accused the minister *of* corruption" attaches "of" to "minister")."""
    obj = syntax.logical_object(verb)
    return [verb] if obj is None else [verb, obj]


def _prep_ok(verb: Token, prep: str) -> bool:
    return any(syntax.has_prep(h, prep) for h in _prep_holders(verb))


def _prep_object_ok(verb: Token, prep: str, wanted: frozenset[str]) -> bool:
    return any(
        _phrase_matches(p, wanted)
        for holder in _prep_holders(verb)
        for p in syntax.prep_objects(holder, prep)
    )


def coded_complements(verb: Token, codes: dict[int, str]) -> list[Token]:
    return [c for c in syntax.complements(verb) if c.i in codes]


def verb_pattern_fits(
    verb: Token, pattern: VerbPattern, complement_codes: dict[int, str]
) -> tuple[bool, str]:
    """Whether every constraint of the pattern holds for this verb, and which failed."""
    if pattern.passive is not None and syntax.is_passive(verb) != pattern.passive:
        return False, "voice"
    if pattern.particle and not syntax.has_particle(verb, pattern.particle):
        return False, f"no particle '{pattern.particle}'"
    if pattern.object is not None and not _object_ok(verb, pattern.object):
        return False, f"object not in {sorted(pattern.object)[:4]}"
    if pattern.prep and not _prep_ok(verb, pattern.prep):
        return False, f"no preposition '{pattern.prep}'"
    if pattern.prep and pattern.prep_object is not None:
        if not _prep_object_ok(verb, pattern.prep, pattern.prep_object):
            return False, f"'{pattern.prep}' object not in {sorted(pattern.prep_object)[:4]}"
    coded = coded_complements(verb, complement_codes)
    if pattern.no_complement and coded:
        return False, "has a coded complement"
    if pattern.complement is not None:
        roots = {complement_codes[c.i][:2] for c in coded}
        if not roots or ("any" not in pattern.complement and not roots & pattern.complement):
            return False, f"no complement coded in {sorted(pattern.complement)}"
    return True, "all constraints hold"


def best_verb_pattern(
    verb: Token,
    patterns: PatternSet,
    complement_codes: dict[int, str],
    with_complement: bool,
    trace: Trace | None = None,
) -> VerbPattern | None:
    """The most specific pattern for this verb (complement patterns only when asked)."""
    best: VerbPattern | None = None
    for pattern in patterns.by_verb.get(lemma(verb), ()):
        if (pattern.complement is not None) != with_complement:
            continue
        ok, reason = verb_pattern_fits(verb, pattern, complement_codes)
        if trace is not None:
            trace(Considered(verb.text, pattern.id, pattern.code, ok, reason))
        if ok and (best is None or pattern.specificity > best.specificity):
            best = pattern
    return best


def noun_pattern_fits(noun: Token, pattern: NounPattern) -> bool:
    if not pattern.modifiers:
        return True
    n = len(pattern.modifiers)
    start = noun.i - n
    if start < noun.sent.start:
        return False
    doc = noun.doc
    return all(lemma(doc[start + k]) == w or doc[start + k].lower_ == w
               for k, w in enumerate(pattern.modifiers))  # fmt: skip


def best_noun_pattern(
    noun: Token, patterns: PatternSet, trace: Trace | None = None
) -> NounPattern | None:
    best: NounPattern | None = None
    found = patterns.by_noun.get(lemma(noun), [])
    if noun.lower_ != lemma(noun):
        found = [*found, *patterns.by_noun.get(noun.lower_, ())]
    for pattern in found:
        ok = noun_pattern_fits(noun, pattern)
        if trace is not None:
            reason = "all constraints hold" if ok else f"needs '{' '.join(pattern.modifiers)}'"
            trace(Considered(noun.text, pattern.id, pattern.code, ok, reason))
        if ok and (best is None or pattern.specificity > best.specificity):
            best = pattern
    return best
