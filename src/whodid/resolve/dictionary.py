"""The actor dictionary: countries, sector nouns and named actors, loaded from package data.

Files (``src/whodid/resolve/data``):
- ``countries.tsv``  code, name, aliases, adjectives, capitals (``|``-separated lists)
- ``sectors.tsv``    term (lemma form), sector code
- ``named_*.yaml``    named people, groups and organisations with aliases

Names are indexed as tuples of normalised tokens, split by the same tokenizer that splits
the news text, so "al-Qaeda" in a dictionary matches "al-Qaeda" in a story.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from whodid.datafiles import read_yaml
from whodid.errors import DataFileError

Tokenize = Callable[[str], list[str]]

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels",
    "INS": "insurgents", "OPP": "opposition", "PTY": "political party", "LEG": "legislature",
    "JUD": "judiciary", "SPY": "intelligence", "MED": "media", "EDU": "education",
    "BUS": "business", "CVL": "civilians", "REF": "refugees", "HLH": "health",
    "NGO": "non-governmental organization", "HRI": "human rights", "LAB": "labor",
    "AGR": "agriculture", "ELI": "elites", "CRM": "criminals", "REL": "religious",
    "SET": "settlers", "UAF": "armed gunmen", "ENV": "environment", "IGO": "intergovernmental",
}  # fmt: skip
_CODE = re.compile(r"^[A-Z-]{3}[A-Z]{0,9}$")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def normalise(word: str) -> str:
    """Fold case, curly apostrophes and Unicode dashes so variants meet in one key."""
    return word.translate(_TRANSLATE).lower()


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary entry that a phrase can resolve to."""

    name: str
    kind: str  # country | adjective | capital | named
    country: str | None
    sector: str | None
    code: str | None
    group: bool = False  # a named organisation (its code dominates a sector head noun)


class ActorDictionary:
    """Phrase index of actor names and sector nouns."""

    def __init__(
        self,
        names: dict[tuple[str, ...], ActorEntry],
        sectors: dict[tuple[str, ...], str],
        country_names: dict[str, str],
        acronyms: frozenset[tuple[str, ...]] = frozenset(),
    ) -> None:
        self.names = names
        self.acronyms = acronyms
        self.sectors = sectors
        self.country_names = country_names
        self.max_name_len = max((len(k) for k in names), default=1)
        self.max_sector_len = max((len(k) for k in sectors), default=1)

    @classmethod
    def load(cls, tokenize: Tokenize, directory: Path | None = None) -> ActorDictionary:
        base = directory or Path(str(resources.files("whodid.resolve") / "data"))
        names: dict[tuple[str, ...], ActorEntry] = {}
        country_names: dict[str, str] = {}
        acronyms: set[tuple[str, ...]] = set()

        def add(phrase: str, entry: ActorEntry, where: str) -> None:
            for variant in _variants(phrase):
                key = tuple(normalise(w) for w in tokenize(variant))
                if key and key not in names:
                    names[key] = entry
                if len(key) == 1 and variant.isupper() and len(variant) <= 6:
                    acronyms.add(key)  # "US" must not match the pronoun "us"

        countries = base / "countries.tsv"
        for line, row in _tsv(countries, ["code", "name", "aliases", "adjectives", "capitals"]):
            code = row["code"].strip()
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise DataFileError(str(countries), f"line {line}", f"bad country code {code!r}")
            name = row["name"].strip()
            country_names[code] = name
            where = f"{countries}:{line}"
            for phrase in [name, *_split(row["aliases"])]:
                add(phrase, ActorEntry(name, "country", code, None, code), where)
            for phrase in _split(row["adjectives"]):
                add(phrase, ActorEntry(name, "adjective", code, None, code), where)
            for phrase in _split(row["capitals"]):
                add(phrase, ActorEntry(name, "capital", code, "GOV", code + "GOV"), where)

        for named in sorted(base.glob("named_*.yaml")):  # named_actors, named_historical, ...
            for entry, phrases in _named_entries(named):
                for phrase in phrases:
                    add(phrase, entry, str(named))

        sectors: dict[tuple[str, ...], str] = {}
        sector_path = base / "sectors.tsv"
        for line, row in _tsv(sector_path, ["term", "sector"]):
            sector = row["sector"].strip()
            if sector not in SECTOR_NAMES:
                raise DataFileError(str(sector_path), f"line {line}", f"unknown sector {sector!r}")
            key = tuple(normalise(w) for w in tokenize(row["term"].strip()))
            sectors.setdefault(key, sector)
        return cls(names, sectors, country_names, frozenset(acronyms))

    def lookup(self, words: tuple[str, ...], as_written: tuple[str, ...] = ()) -> ActorEntry | None:
        """The entry named by these normalised words; acronyms must be written in capitals."""
        if words in self.acronyms and as_written and not all(w.isupper() for w in as_written):
            return None
        return self.names.get(words)

    def sector(self, lemmas: tuple[str, ...]) -> str | None:
        return self.sectors.get(lemmas)

    def search(self, text: str, tokenize: Tokenize) -> list[ActorEntry]:
        """Entries whose name or alias contains every word of ``text``."""
        wanted = [normalise(w) for w in tokenize(text)]
        seen: dict[str, ActorEntry] = {}
        for key, entry in self.names.items():
            if all(w in key for w in wanted):
                seen.setdefault(f"{entry.name}|{entry.code}", entry)
        return list(seen.values())


def _split(field: str | None) -> list[str]:
    return [p.strip() for p in (field or "").split("|") if p.strip()]


def _variants(phrase: str) -> list[str]:
    """The phrase, and without dots ("U.S." -> "US") and a leading "the"."""
    out = [phrase]
    if "." in phrase:
        out.append(phrase.replace(".", ""))
    if phrase.lower().startswith("the "):
        out.append(phrase[4:])
    return out


def _tsv(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), "file", str(exc)) from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]  # fmt: skip
    if not lines:
        raise DataFileError(str(path), "file", "no rows")
    header = lines[0][1].split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(str(path), f"line {lines[0][0]}", f"header lacks {missing}")
    rows = []
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataFileError(
                str(path), f"line {n}", f"{len(cells)} fields, expected {len(header)}"
            )
        rows.append((n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))))
    return rows


def _named_entries(path: Path) -> list[tuple[ActorEntry, list[str]]]:
    data = read_yaml(path)
    if not isinstance(data, list):
        raise DataFileError(str(path), "top level", "expected a list of actors")
    out = []
    for i, item in enumerate(data):
        where = f"entry {i + 1}"
        out.append(_named_entry(path, where, item))
    return out


def _named_entry(path: Path, where: str, item: Any) -> tuple[ActorEntry, list[str]]:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DataFileError(str(path), where, "expected a mapping with a 'name'")
    name = item["name"].strip()
    where = f"{where} ({name})"
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DataFileError(str(path), where, "'aliases' must be a list of strings")
    country = item.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", str(country)):
        raise DataFileError(str(path), where, f"bad country {country!r}")
    sector = item.get("sector")
    if sector is not None and sector not in SECTOR_NAMES:
        raise DataFileError(str(path), where, f"unknown sector {sector!r}")
    code = item.get("code") or ((country or "---") + (sector or "") if country or sector else None)
    if code is not None and not (isinstance(code, str) and _CODE.match(code)):
        raise DataFileError(str(path), where, f"bad code {code!r}")
    group = item.get("type", "person") != "person"
    entry = ActorEntry(name, "named", country, sector, code, group)
    return entry, [name, *aliases]
