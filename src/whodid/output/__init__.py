"""Write events in the output contract's formats (JSON Lines, TSV, a table), and quotations."""

from whodid.output.filters import select
from whodid.output.writers import FORMATS, write_events, write_quotes

__all__ = ["FORMATS", "select", "write_events", "write_quotes"]
