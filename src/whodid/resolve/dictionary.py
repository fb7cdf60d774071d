"""The actor dictionary: countries, sector nouns and named actors, loaded from package data.

Files (``src/whodid/resolve/data``):
- ``countries.tsv``  code, name, aliases, adjectives, capitals (``|``-separated lists)
- ``sectors.tsv``    term (lemma form), sector code
- ``named_*.yaml``    named people, groups and organisations with aliases and dated roles

Users add their own files (``--dictionary PATH``): named-actor YAML in the same format, and
``*.tsv`` sector tables; their names override the built-in ones (format: docs/ACTORS.md).

Names are indexed as tuples of normalised tokens, split by the same tokenizer that splits
the news text, so "al-Qaeda" in a dictionary matches "al-Qaeda" in a story.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from whodid.datafiles import read_yaml_items
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


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Fold case, curly apostrophes and Unicode dashes so variants meet in one key."""
    return word.translate(_TRANSLATE).lower()


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``start`` to ``end`` (None: still held)."""

    title: str
    country: str | None
    sector: str
    start: date
    end: date | None
    code: str | None = None  # when the office has its own code ("IGOUNO" for the UN's head)

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary entry that a phrase can resolve to."""

    name: str
    kind: str  # country | adjective | capital | named | label (an outlet's name for a state)
    country: str | None
    sector: str | None
    code: str | None
    group: bool = False  # a named organisation (its code dominates a sector head noun)
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    source: str = ""  # file:line, for ``whodid actors search`` and ``check``

    def on(self, day: date | None) -> tuple[str | None, str | None, str | None]:
        """Country, sector and code on ``day``: those of the role then held; between or
        after roles, a former official (ELI) of the last role's country; before any role,
        or with no day, the entry's own."""
        if day is None or not self.roles:
            return self.country, self.sector, self.code
        held = [r for r in self.roles if r.holds(day)]
        ended = [r for r in self.roles if r.end is not None and r.end <= day]
        if held:
            role = max(held, key=lambda r: r.start)
        elif ended:  # between or after offices: a former official
            last = max(ended, key=lambda r: r.end or r.start)
            country = last.country or self.country
            return country, "ELI", (country or "---") + "ELI"
        else:
            return self.country, self.sector, self.code
        country = role.country or self.country
        return country, role.sector, role.code or (country or "---") + role.sector


