"""Messages for people in English, Russian and Kazakh.

Everything the tool says to a person is a :class:`Msg` (a message key and its arguments) or a
string from a built-in pack, and is turned into text only when printed, by a :class:`Lang`.
The templates live in data files, one per language (``locales/en.toml``, ``ru.toml``,
``kk.toml``); a test fails when any message, pack string or holiday name lacks a translation.

Arguments are rendered by type: a date as "Mon 2026-04-06" (en) or "Пн 06.04.2026" (ru, kk),
a :class:`Period` with the language's plural forms, a string (a pack's English text) through the
language's table, a :class:`Holiday` by its name in the language, and a tuple as a
comma-separated list. Machine fields (ids, ISO dates, certainty and status codes) never change.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from deadline_cli.record import Record

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import Any

LANGUAGES = ("en", "ru", "kk")
ENV = "DEADLINE_LANG"


class Msg:
    """A message key and its arguments, turned into text only when printed.

    A plain slotted class rather than a dataclass: a batch creates hundreds of thousands."""

    __slots__ = ("args", "key")

    def __init__(self, key: str, args: tuple[tuple[str, Any], ...] = ()) -> None:
        self.key = key
        self.args = args

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and self.key == other.key and self.args == other.args

    def has_days(self) -> bool:
        """Whether a day is among its arguments: then its text differs from case to case by
        them, and a writer of many cases does not keep it (render.planned, render.ics)."""
        return any(type(v) is date for _, v in self.args)

    def __hash__(self) -> int:
        return hash((self.key, self.args))

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.args!r})"

    def __str__(self) -> str:
        return english().say(self)


def msg(key: str, /, **args: Any) -> Msg:
    return Msg(key, tuple(args.items()))


class Holiday(Record):
    """A holiday name as the holidays package gives it in English and in Kazakh."""

    english: str
    kazakh: str = ""

    def __str__(self) -> str:
        return self.english


_SUFFIXES = (" (observed, estimated)", " (observed)", " (estimated)")


class Lang:
    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code = code
        self.messages: dict[str, str] = data["messages"]
        self.texts: dict[str, str] = data.get("texts", {})
        self.holidays: dict[str, str] = data.get("holidays", {})
        self.weekdays: list[str] = data["weekdays"]
        self.months: list[str] = data.get("months", [])
        self.units: dict[str, list[str]] = data["units"]
        self.style: str = data["date_style"]

    # Values.

    def day(self, d: date) -> str:
        """A date for people: "Mon 6 Apr 2026" (en), "Пн 06.04.2026" (ru, kk, as courts write)."""
        weekday = self.weekdays[d.weekday()]
        if self.style == "dotted":
            return f"{weekday} {d.day:02d}.{d.month:02d}.{d.year:04d}"
        return f"{weekday} {d.day} {self.months[d.month - 1]} {d.year}"

    def count(self, amount: int, unit: str) -> str:
        forms = self.units[unit]
        return f"{amount} {forms[_plural(self.code, amount, len(forms))]}"

    def period(self, period: Any) -> str:
        return self.count(period.amount, period.unit.replace(" ", "_"))

    def holiday(self, name: Holiday) -> str:
        if self.code == "kk" and name.kazakh:
            return name.kazakh
        if self.code == "en" or not self.holidays:
            return name.english
        return "; ".join(self._one_holiday(part) for part in name.english.split("; "))

    def _one_holiday(self, english: str) -> str:
        for suffix in _SUFFIXES:
            if english.endswith(suffix):
                base = self.holidays.get(english[: -len(suffix)], english[: -len(suffix)])
                return base + self.messages["holiday_suffix_" + _suffix_key(suffix)]
        return self.holidays.get(english, english)

    def say(self, value: Any) -> str:
        """Any message, pack string, date, period, holiday or list, in this language."""
        if isinstance(value, Msg):
            template = self.messages.get(value.key)
            if template is None:
                raise KeyError(f"no message {value.key!r} in {self.code}")
            return template.format(**{k: self.say(v) for k, v in value.args})
        if isinstance(value, str):  # a pack's string, or the user's own text (left as is)
            return self.texts.get(value, value)
        if isinstance(value, date):
            return self.day(value)
        said = getattr(value, "say_in", None)
        if said is not None:  # a value that knows how it is said (a period, in periods.py)
            return str(said(self))
        if isinstance(value, Holiday):
            return self.holiday(value)
        if isinstance(value, tuple | list):
            return self.messages["list_separator"].join(self.say(v) for v in value)
        return str(value)

    def __call__(self, key: str, /, **args: Any) -> str:
        return self.say(msg(key, **args))


def _suffix_key(suffix: str) -> str:
    return suffix.strip(" ()").replace(", ", "_")


def _plural(code: str, n: int, forms: int) -> int:
    if forms == 1:
        return 0
    if code == "ru" and forms == 3:
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


@cache
def load(code: str) -> Lang:
    """A built-in language; ``code`` must be one of LANGUAGES (a user's choice is checked by
    :func:`deadline_cli.errors.choose`)."""
    if code not in LANGUAGES:
        raise ValueError(f"no language {code!r}")
    from deadline_cli.builtin import load_toml

    return Lang(code, load_toml(f"locales/{code}.toml"))


def english() -> Lang:
    return load("en")
