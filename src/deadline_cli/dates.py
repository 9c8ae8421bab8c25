"""Parsing and printing dates the way Kazakh documents, Excel and scripts write them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import msg

# The midnight time Excel writes after a date cell's date ("2026-02-05 00:00:00"), after a
# space or a "T".
_MIDNIGHT = frozenset(("0:00", "00:00", "0:00:00", "00:00:00"))

# Kazakhstan has used a single time zone, UTC+5, since 1 March 2024.
KAZAKHSTAN_TZ = timezone(timedelta(hours=5))

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(text: str, what: object = "date") -> date:
    """Read ``YYYY-MM-DD`` or ``DD.MM.YYYY``, or one date as a Russian or Kazakh document
    writes it (deadline_cli.written: the day, the month's name, the year, the year's word);
    anything else is a DeadlineError naming ``what``."""
    raw = text.strip()
    fields = _fields(raw)
    if fields is None and not raw.isascii():
        from deadline_cli.written import written_date

        fields = written_date(raw)
    if fields is None:
        raise DeadlineError(msg("error_not_a_date", what=what, value=shown(text)))
    try:
        return date(*fields)
    except ValueError:
        raise DeadlineError(msg("error_not_a_real_date", what=what, value=shown(text))) from None


def _fields(raw: str) -> tuple[int, int, int] | None:
    """(year, month, day) of ``YYYY-M-D`` or ``D.M.YYYY`` (month and day of one or two
    digits, ASCII only), with or without a midnight time; None for anything else. Plain
    string methods: ``re``, which nothing else on the start-up path needs, cost ~4 ms of it."""
    if len(raw) > 32 or not raw.isascii():
        return None
    for separator in " T":
        if separator in raw:
            raw, _, time = raw.partition(separator)
            if time not in _MIDNIGHT:
                return None
            break
    for separator, year_at in (("-", 0), (".", 2)):
        parts = raw.split(separator)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            year, month, day = parts[year_at], parts[1], parts[2 - year_at]
            if len(year) == 4 and len(month) <= 2 and len(day) <= 2:
                return int(year), int(month), int(day)
    return None


def today_in_kazakhstan() -> date:
    return datetime.now(KAZAKHSTAN_TZ).date()


def weekday_name(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def show(d: date) -> str:
    """A date with its weekday, as English traces print it: ``Mon 2026-04-06``."""
    return f"{weekday_name(d)} {d.isoformat()}"
