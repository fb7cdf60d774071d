"""Which events a user asked for: ``--only-asserted`` and ``--min-modality``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whodid.types import MODALITIES, Event


def select(
    events: Iterable[Event], only_asserted: bool = False, min_modality: str | None = None
) -> Iterator[Event]:
    """Events stated by the reporter (``only_asserted``) and at least as certain as
    ``min_modality`` on the scale actual > attempted > future > intended > conditional >
    hypothetical > negated ("future" keeps actual, attempted and future events)."""
    allowed = set(MODALITIES[: MODALITIES.index(min_modality) + 1]) if min_modality else None
    for event in events:
        if only_asserted and event.attribution.kind != "asserted":
            continue
        if allowed is not None and event.modality not in allowed:
            continue
        yield event
