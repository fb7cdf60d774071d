"""The speech lexicon (``data/speech.yaml``): verbs of saying, belief and accusation,
denials, hedges and the nouns for people who speak for others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.strings import get_string_id

from whodid.datafiles import read_yaml
from whodid.errors import DataFileError

DATA = Path(__file__).parent / "data" / "speech.yaml"
WORD_LISTS = (
    "speech_verbs", "belief_verbs", "claim_complement_verbs", "denial_verbs", "hedges",
    "person_nouns", "statement_nouns",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    claim_complement_verbs: frozenset[str]
    claim_prepositions: frozenset[tuple[str, str]]  # (verb lemma, preposition)
    denial_verbs: frozenset[str]
    hedges: frozenset[str]
    person_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    cue_words: frozenset[str]  # every word that can attribute: a quick first filter
    # the ids spaCy gives cue words and hedges (the same in every Vocab: a hash of the word),
    # to compare with a word's LEMMA and LOWER ids
    cue_ids: frozenset[int]
    hedge_ids: frozenset[int]

    @classmethod
    def load(cls, path: Path = DATA) -> SpeechLexicon:
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(str(path), "top level", "expected a mapping of word lists")
        lists = {}
        for name in WORD_LISTS:
            words = data.get(name)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DataFileError(str(path), name, "expected a list of words")
            lists[name] = frozenset(w.lower() for w in words)
        preps = data.get("claim_prepositions")
        if not isinstance(preps, dict) or not all(
            isinstance(v, list) and all(isinstance(p, str) for p in v) for v in preps.values()
        ):  # an unquoted "on" or "no" in YAML is a boolean, not a word
            raise DataFileError(str(path), "claim_prepositions", "expected verb: [prepositions]")
        pairs = frozenset((verb.lower(), p.lower()) for verb, ps in preps.items() for p in ps)
        words = frozenset().union(
            lists["speech_verbs"], lists["belief_verbs"], lists["claim_complement_verbs"],
            (verb for verb, _ in pairs), {"according", "accord"},
        )  # fmt: skip
        return cls(
            claim_prepositions=pairs, cue_words=words,
            cue_ids=frozenset(map(get_string_id, words)),
            hedge_ids=frozenset(map(get_string_id, lists["hedges"])), **lists,
        )  # fmt: skip

    def reports(self, lemma: str) -> bool:
        """A verb under which a finite clause is someone's claim."""
        return lemma in self.speech_verbs or lemma in self.belief_verbs
