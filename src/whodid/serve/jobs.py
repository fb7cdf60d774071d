"""``POST /ingest``: documents posted to the API go through the corpus pipeline of
``whodid ingest`` in a background thread, one job at a time (DuckDB takes one writer), while
the API keeps answering reads. Each job's status is kept in memory for ``GET /ingest/{job}``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whodid.batch import IngestOptions, ingest
from whodid.coder import Coder
from whodid.errors import WhodidError
from whodid.store import Store


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class IngestJob:
    job: str
    documents: int
    status: str = "queued"
    submitted_at: str = field(default_factory=_now)
    started_at: str | None = None
    finished_at: str | None = None
    summary: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class IngestJobs:
    """Runs ingest jobs on ``store`` one after another; remembers the last ``keep`` jobs."""

    def __init__(self, store: Store, coder: Callable[[], Coder], keep: int = 200) -> None:
        self.store = store
        self.coder = coder
        self.keep = keep
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whodid-ingest")

    def submit(self, documents: list[dict[str, Any]], sentences: bool = False) -> IngestJob:
        job = IngestJob(job=uuid.uuid4().hex, documents=len(documents))
        with self._lock:
            self._jobs[job.job] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, documents, sentences)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every job submitted so far has finished (for tests and shutdown)."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: IngestJob, documents: list[dict[str, Any]], sentences: bool) -> None:
        job.status, job.started_at = "running", _now()
        try:
            with tempfile.TemporaryDirectory(prefix="whodid-ingest-") as tmp:
                path = Path(tmp) / f"{job.job}.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for doc in documents:
                        fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
                options = IngestOptions(progress=False, sentences=sentences)
                summary = ingest([str(path)], self.store, self.coder(), options)
            job.summary = summary.as_dict()
            job.status = "done"
        except WhodidError as exc:
            job.error, job.status = str(exc), "failed"
        except Exception as exc:  # noqa: BLE001 - reported in the job's status, not lost
            job.error, job.status = f"{type(exc).__name__}: {exc}", "failed"
        finally:
            job.finished_at = _now()
