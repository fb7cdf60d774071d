"""Calendar arithmetic: what day a :class:`DateExpr` means, given the story date.

Pure functions over ``datetime.date``. The conventions, chosen once and used everywhere:

- Day-level words without a year (a weekday, "March 3", "the 5th") name the most recent
  such day on or before the story date for events that already happened, and the next such
  day strictly after it for events still to come ("will meet on Tuesday" in a Tuesday story
  is next week's Tuesday: a reporter would have written "today").
- A month without a year is the most recent such month, the story's own month included, for
  past events, and the next one, the story's own month included, for future events.
- "last"/"next" ignore tense: "last Tuesday" is strictly before the story date, "next
  Tuesday" strictly after it; "last March" is strictly before the story's month.
- Precision ``week``: the date is the Monday that starts the (ISO) week: "last week" is the
  previous week's Monday, "three weeks ago" the Monday of the week 21 days back. A weekday
  picked at random from the week would look like a day and be wrong six times out of seven.
- Precision ``weekend``: the date is the weekend's Saturday.
- Precision ``month``: the 1st of the month; ``year``: 1 January.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from whodid.dates.expressions import DateExpr

#: Explicit years outside this range are not read as dates ("in 1200" is not news).
YEAR_RANGE = range(1000, 3000)


LATEST = "the latest such day on or before the story date"
NEXT = "the next such day after the story date"
BEFORE = "the last such day before the story date"


class Resolved(NamedTuple):
    date: date
    precision: str
    how: str


def resolve(expr: DateExpr, story: date | None, ahead: bool) -> Resolved | None:
    """The day ``expr`` means; ``ahead`` for events still to come. None when the words name
    no real day ("February 30", year 9999 + 1) or need a story date that is missing."""
    try:
        return _resolve(expr, story, ahead)
    except (ValueError, OverflowError):  # an impossible date: the caller falls back
        return None


def _resolve(expr: DateExpr, story: date | None, ahead: bool) -> Resolved | None:
    if not expr.relative:
        return _explicit(expr)
    if story is None:
        return None
    match expr.kind:
        case "days":
            day = story + timedelta(days=expr.number or 0)
            return Resolved(day, "day", "counted from the story date")
        case "weekday":
            return _weekday(expr.weekday or 0, expr.rel, story, ahead)
        case "month_day":
            return _month_day(expr.month or 1, expr.day or 1, story, ahead)
        case "day_of_month":
            return _day_of_month(expr.day or 1, story, ahead)
        case "month":
            return _month(expr.month or 1, expr.rel, story, ahead)
        case "ago":
            return _ago(expr.number or 0, expr.unit or "day", story)
        case "period":
            return _period(expr.unit or "week", expr.rel or "this", story)
        case "weekend":
            return _weekend(expr.rel, story, ahead)
    raise AssertionError(f"unhandled date kind {expr.kind!r}")


def _year(value: int | None) -> int:
    if value is None or value not in YEAR_RANGE:
        raise ValueError(f"year {value} out of range")
    return value


def _explicit(expr: DateExpr) -> Resolved:
    year = _year(expr.year)
    if expr.kind == "date":
        return Resolved(date(year, expr.month or 0, expr.day or 0), "day", "written out")
    if expr.kind == "month":
        return Resolved(date(year, expr.month or 0, 1), "month", "written out")
    return Resolved(date(year, 1, 1), "year", "written out")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + k
    return total // 12, total % 12 + 1


def _weekday(weekday: int, rel: str | None, story: date, ahead: bool) -> Resolved:
    gap = story.weekday() - weekday
    if rel == "next" or (rel != "last" and ahead):
        return Resolved(story + timedelta(days=(-gap - 1) % 7 + 1), "day", NEXT)
    if rel == "last":
        return Resolved(story - timedelta(days=(gap - 1) % 7 + 1), "day", BEFORE)
    return Resolved(story - timedelta(days=gap % 7), "day", LATEST)


def _month_day(month: int, day: int, story: date, ahead: bool) -> Resolved | None:
    """The nearest valid ``month``/``day`` in the right direction (Feb 29: up to 8 years)."""
    step = 1 if ahead else -1
    for k in range(9):
        try:
            found = date(story.year + step * k, month, day)
        except ValueError:
            continue
        if (found > story) if ahead else (found <= story):
            return Resolved(found, "day", NEXT if ahead else LATEST)
    return None


def _day_of_month(day: int, story: date, ahead: bool) -> Resolved | None:
    step = 1 if ahead else -1
    for k in range(13):
        year, month = _add_months(story.year, story.month, step * k)
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if (found > story) if ahead else (found <= story):
            return Resolved(found, "day", NEXT if ahead else LATEST)
    return None


def _month(month: int, rel: str | None, story: date, ahead: bool) -> Resolved:
    if rel == "this":
        year = story.year
    elif rel == "last":
        year = story.year if month < story.month else story.year - 1
    elif rel == "next" or ahead:
        later = month > story.month or (rel != "next" and month == story.month)
        year = story.year if later else story.year + 1
    else:
        year = story.year if month <= story.month else story.year - 1
    when = {-1: "the year before the story", 0: "the story's year", 1: "the year after"}
    return Resolved(date(year, month, 1), "month", f"in {when[year - story.year]}")


def _ago(number: int, unit: str, story: date) -> Resolved:
    if unit == "day":
        return Resolved(story - timedelta(days=number), "day", "counted back from the story date")
    if unit == "week":
        monday = _monday(story - timedelta(weeks=number))
        return Resolved(monday, "week", "Monday of the week counted back")
    if unit == "month":
        year, month = _add_months(story.year, story.month, -number)
        return Resolved(date(year, month, 1), "month", "month counted back")
    return Resolved(date(story.year - number, 1, 1), "year", "year counted back")


_SHIFT = {"last": -1, "this": 0, "next": 1}


def _period(unit: str, rel: str, story: date) -> Resolved:
    shift = _SHIFT[rel]
    if unit == "week":
        return Resolved(_monday(story) + timedelta(weeks=shift), "week", f"Monday of {rel} week")
    if unit == "month":
        year, month = _add_months(story.year, story.month, shift)
        return Resolved(date(year, month, 1), "month", f"{rel} month")
    return Resolved(date(story.year + shift, 1, 1), "year", f"{rel} year")


def _weekend(rel: str | None, story: date, ahead: bool) -> Resolved:
    """Saturday of this week's weekend ("this/the weekend" to come, or just past when told
    on Saturday or Sunday), of the one before ("last weekend"; "this/the weekend" past,
    told on a weekday) or of the one after ("next weekend")."""
    saturday = _monday(story) + timedelta(days=5)
    if rel == "next":
        saturday += timedelta(weeks=1)
    elif rel == "last" or (not ahead and story.weekday() < 5):
        saturday -= timedelta(weeks=1)
    return Resolved(saturday, "weekend", f"Saturday of {rel or 'the'} weekend")
