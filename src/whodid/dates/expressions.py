"""Date words in a sentence, read from its text alone (no parse, no story date).

One regular expression reads every date expression the resolver understands (tried only
where a cheaper one finds a word that can start one); each hit becomes a :class:`DateExpr`,
a typed description of what the words say ("a weekday, Tuesday, marked 'last'"). Working on
the text rather than on tokens keeps the patterns readable and copes with the ways the
tokenizer splits "2024-03-03" or "mid-March". Which expression belongs to which event is
decided later, from the parse (``resolve.py``); what calendar day an expression means is
decided in ``calendar.py``.

Months must be capitalised ("March", "MARCH") so the verb "march" and the modal "may" are
not months; everything else ignores case ("TUESDAY", "Yesterday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
MONTH_NUMBER = {name: n for n, names in enumerate(MONTHS, 1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
#: Words for a day counted from the story date ("last night" is the evening before a story).
DAY_WORDS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "last evening": -1,
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "tomorrow": 1, "the day after tomorrow": 2,
}  # fmt: skip
#: A date after these words bounds a span of time ("since March", "by Friday"); it is not
#: the day the event happened, so it is not used.
BOUNDING_PREPS = {"since", "until", "till", "by", "before", "after", "from", "through", "between"}
#: A bare month ("March") or year ("2019") is a date only after these words (or when spaCy's
#: NER calls it a DATE): "in May" is a month, "they may attack" is not.
TIME_PREPS = {"in", "during", "throughout", "of", "around"}

# Unicode dashes and spaces become their ASCII forms; one character for one keeps offsets.
_NORMALIZE = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
    | dict.fromkeys("\u00a0\u2007\u2009\u202f", " ")
)


def _month_names() -> str:
    """Full names, then abbreviations with an optional dot, each as "March" or "MARCH"."""
    full = [n for names in MONTHS for n in names[:1]]
    short = [n for names in MONTHS for n in names[1:]]
    cased = [v for n in full for v in (n.title(), n.upper())]
    cased += [v + r"\.?" for n in short for v in (n.title(), n.upper())]
    return "|".join(sorted(cased, key=len, reverse=True))


_MONTH = _month_names()
_WD = "(?i:" + "|".join(WEEKDAYS) + ")"
_REL = "(?i:last|next|this)"
_MOD = "(?i:early|late|mid)"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_S = r"\s+"
# Not part of a longer number or of a slashed date ("3/3/2024" is ambiguous and skipped).
_NO_NUMBER_BEFORE = r"(?<![0-9])(?<![0-9][/.\-])"
# "the last week of talks" is not last week.
_NOT_THE = r"(?<![Tt]he )(?<!THE )"


def _month(p: str) -> str:
    return rf"(?P<{p}_mon>{_MONTH})(?![A-Za-z])"


def _day(p: str, ordinal: bool = False) -> str:
    suffix = "(?i:st|nd|rd|th)" + ("" if ordinal else "?")
    return rf"{_NO_NUMBER_BEFORE}(?P<{p}_day>[0-9]{{1,2}}){suffix}(?![0-9A-Za-z]|/[0-9])"


def _year(p: str) -> str:
    return rf"{_NO_NUMBER_BEFORE}(?P<{p}_year>[0-9]{{4}})(?![0-9]|[/\-.][0-9])"


_DAY_WORDS = "|".join(w.replace(" ", _S) for w in sorted(DAY_WORDS, key=len, reverse=True))
_AGO_N = "(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + "|[0-9]{1,3})"
PREPOSITIONS = BOUNDING_PREPS | TIME_PREPS | {"on", "at", "over"}

_PATTERN = re.compile(
    r"\b(?:"
    rf"(?P<iso>(?P<iso_year>[0-9]{{4}})(?P<sep>[-/.])(?P<iso_mon>[0-9]{{1,2}})(?P=sep)"
    rf"(?P<iso_day>[0-9]{{1,2}})(?![0-9]))"
    rf"|(?P<mdy>(?:{_WD},?{_S})?{_month('mdy')}{_S}{_day('mdy')}(?:,?{_S}{_year('mdy')})?)"
    rf"|(?P<dmy>(?:{_WD},?{_S})?(?:(?i:the){_S})?{_day('dmy')}(?:{_S}(?i:of))?{_S}"
    rf"{_month('dmy')}(?:,?{_S}{_year('dmy')})?)"
    rf"|(?P<mon>(?:(?P<mon_mod>{_MOD})[\s-]+)?(?:(?P<mon_rel>{_REL}){_S})?{_month('mon')}"
    rf"(?:,?{_S}{_year('mon')})?)"
    rf"|(?P<ago>(?P<ago_n>{_AGO_N}){_S}(?P<ago_unit>(?i:day|week|month|year))(?i:s)?{_S}"
    r"(?i:ago)\b)"
    rf"|(?P<word>(?:{_MOD}{_S})?{_NOT_THE}(?P<word_w>(?i:{_DAY_WORDS})){_PART}(?![A-Za-z]))"
    rf"|(?P<wd>(?:{_MOD}{_S}(?:(?i:on){_S})?)?(?:(?P<wd_rel>{_REL}){_S})?(?P<wd_wd>{_WD})"
    rf"{_PART}(?![A-Za-z]))"
    rf"|(?P<period>(?:(?i:earlier|later){_S})?{_NOT_THE}(?P<period_rel>{_REL})"
    rf"{_S}(?P<period_unit>(?i:week|month|year))(?![A-Za-z]))"
    rf"|(?P<weekend>(?P<weekend_rel>(?i:the|this|last|next)){_S}(?i:weekend)(?![A-Za-z]))"
    rf"|(?P<year>(?:(?P<year_mod>{_MOD})[\s-]+)?{_year('year')})"
    rf"|(?P<dom>(?i:the){_S}{_day('dom', ordinal=True)})"
    r")"
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """What one date expression says, before any story date is known.

    ``kind`` is one of:
      ``date``     year, month and day written out ("3 March 2024", "2024-03-03")
      ``month_day``  month and day, no year ("March 3"); the year comes from the story date
      ``month``    a month, perhaps with a year ("March 2023") or ``rel`` ("last March")
      ``year``     a year ("in 2019", "mid-2019")
      ``day_of_month``  "on the 5th"
      ``weekday``  "Tuesday", "last Tuesday", "late on Friday"
      ``days``     a count of days from the story date (``number``): "yesterday" is -1
      ``ago``      ``number`` ``unit``s before the story date ("two weeks ago")
      ``period``   ``rel`` + ``unit``: "last week", "earlier this month", "next year"
      ``weekend``  "over the weekend" (``rel`` None), "last weekend"
    ``start``/``end`` are character offsets in the sentence text; ``bare`` marks a lone month
    or year with no preposition to say it is a date; ``prep`` is the word before it, if any.
    """

    kind: str
    start: int
    end: int
    text: str
    prep: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    number: int | None = None
    unit: str | None = None
    rel: str | None = None
    bare: bool = False

    @property
    def relative(self) -> bool:
        """Needs the story date to mean a calendar day ("Tuesday"; not "3 March 2024")."""
        return self.kind not in {"date", "year"} and not (self.kind == "month" and self.year)

    @property
    def precision(self) -> str:
        """How fine the words are ("March" names a month), known before any resolving."""
        if self.kind in {"ago", "period"}:
            return self.unit or "day"
        if self.kind in {"weekend", "month", "year"}:
            return self.kind
        return "day"

    @property
    def bounding(self) -> bool:
        """Marks a limit ("since March", "by Friday"), not when the event happened."""
        return self.prep in BOUNDING_PREPS


#: Where an expression can start: a digit, a month, a weekday, a relative word, or "the"/a
#: number before a unit ("the weekend", "two days ago", "the 5th"). The big pattern is tried
#: only there, not at every character as its ``finditer`` would: many times faster.
_STARTERS = (
    set(MONTH_NUMBER) | set(WEEKDAYS) | {w.split()[0] for w in DAY_WORDS} - {"the"}
    | {"early", "late", "mid", "earlier", "later", "last", "next", "this"}
)  # fmt: skip
_START = re.compile(
    r"(?<![a-z0-9])(?:[0-9]"
    rf"|(?:{'|'.join(sorted(_STARTERS, key=len, reverse=True))})(?![a-z])"
    r"|the\s+(?:weekend|day|[0-9])"
    rf"|(?:{_AGO_N})\s+(?:day|week|month|year)"
    r")"
)
_PREPOSITION_BEFORE = re.compile(rf"(?<![a-z])({'|'.join(sorted(PREPOSITIONS))})\s+\Z")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def find_expressions(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, left to right, longest reading first."""
    if text.isascii():  # the common case, and ``str.translate`` is slow
        normal, lowered = text, text.lower()
    else:
        normal = text.translate(_NORMALIZE)
        lowered = normal.translate(_LOWER)  # ASCII letters only: ``str.lower`` may add chars
    found: list[DateExpr] = []
    end = 0
    for start in _START.finditer(lowered):
        at = start.start()
        if at < end:
            continue
        match = _PATTERN.match(normal, at)
        if match is not None:
            before = _PREPOSITION_BEFORE.search(lowered, max(0, at - 16), at)
            found.append(_read(match, text, before[1] if before else None))
            end = match.end()
    return found


