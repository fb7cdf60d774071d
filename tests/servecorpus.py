"""A few short news-like articles for the API and dashboard tests (written for these
tests), and the store built from them by the real ingest pipeline."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "id": "jenin-raid", "date": "2024-03-05", "source": "Levant Wire",
        "title": "Troops raid Jenin camp", "url": "https://example.org/jenin-raid",
        "text": (
            "Israeli troops shelled a village near Jenin on Tuesday, residents said.\n\n"
            "Hamas accused Israel of violating the truce. The United Nations urged both "
            "sides to negotiate, a spokesman said."
        ),
    },
    {
        "id": "korea-threat", "date": "2024-03-06", "source": "Seoul Daily",
        "title": "Pyongyang warns Seoul", "url": "https://example.org/korea-threat",
        "text": (
            "North Korea threatened to attack South Korea on Wednesday.\n\n"
            "South Korea condemned the threat and met with Japanese officials in Seoul."
        ),
    },
    {
        "id": "kyiv-strike", "date": "2024-03-06", "source": "Kyiv Post Wire",
        "title": "Missiles hit Kyiv", "url": "https://example.org/kyiv-strike",
        "text": (
            "Russian forces fired missiles at Kyiv on Wednesday, Ukrainian officials said.\n\n"
            "Ukraine appealed to Germany for more air defence systems."
        ),
    },
    {
        "id": "gaza-aid", "date": "2024-03-07", "source": "Levant Wire",
        "title": "Aid reaches Gaza", "url": "https://example.org/gaza-aid",
        "text": (
            "Egypt sent humanitarian aid to Gaza on Thursday.\n\n"
            "Israel arrested five Palestinian protesters in Hebron, the army said."
        ),
    },
    {
        "id": "paris-talks", "date": "2024-03-08", "source": "Euro Desk",
        "title": "Talks in Paris", "url": "https://example.org/paris-talks",
        "text": (
            "France hosted talks with Germany in Paris on Friday.\n\n"
            "Germany praised France for its leadership. Russia criticized the meeting."
        ),
    },
    {
        "id": "jenin-clash", "date": "2024-03-08", "source": "Levant Wire",
        "title": "Clashes near Jenin", "url": "https://example.org/jenin-clash",
        "text": (
            "Palestinian gunmen attacked Israeli soldiers near Jenin on Friday, "
            "the army said.\n\nIsrael did not attack Lebanon, officials said."
        ),
    },
]  # fmt: skip


def write_articles(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for article in ARTICLES:
            fh.write(json.dumps(article) + "\n")
    return path


def build_store(folder: Path, coder) -> Path:  # noqa: ANN001 - a whodid.Coder
    """The sample store, built with ``whodid ingest``'s pipeline."""
    from whodid.batch import IngestOptions, ingest
    from whodid.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    source = write_articles(folder / "articles.jsonl")
    db = folder / "events.duckdb"
    with Store(db) as store:
        summary = ingest([str(source)], store, coder, IngestOptions(progress=False))
    assert summary.coded == len(ARTICLES) and summary.failed == 0
    return db
