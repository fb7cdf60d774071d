"""Match verb and noun patterns against one token; keep why each did or did not fire."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from whodid.extract import syntax
from whodid.extract.patterns import NounPattern, PatternSet, VerbPattern
from whodid.nlp.tree import Word, doc_tokens


@dataclass(frozen=True, slots=True)
class Considered:
    """One pattern tried on one token, for ``whodid explain``."""

    token: str
    pattern: str
    code: str
    matched: bool
    reason: str


Trace = Callable[[Considered], None]


def lemma(token: Word) -> str:
    return token.lemma_.lower()


def _singulars(token: Word) -> tuple[str, ...]:
    """The written form without a plural ending, for when the lemmatizer errs
    ("bases" -> "basis", not "base")."""
    word = token.lower_
    if not word.endswith("s") or word.endswith("ss"):
        return ()
    return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)


@lru_cache(maxsize=4096)
def _multiword(phrases: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in phrases if " " in p)


def _keys(head: Word) -> set[str]:
    """What a one-word lemma set entry may match of a phrase: its head's lemma (or written
    form without a plural ending) or a noun modifier ("an *aid* programme", "*peace*
    negotiations")."""
    keys = {lemma(head), *_singulars(head)}
    keys.update(lemma(c) for c in head.lefts if c.dep_ == "compound")
    return keys


def _phrase_in_subtree(head: Word, multiword: tuple[tuple[str, ...], ...]) -> bool:
    """A multi-word entry with the head among its words and the rest in its subtree."""
    head_lemma = lemma(head)
    nearby: set[str] | None = None
    for words in multiword:
        if head_lemma in words:
            nearby = nearby if nearby is not None else {lemma(t) for t in head.subtree}
            if all(w in nearby for w in words):
                return True
    return False


def _any_matches(heads: list[Word], keys: set[str], phrases: frozenset[str]) -> bool:
    """Whether a lemma set names one of these phrases (``keys``: theirs, together)."""
    if not keys.isdisjoint(phrases):
        return True
    multiword = _multiword(phrases)
    return bool(multiword) and any(_phrase_in_subtree(h, multiword) for h in heads)


def _phrase_matches(head: Word, phrases: frozenset[str]) -> bool:
    """A lemma set entry is a single head lemma or a phrase whose words sit in the subtree;
    a noun modifier counts as the head ("an *aid* programme", "*peace* negotiations")."""
    return _any_matches([head], _keys(head), phrases)


@dataclass(slots=True)
class VerbFacts:
    """What the patterns ask of a verb, read from the parse once per verb."""

    verb: Word
    passive: bool
    objects: list[Word]
    preps: dict[str, list[Word]]  # preposition -> its objects, on the verb or its object
    complements: list[Word]
    object_keys: set[str]  # what a lemma set may match of the objects (see _keys)
    _prep_keys: dict[str, set[str]]  # the same of each preposition's objects, when asked

    def prep_keys(self, prep: str) -> set[str]:
        found = self._prep_keys.get(prep)
        if found is None:
            found = self._prep_keys[prep] = _union(self.preps[prep])
        return found

    @classmethod
    def read(cls, verb: Word) -> VerbFacts:
        obj = syntax.logical_object(verb)
        objects = syntax.content_heads(obj)
        preps: dict[str, list[Word]] = {}
        # "accused the minister *of* corruption" attaches "of" to the object
        for holder in [verb] if obj is None else [verb, obj]:
            for prep, pobj in syntax.prepositions(holder):
                preps.setdefault(prep, [])
                if pobj is not None:
                    preps[prep].append(pobj)
        return cls(verb, syntax.is_passive(verb), objects, preps, syntax.complements(verb),
                   _union(objects), {})  # fmt: skip


def _union(heads: list[Word]) -> set[str]:
    return set().union(*(_keys(h) for h in heads))


def coded_complements(verb: Word, codes: dict[int, str]) -> list[Word]:
    return [c for c in syntax.complements(verb) if c.i in codes]


def _some(words: frozenset[str]) -> str:
    return ", ".join(sorted(words)[:4]) + (", ..." if len(words) > 4 else "")


def verb_pattern_fits(
    facts: VerbFacts, pattern: VerbPattern, complement_codes: dict[int, str]
) -> tuple[bool, str]:
    """Whether every constraint of the pattern holds for this verb, and which failed
    (a short reason; :func:`explain_failure` spells it out)."""
    if pattern.passive is not None and facts.passive != pattern.passive:
        return False, "voice"
    if pattern.particle and not syntax.has_particle(facts.verb, pattern.particle):
        return False, f"no particle '{pattern.particle}'"
    if pattern.prep and pattern.prep not in facts.preps:  # before the costlier word checks
        return False, f"no preposition '{pattern.prep}'"
    if pattern.subject is not None and not any(  # few patterns ask: read the subject here
        _phrase_matches(s, pattern.subject)
        for s in syntax.content_heads(syntax.logical_subject(facts.verb))
    ):
        return False, "subject"
    if pattern.object is not None and not _any_matches(
        facts.objects, facts.object_keys, pattern.object
    ):
        return False, "object"
    if pattern.prep and pattern.prep_object is not None and not _any_matches(
        facts.preps[pattern.prep], facts.prep_keys(pattern.prep), pattern.prep_object
    ):
        return False, "prep_object"
    if pattern.no_complement and any(c.i in complement_codes for c in facts.complements):
        return False, "has a coded complement"
    if pattern.complement is not None:
        roots = {complement_codes[c.i][:2] for c in facts.complements if c.i in complement_codes}
        if not roots or ("any" not in pattern.complement and not roots & pattern.complement):
            return False, "complement"
    return True, "all constraints hold"


def explain_failure(pattern: VerbPattern, reason: str) -> str:
    if reason == "subject" and pattern.subject is not None:
        return f"subject not one of: {_some(pattern.subject)}"
    if reason == "object" and pattern.object is not None:
        return f"object not one of: {_some(pattern.object)}"
    if reason == "prep_object" and pattern.prep_object is not None:
        return f"'{pattern.prep}' object not one of: {_some(pattern.prep_object)}"
    if reason == "complement" and pattern.complement is not None:
        return f"no complement coded in roots {_some(pattern.complement)}"
    return reason


def best_verb_pattern(
    verb: Word,
    patterns: PatternSet,
    complement_codes: dict[int, str],
    with_complement: bool,
    trace: Trace | None = None,
    facts: VerbFacts | None = None,
) -> VerbPattern | None:
    """The most specific pattern for this verb (complement patterns only when asked); the
    first in file order among equally specific ones. With a ``trace``, every pattern of the
    verb is tried and reported; without, the first that fits is the answer. ``facts`` are
    the verb's, when the caller has read them."""
    key = (lemma(verb), with_complement)
    if key not in patterns.ranked:
        return None
    facts = facts or VerbFacts.read(verb)
    if trace is None:  # only patterns whose object constraint may hold; the first that fits
        for pattern in patterns.for_verb(*key, facts.object_keys):
            if verb_pattern_fits(facts, pattern, complement_codes)[0]:
                return pattern
        return None
    best: VerbPattern | None = None
    for pattern in patterns.ranked[key]:
        ok, reason = verb_pattern_fits(facts, pattern, complement_codes)
        trace(Considered(verb.text, pattern.id, pattern.code, ok, explain_failure(pattern, reason)))
        if ok and best is None:
            best = pattern
    return best


def noun_pattern_fits(noun: Word, pattern: NounPattern) -> bool:
    if not pattern.modifiers:
        return True
    n = len(pattern.modifiers)
    start = noun.i - n
    if start < 0:
        return False
    words = doc_tokens(noun.doc)
    return all(lemma(words[start + k]) == w or words[start + k].lower_ == w
               for k, w in enumerate(pattern.modifiers))  # fmt: skip


def best_noun_pattern(
    noun: Word, patterns: PatternSet, trace: Trace | None = None
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
