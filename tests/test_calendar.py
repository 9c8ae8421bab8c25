"""The Kazakh calendar: facts from the domain file, checked one by one."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from deadline_cli.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    CalendarOverrides,
    DayOff,
    DayOffKind,
    KazakhCalendar,
)
from deadline_cli.errors import DeadlineError


def kinds(calendar: KazakhCalendar, year: int) -> dict[date, str]:
    return {d.date: d.kind for d in calendar.days_off(year)}


def test_defender_day_on_saturday_2022_moves_past_victory_day(calendar: KazakhCalendar) -> None:
    k = kinds(calendar, 2022)
    assert k[date(2022, 5, 7)] == DayOffKind.HOLIDAY
    assert k[date(2022, 5, 10)] == DayOffKind.HOLIDAY_MOVED
    assert not calendar.is_working_day(date(2022, 5, 10))


def test_2025_transfer_by_order(calendar: KazakhCalendar) -> None:
    assert kinds(calendar, 2025)[date(2025, 1, 3)] == DayOffKind.DAY_OFF_BY_ORDER
    assert calendar.is_working_day(date(2025, 1, 5))
    assert [d.date for d in calendar.working_weekend_days(2025)] == [date(2025, 1, 5)]
    off = calendar.day_off(date(2025, 1, 3))
    assert off is not None and "2025-01-05" in off.name and not off.estimated


def test_christmas_and_kurban_ait_are_never_moved(calendar: KazakhCalendar) -> None:
    # 7 Jan 2024 is a Sunday: no weekday off follows for it.
    assert calendar.is_working_day(date(2024, 1, 8))
    # Kurban Ait 2022 on Saturday 9 July: Monday 11 July is a working day.
    assert calendar.is_working_day(date(2022, 7, 11))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2021, 12, 1), False),  # First President's Day until 2021
        (date(2022, 12, 1), True),
        (date(2021, 12, 17), False),  # second day of Independence Day until 2021
        (date(2024, 12, 17), True),  # 17 December no longer a holiday (Tue in 2024)
        (date(2025, 9, 1), False),  # 30 Aug 2025 on Saturday, moved to Monday
        (date(2026, 8, 31), True),  # 30 August not a holiday in 2026
        (date(2027, 3, 15), False),  # Constitution Day from 2027
        (date(2022, 10, 25), False),  # Republic Day returned in 2022
        (date(2021, 10, 25), True),
    ],
)
def test_holiday_history(calendar: KazakhCalendar, day: date, working: bool) -> None:
    assert calendar.is_working_day(day) is working


def test_kurban_ait_2026_is_confirmed_and_2027_still_estimated(calendar: KazakhCalendar) -> None:
    # The holidays package estimates Wed 27 May 2026; the Spiritual Administration's calendar
    # confirmed it (statutes-2026.md), so it is a plain holiday with that source.
    assert calendar.estimated_days_off(date(2026, 1, 1), date(2026, 12, 31)) == []
    kurban = calendar.day_off(date(2026, 5, 27))
    assert kurban is not None and not kurban.estimated
    assert "Spiritual Administration" in kurban.source and "(estimated)" not in kurban.name
    found = calendar.estimated_days_off(date(2027, 1, 1), date(2027, 12, 31))
    assert [d.date for d in found] == [date(2027, 5, 16)]
    assert calendar.estimated_days_off(date(2025, 1, 1), date(2025, 12, 31)) == []


def test_next_working_day_crosses_the_year(calendar: KazakhCalendar) -> None:
    # Wed 31 Dec 2025 -> Thu 1, Fri 2 holidays, weekend -> Mon 5 Jan 2026.
    assert calendar.next_working_day(date(2025, 12, 31)) == date(2026, 1, 5)


def test_outside_the_calendar(calendar: KazakhCalendar) -> None:
    with pytest.raises(DeadlineError, match="1992-2100"):
        calendar.is_working_day(date(1991, 6, 1))
    with pytest.raises(DeadlineError, match="1992-2100"):
        calendar.days_off(2101)


def test_overrides_win_over_the_built_in_calendar() -> None:
    overrides = CalendarOverrides(
        days_off=(DayOff(date(2026, 6, 1), "Firm closed", DayOffKind.OVERRIDE, source="x"),),
    )
    cal = KazakhCalendar(overrides)
    assert not cal.is_working_day(date(2026, 6, 1))
    assert cal.next_working_day(date(2026, 5, 29)) == date(2026, 6, 2)
    assert str(cal.why_not_working(date(2026, 6, 1))) == "Firm closed (calendar override: x)"


def test_shipped_data_is_the_installed_holidays_package_day_for_day() -> None:
    """The precomputed file must say exactly what the holidays package says, or not be used."""
    from holidays.countries.kazakhstan import Kazakhstan

    from deadline_cli import calendar as module

    shipped = module._shipped_data()
    if module.installed_holidays_version() != "0.109":
        # Another holidays release: the file (made from 0.109) must be ignored.
        assert shipped is None
    else:
        assert shipped is not None
    fresh = KazakhCalendar()
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        if shipped is not None:
            assert module.shipped_year(year) == module.live_base_year(year)
        package = Kazakhstan(years=year)
        day = date(year, 1, 1)
        while day.year == year:
            assert fresh.is_working_day(day) is package.is_working_day(day), day
            day += timedelta(days=1)


_MADE = b"# made\nholidays_version\t0.109\n"


@pytest.mark.parametrize(
    "text",
    [
        None,  # missing
        b"",  # empty
        _MADE + b"2025\toff\t2025-01-01\tholiday\n",  # a short line
        _MADE + b"2025\toff\t2025-01-01\tweird\t0\tNew Year\t\xd0\x96\t\n",  # a kind unknown
        _MADE + b"2025\tother\t2025-01-01\n",  # a line of neither kind
        _MADE + b"2025\twork\t2025-01-04\t\n2024\twork\tx\t\n",  # out of order
        _MADE + b"2025\twork\t\xff\t\n",  # not UTF-8
        _MADE + b"2024\twork\t2024-01-01\t\n",  # no line of 2025
    ],
)
def test_calendar_reads_the_package_without_its_file(
    text: bytes | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shipped file missing, broken or without the year is not used: the package answers."""
    from deadline_cli import calendar as module

    data = tmp_path / "calendar_data.tsv"
    if text is not None:
        data.write_bytes(text)
    monkeypatch.setattr(module, "DATA_FILE", str(data))
    monkeypatch.setattr(module, "installed_holidays_version", lambda: "0.109")
    module._shipped_data.cache_clear()
    try:
        assert module.shipped_year(2025) is None
        assert module.base_year(2025) == module.live_base_year(2025)
    finally:
        module._shipped_data.cache_clear()


def test_calendar_reads_the_package_when_versions_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    from deadline_cli import calendar as module

    monkeypatch.setattr(module, "installed_holidays_version", lambda: "0.0-other")
    module._shipped_data.cache_clear()
    try:
        assert module._shipped_data() is None
        live = KazakhCalendar()
        assert kinds(live, 2025)[date(2025, 1, 3)] == DayOffKind.DAY_OFF_BY_ORDER
        assert live.add_working_days(date(2025, 1, 1), 3) == date(2025, 1, 8)
    finally:
        module._shipped_data.cache_clear()
