"""Korean news date/time parsing: 년/월/일, `.`/`-`/`/` separators, 오전/오후, 시/분, KST.

`parse_kst` returns the record's form: ISO 8601 with +09:00 when a time is shown,
`YYYY-MM-DD` when only a date is shown, None when nothing valid is found.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")

_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?:년|[.\-/])\s*(?P<m>\d{1,2})\s*(?:월|[.\-/])\s*(?P<d>\d{1,2})"
    r"\s*(?:일)?\.?"
)
# `(일)`, ` 일요일`
_WEEKDAY = r"(?:\s*\(\s*(?:[월화수목금토일](?:요일)?|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*\)|\s+[월화수목금토일]요일)?"
_TIME = (
    r"(?:\s*(?P<ampm>오전|오후|AM|PM|am|pm)?\s*(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{1,2})\s*(?:분)?"
    r"(?:\s*(?::|분)?\s*(?P<S>\d{1,2})\s*(?:초)?)?)?"
)
DATETIME_RE = re.compile(_DATE + _WEEKDAY + _TIME)


def parse_kst(text: str) -> str | None:
    """Find the first date (and time, if shown) in `text`; return it in the record's form."""
    for match in DATETIME_RE.finditer(text):
        value = _from_match(match)
        if value is not None:
            return value
    return None


def _from_match(match: re.Match) -> str | None:
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if match["H"] is None:
        return day.isoformat()
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        moment = datetime(y, m, d, hour, minute, second, tzinfo=KST)
    except ValueError:
        return day.isoformat()
    return moment.isoformat()


def to_datetime(value: str | None) -> datetime | None:
    """The record's string form back to a tz-aware datetime (None for date-only values)."""
    if value and "T" in value:
        return datetime.fromisoformat(value)
    return None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None
