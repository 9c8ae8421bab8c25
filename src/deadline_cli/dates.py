"""Parsing and printing dates the way Kazakh documents and scripts write them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from deadline_cli.errors import DeadlineError

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

# Kazakhstan has used a single time zone, UTC+5, since 1 March 2024.
KAZAKHSTAN_TZ = timezone(timedelta(hours=5))

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(text: str, what: str = "date") -> date:
    """Read ``YYYY-MM-DD`` or ``DD.MM.YYYY``; anything else is a DeadlineError naming ``what``."""
    raw = text.strip()
    if m := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DOTTED.fullmatch(raw):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise DeadlineError(f"{what} {text!r} is not a date: write YYYY-MM-DD or DD.MM.YYYY")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DeadlineError(f"{what} {text!r} is not a real date: {exc}") from None


def today_in_kazakhstan() -> date:
    return datetime.now(KAZAKHSTAN_TZ).date()


def weekday_name(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def show(d: date) -> str:
    """A date with its weekday, as every trace line prints it: ``Mon 2026-04-06``."""
    return f"{weekday_name(d)} {d.isoformat()}"
