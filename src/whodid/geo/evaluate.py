"""Score the place resolver on a toponym corpus (``tests/golden/toponyms.jsonl``).

Each line is one place mention: ``text`` (one sentence), ``mention`` (its words as written,
first occurrence), the expected ``country`` (ISO3 or null) and optionally ``name`` (canonical),
``context`` (text before it in the same document), ``ambiguous`` (the name means places in
several countries or of several kinds) and, for event-location cases, ``trigger`` with
``is_event_location``: whether the mention is where the trigger's event happened.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from whodid.errors import GoldFormatError
from whodid.evaluate.gold import gold_lines
from whodid.geo.gazetteer import Gazetteer, name_key
from whodid.geo.locate import PlaceResolver
from whodid.nlp.tree import span_root
from whodid.types import Place

_FIELDS = {"id", "context", "text", "mention", "country", "name", "ambiguous", "trigger",
           "is_event_location"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ToponymCase:
    id: str
    text: str
    mention: str
    country: str | None
    name: str | None = None
    context: str = ""
    ambiguous: bool = False
    trigger: str | None = None
    is_event_location: bool | None = None


@dataclass(frozen=True, slots=True)
class Miss:
    """A case the resolver got wrong: ``task`` is "resolve" or "locate"."""

    id: str
    task: str
    expected: str
    got: str


@dataclass(frozen=True, slots=True)
class ToponymScores:
    """Counts of right answers: every mention resolved, the ambiguous ones, and the
    event-location decisions."""

    total: int
    correct: int
    ambiguous_total: int
    ambiguous_correct: int
    event_total: int
    event_correct: int
    misses: tuple[Miss, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def ambiguous_accuracy(self) -> float:
        return self.ambiguous_correct / self.ambiguous_total if self.ambiguous_total else 0.0

    @property
    def event_accuracy(self) -> float:
        return self.event_correct / self.event_total if self.event_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(accuracy=self.accuracy, ambiguous_accuracy=self.ambiguous_accuracy,
                   event_accuracy=self.event_accuracy)  # fmt: skip
        return out


def read_cases(path: Path) -> list[ToponymCase]:
    """The corpus, validated: a missing field or a mention not in its text names the line."""
    cases = []
    for where, raw in gold_lines(path):
        if not isinstance(raw, dict):
            raise GoldFormatError(f"{where}: not a JSON object")
        unknown = set(raw) - _FIELDS
        missing = {"id", "text", "mention", "country"} - set(raw)
        if unknown or missing:
            raise GoldFormatError(f"{where}: unknown {sorted(unknown)}, "
                                  f"missing {sorted(missing)}")  # fmt: skip
        case = ToponymCase(**raw)
        if case.mention not in case.text or (case.trigger and _find(case.text, case.trigger) < 0):
            raise GoldFormatError(f"{where}: mention or trigger not in the text")
        if (case.trigger is None) != (case.is_event_location is None):
            raise GoldFormatError(f"{where}: trigger and is_event_location go together")
        cases.append(case)
    return cases


def score_toponyms(path: Path, nlp: Language, resolver: PlaceResolver) -> ToponymScores:
    """Resolve every mention of the corpus (and locate the event of every case that has a
    trigger) the way the coder does: the context and the sentence are noticed first."""
    cases = read_cases(path)
    texts = [c.text for c in cases] + [c.context for c in cases]
    docs = list(nlp.pipe(texts, batch_size=64))
    sentences, contexts = docs[: len(cases)], docs[len(cases) :]
    counts = dict.fromkeys(["correct", "amb", "amb_ok", "ev", "ev_ok"], 0)
    misses: list[Miss] = []
    for case, doc, before in zip(cases, sentences, contexts, strict=True):
        context = resolver.context(before)
        context.notice(doc)
        mention = _span(doc, case.text.index(case.mention), len(case.mention))
        place = resolver.resolve(mention, context) if mention is not None else None
        got = (place.country, place.name) if place else None
        right = (place is not None and place.country == case.country
                 and _same_place(case.name, place, resolver.gazetteer))  # fmt: skip
        counts["correct"] += right
        counts["amb"] += case.ambiguous
        counts["amb_ok"] += case.ambiguous and right
        if not right:
            misses.append(Miss(case.id, "resolve", f"{case.country} {case.name or ''}".strip(),
                               f"{got[0]} {got[1]}" if got else "nothing"))  # fmt: skip
        if case.trigger is None or mention is None:
            continue
        trigger = _span(doc, _find(case.text, case.trigger), len(case.trigger))
        if trigger is None:
            continue
        anchor = span_root(trigger)
        located = resolver.locate(anchor.sent, anchor, 0, context)
        hit = located is not None and located.start < mention.end_char and (
            mention.start_char < located.end
        )
        counts["ev"] += 1
        counts["ev_ok"] += hit == case.is_event_location
        if hit != case.is_event_location:
            misses.append(Miss(case.id, "locate", f"{case.mention}: {case.is_event_location}",
                               located.text if located else "nothing"))  # fmt: skip
    return ToponymScores(
        len(cases), counts["correct"], counts["amb"], counts["amb_ok"], counts["ev"],
        counts["ev_ok"], tuple(misses),
    )  # fmt: skip


#: Words a corpus may add to a place's name that the gazetteer leaves off, or the other way.
_GENERIC = {"region", "province", "state", "governorate", "oblast", "city", "district",
            "county", "river", "lake"}  # fmt: skip


def _same_place(name: str | None, place: Place, gazetteer: Gazetteer) -> bool:
    """Whether the corpus's ``name`` and the place chosen are one place: the same name once
    accents and words like "region" are set aside ("Tillabéri Region", "Tillaberi"), or a
    name the gazetteer knows for that very place ("Khan Yunis" for Khan Younis)."""
    if name is None:
        return True

    def bare(text: str) -> str:
        return " ".join(w for w in name_key(text).split() if w not in _GENERIC)

    if bare(name) == bare(place.name):
        return True
    return any(e.name == place.name and e.country == place.country
               for e in gazetteer.lookup(name))  # fmt: skip


def _find(text: str, word: str) -> int:
    match = re.search(rf"\b{re.escape(word)}\b", text)
    return match.start() if match else -1


def _span(doc: Doc, start: int, length: int) -> Span | None:
    return doc.char_span(start, start + length, alignment_mode="expand")
