"""What the writers of many cases (render.planned, render.ics) make once and use again: a text
made from the same objects, what a day is said as, and a message said but for its days. Each
holds a bounded number of entries and is emptied when full."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

from deadline_cli.i18n import Lang, Msg

T = TypeVar("T")


class Made(Generic[T]):
    """``make(*held)``, made once for the same objects: keyed by the maker's name and the
    objects' identities, which the entry holds so that none is reused while it lives."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.found: dict[tuple[object, ...], tuple[tuple[object, ...], T]] = {}

    def __call__(self, make: Callable[..., T], *held: object) -> T:
        key = (make.__name__, *map(id, held))
        found = self.found.get(key)
        if found is None or found[0] != held:
            if len(self.found) >= self.size:
                self.found.clear()
            found = self.found[key] = (held, make(*held))
        return found[1]


class ByDay(dict[date, T]):
    """What a day is said as, made the first time it is asked for (a register's cases share
    their days): ``by_day[day]``."""

    def __init__(self, make: Callable[[date], T], size: int = 65536) -> None:
        super().__init__()
        self.make = make
        self.size = size

    def __missing__(self, day: date) -> T:
        if len(self) >= self.size:
            self.clear()
        said = self[day] = self.make(day)
        return said


SLOT = "\ufdd0"  # a noncharacter: stands for a day in a template, never in a pack's text


class _Slot:
    """Stands for the day of a message's argument ``n`` while the rest of it is said
    (Lang.say says a value by its say_in): SLOT and the digit n."""

    def __init__(self, n: int) -> None:
        self.n = n

    def say_in(self, lang: Lang) -> str:
        del lang  # the same in every language
        return SLOT + str(self.n)


class Dated:
    """A message that differs from case to case only by its days (a window, an earlier
    reading: Msg.has_days), said and escaped once for all the days: the text of its other
    arguments, cut where its days go, and each case's days said into it. ``escape`` escapes
    a text for the format a character at a time (a JSON string's; an ICS TEXT's, but for a
    CRLF, and no day said holds a CR or an LF): so the pieces and the days can be escaped
    each by itself."""

    def __init__(self, lang: Lang, escape: Callable[[str], str], size: int = 4096) -> None:
        self.lang = lang
        self.escape = escape
        self.size = size
        self.templates: dict[tuple[object, ...], tuple[list[str], list[str]]] = {}
        self.days = ByDay(lambda day: escape(lang.day(day)))

    def __call__(self, message: Msg) -> str:
        args = message.args
        if len(args) > 9:  # a slot is SLOT and one digit
            return self.escape(self.lang.say(message))
        key = (message.key, tuple((k, v) for k, v in args if type(v) is not date))
        found = self.templates.get(key)
        if found is None:
            slots = {k: _Slot(n) for n, (k, v) in enumerate(args) if type(v) is date}
            text = self.lang.say(Msg(message.key, tuple((k, slots.get(k, v)) for k, v in args)))
            cut = text.split(SLOT)
            pieces = [self.escape(cut[0]), *(self.escape(p[1:]) for p in cut[1:])]
            found = (pieces, [args[int(p[0])][0] for p in cut[1:]])
            if len(self.templates) >= self.size:
                self.templates.clear()
            self.templates[key] = found
        pieces, names = found
        days, said = dict(args), self.days
        parts = [pieces[0]]
        for name, piece in zip(names, pieces[1:], strict=True):
            parts += (said[days[name]], piece)
        return "".join(parts)
