"""The HTTP API and dashboard: ``create_app(db_path)`` returns a FastAPI app over one store.

Read-only unless a token is given: then the store is opened for writing and ``POST
/ingest`` takes documents from callers that send ``Authorization: Bearer <token>``. Every
query parameter and body is a model that forbids unknown fields; every value reaches SQL
as a bound parameter. The NLP resources are loaded once, on first use (or passed in).
"""

import hmac
import io
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from whodid.errors import StoreError
from whodid.resources import Resources
from whodid.serve import queries
from whodid.serve.basemap import world
from whodid.serve.evidence import document_spans, sentence_spans, sentence_start
from whodid.serve.jobs import IngestJobs
from whodid.serve.limits import BodyLimit
from whodid.serve.models import (
    ActorsPage,
    ActorsQuery,
    CodeRequest,
    CodeResponse,
    Criteria,
    DocumentOut,
    DyadQuery,
    DyadSeries,
    EventDetail,
    EventsPage,
    EventsQuery,
    IngestJobOut,
    IngestRequest,
    MapPoints,
    Network,
    NetworkQuery,
    Stats,
    Timeline,
)  # fmt: skip
from whodid.store import EventFilter, Store

STATIC = Path(__file__).parent / "static"
MAX_BODY = 2_000_000  # bytes in a request body
ID = r"^[\w.:@+-]{1,200}$"


class ServeState:
    """What the app holds for its life: the store, the NLP resources (loaded on first
    use, once), the coder for ``/code`` and the ingest jobs. No module-level state."""

    def __init__(self, db_path: str | Path, token: str | None, resources: Resources | None):
        self.db_path = str(db_path)
        self.token = token
        self.writable = token is not None
        self.store = Store(self.db_path, read_only=not self.writable)
        self._resources = resources
        self._coder: Any = None
        self._load_lock = threading.Lock()
        self.code_lock = threading.Lock()  # one /code at a time through the shared coder
        self._basemap: dict[str, Any] | None = None
        self.jobs = IngestJobs(self.store, self.new_coder) if self.writable else None

    def resources(self) -> Resources:
        with self._load_lock:
            if self._resources is None:
                self._resources = Resources.load()
            return self._resources

    def new_coder(self) -> Any:
        from whodid.coder import Coder

        return Coder(self.resources())

    def coder(self) -> Any:
        if self._coder is None:
            coder = self.new_coder()
            with self._load_lock:
                self._coder = self._coder or coder
        return self._coder

    def basemap(self) -> dict[str, Any]:
        with self._load_lock:
            if self._basemap is None:
                self._basemap = world()
            return self._basemap

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.store.con.cursor()

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.close()
        self.store.close()


