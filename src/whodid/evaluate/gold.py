"""Read gold files (see ``shared/eval/README.md``) into one normalised shape.

Three gold styles are understood: PLOVER-coded records (types by name, actor lists),
CAMEO-coded records with actor codes ("USAGOV", "---REB"), and CAMEO-coded records without
actors (``source``/``target`` null: not annotated). Old PLOVER names are mapped to current
ones (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whodid.errors import GoldFormatError
from whodid.ontology import PLOVER_RENAMES, Ontology
from whodid.ontology.tables import PLOVER_TYPES

UNKNOWN_COUNTRY = "---"
PLACEHOLDER_MIN = 20  # records needed before a date shared by all is taken for a placeholder


@dataclass(frozen=True, slots=True)
class GoldEvent:
    plover: str | None  # current PLOVER type, None for CAMEO 01/02 or out-of-scope labels
    root: str | None  # CAMEO root when the gold is CAMEO-coded
    sources: tuple[str | None, ...] | None  # country keys; None when not annotated
    targets: tuple[str | None, ...] | None
    source_codes: tuple[str, ...] = ()  # the full codes as annotated ("USAGOV")
    target_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    language: str
    events: tuple[GoldEvent, ...]
    system: str  # "plover" or "cameo": the code system of this record's labels


def country_key(code: str | None) -> str | None:
    """The country part of an actor code: "USAGOV" -> "USA", "---REB" -> None."""
    if not code:
        return None
    key = code.strip().upper()[:3]
    return None if key in ("", UNKNOWN_COUNTRY) or "-" in key or "*" in key else key


def _actors(value: Any) -> tuple[str | None, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (country_key(value),)
    if isinstance(value, list):
        return tuple(country_key(a.get("code")) for a in value if isinstance(a, dict))
    raise GoldFormatError(f"unexpected actor value {value!r}")


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip().upper(),)
    if isinstance(value, list):
        return tuple(str(a.get("code") or "").strip().upper() for a in value if isinstance(a, dict))
    return ()


def _event(raw: dict[str, Any], ontology: Ontology) -> tuple[GoldEvent, str]:
    code = str(raw.get("code", "")).strip()
    if code.isdigit():
        if code not in ontology:
            raise GoldFormatError(f"unknown CAMEO code {code!r}")
        plover = ontology.plover(code)
        return (
            GoldEvent(plover.type if plover else None, code[:2],
                      _actors(raw.get("source")), _actors(raw.get("target")),
                      _codes(raw.get("source")), _codes(raw.get("target"))),
            "cameo",
        )  # fmt: skip
    name = code.upper()
    name = PLOVER_RENAMES.get(name, (name, None))[0]
    return (
        GoldEvent(name if name in PLOVER_TYPES else None, None,
                  _actors(raw.get("source")), _actors(raw.get("target")),
                  _codes(raw.get("source")), _codes(raw.get("target"))),
        "plover",
    )  # fmt: skip


def first_record(path: Path) -> dict[str, Any] | None:
    """The first JSON Lines record of a file, to tell gold formats apart; None when the
    file cannot be read or does not start with a JSON object."""
    try:
        with path.open(encoding="utf-8") as f:
            first = next((line for line in f if line.strip()), "")
        record = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) else None


def gold_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """Each record of a JSON Lines gold file with where it stands ("file:line"); blank
    lines are skipped and a line that is not JSON stops the reading, naming the line."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not JSON ({exc})") from exc


def read_gold(path: Path, ontology: Ontology) -> list[GoldSentence]:
    sentences = []
    for where, record in gold_lines(path):
        try:
            pairs = [_event(e, ontology) for e in record.get("expected_events") or []]
            system = pairs[0][1] if pairs else "cameo"
            sentences.append(
                GoldSentence(
                    id=str(record["id"]),
                    text=record["text"],
                    date=record.get("date"),
                    language=record.get("language", "en"),
                    events=tuple(p[0] for p in pairs),
                    system=system,
                )
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise GoldFormatError(f"{where}: not a gold record ({exc})") from exc
        except GoldFormatError as exc:
            raise GoldFormatError(f"{where}: {exc}") from exc
    if not sentences:
        raise GoldFormatError(f"{path}: no gold records")
    if len(sentences) >= PLACEHOLDER_MIN and len({s.date for s in sentences}) == 1:
        # one date on every record is a placeholder, not a story date: coding with it would
        # put a 1990s president's words in the mouth of a former official
        sentences = [replace(s, date=None) for s in sentences]
    return sentences
