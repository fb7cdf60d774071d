"""Event exports from the store: the contract's JSON Lines, a readable table, CSV/TSV,
Parquet, GDELT-2.0-style events, Phoenix-style TSV and PLOVER-style JSON.

Every export takes the DataFrame :meth:`Store.events` returns, so the same filters apply.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from whodid.errors import StoreError
from whodid.store.query import EventFilter

#: GDELT 2.0 event table columns whodid fills (a subset, same names and order as GDELT's).
#: One row per event cluster (its first event in date and document order); actor and place
#: countries are ISO alpha-3 (GDELT uses CAMEO country codes for actors, as here, but FIPS
#: 10-4 for ActionGeo_CountryCode); IsRootEvent is the sentence's main event; AvgTone is
#: empty; ActionGeo_Type is 4 (a place with coordinates) or 1 (a country); no header row.
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "DATEADDED", "SOURCEURL",
]  # fmt: skip
#: Phoenix event data columns (the Open Event Data Alliance's daily files), with a header.
PHOENIX_COLUMNS = [
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "PentaClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
]  # fmt: skip
FLAT_DROP = ["record", "doc_key"]


def _blank(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value


def _cell(value: Any) -> str:
    return str(_blank(value)).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _day(value: Any) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value)


def _penta(root: str) -> int:
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _lines(rows: list[list[Any]], out: TextIO, header: list[str] | None) -> int:
    if header:
        out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")
    return len(rows)


def gdelt_rows(df: pd.DataFrame) -> list[list[Any]]:
    """One row per event cluster: its first event in date and document order."""
    rows = []
    for e in df.drop_duplicates("cluster_id", keep="first").itertuples(index=False):
        day = _day(e.date)
        place = e.location if isinstance(e.location, str) else None
        rows.append([
            int(e.cluster_id[:15], 16), day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "", day.year if day else "",
            f"{day.year + (day.day_of_year - 1) / 365:.4f}" if day else "",
            e.source_code, e.source_name, e.source_country, e.source_sector,
            e.target_code, e.target_name, e.target_country, e.target_sector,
            int(bool(e.main)), e.code, e.code[:3], e.root, e.quad_class, e.goldstein,
            e.num_mentions, e.num_sources, e.num_articles, "",
            (4 if not pd.isna(e.lat) else 1) if place else "", place, e.location_country,
            e.lat, e.lon, pd.Timestamp(e.ingested_at).strftime("%Y%m%d%H%M%S"), e.url,
        ])  # fmt: skip
    return rows


def phoenix_rows(df: pd.DataFrame) -> list[list[Any]]:
    rows = []
    for e in df.itertuples(index=False):
        day = _day(e.date)
        rows.append([
            e.event_id, day.strftime("%Y%m%d") if day else "", day.year if day else "",
            day.month if day else "", day.day if day else "",
            e.source_code, e.source_country, e.source_sector, "",
            e.target_code, e.target_country, e.target_sector, "",
            e.code, e.root, _penta(e.root), e.goldstein, "", e.lat, e.lon, e.location, "",
            e.location_country, f"{e.doc_id}:{e.sentence}", e.url, e.doc_source,
        ])  # fmt: skip
    return rows


def _plover_actor(code: Any, name: Any, country: Any, sector: Any) -> dict | None:
    if _blank(code) == "" and _blank(name) == "":
        return None
    return {"code": _blank(code) or None, "name": _blank(name) or None,
            "country": _blank(country) or None, "sector": _blank(sector) or None}  # fmt: skip


def plover_record(e: Any) -> dict[str, Any]:
    """A PLOVER-style record: ``event``/``mode``/``context``/``actor``/``recipient`` named
    as in the PLOVER manual, with the CAMEO code and whodid's attribution kept alongside."""
    record = json.loads(e.record)
    return {
        "id": e.event_id, "date": record["date"], "event": e.plover, "mode": e.plover_mode,
        "context": [],
        "actor": _plover_actor(e.source_code, e.source_name, e.source_country, e.source_sector),
        "recipient": _plover_actor(e.target_code, e.target_name, e.target_country,
                                   e.target_sector),
        "location": record["location"], "cameo": e.code, "goldstein": e.goldstein,
        "quad_class": e.quad_class, "attribution": record["attribution"]["kind"],
        "modality": e.modality, "text": e.text, "doc_id": e.doc_id,
        "publisher": _blank(e.doc_source) or None, "url": _blank(e.url) or None,
        "num_mentions": int(e.num_mentions), "num_articles": int(e.num_articles),
        "num_sources": int(e.num_sources),
    }  # fmt: skip


def _table(df: pd.DataFrame, out: TextIO) -> int:
    for e in df.itertuples(index=False):
        date = _blank(e.date) and pd.Timestamp(e.date).strftime("%Y-%m-%d")
        where = f" @{e.location}" if isinstance(e.location, str) else ""
        mood = "" if e.modality == "actual" else f" [{e.modality}]"
        out.write(
            f"{date or '----------'}  {e.doc_id}:{e.sentence}  {e.code:<4} "
            f"{_blank(e.plover) or '-':<9} {_blank(e.source_code) or '-'} -> "
            f"{_blank(e.target_code) or '-'}  '{e.trigger}'{mood}{where}  "
            f"x{e.num_mentions}/{e.num_articles}/{e.num_sources}\n"
        )
    return len(df)


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=[c for c in FLAT_DROP if c in df.columns])


TEXT_FORMATS: dict[str, Callable[[pd.DataFrame, TextIO], int]] = {
    "table": _table,
    "jsonl": lambda df, out: sum(1 for r in df.record if out.write(r + "\n")),
    "csv": lambda df, out: (_flat(df).to_csv(out, index=False), len(df))[1],
    "tsv": lambda df, out: _lines(_flat(df).values.tolist(), out, list(_flat(df).columns)),
    "gdelt": lambda df, out: _lines(gdelt_rows(df), out, None),
    "phoenix": lambda df, out: _lines(phoenix_rows(df), out, PHOENIX_COLUMNS),
    "plover": lambda df, out: sum(
        1 for e in df.itertuples(index=False)
        if out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
    ),
}  # fmt: skip
FILE_FORMATS = ("parquet",)
EXPORT_FORMATS = (*TEXT_FORMATS, *FILE_FORMATS)


def export_events(df: pd.DataFrame, fmt: str, out: TextIO | None, path: Path | None) -> int:
    """Write ``df`` (from :meth:`Store.events`) as ``fmt``; returns the rows written.
    Parquet needs a ``path``; text formats write to ``out``."""
    if fmt == "parquet":
        if path is None:
            raise StoreError("--format parquet needs an output file (-o events.parquet)", "W404")
        _flat(df).to_parquet(path, index=False)
        return len(df)
    if fmt not in TEXT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}", "W404")
    assert out is not None
    return TEXT_FORMATS[fmt](df, out)


def export_from_store(
    db: str | Path, filters: EventFilter, fmt: str, out: TextIO, path: Path | None = None
) -> int:
    """``whodid events``: query the store at ``db`` (read-only) and export what matches to
    ``path`` (or ``out``); returns the number of rows written."""
    from whodid.store.store import Store

    with Store(db, read_only=True) as store:
        df = store.events(filters)
    if path is None or fmt == "parquet":
        return export_events(df, fmt, out, path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        return export_events(df, fmt, fh, None)
