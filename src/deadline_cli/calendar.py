"""The Kazakh working-day calendar.

Built on the ``holidays`` package, which models the Labour Code (arts. 84-85) and the Holidays
Law (art. 5): a five-day week, public holidays, holidays on a weekend moved to the next working
day, and days off moved by Government decree or Ministry of Labour order (a weekday off, a
weekend day made working). Working status always comes from ``is_working_day()``, which
consults ``weekend_workdays``: ``date in holidays`` alone would miss a working Sunday.

Each year is turned once into a table (working flag and running count of working days per day
of the year), so that rolling forward and counting working days never walk the calendar one
date at a time for the same year twice.
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_left
from datetime import date, timedelta
from functools import cache

from deadline_cli.dates import show
from deadline_cli.errors import DeadlineError
from deadline_cli.i18n import Holiday, msg
from deadline_cli.record import Record, field

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Final, Literal

    DayOffKindName = Literal["holiday", "holiday_moved", "day_off_by_order", "override"]

# The years the calendar answers for. The holidays package starts at 1991, the year of
# independence; a full year of Kazakh law starts with 1992.
MIN_YEAR = 1992
MAX_YEAR = 2100

# The last year whose orders moving days off were checked against the Ministry of Labour's
# published statements; later years are provisional (orders are often published late).
LAST_CONFIRMED_YEAR = 2026
LAST_CHECKED = date(2026, 11, 24)

_Day = date  # for fields next to a field named ``date``

# Lunar holidays whose date the holidays package estimates but which were announced since
# (shared/domain/statutes-2026.md, "Calendar facts checked"): no longer estimated.
CONFIRMED_LUNAR = {
    date(
        2026, 5, 27
    ): "Kurban Ait 2026: Spiritual Administration of Muslims calendar; egov 2026 calendar",
}


class DayOffKind:
    """Why a day is off: plain strings, not an enum (the enum module, which the start-up path
    does not otherwise need, cost ~3 ms of a start)."""

    HOLIDAY: Final = "holiday"  # a public holiday on its own date (also on a weekend)
    HOLIDAY_MOVED: Final = "holiday_moved"  # the weekday off for a holiday on a weekend
    DAY_OFF_BY_ORDER: Final = "day_off_by_order"  # a weekday made a day off by decree or order
    OVERRIDE: Final = "override"  # a day off added by the user's calendar file
    ALL: Final = (HOLIDAY, HOLIDAY_MOVED, DAY_OFF_BY_ORDER, OVERRIDE)


# The kinds a day off of the holidays package can be, by name.
_KINDS: dict[str, DayOffKindName] = {k: k for k in DayOffKind.ALL if k != DayOffKind.OVERRIDE}


class DayOff(Record):
    date: date
    name: str
    kind: DayOffKindName
    estimated: bool = False
    source: str = ""
    name_kk: str = ""  # the holidays package's Kazakh name, when the day comes from it
    moved_from: _Day | None = None  # for a day off moved by order: the weekend day it left


class WorkingWeekendDay(Record):
    date: date
    name: str
    source: str = ""
    moved_to: _Day | None = None  # the weekday that became the day off
    override: bool = False  # from the user's calendar file


class CalendarOverrides(Record):
    """Corrections a firm keeps for its own calendar; they win over the built-in data."""

    days_off: tuple[DayOff, ...] = ()
    working_days: tuple[WorkingWeekendDay, ...] = ()


class _Year(Record, frozen=False):
    start: date
    working: bytearray  # 1 when the day is a working day, by day of the year
    running: list[int]  # working days from 1 January up to and including that day
    days_off: dict[date, DayOff] = field(default_factory=dict)
    working_weekend: dict[date, WorkingWeekendDay] = field(default_factory=dict)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError(
            msg("error_calendar_range", first=str(MIN_YEAR), last=str(MAX_YEAR), year=str(year))
        )


def _kazakh_holidays(year: int, **kwargs: Any) -> Any:
    from holidays.countries.kazakhstan import Kazakhstan

    return Kazakhstan(years=year, **kwargs)


_BY_ORDER_SOURCE = "Government decree / Ministry of Labour order moving days off"
_SOURCES = {
    DayOffKind.HOLIDAY: "Holidays Law art. 5",
    DayOffKind.HOLIDAY_MOVED: (
        "holiday on a weekend moved to the next working day (Labour Code arts. 84-85)"
    ),
    DayOffKind.DAY_OFF_BY_ORDER: _BY_ORDER_SOURCE,
}

# One year as the holidays package gives it: days off as (ISO date, kind, estimated, English
# name, Kazakh name, ISO date the day off was moved from or ""), and weekend days made working
# as (ISO date, ISO date of the day off it was moved to or "").
_OffRow = tuple[str, str, bool, str, str, str]
_WorkRow = tuple[str, str]
_BaseYear = tuple[list[_OffRow], list[_WorkRow]]


def live_base_year(year: int) -> _BaseYear:
    """Read one year from the installed holidays package (slow: it imports every country)."""
    full = _kazakh_holidays(year, language="en_US")
    kazakh = _kazakh_holidays(year, language="kk")
    # The same year without observed days and without the "(estimated)" suffix: a date absent
    # here is a holiday moved off a weekend; a name that differs marks an estimated date.
    plain = _kazakh_holidays(year, language="en_US", observed=False, islamic_show_estimated=False)

    by_order: dict[date, date] = {}
    specials = full.special_public_holidays.get(year, ())
    if specials and isinstance(specials[0], int):
        specials = (specials,)
    for entry in specials:
        if len(entry) in (4, 5):  # (month, day, from_month, from_day[, from_year])
            from_year = entry[4] if len(entry) == 5 else year
            by_order[date(year, entry[0], entry[1])] = date(from_year, entry[2], entry[3])

    off: list[_OffRow] = []
    for day, name in sorted(full.items()):
        if day.year != year:
            continue
        if day in by_order:
            kind = DayOffKind.DAY_OFF_BY_ORDER
        elif day not in plain:
            kind = DayOffKind.HOLIDAY_MOVED
        else:
            kind = DayOffKind.HOLIDAY
        moved_from = by_order[day].isoformat() if day in by_order else ""
        estimated = name != plain.get(day, name)
        off.append((day.isoformat(), kind, estimated, name, kazakh[day], moved_from))
    work: list[_WorkRow] = []
    for day in sorted(full.weekend_workdays):
        if day.year == year:
            moved_to = [d for d, src in by_order.items() if src == day]
            work.append((day.isoformat(), moved_to[0].isoformat() if moved_to else ""))
    return off, work


# The per-year data of the installed holidays package, precomputed into a file shipped with
# deadline-cli (regenerate with `python -m deadline_cli.calendar`), so that a command does not
# import the holidays package (which loads every country, ~0.14 s) on each start. The file is
# used only when the installed holidays version is the one it was made from; otherwise the
# calendar reads the package itself. Tab-separated text, a day a line, in order of the years;
# a command reads only the lines of the years it counts in (reading all 2,000 took ~4 ms),
# with string methods: no ``json`` (which imports ``re``: ~4 ms of a start), and nothing to
# compile (as a Python module without its bytecode, it compiled in ~50 ms).
DATA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calendar_data.tsv")
_OFF_FIELDS = 8  # year, "off", ISO date, kind, estimated (1 or 0), name, Kazakh name, moved from
_WORK_FIELDS = 4  # year, "work", ISO date, the day off it was moved to


def installed_holidays_version() -> str | None:
    """The installed holidays version, read from its dist-info without importing it: the
    first folder of the import path that holds the package, as the import would find it
    (without importlib.util, which with contextlib cost ~2 ms of a start)."""
    for folder in sys.path:
        if not os.path.isfile(os.path.join(folder or ".", "holidays", "__init__.py")):
            continue
        try:
            names = os.listdir(folder or ".")
        except OSError:
            return None
        for name in names:
            if name.startswith("holidays-") and name.endswith(".dist-info"):
                return name[len("holidays-") : -len(".dist-info")]
        return None
    return None


@cache
def _shipped_data() -> bytes | None:
    """The shipped file, when it was made from the installed holidays version."""
    try:
        with open(DATA_FILE, "rb") as f:
            data = f.read()
        _, header, _ = data.split(b"\n", 2)
    except (OSError, ValueError):
        return None
    if header.decode("utf-8", "replace") != f"holidays_version\t{installed_holidays_version()}":
        return None
    return data


def shipped_year(year: int) -> _BaseYear | None:
    """One year of the shipped data: (days off, weekend days made working), or None when the
    file does not hold it as write_data_file writes it."""
    data = _shipped_data()
    if data is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    start = data.find(b"\n%d\t" % year)
    if start < 0:
        return None
    end = data.find(b"\n%d\t" % (year + 1), start)
    off: list[_OffRow] = []
    work: list[_WorkRow] = []
    try:
        for line in data[start + 1 : end if end > 0 else None].decode("utf-8").splitlines():
            fields = line.split("\t")
            if fields[0] != str(year):
                return None
            if fields[1] == "off" and len(fields) == _OFF_FIELDS and fields[3] in _KINDS:
                day, kind, estimated, name, name_kk, moved_from = fields[2:]
                off.append((day, kind, estimated == "1", name, name_kk, moved_from))
            elif fields[1] == "work" and len(fields) == _WORK_FIELDS:
                work.append((fields[2], fields[3]))
            else:
                return None
    except (UnicodeDecodeError, IndexError):
        return None
    return off, work


def base_year(year: int) -> _BaseYear:
    shipped = shipped_year(year)
    return shipped if shipped is not None else live_base_year(year)


def _build_year(year: int, overrides: CalendarOverrides) -> _Year:
    _check_year(year)
    off_rows, work_rows = base_year(year)
    start = date(year, 1, 1)
    length = (date(year + 1, 1, 1) - start).days
    first_weekday = start.weekday()
    working = bytearray(1 if (first_weekday + i) % 7 < 5 else 0 for i in range(length))

    days_off: dict[date, DayOff] = {}
    for iso, kind_name, package_estimated, package_name, name_kk, moved_from in off_rows:
        day = date.fromisoformat(iso)
        kind = _KINDS[kind_name]
        source_day = date.fromisoformat(moved_from) if moved_from else None
        name = package_name
        if source_day is not None:
            name = f"Day off moved by order from {show(source_day)}"
        source = _SOURCES[kind]
        estimated = package_estimated
        if estimated and day in CONFIRMED_LUNAR:
            estimated, source = False, CONFIRMED_LUNAR[day]
            name = name.replace(" (estimated)", "")
        days_off[day] = DayOff(
            day, name, kind, estimated, source, name_kk=name_kk, moved_from=source_day
        )
        working[(day - start).days] = 0
    working_weekend: dict[date, WorkingWeekendDay] = {}
    for iso, moved_to in work_rows:
        day = date.fromisoformat(iso)
        target_day = date.fromisoformat(moved_to) if moved_to else None
        target = f" (the day off moved to {show(target_day)})" if target_day else ""
        working_weekend[day] = WorkingWeekendDay(
            day, f"Working day by order{target}", _BY_ORDER_SOURCE, moved_to=target_day
        )
        # The holidays package: a weekend day works only when listed; a weekday only when it
        # is not a day off.
        if day.weekday() >= 5:
            working[(day - start).days] = 1

    for extra in overrides.days_off:
        if extra.date.year == year:
            days_off[extra.date] = extra
            working[(extra.date - start).days] = 0
    for extra_work in overrides.working_days:
        if extra_work.date.year == year:
            days_off.pop(extra_work.date, None)
            working_weekend[extra_work.date] = extra_work
            working[(extra_work.date - start).days] = 1

    running: list[int] = []
    count = 0
    for flag in working:
        count += flag
        running.append(count)
    return _Year(start, working, running, days_off, working_weekend)


def write_data_file(path: str = DATA_FILE) -> None:
    """Regenerate the shipped calendar data from the installed holidays package."""
    version = installed_holidays_version()
    if version is None:
        raise SystemExit("the holidays package is not installed")
    lines = [
        "# Made from the holidays package by `python -m deadline_cli.calendar`: do not edit.",
        f"holidays_version\t{version}",
    ]
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        off, work = live_base_year(year)
        for day, kind, estimated, name, name_kk, moved_from in off:
            fields = [day, kind, "1" if estimated else "0", name, name_kk, moved_from]
            lines.append("\t".join([str(year), "off", *fields]))
        lines.extend("\t".join([str(year), "work", *row]) for row in work)
    for line in lines[1:]:
        if "\r" in line or len(line.split("\t")) not in (2, _WORK_FIELDS, _OFF_FIELDS):
            raise SystemExit(f"a holiday name with a tab or a line break: {line!r}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def calendar_texts() -> set[str]:
    """The calendar's own English texts that people read (translated in the locale files)."""
    return {*_SOURCES.values(), _BY_ORDER_SOURCE, *CONFIRMED_LUNAR.values()}


