"""Short news-like articles written for the store tests (no outside data)."""

from __future__ import annotations

import json
from pathlib import Path

ACTS = [
    "{a} troops shelled a village near {p} on Tuesday, residents said.",
    "Rebels attacked a police station in {p}, officials said.",
    "The {a} foreign minister met his counterpart in {p} to discuss the ceasefire.",
    "Protesters rallied outside the parliament in {p} against rising fuel prices.",
    "{a} forces arrested {n} opposition activists in {p} on Monday.",
    "The {a} government sent food aid to families displaced by flooding near {p}.",
    "Police used tear gas to disperse {n} demonstrators in {p}.",
    "The {a} president accused the rebels of killing {n} civilians near {p}.",
]
FILLER = [
    "The clashes lasted for several hours before the fighting stopped.",
    "Local officials said the situation remained tense in the evening.",
    "Aid groups called for calm and asked both sides to protect civilians.",
    "The army did not comment on the reports.",
]
NATIONS = ["Israeli", "Malian", "Nigerian", "Kenyan", "Turkish", "Egyptian", "Iraqi"]
PLACES = ["Jenin", "Kidal", "Maiduguri", "Mombasa", "Diyarbakir", "Cairo", "Mosul", "Gao"]


def article(n: int, sentences: int = 6) -> str:
    """The ``n``-th article: distinct words and numbers, ``sentences`` sentences long."""
    parts = []
    for i in range(sentences):
        k = n * sentences + i
        template = ACTS[k % len(ACTS)] if i % 2 == 0 else FILLER[k % len(FILLER)]
        parts.append(
            template.format(a=NATIONS[(n + i) % len(NATIONS)], p=PLACES[(n * 3 + i) % 8],
                            n=10 + (n * 7 + i) % 90)  # fmt: skip
        )
    paragraphs = [" ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]
    return "\n\n".join(paragraphs)


def write_jsonl(path: Path, count: int, sentences: int = 6, start: int = 0) -> list[str]:
    """``count`` articles as JSON Lines records with ids, dates and sources."""
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + count):
            doc_id = f"story-{n:04d}"
            ids.append(doc_id)
            record = {"id": doc_id, "text": article(n, sentences),
                      "date": f"2024-03-{1 + n % 28:02d}", "source": f"Outlet {n % 3}"}  # fmt: skip
            fh.write(json.dumps(record) + "\n")
    return ids
