"""Typed records that flow through the pipeline: Document in, Event out.

Every record is a frozen dataclass; ``to_dict`` gives the JSON shape of the
output contract (``EVENT_RECORD.md``), where absent values are ``None``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One input article. ``date`` is the story date (``YYYY-MM-DD``) when known."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Words in the source text; ``start``/``end`` are character offsets, end exclusive."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted upon. ``code`` is CAMEO-style (``ISRMIL``); None when unresolved.

    ``basis`` says where the code came from: ``dictionary`` (the actor knowledge base, with
    titles and earlier mentions), ``place`` (a name the dictionary lacks that the gazetteer
    knows as a place: "shelled *Kharkiv*" -> UKR), ``context`` (the country of a name or
    description the dictionary lacks, taken from what the document is clearly about) or
    ``unresolved`` (kept as written, with no code)."""

    name: str
    text: str
    start: int
    end: int
    code: str | None
    country: str | None
    sector: str | None
    basis: str = "dictionary"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    text: str
    start: int
    end: int
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One link of an attribution chain: who claims it (``speaker``, None when unnamed:
    "reportedly") and the words that say so (``cue``: "said", "according to", a quote)."""

    speaker: Actor | None
    cue: TextSpan | None
    how: str  # quote, speech, belief, claim, accusation, according to, hedge, continuation


@dataclass(frozen=True, slots=True)
class Attribution:
    """``asserted``: the reporter states it; ``reported``: ``speaker`` claims it.

    ``chain`` lists every claim the event is wrapped in, outermost first: in "X said Y
    accused Z of killing W" the killing's chain is X's statement, then Y's accusation, and
    its ``speaker`` is Y. ``quote`` is the direct quotation the trigger sits in, if any.
    """

    kind: str = "asserted"
    speaker: Actor | None = None
    cue: TextSpan | None = None
    quote: TextSpan | None = None
    chain: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it. ``start``/``end`` cover the quoted words (without
    the marks); ``how`` says how the speaker was found: ``verb`` (a verb of saying next to
    it), ``continuation`` (no verb: the last speaker goes on) or ``unattributed``."""

    doc_id: str
    quote_id: str
    paragraph: int
    text: str
    start: int
    end: int
    closed: bool
    speaker: Actor | None
    speaker_mention: TextSpan | None
    cue: TextSpan | None
    how: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: From most to least certain that the event took place; ``--min-modality`` cuts this list.
MODALITIES = (
    "actual",
    "attempted",
    "future",
    "intended",
    "conditional",
    "hypothetical",
    "negated",
)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the record of the output contract.

    Beyond the contract: ``pattern`` names the pattern that fired, ``main`` marks the
    sentence's main event (the coded trigger highest in the parse), for users who want one
    event per sentence, and ``date_basis``/``date_precision`` say where ``date`` came from.
    """

    doc_id: str
    event_id: str
    sentence: int
    text: str
    date: str | None
    code: str
    root: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    source: Actor | None
    target: Actor | None
    trigger: TextSpan
    attribution: Attribution
    modality: str
    location: Place | None
    confidence: float
    pattern: str
    main: bool = False
    date_basis: str = "none"  # "stated": date words tied to the event; "story": the story date
    date_precision: str | None = None  # day, weekend, week, month, year

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ItemError:
    """A problem with one input item; the batch goes on without it (or with a warning)."""

    item: str
    message: str
    code: str
    fatal: bool = True

    def __str__(self) -> str:
        level = "error" if self.fatal else "warning"
        return f"{self.item}: {level} [{self.code}] {self.message}"
