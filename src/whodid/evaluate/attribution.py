"""Score attribution and modality against a hand-annotated passage corpus.

Gold format (``corpus/attribution/README.md``): one passage per JSON line with ``text`` and
``events`` (each: ``trigger`` word and its ``nth`` whole-word occurrence, ``kind``
asserted/reported, ``speaker`` name or null, ``modality``), ``quotes`` (``start_words`` and
``speaker``) and ``scare_quotes`` (quoted strings that are not speech).

A gold event is found when a coded event's trigger overlaps its trigger word; then its
kind, speaker and modality are compared. A speaker matches when every significant word of
the gold name is in the coded speaker's name or text, or the other way round ("Netanyahu"
and "Benjamin Netanyahu"; "the Palestinian health ministry").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whodid.errors import GoldFormatError
from whodid.evaluate.gold import first_record, gold_lines
from whodid.types import MODALITIES, Actor, Event, Quote

KINDS = ("asserted", "reported")
STOPWORDS = {"the", "a", "an", "of", "'s", "’s"}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    trigger: str
    start: int
    end: int
    kind: str
    speaker: str | None
    modality: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class GoldPassage:
    id: str
    text: str
    date: str | None
    events: tuple[GoldClaim, ...]
    quotes: tuple[GoldQuote, ...]
    scare_quotes: tuple[tuple[int, int], ...]


def is_attribution_gold(path: Path) -> bool:
    """Whether the file's first record is in the attribution corpus format."""
    record = first_record(path)
    events = record.get("events") if record is not None else None
    return isinstance(events, list) and any(isinstance(e, dict) and "kind" in e for e in events)


def _occurrence(text: str, word: str, nth: int) -> tuple[int, int] | None:
    found = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))
    if not 1 <= nth <= len(found):
        return None
    return found[nth - 1].span()


def _passage(record: Any, where: str) -> GoldPassage:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise GoldFormatError(f"{where}: a record needs a 'text' string")
    text = record["text"]
    events = []
    for raw in record.get("events") or []:
        span = _occurrence(text, str(raw.get("trigger", "")), int(raw.get("nth", 1)))
        kind, mood = raw.get("kind"), raw.get("modality")
        if span is None or kind not in KINDS or mood not in MODALITIES:
            raise GoldFormatError(f"{where}: bad event {raw!r}")
        events.append(GoldClaim(raw["trigger"], *span, kind, raw.get("speaker"), mood))
    quotes = []
    for raw in record.get("quotes") or []:
        at = text.find(str(raw.get("start_words", "")))
        if at < 0:
            raise GoldFormatError(f"{where}: quote start not in text: {raw!r}")
        quotes.append(GoldQuote(at, raw.get("speaker")))
    scare = []
    for words in record.get("scare_quotes") or []:
        scare.extend(m.span() for m in re.finditer(re.escape(str(words)), text))
    return GoldPassage(
        str(record.get("id", where)), text, record.get("date"), tuple(events), tuple(quotes),
        tuple(scare),
    )  # fmt: skip


def read_attribution_gold(path: Path) -> list[GoldPassage]:
    return [_passage(record, where) for where, record in gold_lines(path)]


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[\w’']+", name.lower()) if w not in STOPWORDS}


def same_speaker(gold: str | None, actor: Actor | None) -> bool:
    if gold is None or actor is None:
        return gold is None and actor is None
    want = _words(gold)
    have = _words(actor.name) | _words(actor.text)
    named = _words(actor.name)
    return bool(want) and (want <= have or (bool(named) and named <= want))


@dataclass(slots=True)
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.hit += ok
        self.total += 1

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit}/{self.total})"


