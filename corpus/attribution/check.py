#!/usr/bin/env python3
"""Validate the attribution/modality corpus and print counts.

Usage: python3 corpus/attribution/check.py   (from anywhere)
Exit status 1 if any record fails a check or the size targets are not met.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {"dev": HERE / "dev.jsonl", "heldout": HERE / "heldout.jsonl"}
MIN_MULTI = {"dev": 7, "heldout": 5}
KINDS = {"asserted", "reported"}
MODALITIES = {"actual", "negated", "conditional", "hypothetical", "future", "intended", "attempted"}
OPEN_MARKS = "“\"‘'«"
# a sentence ends at . ! ? (optionally followed by closing quote marks) before whitespace or end
SENT_END = re.compile(r"[.!?][\"”’'»]*(?=\s|$)")


def whole_word(word):
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def count_sentences(text):
    return len(SENT_END.findall(text.strip()))


def check_record(rec, where, errors, warnings):
    def err(msg):
        errors.append(f"{where} {rec.get('id', '?')}: {msg}")

    for key in ("id", "text", "events", "quotes", "scare_quotes"):
        if key not in rec:
            err(f"missing field {key!r}")
            return
    text = rec["text"]
    if "date" in rec and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"] or ""):
        err(f"bad date {rec['date']!r}")
    for i, ev in enumerate(rec["events"]):
        tag = f"event {i} ({ev.get('trigger')!r})"
        trig, nth = ev.get("trigger"), ev.get("nth")
        if not isinstance(trig, str) or not trig or re.search(r"\s", trig):
            err(f"{tag}: trigger must be one word")
            continue
        if not isinstance(nth, int) or nth < 1:
            err(f"{tag}: nth must be a positive integer")
            continue
        n = len(whole_word(trig).findall(text))
        if n < nth:
            err(f"{tag}: occurs {n} times as a whole word, nth={nth}")
        if ev.get("kind") not in KINDS:
            err(f"{tag}: bad kind {ev.get('kind')!r}")
        if ev.get("modality") not in MODALITIES:
            err(f"{tag}: bad modality {ev.get('modality')!r}")
        spk = ev.get("speaker")
        if (spk is None) != (ev.get("kind") == "asserted"):
            err(f"{tag}: speaker must be null iff kind is asserted")
        for field in ("source", "target", "speaker"):
            val = ev.get(field)
            if val is not None and (not isinstance(val, str) or val not in text):
                warnings.append(f"{where} {rec['id']} {tag}: {field} {val!r} not found in text")
    for i, q in enumerate(rec["quotes"]):
        sw, spk = q.get("start_words"), q.get("speaker")
        if not sw or sw not in text:
            err(f"quote {i}: start_words {sw!r} not in text")
        elif not any(m + sw in text for m in OPEN_MARKS):
            warnings.append(f"{where} {rec['id']} quote {i}: {sw!r} not preceded by an opening mark")
        if not spk:
            err(f"quote {i}: empty speaker")
        elif spk not in text:
            warnings.append(f"{where} {rec['id']} quote {i}: speaker {spk!r} not found in text")
        if sw and len(sw.split()) > 6:
            warnings.append(f"{where} {rec['id']} quote {i}: start_words longer than 6 words")
    for s in rec["scare_quotes"]:
        if not isinstance(s, str) or s not in text:
            err(f"scare quote {s!r} not in text")


def main():
    errors, warnings, totals = [], [], Counter()
    ids = set()
    for split, path in FILES.items():
        c, kinds, mods = Counter(), Counter(), Counter()
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path.name}:{lineno}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"{where}: not JSON ({exc})")
                    continue
                if rec.get("id") in ids:
                    errors.append(f"{where}: duplicate id {rec.get('id')!r}")
                ids.add(rec.get("id"))
                check_record(rec, where, errors, warnings)
                text = rec.get("text", "")
                paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
                c["passages"] += 1
                c["paragraphs"] += len(paras)
                c["multi-paragraph passages (3+)"] += len(paras) >= 3
                c["sentences"] += count_sentences(text)
                c["events"] += len(rec.get("events", []))
                c["quotes"] += len(rec.get("quotes", []))
                c["scare quotes"] += len(rec.get("scare_quotes", []))
                for ev in rec.get("events", []):
                    kinds[ev.get("kind")] += 1
                    mods[ev.get("modality")] += 1
        print(f"== {split} ({path.name})")
        for k, v in c.items():
            print(f"  {k:32s} {v}")
        print("  kind:     " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
        print("  modality: " + ", ".join(f"{k}={v}" for k, v in sorted(mods.items())))
        if c["multi-paragraph passages (3+)"] < MIN_MULTI[split]:
            errors.append(f"{split}: only {c['multi-paragraph passages (3+)']} multi-paragraph passages")
        totals.update(c)
    print("== total")
    for k, v in totals.items():
        print(f"  {k:32s} {v}")
    if totals["sentences"] < 190:
        errors.append(f"total sentences {totals['sentences']} < 190")
    if totals["multi-paragraph passages (3+)"] < 12:
        errors.append("fewer than 12 multi-paragraph passages in total")
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
