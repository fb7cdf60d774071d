"""Event writers. JSON Lines follows ``EVENT_RECORD.md`` exactly; TSV flattens it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO

from whodid.types import Actor, Event, Quote

TSV_COLUMNS = [
    "doc_id", "event_id", "sentence", "date", "code", "root", "plover", "plover_mode",
    "goldstein", "quad_class", "source_code", "source_name", "source_text",
    "target_code", "target_name", "target_text", "trigger", "trigger_start", "trigger_end",
    "attribution", "speaker", "modality", "location", "confidence", "pattern",
    "speaker_code", "speaker_text", "speaker_start", "speaker_end", "attribution_cue",
    "cue_start", "cue_end", "quote_start", "quote_end", "claim_chain", "text",
]  # fmt: skip


def _jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _actor(actor: Actor | None) -> list[object]:
    return [actor.code, actor.name, actor.text] if actor else [None, None, None]


def _tsv(events: Iterable[Event], out: TextIO, header: bool = True) -> int:
    if header:
        out.write("\t".join(TSV_COLUMNS) + "\n")
    n = 0
    for e in events:
        att = e.attribution
        speaker, cue, quote = att.speaker, att.cue, att.quote
        chain = " > ".join(
            (c.speaker.name if c.speaker else "?") + f" ({c.how})" for c in att.chain
        )
        row = [
            e.doc_id, e.event_id, e.sentence, e.date, e.code, e.root, e.plover, e.plover_mode,
            e.goldstein, e.quad_class, *_actor(e.source), *_actor(e.target),
            e.trigger.text, e.trigger.start, e.trigger.end, att.kind,
            speaker.name if speaker else None, e.modality,
            e.location.name if e.location else None, e.confidence, e.pattern,
            *([speaker.code, speaker.text, speaker.start, speaker.end] if speaker else [None] * 4),
            *([cue.text, cue.start, cue.end] if cue else [None] * 3),
            *([quote.start, quote.end] if quote else [None] * 2), chain or None, e.text,
        ]  # fmt: skip
        out.write("\t".join(_cell(v) for v in row) + "\n")
        n += 1
    return n


def _actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.code or '?'}({actor.text})"


def _table(events: Iterable[Event], out: TextIO) -> int:
    """One readable line per event, for people at a terminal."""
    n = 0
    for e in events:
        mood = "" if e.modality == "actual" else f" [{e.modality}]"
        if e.location is not None:
            mood += f" @{e.location.name}"
        if e.date is not None and e.date_basis == "stated":
            mood += f" on {e.date}"
        speaker = e.attribution.speaker
        if e.attribution.kind == "reported":
            mood += f" <reported by {speaker.name if speaker else 'someone unnamed'}>"
        out.write(
            f"{e.doc_id}:{e.sentence}  {e.code:<4} {e.plover or '-':<9} "
            f"{_actor_label(e.source)} -> {_actor_label(e.target)}  "
            f"'{e.trigger.text}'{mood}\n"
        )
        n += 1
    return n


FORMATS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": _jsonl,
    "tsv": _tsv,
    "table": _table,
}


def write_events(events: Iterable[Event], out: TextIO, fmt: str = "jsonl") -> int:
    """Write events to ``out``; returns how many were written."""
    return FORMATS[fmt](events, out)


def write_quotes(quotes: Iterable[Quote], out: TextIO, fmt: str = "jsonl") -> int:
    """Quotations as JSON Lines, or one readable line each (``table``)."""
    n = 0
    for q in quotes:
        if fmt == "table":
            who = f"{q.speaker.name} ({q.speaker.code or '?'})" if q.speaker else "?"
            text = q.text if len(q.text) <= 80 else q.text[:77] + "..."
            out.write(f'{q.quote_id}  {who:<32} {q.how:<13} "{_cell(text)}"\n')
        else:
            out.write(json.dumps(q.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
