"""Parse ahead: spaCy parses the next texts in a second thread while the caller codes.

Texts go to spaCy in batches bounded in number and in characters: what the parser holds
while it works grows with the words of a batch, and a batch of 64 long paragraphs would
hold hundreds of megabytes.

spaCy's parser and its matrix products release the GIL, so on a machine with two cores the
parse of the next batch overlaps the coding of this one (on one core the threads only take
turns, which costs a little: the Coder then parses in its own thread). Only texts cross
to the parsing thread: the caller's iterator is read in the caller's own thread, at most
two batches ahead (``nlp.pipe`` reads one), so whatever producing an item does (a database
lookup, a message, a counter) happens where it did before. The order is kept, and an
error raised while parsing is raised again in the caller's thread.

While a parse runs ahead, Python hands the GIL between threads every millisecond instead of
every five: the parser, back from a stretch without the GIL, otherwise waits up to the
whole interval for the coder to let go of it.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

Context = TypeVar("Context")


class _End:
    """Handed over after the last parse: the stream ended, with the parse's ``error``."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


_NO_MORE = object()  # to the parsing thread: no more texts

#: a batch's characters at most (unless one text alone has more): about 5,000 words
MAX_BATCH_CHARS = 25_000


def batches(
    items: Iterable[tuple[str, Context]], size: int, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[tuple[str, Context]]]:
    """The items in order, in lists of at most ``size`` texts and ``max_chars``
    characters (a longer text is a batch of its own)."""
    batch: list[tuple[str, Context]] = []
    chars = 0
    for item in items:
        if batch and chars + len(item[0]) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class _SwitchInterval:
    """Python's thread switch interval, shortened while any parse runs ahead and put back
    when the last one ends."""

    SECONDS = 0.001

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 0.0  # the interval to put back: read when the first user comes

    @contextmanager
    def shortened(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self._saved, self.SECONDS))
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    sys.setswitchinterval(self._saved)


_SWITCHING = _SwitchInterval()  # one per process, as the interval is


def parse_in_batches(
    nlp: Language, items: Iterable[tuple[str, Context]], size: int,
    max_chars: int = MAX_BATCH_CHARS,
) -> Iterator[tuple[Doc, Context]]:  # fmt: skip
    """``nlp.pipe(items, as_tuples=True)`` in batches bounded by :func:`batches`."""
    for batch in batches(items, size, max_chars):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def parse_ahead(
    nlp: Language, items: Iterable[tuple[str, Context]], size: int,
    max_chars: int = MAX_BATCH_CHARS, ahead: int = 2,
) -> Iterator[tuple[Doc, Context]]:  # fmt: skip
    """:func:`parse_in_batches`, run in a second thread that holds at most ``ahead``
    batches' worth of texts (in number and in characters) the caller has not taken back."""
    texts: queue.SimpleQueue = queue.SimpleQueue()
    parsed: queue.SimpleQueue = queue.SimpleQueue()

    def parse() -> None:
        try:
            for pair in parse_in_batches(nlp, iter(texts.get, _NO_MORE), size, max_chars):
                parsed.put(pair)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            parsed.put(_End(exc))
            return
        parsed.put(_End())

    threading.Thread(target=parse, name="whodid-parse", daemon=True).start()
    with _SWITCHING.shortened():
        yield from _take_back(items, texts, parsed, size, max_chars, ahead)


def _take_back(
    items: Iterable[tuple[str, Context]], texts: queue.SimpleQueue, parsed: queue.SimpleQueue,
    size: int, max_chars: int, ahead: int,
) -> Iterator[tuple[Doc, Context]]:  # fmt: skip
    """Feed the parsing thread ``items`` and give back its parses, in order."""
    # never less than a batch in flight, or the parser would wait for a batch to fill
    ahead = max(ahead, 1)
    pending = iter(items)
    sizes: deque[int] = deque()  # the length of each text in flight
    chars = 0
    more = True
    try:
        while True:
            while more and len(sizes) < ahead * size and chars < ahead * max_chars:
                item = next(pending, _NO_MORE)
                texts.put(item)
                if item is _NO_MORE:
                    more = False
                else:
                    sizes.append(len(item[0]))
                    chars += sizes[-1]
            got = parsed.get()
            if isinstance(got, _End):
                if got.error is not None:
                    raise got.error
                return
            chars -= sizes.popleft()
            yield got
    finally:
        texts.put(_NO_MORE)  # the thread ends once it has parsed what it holds
