"""Parsing and printing dates the way Kazakh documents, Excel and scripts write them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import msg

# A date, optionally followed by a midnight time as Excel writes a date cell ("00:00:00").
_MIDNIGHT = r"(?:[ T]0{1,2}:00(?::00)?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _MIDNIGHT)

# Kazakhstan has used a single time zone, UTC+5, since 1 March 2024.
KAZAKHSTAN_TZ = timezone(timedelta(hours=5))

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(text: str, what: object = "date") -> date:
    """Read ``YYYY-MM-DD`` or ``DD.MM.YYYY``; anything else is a DeadlineError naming ``what``."""
    raw = text.strip()
    m = None
    if len(raw) <= 32 and raw.isascii():
        m = _ISO.fullmatch(raw)
        if m:
            year, month, day = (int(g) for g in m.groups())
        elif m := _DOTTED.fullmatch(raw):
            day, month, year = (int(g) for g in m.groups())
    if not m:
        raise DeadlineError(msg("error_not_a_date", what=what, value=shown(text)))
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(msg("error_not_a_real_date", what=what, value=shown(text))) from None


def today_in_kazakhstan() -> date:
    return datetime.now(KAZAKHSTAN_TZ).date()


def weekday_name(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def show(d: date) -> str:
    """A date with its weekday, as English traces print it: ``Mon 2026-04-06``."""
    return f"{weekday_name(d)} {d.isoformat()}"