def _int(match: re.Match[str], group: str) -> int | None:
    value = match.group(group)
    return int(value) if value else None


def _month_number(word: str) -> int:
    return MONTH_NUMBER[word.lower().rstrip(".")]


def _read(m: re.Match[str], text: str, prep: str | None) -> DateExpr:
    kind = m.lastgroup  # the outermost group of the alternative that matched
    start, end = m.span(kind or 0)
    at = (start, end, text[start:end], prep)
    if kind == "iso":
        return DateExpr("date", *at, year=_int(m, "iso_year"), month=_int(m, "iso_mon"),
                        day=_int(m, "iso_day"))  # fmt: skip
    if kind in {"mdy", "dmy"}:
        year = _int(m, f"{kind}_year")
        month, day = _month_number(m[f"{kind}_mon"]), _int(m, f"{kind}_day")
        return DateExpr("date" if year else "month_day", *at, year=year, month=month, day=day)
    if kind == "mon":
        year, rel = _int(m, "mon_year"), _lower(m["mon_rel"])
        bare = not (year or rel or m["mon_mod"] or prep in TIME_PREPS)
        return DateExpr("month", *at, year=year, month=_month_number(m["mon_mon"]), rel=rel,
                        bare=bare)  # fmt: skip
    if kind == "year":
        bare = not (m["year_mod"] or prep in TIME_PREPS)
        return DateExpr("year", *at, year=_int(m, "year_year"), bare=bare)
    if kind == "dom":
        return DateExpr("day_of_month", *at, day=_int(m, "dom_day"), bare=prep != "on")
    if kind == "wd":
        return DateExpr("weekday", *at, weekday=WEEKDAYS.index(m["wd_wd"].lower()),
                        rel=_lower(m["wd_rel"]))  # fmt: skip
    if kind == "word":
        return DateExpr("days", *at, number=DAY_WORDS[" ".join(m["word_w"].lower().split())])
    if kind == "ago":
        n = m["ago_n"].lower()
        number = NUMBER_WORDS[n] if n in NUMBER_WORDS else int(n)
        return DateExpr("ago", *at, number=number, unit=m["ago_unit"].lower())
    if kind == "period":
        return DateExpr("period", *at, rel=_lower(m["period_rel"]),
                        unit=m["period_unit"].lower())  # fmt: skip
    if kind == "weekend":
        rel = m["weekend_rel"].lower()
        return DateExpr("weekend", *at, rel=None if rel == "the" else rel)
    raise AssertionError(f"unhandled date pattern {kind!r}")


def _lower(word: str | None) -> str | None:
    return word.lower() if word else None