class ActorDictionary:
    """Phrase index of actor names and sector nouns."""

    def __init__(
        self,
        names: dict[tuple[str, ...], ActorEntry],
        sectors: dict[tuple[str, ...], str],
        country_names: dict[str, str],
        acronyms: frozenset[tuple[str, ...]] = frozenset(),
        clashes: list[str] | None = None,
        generic: frozenset[tuple[str, ...]] = frozenset(),
    ) -> None:
        self.names = names
        self.clashes = clashes or []  # aliases two built-in entries both claim
        self.acronyms = acronyms
        self.sectors = sectors
        self.generic = generic  # role nouns that take the sector of a sector noun before them
        self.country_names = country_names
        # the longest name starting with a word and sector term ending with one: how far a
        # phrase's words need be tried
        self._name_from: dict[str, int] = {}
        for key in names:
            self._name_from[key[0]] = max(self._name_from.get(key[0], 0), len(key))
        self._sector_to: dict[str, int] = {}
        for key in sectors:
            self._sector_to[key[-1]] = max(self._sector_to.get(key[-1], 0), len(key))

    @classmethod
    def load(
        cls, tokenize: Tokenize, directory: Path | None = None, extra: Iterable[Path] = ()
    ) -> ActorDictionary:
        """The built-in dictionary (or the one in ``directory``), then the user's ``extra``
        files or folders, whose names override the built-in ones."""
        base = directory or Path(str(resources.files("whodid.resolve") / "data"))
        names: dict[tuple[str, ...], ActorEntry] = {}
        country_names: dict[str, str] = {}
        acronyms: set[tuple[str, ...]] = set()
        clashes: list[str] = []
        user_keys: set[tuple[str, ...]] = set()

        def add(phrase: str, entry: ActorEntry, where: str, override: bool = False) -> None:
            for variant in _variants(phrase):
                split = tuple(normalise(w) for w in tokenize(variant))
                for key in {split, _joined(split)}:
                    if key:
                        add_key(key, variant, entry, where, override)

        def add_key(key: tuple[str, ...], variant: str, entry: ActorEntry, where: str,
                    override: bool) -> None:  # fmt: skip
            known = names.get(key)
            same_level = not override or key in user_keys  # built-in vs built-in, user vs user
            if known is not None and same_level and known.name != entry.name and (
                known.kind in {"named", "label"} and entry.kind in {"named", "label"}
            ):
                clashes.append(f"{where}: alias '{variant}' of {entry.name} is already "
                               f"{known.name}'s ({known.source})")  # fmt: skip
            if known is None or override:
                names[key] = entry
            if override:
                user_keys.add(key)
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
            for entry in _named_entries(named, country_names):
                for phrase in (entry.name, *entry.aliases):
                    add(phrase, entry, entry.source)

        sectors: dict[tuple[str, ...], str] = {}
        generic: set[tuple[str, ...]] = set()

        def add_sectors(path: Path, override: bool) -> None:
            for line, row in _tsv(path, ["term", "sector"]):
                sector = row["sector"].strip()
                if sector not in SECTOR_NAMES:
                    raise DataFileError(str(path), f"line {line}", f"unknown sector {sector!r}")
                key = tuple(normalise(w) for w in tokenize(row["term"].strip()))
                if override or key not in sectors:
                    sectors[key] = sector
                    if (row.get("note") or "").startswith("generic"):
                        generic.add(key)

        add_sectors(base / "sectors.tsv", override=False)
        for path in _user_files(extra):  # the user's own entries win
            if path.suffix == ".tsv":
                add_sectors(path, override=True)
                continue
            for entry in _named_entries(path, country_names):
                for phrase in (entry.name, *entry.aliases):
                    add(phrase, entry, entry.source, override=True)
        return cls(names, sectors, country_names, frozenset(acronyms), clashes,
                   frozenset(generic))  # fmt: skip

    def entries(self) -> list[ActorEntry]:
        """Every distinct named entry, in no particular order."""
        seen: dict[tuple[str, str], ActorEntry] = {}
        for entry in self.names.values():
            if entry.kind in {"named", "label"}:
                seen.setdefault((entry.name, entry.source), entry)
        return list(seen.values())

    def lookup(self, words: tuple[str, ...], as_written: tuple[str, ...] = ()) -> ActorEntry | None:
        """The entry named by these normalised words; acronyms must be written in capitals."""
        if words in self.acronyms and as_written and not all(w.isupper() for w in as_written):
            return None
        return self.names.get(words)

    def sector(self, lemmas: tuple[str, ...]) -> str | None:
        return self.sectors.get(lemmas)

    def longest_name_from(self, word: str) -> int:
        """Words in the longest name that starts with ``word`` (normalised); 0 if none does."""
        return self._name_from.get(word, 0)

    def longest_sector_to(self, lemma: str) -> int:
        """Words in the longest sector term that ends with ``lemma``; 0 if none does."""
        return self._sector_to.get(lemma, 0)

    def search(self, text: str, tokenize: Tokenize) -> list[ActorEntry]:
        """Entries whose name or alias contains every word of ``text``."""
        wanted = [normalise(w) for w in tokenize(text)]
        seen: dict[str, ActorEntry] = {}
        for key, entry in self.names.items():
            if all(w in key for w in wanted):
                seen.setdefault(f"{entry.name}|{entry.code}", entry)
        return list(seen.values())


