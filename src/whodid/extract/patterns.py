"""Verb and noun event patterns: loading and validation of the YAML knowledge files.

The file format is documented in ``docs/PATTERNS.md``. Every entry is checked on load;
a mistake raises :class:`~whodid.errors.DataFileError` naming the file and entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from whodid.datafiles import read_yaml
from whodid.errors import DataFileError
from whodid.ontology import Ontology

VERB_KEYS = {
    "code", "verb", "particle", "subject", "object", "prep", "prep_object", "complement",
    "no_complement", "passive", "source", "target", "fallback", "note",
}  # fmt: skip
NOUN_KEYS = {"code", "noun", "source", "target", "needs_light_verb", "note"}
VERB_SLOTS = {"subject", "object", "dative", "complement_subject"}
NOUN_SLOTS = {"poss", "modifier"}
_PREP_SLOT = re.compile(r"^prep:[a-z]+$")
_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")


@dataclass(frozen=True, slots=True)
class VerbPattern:
    id: str
    code: str
    verbs: tuple[str, ...]
    particle: str | None = None
    subject: frozenset[str] | None = None
    object: frozenset[str] | None = None
    prep: str | None = None
    prep_object: frozenset[str] | None = None
    complement: frozenset[str] | None = None
    no_complement: bool = False
    passive: bool | None = None
    source: tuple[str, ...] = ("subject",)
    target: tuple[str, ...] = ("object", "dative")
    fallback: bool = False

    @property
    def specificity(self) -> int:
        """How much the pattern demands of the parse; the most specific match wins."""
        return (
            1
            + 2 * (self.particle is not None)
            + 2 * (self.subject is not None)
            + 2 * (self.object is not None)
            + (self.prep is not None)
            + 2 * (self.prep_object is not None)
            + 2 * (self.complement is not None)
            + (self.passive is not None)
            - 3 * self.fallback
        )


@dataclass(frozen=True, slots=True)
class NounPattern:
    id: str
    code: str
    head: str
    modifiers: tuple[str, ...]
    source: tuple[str, ...] = ("poss", "prep:by", "modifier")
    target: tuple[str, ...] = ("prep:on", "prep:against")
    needs_light_verb: bool = False

    @property
    def specificity(self) -> int:
        return 1 + 2 * len(self.modifiers)


class PatternSet:
    """All patterns, indexed by verb lemma and by noun head lemma."""

    def __init__(
        self,
        verbs: list[VerbPattern],
        nouns: list[NounPattern],
        light_verbs: frozenset[str],
        reversing_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self.verbs = verbs
        self.nouns = nouns
        self.light_verbs = light_verbs
        self.reversing_verbs = reversing_verbs
        self.by_verb: dict[str, list[VerbPattern]] = defaultdict(list)
        for vp in verbs:
            for lemma in vp.verbs:
                self.by_verb[lemma].append(vp)
        self.by_noun: dict[str, list[NounPattern]] = defaultdict(list)
        for np_ in nouns:
            self.by_noun[np_.head].append(np_)
        # per verb lemma, plain and complement-taking patterns apart, most specific first
        # (file order among equals), so a matcher can stop at the first that fits
        self.ranked: dict[tuple[str, bool], tuple[VerbPattern, ...]] = {
            (lemma, framing): tuple(sorted(
                (p for p in found if (p.complement is not None) == framing),
                key=lambda p: -p.specificity,
            ))
            for lemma, found in self.by_verb.items()
            for framing in (False, True)
        }  # fmt: skip
        # per ranked list: the positions of patterns to try whatever the verb's object (no
        # object constraint, or one with a multi-word entry), and of the others by word
        self._by_object: dict[tuple[str, bool], tuple[list[int], dict[str, list[int]]]] = {}
        for key, ranked in self.ranked.items():
            always: list[int] = []
            by_word: dict[str, list[int]] = defaultdict(list)
            for position, pattern in enumerate(ranked):
                if pattern.object is None or any(" " in w for w in pattern.object):
                    always.append(position)
                else:
                    for word in pattern.object:
                        by_word[word].append(position)
            self._by_object[key] = (always, dict(by_word))

    def for_verb(self, lemma: str, framing: bool, object_words: set[str]) -> list[VerbPattern]:
        """The verb's patterns (``framing``: those taking a coded complement), most specific
        first, less those whose object constraint names none of ``object_words``: the words
        of its objects a lemma set can match. Constraints with a multi-word entry are kept,
        for the matcher to check in the parse."""
        ranked = self.ranked.get((lemma, framing))
        if not ranked:
            return []
        always, by_word = self._by_object[(lemma, framing)]
        keep = set(always)
        for word in object_words:
            keep.update(by_word.get(word, ()))
        return [ranked[position] for position in sorted(keep)]

    @classmethod
    def load(cls, ontology: Ontology, directory: Path | None = None) -> PatternSet:
        base = directory or Path(str(resources.files("whodid.extract") / "data" / "patterns"))
        verbs: list[VerbPattern] = []
        nouns: list[NounPattern] = []
        light: frozenset[str] = frozenset()
        reversing: frozenset[str] = frozenset()
        for path in sorted(base.glob("*.yaml")):
            data = _read_yaml(path)
            if path.name == "light_verbs.yaml":
                light = frozenset(_words(path, "light_verbs", data.get("light_verbs")))
                if "reversing_verbs" in data:
                    reversing = frozenset(_words(path, "reversing_verbs", data["reversing_verbs"]))
                continue
            v, n = _parse_root_file(path, data, ontology)
            verbs.extend(v)
            nouns.extend(n)
        if not verbs:
            raise DataFileError(str(base), "directory", "no verb patterns found")
        return cls(verbs, nouns, light, reversing)


def _read_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(str(path), "top level", "expected a mapping")
    return data


def _words(path: Path, where: str, value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(w, str) for w in items):
        raise DataFileError(str(path), where, f"expected a word or a list of words, got {value!r}")
    return [w.strip().lower() for w in items]


def _slots(path: Path, where: str, value: Any, allowed: set[str]) -> tuple[str, ...]:
    slots = _words(path, where, value)
    for slot in slots:
        if slot not in allowed and not _PREP_SLOT.match(slot):
            raise DataFileError(str(path), where, f"unknown slot {slot!r}")
    return tuple(slots)


def _flag(path: Path, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise DataFileError(str(path), where, f"expected true or false, got {value!r}")
    return value


def _slots_or(
    path: Path, where: str, e: dict[str, Any], key: str, allowed: set[str],
    default: tuple[str, ...],
) -> tuple[str, ...]:  # fmt: skip
    return _slots(path, f"{where}.{key}", e[key], allowed) if key in e else default


def _entry(
    path: Path, where: str, e: Any, keys: set[str], required: str, root: str,
    ontology: Ontology,
) -> str:  # fmt: skip
    """Check an entry's shape and keys; returns its CAMEO code."""
    if not isinstance(e, dict):
        raise DataFileError(str(path), where, "expected a mapping")
    unknown = set(e) - keys
    if unknown:
        raise DataFileError(str(path), where, f"unknown keys {sorted(unknown)}")
    if required not in e:
        raise DataFileError(str(path), where, f"missing '{required}'")
    return _code(path, where, e, root, ontology)


