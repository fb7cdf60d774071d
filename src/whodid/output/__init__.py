"""Write events in the output contract's formats: JSON Lines and TSV."""

from whodid.output.writers import FORMATS, write_events

__all__ = ["FORMATS", "write_events"]
