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

import errno
import os
import stat
import sys
from datetime import date, datetime

from deadline_cli.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    CalendarOverrides,
    DayOff,
    DayOffKind,
    WorkingWeekendDay,
)
from deadline_cli.errors import DeadlineError, read_limited, shown
from deadline_cli.i18n import msg

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

ENV = "DEADLINE_CALENDAR"
MAX_FILE_BYTES = 1 << 20
_ENTRY_KEYS = ("date", "name", "source")


def config_dir() -> str:
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return os.path.join(os.environ["APPDATA"], "deadline-cli")
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(_home(), ".config")
    return os.path.join(base, "deadline-cli")


def _home() -> str:
    home = os.path.expanduser("~")
    if home == "~":  # as Path.home(): no home directory to be found
        raise RuntimeError("Could not determine home directory.")
    return home


def calendar_file(option: str | None) -> Path | None:
    """The overrides file in force: the option, the environment variable, or the default.

    A config directory that cannot be looked into (no permission, a path too long) is said
    once on stderr and treated as holding no file: it must not stop a command that never
    asked for a calendar file."""
    # pathlib only when there is a file: a start without one does not import it (~4 ms).
    if option:
        return _path(option)
    if os.environ.get(ENV):
        return _path(os.environ[ENV])
    try:
        default = os.path.join(config_dir(), "calendar.toml")
        return _path(default) if _is_file(default) else None
    except (OSError, RuntimeError, ValueError) as exc:
        from deadline_cli.errors import say, write_err

        problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        write_err(say(msg("notice_config_dir", problem=problem)))
        return None


def _path(name: str) -> Path:
    from pathlib import Path

    return Path(name)


def _is_file(name: str) -> bool:
    """As Path.is_file: a file that is not there is no file; a directory that cannot be looked
    into (no permission, a name too long) is an error to say."""
    try:
        return stat.S_ISREG(os.stat(name).st_mode)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


def load_overrides(path: Path) -> CalendarOverrides:
    """Read and check an overrides file; every problem is a DeadlineError naming the file."""

    def fail(problem: object) -> DeadlineError:
        return DeadlineError(msg("calendar_file_problem", path=str(path), problem=problem))

    import tomllib

    text = read_limited(path, MAX_FILE_BYTES, "calendar_file_problem")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(msg("calendar_not_toml", problem=str(exc))) from None
    except RecursionError:
        raise fail(msg("calendar_too_deep")) from None
    for key in data:
        if key not in ("days_off", "working_days"):
            raise fail(msg("calendar_unknown_key", key=str(key)[:60]))

    def entries(key: str) -> list[tuple[date, str, str]]:
        raw = data.get(key, [])
        if not isinstance(raw, list):
            raise fail(msg("calendar_not_array", key=key))
        if len(raw) > 10000:
            raise fail(msg("calendar_too_many", key=key))
        found = []
        for i, entry in enumerate(raw):
            where = f"{key}[{i}]"
            if not isinstance(entry, dict):
                raise fail(msg("calendar_not_table", where=where, key=key))
            for field in entry:
                if field not in _ENTRY_KEYS:
                    raise fail(msg("calendar_entry_unknown_key", where=where, key=str(field)[:60]))
            found.append(_entry(entry, where, fail))
        return found

    days_off = entries("days_off")
    working = entries("working_days")
    seen: dict[date, str] = {}
    for kind, rows in (("days_off", days_off), ("working_days", working)):
        for day, _, _ in rows:
            if day in seen:
                raise fail(
                    msg("calendar_twice", date=day.isoformat(), first=seen[day], second=kind)
                )
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
        raise fail(msg("calendar_field", where=f"{where}.date", problem=msg("rules_missing")))
    day = entry["date"]
    if isinstance(day, datetime) or not isinstance(day, date):
        raise fail(
            msg(
                "calendar_field",
                where=f"{where}.date",
                problem=msg("rules_not_date", value=shown(day)),
            )
        )
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise fail(
            msg(
                "calendar_outside",
                where=f"{where}.date",
                date=day.isoformat(),
                first=str(MIN_YEAR),
                last=str(MAX_YEAR),
            )
        )
    texts = []
    for field in ("name", "source"):
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            raise fail(
                msg(
                    "calendar_field",
                    where=f"{where}.{field}",
                    problem=msg("calendar_text", value=shown(value)),
                )
            )
        texts.append(value.strip())
    return day, texts[0], texts[1]


def calendar_for(option: str | None) -> Any:
    """The KazakhCalendar with the overrides file in force, if any."""
    from deadline_cli.calendar import KazakhCalendar

    path = calendar_file(option)
    return KazakhCalendar(load_overrides(path) if path else None, origin=path)
