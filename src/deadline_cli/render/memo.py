"""What the writers of many cases (render.planned, render.ics) make once and use again: a text
made from the same objects, and what a day is said as. Each holds a bounded number of entries
and is emptied when full."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

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