def _code(path: Path, where: str, entry: dict[str, Any], root: str, ontology: Ontology) -> str:
    code = entry.get("code")
    if not isinstance(code, str) or code not in ontology:
        raise DataFileError(str(path), where, f"unknown CAMEO code {code!r} (quote codes)")
    if not code.startswith(root):
        raise DataFileError(str(path), where, f"code {code} is not in root {root}")
    return code


def _parse_root_file(
    path: Path, data: dict[str, Any], ontology: Ontology
) -> tuple[list[VerbPattern], list[NounPattern]]:
    root = data.get("root")
    if not isinstance(root, str) or not _ROOT.match(root):
        raise DataFileError(str(path), "root", f"expected a quoted root like \"19\", got {root!r}")
    unknown = set(data) - {"root", "verbs", "nouns"}
    if unknown:
        raise DataFileError(str(path), "top level", f"unknown keys {sorted(unknown)}")
    verbs = [
        _verb(path, f"verbs[{i}]", entry, root, ontology)
        for i, entry in enumerate(data.get("verbs") or [])
    ]
    nouns = [
        pattern
        for i, entry in enumerate(data.get("nouns") or [])
        for pattern in _nouns(path, f"nouns[{i}]", entry, root, ontology)
    ]
    return verbs, nouns


def _verb(path: Path, where: str, e: Any, root: str, ontology: Ontology) -> VerbPattern:
    code = _entry(path, where, e, VERB_KEYS, "verb", root, ontology)
    complement = None
    if "complement" in e:
        complement = frozenset(_words(path, where + ".complement", e["complement"]))
        bad = [c for c in complement if c != "any" and not _ROOT.match(c)]
        if bad:
            raise DataFileError(str(path), where, f"complement roots must be like \"19\": {bad}")
    if "prep_object" in e and "prep" not in e:
        raise DataFileError(str(path), where, "'prep_object' needs 'prep'")
    return VerbPattern(
        id=f"{path.stem}:{where}",
        code=code,
        verbs=tuple(_words(path, where + ".verb", e["verb"])),
        particle=_words(path, where + ".particle", e["particle"])[0] if "particle" in e else None,
        subject=(
            frozenset(_words(path, where + ".subject", e["subject"])) if "subject" in e else None
        ),
        object=frozenset(_words(path, where + ".object", e["object"])) if "object" in e else None,
        prep=_words(path, where + ".prep", e["prep"])[0] if "prep" in e else None,
        prep_object=(
            frozenset(_words(path, where + ".prep_object", e["prep_object"]))
            if "prep_object" in e
            else None
        ),
        complement=complement,
        no_complement=_flag(path, where, e.get("no_complement", False)),
        passive=_flag(path, where, e["passive"]) if "passive" in e else None,
        source=_slots_or(path, where, e, "source", VERB_SLOTS, ("subject",)),
        target=_slots_or(path, where, e, "target", VERB_SLOTS, ("object", "dative")),
        fallback=_flag(path, where, e.get("fallback", False)),
    )


def _nouns(path: Path, where: str, e: Any, root: str, ontology: Ontology) -> list[NounPattern]:
    """One noun entry gives a pattern per listed noun.

    A multi-word noun ("hunger strike", "sit-in") is matched as the run of lemmas that ends
    at the head noun: the last word is the head, the earlier words must precede it.
    """
    code = _entry(path, where, e, NOUN_KEYS, "noun", root, ontology)
    source = _slots_or(path, where, e, "source", NOUN_SLOTS, ("poss", "prep:by", "modifier"))
    target = _slots_or(path, where, e, "target", NOUN_SLOTS, ("prep:on", "prep:against"))
    light = _flag(path, where, e.get("needs_light_verb", False))
    patterns = []
    for phrase in _words(path, where + ".noun", e["noun"]):
        words = phrase.replace("-", " - ").split()
        patterns.append(
            NounPattern(
                id=f"{path.stem}:{where}",
                code=code,
                head=words[-1],
                modifiers=tuple(words[:-1]),
                source=source,
                target=target,
                needs_light_verb=light,
            )
        )
    return patterns
