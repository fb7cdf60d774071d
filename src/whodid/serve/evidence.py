"""Evidence spans of an event record: which words of the text are the trigger, the source,
the target, the speaker and the place. Record offsets are into the document text; the
sentence is found in the document to turn them into offsets into the sentence."""

from __future__ import annotations

from typing import Any

ROLES = ("trigger", "source", "target", "speaker", "location")


def _parts(record: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    attribution = record.get("attribution") or {}
    return [
        ("trigger", record.get("trigger")),
        ("source", record.get("source")),
        ("target", record.get("target")),
        ("speaker", attribution.get("speaker")),
        ("location", record.get("location")),
    ]


def document_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's evidence as spans with document offsets (parts without offsets, such
    as an actor known only from the dateline, are left out)."""
    spans = []
    for role, part in _parts(record):
        if not part or part.get("start") is None or part.get("end") is None:
            continue
        spans.append({
            "role": role, "start": int(part["start"]), "end": int(part["end"]),
            "text": str(part.get("text") or ""), "event_id": record["event_id"],
        })  # fmt: skip
    return spans


def sentence_start(doc_text: str, sentence: str, trigger_start: int) -> int | None:
    """Where ``sentence`` starts in ``doc_text``: the occurrence that holds the trigger
    (a sentence can repeat in a document); None when the sentence is not there."""
    at = doc_text.find(sentence)
    while at != -1:
        if at <= trigger_start < at + len(sentence):
            return at
        at = doc_text.find(sentence, at + 1)
    return None


def sentence_spans(record: dict[str, Any], start: int | None) -> list[dict[str, Any]]:
    """The evidence inside the event's sentence, as offsets into ``record["text"]``, for
    the spans that lie within it and read the same there."""
    if start is None:
        return []
    text = record.get("text") or ""
    out = []
    for span in document_spans(record):
        s, e = span["start"] - start, span["end"] - start
        if 0 <= s < e <= len(text) and (not span["text"] or text[s:e] == span["text"]):
            out.append({**span, "start": s, "end": e})
    return out
