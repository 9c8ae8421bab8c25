"""A firm's corrections to the calendar: a TOML file of days off and working days.

    [[days_off]]
    date = 2026-12-31
    name = "Day off by Government decree of 1 December 2026"
    source = "Decree No. 123, published 2 December 2026"

    [[working_days]]
    date = 2026-12-26
    name = "Working Saturday (the day off moved to 31 December)"
    source = "Decree No. 123"

The file is ``--calendar FILE``, else ``$DEADLINE_CALENDAR``, else ``calendar.toml`` in the
user's config directory (``$XDG_CONFIG_HOME/deadline-cli``, ``~/.config/deadline-cli``, or
``%APPDATA%\\deadline-cli`` on Windows) when it exists. Its entries win over the built-in calendar.
"""

from __future__ import annotations

import os
import sys
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from deadline_cli.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    CalendarOverrides,
    DayOff,
    DayOffKind,
    WorkingWeekendDay,
)
from deadline_cli.errors import DeadlineError

ENV = "DEADLINE_CALENDAR"
_ENTRY_KEYS = ("date", "name", "source")


def config_dir() -> Path:
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "deadline-cli"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "deadline-cli"


def calendar_file(option: str | None) -> Path | None:
    """The overrides file in force: the option, the environment variable, or the default."""
    if option:
        return Path(option)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    default = config_dir() / "calendar.toml"
    return default if default.is_file() else None


def load_overrides(path: Path) -> CalendarOverrides:
    """Read and check an overrides file; every problem is a DeadlineError naming the file."""

    def fail(problem: str) -> DeadlineError:
        return DeadlineError(f"calendar file {path}: {problem}")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML: {exc}") from None
    for key in data:
        if key not in ("days_off", "working_days"):
            raise fail(f"{key}: unknown key; the file takes days_off and working_days")

    def entries(key: str) -> list[tuple[date, str, str]]:
        raw = data.get(key, [])
        if not isinstance(raw, list):
            raise fail(f"{key}: must be an array of tables ([[{key}]])")
        found = []
        for i, entry in enumerate(raw):
            where = f"{key}[{i}]"
            if not isinstance(entry, dict):
                raise fail(f"{where}: must be a table ([[{key}]])")
            for field in entry:
                if field not in _ENTRY_KEYS:
                    raise fail(f"{where}.{field}: unknown key; an entry takes date, name, source")
            found.append(_entry(entry, where, fail))
        return found

    days_off = entries("days_off")
    working = entries("working_days")
    seen: dict[date, str] = {}
    for kind, rows in (("days_off", days_off), ("working_days", working)):
        for day, _, _ in rows:
            if day in seen:
                raise fail(f"{day.isoformat()} is listed twice ({seen[day]} and {kind})")
            seen[day] = kind
    return CalendarOverrides(
        days_off=tuple(
            DayOff(day, name, DayOffKind.OVERRIDE, source=source) for day, name, source in days_off
        ),
        working_days=tuple(
            WorkingWeekendDay(day, name, source, override=True) for day, name, source in working
        ),
    )


def _entry(entry: dict[str, Any], where: str, fail: Any) -> tuple[date, str, str]:
    if "date" not in entry:
        raise fail(f"{where}.date: is missing")
    day = entry["date"]
    if isinstance(day, datetime) or not isinstance(day, date):
        raise fail(f"{where}.date: must be a TOML date such as 2026-12-31, not {day!r}")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise fail(
            f"{where}.date: {day.isoformat()} is outside the calendar ({MIN_YEAR}-{MAX_YEAR})"
        )
    texts = []
    for field in ("name", "source"):
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{where}.{field}: must be a non-empty string, not {value!r}")
        texts.append(value.strip())
    return day, texts[0], texts[1]


def calendar_for(option: str | None) -> Any:
    """The KazakhCalendar with the overrides file in force, if any."""
    from deadline_cli.calendar import KazakhCalendar

    path = calendar_file(option)
    return KazakhCalendar(load_overrides(path) if path else None, origin=path)
