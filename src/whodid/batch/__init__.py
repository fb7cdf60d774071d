"""The corpus pipeline over many documents: in one process, or over partitions on Dask."""

from whodid.batch.pipeline import IngestOptions, ingest
from whodid.batch.summary import IngestSummary

__all__ = ["IngestOptions", "IngestSummary", "ingest"]
