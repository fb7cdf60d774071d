"""Request and response models of the HTTP API. Every model forbids unknown fields, so a
misspelt filter or body field is a 422 naming it, never silently ignored."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from whodid.store import EventFilter
from whodid.types import MODALITIES

#: Names and free-text filters: letters (any script), digits, spaces and the punctuation
#: found in actor and place names ("Côte d'Ivoire", "al-Arouri", "U.S."). No quotes of
#: other kinds, semicolons, comparison signs or comment markers: nothing a query needs.
NAME = r"^[\w .,'’()&/-]+$"
MAX_PAGE = 1000

Modality = Literal[MODALITIES]  # type: ignore[valid-type]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- query parameters --------------------------------------------------------------------
class Criteria(Model):
    """Which events: the filters of ``whodid events``, all optional, combined with AND."""

    actor: str | None = Field(
        None, max_length=80, pattern=NAME,
        description="Source or target: code prefix (ISR, ISRMIL) or part of a name.",
    )  # fmt: skip
    source: str | None = Field(None, max_length=80, pattern=NAME)
    target: str | None = Field(None, max_length=80, pattern=NAME)
    country: str | None = Field(None, pattern=r"^[A-Za-z]{3}$",
                                description="Source or target country, ISO alpha-3.")  # fmt: skip
    code: str | None = Field(None, pattern=r"^[0-9]{2,4}$", description="CAMEO code prefix.")
    root: str | None = Field(None, pattern=r"^(0?[1-9]|1[0-9]|20)$", description="CAMEO root.")
    plover: str | None = Field(None, pattern=r"^[A-Za-z_]{2,24}$", description="PLOVER type.")
    since: dt.date | None = Field(None, description="Events on or after (YYYY-MM-DD).")
    until: dt.date | None = Field(None, description="Events on or before (YYYY-MM-DD).")
    attribution: Literal["asserted", "reported"] | None = None
    modality: Modality | None = None
    min_modality: Modality | None = None
    location: str | None = Field(None, max_length=80, pattern=NAME)
    main_only: bool = False
    with_duplicates: bool = False

    def event_filter(self) -> EventFilter:
        return EventFilter(
            actor=self.actor, source=self.source, target=self.target, country=self.country,
            code=self.code, root=self.root, plover=self.plover,
            since=self.since and self.since.isoformat(),
            until=self.until and self.until.isoformat(),
            attribution=self.attribution, modality=self.modality,
            min_modality=self.min_modality, location=self.location,
            main_only=self.main_only, duplicates=self.with_duplicates,
        )  # fmt: skip


class EventsQuery(Criteria):
    limit: int = Field(100, ge=1, le=MAX_PAGE, description="Page size, 1..1000.")
    offset: int = Field(0, ge=0, le=10_000_000)
    format: Literal["json", "csv"] = "json"


class ActorsQuery(Model):
    q: str | None = Field(None, max_length=80, pattern=NAME, description="Code prefix or name.")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=10_000_000)


class DyadQuery(Model):
    source: str = Field(max_length=80, pattern=NAME, description="Code prefix or name.")
    target: str = Field(max_length=80, pattern=NAME, description="Code prefix or name.")
    since: dt.date | None = None
    until: dt.date | None = None
    interval: Literal["day", "week", "month"] = "day"
    with_duplicates: bool = False


class NetworkQuery(Criteria):
    limit: int = Field(60, ge=1, le=500, description="At most this many dyads (edges).")


# -- request bodies ----------------------------------------------------------------------
class CodeRequest(Model):
    text: str = Field(min_length=1, max_length=100_000)
    doc_id: str = Field("text", min_length=1, max_length=200)
    date: dt.date | None = Field(None, description="Story date, to resolve 'on Tuesday'.")


class DocumentIn(Model):
    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=1_000_000)
    date: dt.date | None = None
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)


class IngestRequest(Model):
    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)
    sentences: bool = Field(False, description="Also store every sentence (--sentences).")


# -- responses ---------------------------------------------------------------------------
class Span(Model):
    role: Literal["trigger", "source", "target", "speaker", "location"]
    start: int
    end: int
    text: str
    event_id: str


class EventOut(Model):
    """An event: its contract record, where it is stored, and its evidence spans (offsets
    into ``record.text``, the sentence, for the table's highlights)."""

    record: dict[str, Any]
    doc_key: str | None = None
    url: str | None = None
    title: str | None = None
    num_mentions: int | None = None
    num_articles: int | None = None
    num_sources: int | None = None
    spans: list[Span]


class EventsPage(Model):
    total: int
    offset: int
    limit: int
    events: list[EventOut]


class EventDetail(EventOut):
    document_spans: list[Span] = Field(description="Evidence, offsets into the document.")
    doc_id: str
    doc_date: str | None
    source: str | None


class CodeResponse(Model):
    doc_id: str
    events: list[EventOut]
    spans: list[Span] = Field(description="Evidence of every event, offsets into the text.")


class DocumentOut(Model):
    doc_key: str
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    date: str | None
    status: str
    language: str | None
    duplicate_of: str | None
    versions: int
    text: str
    events: list[EventOut]
    spans: list[Span]


class ActorOut(Model):
    code: str | None
    name: str | None
    country: str | None
    sector: str | None
    events: int
    as_source: int
    as_target: int
    as_speaker: int


class ActorsPage(Model):
    total: int
    actors: list[ActorOut]


class DyadPoint(Model):
    period: str
    events: int
    goldstein_mean: float
    goldstein_total: float
    quad: Annotated[list[int], Field(min_length=4, max_length=4)]


class DyadSeries(Model):
    source: str
    target: str
    interval: str
    events: int
    series: list[DyadPoint]


class TimelineDay(Model):
    date: str
    quad: Annotated[list[int], Field(min_length=4, max_length=4)]
    events: int
    goldstein_mean: float


class Timeline(Model):
    events: int
    undated: int
    days: list[TimelineDay]


class MapPoint(Model):
    location: str
    country: str | None
    lat: float
    lon: float
    events: int
    goldstein_mean: float


class MapPoints(Model):
    points: list[MapPoint]


class Node(Model):
    code: str
    name: str | None
    country: str | None
    events: int


class Edge(Model):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    goldstein_mean: float


class Network(Model):
    nodes: list[Node]
    edges: list[Edge]


class Stats(Model):
    documents: int
    events: int
    first_date: str | None
    last_date: str | None
    writable: bool


class IngestJobOut(Model):
    job: str
    status: Literal["queued", "running", "done", "failed"]
    documents: int
    submitted_at: str
    started_at: str | None = None
    finished_at: str | None = None
    summary: dict[str, Any] | None = None
    error: str | None = None