def off_name(off: DayOff) -> Any:
    """A day off's name, ready for any language: a message, a holiday, or the user's text."""
    if off.kind == DayOffKind.OVERRIDE:
        return off.name
    if off.moved_from is not None:
        return msg("day_off_by_order", date=off.moved_from)
    return Holiday(off.name, off.name_kk)


def off_reason(off: DayOff) -> Any:
    """Why a day is off, for a trace: as ``off_name``, and an override names its source."""
    if off.kind == DayOffKind.OVERRIDE:
        return msg("reason_override", name=off.name, source=off.source)
    return off_name(off)


def working_name(day: WorkingWeekendDay) -> Any:
    if day.override:
        return day.name
    if day.moved_to is not None:
        return msg("working_day_by_order", date=day.moved_to)
    return msg("working_day_by_order_plain")


class KazakhCalendar:
    """Working days in Kazakhstan for 1992-2100, with an explanation for every day off."""

    def __init__(
        self, overrides: CalendarOverrides | None = None, origin: Path | None = None
    ) -> None:
        self._overrides = overrides or CalendarOverrides()
        self.origin = origin  # the overrides file, if any
        self._years: dict[int, _Year] = {}
        self._estimates: dict[int, tuple[DayOff, ...]] = {}

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = _build_year(year, self._overrides)
        return table

    def check_date(self, day: date) -> None:
        """Refuse a date outside the years the calendar knows."""
        _check_year(day.year)

    def is_working_day(self, day: date) -> bool:
        table = self._year(day.year)
        return table.working[(day - table.start).days] == 1

    def why_not_working(self, day: date) -> Any:
        """The reason a day is off, for the trace: the holiday, or the weekday (a message)."""
        table = self._year(day.year)
        off = table.days_off.get(day)
        if off is not None:
            return off_reason(off)
        if day.weekday() >= 5:
            return msg("saturday" if day.weekday() == 5 else "sunday")
        return msg("day_off")

    def working_weekend_day(self, day: date) -> WorkingWeekendDay | None:
        return self._year(day.year).working_weekend.get(day)

    def day_off(self, day: date) -> DayOff | None:
        return self._year(day.year).days_off.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself is never counted)."""
        if count < 0:
            raise DeadlineError(msg("error_negative_working_days"))
        if count == 0:
            return day
        table = self._year(day.year)
        done = table.running[(day - table.start).days]
        target = done + count
        while target > table.running[-1]:
            target -= table.running[-1]
            table = self._year(table.start.year + 1)
        return table.start + timedelta(days=bisect_left(table.running, target))

    def days_off(self, year: int) -> list[DayOff]:
        """Every day off in ``year`` other than an ordinary Saturday or Sunday."""
        return sorted(self._year(year).days_off.values(), key=lambda d: d.date)

    def working_weekend_days(self, year: int) -> list[WorkingWeekendDay]:
        return sorted(self._year(year).working_weekend.values(), key=lambda d: d.date)

    def estimated_days_off(self, first: date, last: date) -> list[DayOff]:
        """Days off between ``first`` and ``last`` whose date is an estimate (lunar holidays)."""
        found: list[DayOff] = []
        for year in range(first.year, last.year + 1):
            found += (off for off in self._estimated(year) if first <= off.date <= last)
        return found

    def _estimated(self, year: int) -> tuple[DayOff, ...]:
        """The year's estimated days off in date order (asked for every computed date)."""
        found = self._estimates.get(year)
        if found is None:
            offs = self._year(year).days_off.values()
            found = tuple(sorted((o for o in offs if o.estimated), key=lambda d: d.date))
            self._estimates[year] = found
        return found


if __name__ == "__main__":
    write_data_file()
