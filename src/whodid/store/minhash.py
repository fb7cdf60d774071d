"""Near-duplicate documents by MinHash over word shingles, with LSH bands.

Two documents whose sets of five-word shingles overlap by a Jaccard similarity of ``s``
agree on each of the signature's values with probability ``s``. The signature is cut into
``bands`` of ``rows`` values; documents sharing any band bucket are candidates, and a pair
is a near duplicate when the share of equal signature values reaches the threshold. Pairs
must share ``min_bands`` bands to be compared: at a similarity of 0.8 two documents share
two or more of 16 bands of 4 with a probability above 0.99, while the many pairs that only
share a sentence or two rarely do.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

_WORD = re.compile(r"\w+")
_PRIME = np.uint64(4294967311)  # the first prime above 2**32


@dataclass(frozen=True)
class MinHasher:
    """Signatures of ``bands * rows`` values; the permutations are fixed by ``seed`` so
    signatures made by any process (a Dask worker, a later run) compare."""

    bands: int = 16
    rows: int = 4
    shingle: int = 5
    threshold: float = 0.8
    min_bands: int = 2
    seed: int = 20240501
    _a: np.ndarray = field(init=False, repr=False, compare=False)
    _b: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        size = self.bands * self.rows
        object.__setattr__(self, "_a", rng.integers(1, 2**32 - 1, size, dtype=np.uint64))
        object.__setattr__(self, "_b", rng.integers(0, 2**32 - 1, size, dtype=np.uint64))

    def signature(self, text: str) -> list[int]:
        words = _WORD.findall(text.lower())
        n = self.shingle
        grams = {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}
        hashes = np.fromiter(
            (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
        )
        values = (hashes[:, None] * self._a[None, :] + self._b[None, :]) % _PRIME
        return [int(v) & 0xFFFFFFFF for v in values.min(axis=0)]

    def buckets(self, signature: list[int]) -> list[tuple[int, int]]:
        """(band, bucket) pairs: a 64-bit hash of each band's values."""
        out = []
        for band in range(self.bands):
            chunk = signature[band * self.rows : (band + 1) * self.rows]
            digest = zlib.crc32(repr(chunk).encode()) | (band << 32)
            out.append((band, digest))
        return out
