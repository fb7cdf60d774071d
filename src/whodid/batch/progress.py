"""A progress bar on standard error (tqdm): documents done, rate, ETA, sentences per second."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm


def estimate_documents(paths: list[str]) -> int | None:
    """About how many documents ``paths`` hold: a file each, a line per JSON Lines record
    (feeds count as one until read). None when standard input is among them."""
    total = 0
    for spec in paths:
        if spec == "-":
            return None
        path = Path(spec)
        files = (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith("."):
                continue
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


class Progress:
    """Counts documents as they are done; silent when ``enabled`` is false."""

    def __init__(self, total: int | None, enabled: bool = True) -> None:
        self.bar = tqdm(
            total=total, unit="doc", disable=not enabled, file=sys.stderr, dynamic_ncols=True,
            smoothing=0.1, desc="ingest",
        )  # fmt: skip
        self.sentences = 0

    def done(self, sentences: int = 0) -> None:
        self.sentences += sentences
        if self.bar.total is not None and self.bar.n + 1 > self.bar.total:
            self.bar.total = self.bar.n + 1
        self.bar.update(1)
        if sentences and not self.bar.disable:
            elapsed = self.bar.format_dict["elapsed"] or 1e-9
            self.bar.set_postfix(sent_per_s=f"{self.sentences / elapsed:.0f}", refresh=False)

    def close(self) -> None:
        if self.bar.total is not None and self.bar.n != self.bar.total:
            self.bar.total = self.bar.n  # the estimate counted bad lines and files
            self.bar.refresh()
        self.bar.close()
