"""The corpus store: documents, events, actors, quotes, runs and errors in DuckDB; queries
as pandas DataFrames; exports (GDELT-style, Phoenix, PLOVER JSON, Parquet, CSV)."""

from whodid.store.query import EventFilter
from whodid.store.store import Store

__all__ = ["EventFilter", "Store"]
