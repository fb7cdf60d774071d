"""What an ingest run did, counted as it goes."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class IngestSummary:
    run_id: int = 0
    documents: int = 0  # documents read (records, files, feed entries)
    coded: int = 0  # newly coded and stored
    already_stored: int = 0  # skipped: the same id and text are in the store
    duplicates: int = 0  # exact copies of another document's text (linked, not coded)
    near_duplicates: int = 0  # coded, then linked to an earlier near-identical document
    not_english: int = 0  # recorded with their language, not coded
    failed: int = 0  # items that could not be read or coded (see doc_errors)
    warnings: int = 0  # items read with a warning (bad bytes replaced, no id, ...)
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    worker_peak_rss_mb: float = 0.0  # on Dask: the largest peak memory of a worker process

    @property
    def errors(self) -> int:
        return self.failed

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "errors": self.errors}

    def line(self) -> str:
        rate = self.sentences / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} document(s) read: {self.coded} coded, {self.already_stored} "
            f"already stored, {self.duplicates} exact and {self.near_duplicates} near "
            f"duplicate(s), {self.not_english} not English, {self.failed} failed; "
            f"{self.sentences} sentences, {self.events} events, {self.failed} error(s), "
            f"{self.warnings} warning(s) in {self.seconds:.1f} s ({rate:.1f} sentences/s)"
        )
