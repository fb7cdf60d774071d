"""Precision, recall and F1 of coded events against gold, sentence by sentence.

Each sentence is compared as sets: the event types it has in the gold against the types
coded for it (so a type coded twice in one sentence counts once). The dyad score compares
(type, source country, target country) triples, only for gold that annotates actors.
Negated, conditional and hypothetical events are not counted as predictions: gold sets
code what happened or was announced. A second score counts only each sentence's main event
(``Event.main``), the protocol that fits gold sets coding one event per sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from whodid.evaluate.gold import GoldSentence, country_key
from whodid.types import Actor, Event

Dyad = tuple[str, str | None, str | None]
UNSCORED_MODALITIES = {"negated", "conditional", "hypothetical"}
# coded as the statement, which happened
SPEECH_ACTS = ("+announced", "+refused", "+demanded", "+appealed")


def scored(event: Event) -> bool:
    """Events the gold would code: those that took place. An act announced under a
    condition ("will withdraw unless ...") is coded as the announcement, which did."""
    return event.modality not in UNSCORED_MODALITIES or event.pattern.endswith(SPEECH_ACTS)


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}  # fmt: skip


@dataclass(slots=True)
class Report:
    """Scores for one gold file."""

    name: str
    sentences: int = 0
    plover: Tally = field(default_factory=Tally)
    plover_main: Tally = field(default_factory=Tally)  # the sentence's main event only
    plover_by_type: dict[str, Tally] = field(default_factory=dict)
    root: Tally | None = None
    root_main: Tally | None = None
    root_by_type: dict[str, Tally] = field(default_factory=dict)
    dyad: Tally | None = None
    # actor countries of gold events whose type was coded: [correct, annotated] per role
    actor_countries: dict[str, list[int]] = field(
        default_factory=lambda: {"source": [0, 0], "target": [0, 0]}
    )
    # the same for the sector of actors annotated with one ("USAGOV" -> GOV)
    actor_sectors: dict[str, list[int]] = field(
        default_factory=lambda: {"source": [0, 0], "target": [0, 0]}
    )
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def ranked_confusions(self) -> list[tuple[tuple[str, str], int]]:
        """Confusions, most frequent first; ties in the order of their labels, so the
        report reads the same on every run."""
        return sorted(self.confusions.items(), key=lambda kv: (-kv[1], kv[0]))

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.name,
            "sentences": self.sentences,
            "plover_type": self.plover.as_dict(),
            "plover_type_main_event": self.plover_main.as_dict(),
            "plover_by_type": {k: v.as_dict() for k, v in sorted(self.plover_by_type.items())},
            "cameo_root": self.root.as_dict() if self.root else None,
            "cameo_root_main_event": self.root_main.as_dict() if self.root_main else None,
            "cameo_root_by_type": {k: v.as_dict() for k, v in sorted(self.root_by_type.items())},
            "dyad": self.dyad.as_dict() if self.dyad else None,
            "actor_country_accuracy": {
                role: {"correct": c, "annotated": n, "accuracy": round(c / n, 4) if n else None}
                for role, (c, n) in self.actor_countries.items()
            },
            "actor_sector_accuracy": {
                role: {"correct": c, "annotated": n, "accuracy": round(c / n, 4) if n else None}
                for role, (c, n) in self.actor_sectors.items()
            },
            "confusions": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.ranked_confusions()
            ],
        }


def _key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or country_key(actor.code)


def _per_type(table: dict[str, Tally], gold: set[str], pred: set[str]) -> None:
    for label in gold | pred:
        table.setdefault(label, Tally()).add(gold & {label}, pred & {label})


def _confuse(report: Report, gold: set[str], pred: set[str]) -> None:
    missed, extra = gold - pred, pred - gold
    for g in missed:
        for p in extra or {"(none)"}:
            report.confusions[(g, p)] += 1
    if not gold:
        for p in extra:
            report.confusions[("(none)", p)] += 1


def _gold_dyads(sentence: GoldSentence, cameo: bool) -> set[Dyad] | None:
    dyads: set[Dyad] = set()
    for e in sentence.events:
        label = e.root if cameo else e.plover
        if label is None:
            continue
        if e.sources is None or e.targets is None:
            return None
        sources = e.sources or (None,)
        if not e.targets and len(sources) > 1:  # a reciprocal event: both ways
            dyads.update((label, a, b) for a in sources for b in sources if a != b)
        else:
            dyads.update((label, s, t) for s in sources for t in (e.targets or (None,)))
    return dyads


def score(name: str, gold: list[GoldSentence], coded: Iterable[list[Event]]) -> Report:
    """Compare each gold sentence with the events coded for it (same order)."""
    report = Report(name)
    for sentence, events in zip(gold, coded, strict=True):
        report.sentences += 1
        events = [e for e in events if scored(e)]
        cameo = sentence.system == "cameo"
        gold_types = {e.plover for e in sentence.events if e.plover}
        pred_types = {e.plover for e in events if e.plover}
        report.plover.add(gold_types, pred_types)
        main = [e for e in events if e.main]
        report.plover_main.add(gold_types, {e.plover for e in main if e.plover})
        _per_type(report.plover_by_type, gold_types, pred_types)
        if cameo:
            report.root = report.root or Tally()
            gold_roots = {e.root for e in sentence.events if e.root}
            pred_roots = {e.root for e in events}
            report.root.add(gold_roots, pred_roots)
            report.root_main = report.root_main or Tally()
            report.root_main.add(gold_roots, {e.root for e in main})
            _per_type(report.root_by_type, gold_roots, pred_roots)
            _confuse(report, gold_roots, pred_roots)
        else:
            _confuse(report, gold_types, pred_types)
        gold_dyads = _gold_dyads(sentence, cameo)
        if gold_dyads is not None:
            report.dyad = report.dyad or Tally()
            pred_dyads = {
                (e.root if cameo else e.plover or "", _key(e.source), _key(e.target))
                for e in events
                if (e.root if cameo else e.plover)
            }
            report.dyad.add(gold_dyads, pred_dyads)
            _actor_countries(report, sentence, events, cameo)
    return report


def _actor_countries(
    report: Report, sentence: GoldSentence, events: list[Event], cameo: bool
) -> None:
    """For each gold event whose type was coded, is the coded source's (target's) country
    among the gold ones? Unknown countries count as '---' on both sides."""
    for gold in sentence.events:
        label = gold.root if cameo else gold.plover
        same = [e for e in events if (e.root if cameo else e.plover) == label]
        if label is None or not same or gold.sources is None or gold.targets is None:
            continue
        # a reciprocal gold event lists both sides as sources: either is the other's target
        targets = gold.targets if gold.targets or len(gold.sources) < 2 else gold.sources
        for role, wanted in (("source", gold.sources), ("target", targets)):
            keys = {k or "---" for k in wanted} or {"---"}
            coded = {(_key(getattr(e, role)) or "---") for e in same}
            tally = report.actor_countries[role]
            tally[0] += bool(keys & coded)
            tally[1] += 1
        for role, codes in (("source", gold.source_codes), ("target", gold.target_codes)):
            sectors = {c[3:6] for c in codes if len(c) >= 6}
            if sectors:
                coded_sectors = {(getattr(e, role).code or "")[3:6] for e in same
                                 if getattr(e, role) is not None}  # fmt: skip
                tally = report.actor_sectors[role]
                tally[0] += bool(sectors & coded_sectors)
                tally[1] += 1


def _summed(tallies: list[Tally | None]) -> Tally | None:
    present = [t for t in tallies if t is not None]
    if not present:
        return None
    return Tally(sum(t.tp for t in present), sum(t.fp for t in present),
                 sum(t.fn for t in present))  # fmt: skip


def pooled(reports: list[Report]) -> Report:
    """The reports' counts added up, as if their gold files were one: precision, recall
    and F1 over every sentence, each file weighing by its events. ``whodid eval`` prints it
    after the files when there are several."""
    total = Report(f"{len(reports)} gold files pooled")
    total.sentences = sum(r.sentences for r in reports)
    total.plover = _summed([r.plover for r in reports]) or Tally()
    total.plover_main = _summed([r.plover_main for r in reports]) or Tally()
    total.root = _summed([r.root for r in reports])
    total.root_main = _summed([r.root_main for r in reports])
    total.dyad = _summed([r.dyad for r in reports])
    for r in reports:
        for table, into in ((r.plover_by_type, total.plover_by_type),
                            (r.root_by_type, total.root_by_type)):  # fmt: skip
            for label, t in table.items():
                into[label] = _summed([into.get(label), t]) or Tally()
        for role in ("source", "target"):
            for mine, theirs in ((total.actor_countries, r.actor_countries),
                                 (total.actor_sectors, r.actor_sectors)):  # fmt: skip
                mine[role] = [a + b for a, b in zip(mine[role], theirs[role], strict=True)]
    return total  # no confusions: the files' labels may be of different code systems


def format_report(report: Report, top: int = 12) -> str:
    lines = [f"# {report.name}: {report.sentences} sentences"]

    def table(title: str, overall: Tally, per: dict[str, Tally], main: Tally | None) -> None:
        lines.append(f"\n## {title}")
        lines.append(f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for label, t in sorted(per.items()):
            lines.append(
                f"{label:<12} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
                f"{t.tp:4d} {t.fp:4d} {t.fn:4d}"
            )
        for label, t in (("OVERALL", overall), ("MAIN EVENT", main)):
            if t is not None:
                lines.append(
                    f"{label:<12} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
                    f"{t.tp:4d} {t.fp:4d} {t.fn:4d}"
                )

    table("PLOVER event type", report.plover, report.plover_by_type, report.plover_main)
    if report.root is not None:
        table("CAMEO root", report.root, report.root_by_type, report.root_main)
    if report.dyad is not None:
        d = report.dyad
        lines.append(
            f"\n## dyad (type + source country + target country)\n"
            f"P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}  "
            f"(tp {d.tp}, fp {d.fp}, fn {d.fn})"
        )
        parts = [f"{role} {c / n:.3f} ({c}/{n})" for role, (c, n)
                 in report.actor_countries.items() if n]  # fmt: skip
        if parts:
            lines.append("actor country accuracy, events of a coded type: " + ", ".join(parts))
        parts = [f"{role} {c / n:.3f} ({c}/{n})" for role, (c, n)
                 in report.actor_sectors.items() if n]  # fmt: skip
        if parts:
            lines.append("actor sector accuracy, where gold gives one:      " + ", ".join(parts))
    if report.confusions:
        lines.append(f"\n## most frequent confusions (gold -> predicted), top {top}")
        for (g, p), n in report.ranked_confusions()[:top]:
            lines.append(f"  {g:<12} -> {p:<12} {n}")
    return "\n".join(lines)