def create_app(
    db_path: str | Path, token: str | None = None, resources: Resources | None = None,
    *, max_body: int = MAX_BODY,
) -> FastAPI:  # fmt: skip
    """The API and dashboard over the store at ``db_path``. With ``token``, the store is
    opened for writing and ``POST /ingest`` accepts callers that present it."""
    if token is not None and len(token) < 8:
        raise ValueError("the token must have at least 8 characters")
    state = ServeState(db_path, token, resources)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="whodid", lifespan=lifespan,
        summary="Political events (CAMEO + PLOVER) coded from news text, and the store.",
        docs_url=None, redoc_url=None,
    )  # fmt: skip
    app.state.whodid = state
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def con() -> Iterator[duckdb.DuckDBPyConnection]:
        cursor = state.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    Con = Annotated[duckdb.DuckDBPyConnection, Depends(con)]

    def writer(request: Request) -> IngestJobs:
        if state.jobs is None:
            raise HTTPException(403, "this server is read-only: start it with --token to "
                                     "accept writes")  # fmt: skip
        given = request.headers.get("authorization", "")
        scheme, _, presented = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            presented.strip().encode(), (state.token or "").encode()
        ):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        return state.jobs

    Jobs = Annotated[IngestJobs, Depends(writer)]

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    # -- dashboard -----------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """The API's documentation, drawn from /openapi.json by a local script."""
        return FileResponse(STATIC / "docs.html")

    @app.get("/basemap.json", include_in_schema=False)
    def basemap() -> JSONResponse:
        return JSONResponse(state.basemap(), headers={"Cache-Control": "max-age=86400"})

    # -- coding --------------------------------------------------------------------------
    @app.post("/code", response_model=CodeResponse, tags=["coding"])
    def code(body: CodeRequest) -> dict[str, Any]:
        """Code a text: its events, each with its evidence (trigger, source, target,
        speaker, place) as offsets into the sentence and into the text."""
        from whodid.types import Document

        date = body.date.isoformat() if body.date else None
        coder = state.coder()
        with state.code_lock:
            result = next(coder.code([Document(body.doc_id, body.text, date)]))
        if result.error is not None:
            raise HTTPException(422, f"the text could not be coded: {result.error}")
        events = []
        for event in result.events:
            record = event.to_dict()
            start = sentence_start(body.text, event.text, event.trigger.start)
            events.append({"record": record, "spans": sentence_spans(record, start)})
        spans = [s for e in events for s in document_spans(e["record"])]
        return {"doc_id": body.doc_id, "events": events, "spans": spans}

    # -- the store -----------------------------------------------------------------------
    @app.get("/stats", response_model=Stats, tags=["store"])
    def stats(c: Con) -> dict[str, Any]:
        return {**queries.stats(c), "writable": state.writable}

    @app.get("/events", response_model=EventsPage, tags=["store"],
             responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
    def events(c: Con, q: Annotated[EventsQuery, Query()]) -> Any:
        """Events matching every filter (those of ``whodid events``), a page at a time, as
        JSON (with evidence spans) or CSV (the columns of ``whodid events --format csv``)."""
        if q.format == "csv":
            from whodid.store.exports import export_events

            frame = queries.events_frame(c, q.event_filter(), q.limit, q.offset)
            out = io.StringIO()
            export_events(frame, "csv", out, None)
            disposition = {"Content-Disposition": 'inline; filename="events.csv"'}
            return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                            headers=disposition)  # fmt: skip
        total, rows = queries.events_page(c, q.event_filter(), q.limit, q.offset)
        return {"total": total, "offset": q.offset, "limit": q.limit, "events": rows}

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["store"])
    def event(c: Con, event_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        """One event with its evidence: spans in the sentence and in the document."""
        found = queries.event_detail(c, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/documents/{doc_id}", response_model=DocumentOut, tags=["store"])
    def document(c: Con, doc_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        """A document's text with its events and their evidence spans (offsets into the
        text); the latest version when the same id was stored with different texts."""
        found = queries.document(c, doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/actors", response_model=ActorsPage, tags=["store"])
    def actors(c: Con, q: Annotated[ActorsQuery, Query()]) -> dict[str, Any]:
        """Actors (source, target, speaker of events) by number of events."""
        total, rows = queries.actors(c, q.q, q.country, q.limit, q.offset)
        return {"total": total, "actors": rows}

    @app.get("/dyads", response_model=DyadSeries, tags=["store"])
    def dyads(c: Con, q: Annotated[DyadQuery, Query()]) -> dict[str, Any]:
        """Events from ``source`` to ``target`` (code prefixes or names) per day, week or
        month: counts, mean and total Goldstein score, counts per quad class."""
        f = EventFilter(
            source=q.source, target=q.target, since=q.since and q.since.isoformat(),
            until=q.until and q.until.isoformat(), duplicates=q.with_duplicates,
        )  # fmt: skip
        series = queries.dyad_series(c, f, q.interval)
        return {"source": q.source, "target": q.target, "interval": q.interval,
                "events": sum(p["events"] for p in series), "series": series}  # fmt: skip

    @app.get("/timeline", response_model=Timeline, tags=["dashboard"])
    def timeline(c: Con, q: Annotated[Criteria, Query()]) -> dict[str, Any]:
        """Events per day: counts per quad class and mean Goldstein score."""
        return queries.timeline(c, q.event_filter())

    @app.get("/map", response_model=MapPoints, tags=["dashboard"])
    def map_points(c: Con, q: Annotated[Criteria, Query()]) -> dict[str, Any]:
        """Event locations: one point per place, with counts and mean Goldstein score."""
        return {"points": queries.map_points(c, q.event_filter())}

    @app.get("/network", response_model=Network, tags=["dashboard"])
    def network(c: Con, q: Annotated[NetworkQuery, Query()]) -> dict[str, Any]:
        """The busiest dyads as edges, with cooperation and conflict counts."""
        return queries.network(c, q.event_filter(), q.limit)

    # -- writes --------------------------------------------------------------------------
    @app.post("/ingest", response_model=IngestJobOut, status_code=202, tags=["ingest"])
    def ingest(body: IngestRequest, jobs: Jobs) -> dict[str, Any]:
        """Queue documents for the corpus pipeline (needs the token); the job runs in the
        background: poll ``GET /ingest/{job}``."""
        documents = [d.model_dump(mode="json", exclude_none=True) for d in body.documents]
        return jobs.submit(documents, body.sentences).as_dict()

    @app.get("/ingest/{job}", response_model=IngestJobOut, tags=["ingest"])
    def ingest_status(
        jobs: Jobs, job: Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
    ) -> dict[str, Any]:
        found = jobs.get(job)
        if found is None:
            raise HTTPException(404, f"no ingest job {job!r}")
        return found.as_dict()

    return app