@dataclass(slots=True)
class AttributionReport:
    name: str
    passages: int = 0
    found: Ratio = field(default_factory=Ratio)  # gold events the coder found
    kind: Ratio = field(default_factory=Ratio)
    modality: Ratio = field(default_factory=Ratio)
    speaker_precision: Ratio = field(default_factory=Ratio)  # of events coded as reported
    speaker_recall: Ratio = field(default_factory=Ratio)  # of gold reported events found
    quote_precision: Ratio = field(default_factory=Ratio)  # quotes found with right speaker
    quote_recall: Ratio = field(default_factory=Ratio)
    scare_as_speech: int = 0
    modality_confusion: Counter = field(default_factory=Counter)
    kind_confusion: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        ratios = ("found", "kind", "modality", "speaker_precision", "speaker_recall",
                  "quote_precision", "quote_recall")  # fmt: skip
        out: dict[str, Any] = {"file": self.name, "passages": self.passages}
        for name in ratios:
            r = getattr(self, name)
            out[name] = {"value": round(r.value, 3), "hit": r.hit, "total": r.total}
        out["scare_quotes_taken_as_speech"] = self.scare_as_speech
        out["modality_confusion"] = {f"{g}->{p}": n for (g, p), n in
                                     self.modality_confusion.most_common()}  # fmt: skip
        out["kind_confusion"] = {f"{g}->{p}": n for (g, p), n in self.kind_confusion.items()}
        return out


def _match(gold: GoldClaim, events: list[Event]) -> Event | None:
    overlapping = [e for e in events if e.trigger.start < gold.end and gold.start < e.trigger.end]
    return min(
        overlapping, key=lambda e: (not e.main, e.trigger.end - e.trigger.start), default=None
    )


def score_attribution(
    name: str, passages: list[GoldPassage], coded: list[tuple[list[Event], list[Quote]]]
) -> AttributionReport:
    report = AttributionReport(name, len(passages))
    for passage, (events, quotes) in zip(passages, coded, strict=True):
        for gold in passage.events:
            event = _match(gold, events)
            report.found.add(event is not None)
            if event is None:
                continue
            att = event.attribution
            report.kind.add(att.kind == gold.kind)
            report.modality.add(event.modality == gold.modality)
            if event.modality != gold.modality:
                report.modality_confusion[(gold.modality, event.modality)] += 1
            if att.kind != gold.kind:
                report.kind_confusion[(gold.kind, att.kind)] += 1
            right = (
                gold.kind == "reported"
                and att.kind == "reported"
                and same_speaker(gold.speaker, att.speaker)
            )
            if att.kind == "reported":
                report.speaker_precision.add(right)
            if gold.kind == "reported":
                report.speaker_recall.add(right)
        used = set()
        for q in quotes:
            gold_quote = next(
                (
                    g
                    for g in passage.quotes
                    if q.start - 1 <= g.start < q.end and g.start not in used
                ),
                None,
            )
            if gold_quote is not None:
                used.add(gold_quote.start)
            report.quote_precision.add(
                gold_quote is not None and same_speaker(gold_quote.speaker, q.speaker)
            )
            if any(abs(q.start - s) <= 1 for s, _ in passage.scare_quotes):
                report.scare_as_speech += 1
        for g in passage.quotes:
            hit = next((q for q in quotes if q.start - 1 <= g.start < q.end), None)
            report.quote_recall.add(hit is not None and same_speaker(g.speaker, hit.speaker))
    return report


def format_attribution(report: AttributionReport) -> str:
    lines = [
        f"== {report.name}: attribution and modality ({report.passages} passages)",
        f"gold events found by the coder    {report.found}",
        f"attribution kind accuracy         {report.kind}",
        f"modality accuracy                 {report.modality}",
        f"speaker precision (reported)      {report.speaker_precision}",
        f"speaker recall (reported)         {report.speaker_recall}",
        f"quotation speaker precision       {report.quote_precision}",
        f"quotation speaker recall          {report.quote_recall}",
        f"scare quotes taken as speech      {report.scare_as_speech}",
    ]
    if report.kind_confusion:
        lines.append("kind confusions (gold -> coded): " + ", ".join(
            f"{g}->{p} {n}" for (g, p), n in report.kind_confusion.most_common()))  # fmt: skip
    if report.modality_confusion:
        common = report.modality_confusion.most_common(10)
        lines.append("modality confusions (gold -> coded): " + ", ".join(
            f"{g}->{p} {n}" for (g, p), n in common))  # fmt: skip
    return "\n".join(lines)
