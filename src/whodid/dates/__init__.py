"""Event dates: the date words tied to an event's trigger, resolved against the story date.

    from whodid.dates import event_date
    event_date(sent, anchor, story_date=date(2024, 3, 5))
    # EventDate(date='2024-03-05', basis='stated', span=TextSpan('Tuesday', ...), ...)
"""

from whodid.dates.expressions import DateExpr, find_expressions
from whodid.dates.resolve import (
    PRECISIONS,
    DateWords,
    EventDate,
    event_date,
    parse_story_date,
    sentence_dates,
)

__all__ = [
    "PRECISIONS",
    "DateExpr",
    "DateWords",
    "EventDate",
    "event_date",
    "sentence_dates",
    "find_expressions",
    "parse_story_date",
]
