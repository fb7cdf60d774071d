"""Rows gathered from the pipeline, written to the store a small batch at a time."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from whodid.store import Store
from whodid.store.rows import Rows


@dataclass
class BatchWriter:
    """Commits ``rows`` when they hold ``batch_docs`` documents/errors or ``seconds`` have
    passed since the last commit; each commit is one transaction."""

    store: Store
    batch_docs: int = 32
    seconds: float = 5.0
    rows: Rows = field(default_factory=Rows)
    commits: int = 0
    _last: float = field(default_factory=time.monotonic)

    def maybe_flush(self) -> None:
        if len(self.rows) >= self.batch_docs or (
            len(self.rows) and time.monotonic() - self._last >= self.seconds
        ):
            self.flush()

    def flush(self) -> None:
        if len(self.rows):
            self.store.write(self.rows)
            self.commits += 1
            self.rows.clear()
        self._last = time.monotonic()