def _joined(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key with hyphenated words joined: ("al", "-", "arouri") -> ("al-arouri",), as the
    tokenizer leaves "Al‑Arouri" whole when written with a non-breaking hyphen."""
    out: list[str] = []
    for word in key:
        if out and (word == "-" or out[-1].endswith("-")):
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


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


def _user_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml", ".tsv"}))
        elif path.exists():
            out.append(path)
        else:
            raise DataFileError(str(path), "file", "no such dictionary file or folder")
    return out


def _named_entries(path: Path, countries: dict[str, str]) -> list[ActorEntry]:
    return [_named_entry(path, line, item, countries) for line, item in read_yaml_items(path)]


DAY_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def _day(value: Any, where: str, path: Path) -> date:
    """A role date: a YAML date, or "YYYY", "YYYY-MM", "YYYY-MM-DD" (the first day of it)."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    fmt = DAY_FORMATS.get(len(text))
    try:
        if fmt is None:
            raise ValueError
        return datetime.strptime(text, fmt).date()
    except ValueError:
        raise DataFileError(str(path), where, f"bad date {value!r}: use YYYY, YYYY-MM or "
                                             "YYYY-MM-DD") from None  # fmt: skip


def _roles(path: Path, where: str, raw: Any, country: str | None,
           countries: dict[str, str]) -> tuple[Role, ...]:  # fmt: skip
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DataFileError(str(path), where, "'roles' must be a list")
    roles = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise DataFileError(str(path), where, f"a role needs a 'title': {item!r}")
        sector = item.get("sector")
        if sector not in SECTOR_NAMES:
            raise DataFileError(str(path), where, f"role sector {sector!r} is not a sector")
        home = item.get("country", country)
        if home is not None and home not in countries:
            raise DataFileError(str(path), where, f"role country {home!r} is not a country")
        if "from" not in item:
            raise DataFileError(str(path), where, f"role {item['title']!r} has no 'from'")
        start = _day(item["from"], where, path)
        end = _day(item["to"], where, path) if item.get("to") is not None else None
        if end is not None and end < start:
            raise DataFileError(str(path), where, f"role {item['title']!r} ends before it starts")
        code = item.get("code")
        if code is not None and not (isinstance(code, str) and _CODE.match(code)):
            raise DataFileError(str(path), where, f"bad role code {code!r}")
        roles.append(Role(item["title"], home, sector, start, end, code))
    return tuple(roles)


def _named_entry(path: Path, line: int, item: Any, countries: dict[str, str]) -> ActorEntry:
    where = f"line {line}"
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DataFileError(str(path), where, "expected a mapping with a 'name'")
    name = item["name"].strip()
    where = f"line {line} ({name})"
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DataFileError(str(path), where, "'aliases' must be a list of strings")
    country = item.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", str(country)):
        raise DataFileError(str(path), where, f"bad country {country!r}")
    if country is not None and countries and country not in countries:
        raise DataFileError(str(path), where, f"unknown country {country!r}")
    sector = item.get("sector")
    if sector is not None and sector not in SECTOR_NAMES:
        raise DataFileError(str(path), where, f"unknown sector {sector!r}")
    code = item.get("code") or ((country or "---") + (sector or "") if country or sector else None)
    if code is not None and not (isinstance(code, str) and _CODE.match(code)):
        raise DataFileError(str(path), where, f"bad code {code!r}")
    kind = item.get("type", "person")
    group = kind != "person"
    roles = _roles(path, where, item.get("roles"), country, countries)
    return ActorEntry(name, "label" if kind == "label" else "named", country, sector, code,
                      group, roles,
                      tuple(a.strip() for a in aliases), f"{path}:{line}")  # fmt: skip


CODE_PREFIXES = {"---", "IGO", "NGO"}  # international and unknown-country actors


def check_dictionary(dictionary: ActorDictionary) -> tuple[list[str], list[str]]:
    """Problems and warnings of a loaded dictionary (loading already rejects malformed
    entries). Problems: aliases two entries claim, codes whose country part is no known
    country, the same office held twice at once. Warnings: different offices that
    half-overlap (real for a party leader who is also president, but worth a look: the
    later-starting one codes the person while both are held)."""
    problems = list(dictionary.clashes)
    warnings: list[str] = []
    known = set(dictionary.country_names) | CODE_PREFIXES
    for entry in sorted(dictionary.entries(), key=lambda e: e.source):
        if entry.code and entry.code[:3] not in known:
            problems.append(f"{entry.source}: code {entry.code} of {entry.name} has no known "
                            "country or IGO/NGO prefix")  # fmt: skip
        roles = sorted(entry.roles, key=lambda r: r.start)
        for i, first in enumerate(roles):
            for second in roles[i + 1 :]:
                first_end, second_end = first.end or date.max, second.end or date.max
                if second.start >= first_end:
                    continue
                where = f"{entry.source}: {entry.name}"
                if first.title == second.title:
                    problems.append(f"{where} holds '{first.title}' twice from {second.start}")
                elif first_end < second_end and (first.country, first.sector) != (
                    second.country, second.sector
                ):
                    warnings.append(f"{where}: '{first.title}' and '{second.title}' overlap "
                                    f"from {second.start} with different codes")  # fmt: skip
    return problems, warnings
