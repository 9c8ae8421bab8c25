"""``--help`` laid out for the terminal it is read in.

Typer's formatter wraps with :mod:`textwrap` defaults, which break words at hyphens: an option
value such as ``non-party`` or ``30-days-from-entry-into-force`` came out as ``non-`` /
``party``, which cannot be copied. It also never went below 50 columns. This one keeps every
word whole (a word longer than the line stands on its own line) and follows the terminal down
to 30 columns.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

_Base: Any = typer.Context.formatter_class
_MAX_WIDTH = 80
_MIN_WIDTH = 30


def _wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
    """Lines of at most ``width`` characters where words allow, never breaking a word."""
    wrapper = textwrap.TextWrapper(
        width=max(width, 1),
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
        break_long_words=False,
        replace_whitespace=False,
    )
    lines: list[str] = []
    for paragraph in text.expandtabs().split("\n\n"):
        if lines:
            lines.append("")
        body = " ".join(paragraph.split())
        lines.extend(wrapper.wrap(body) or [initial.rstrip()])
    return lines


class HelpFormatter(_Base):  # type: ignore[misc]
    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        if width is None:
            columns = shutil.get_terminal_size().columns
            width = max(min(columns, max_width or _MAX_WIDTH) - 2, _MIN_WIDTH)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        lines = _wrap(args, self.width - self.current_indent, head, " " * len(head))
        self.write("\n".join(lines) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(_wrap(text, self.width, indent, indent)) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_width = min(max((len(first) for first, _ in rows), default=0), col_max)
        # On a narrow terminal the description goes under its option, not beside it: beside,
        # it needs room for its longest word (a value such as 30-days-from-entry-into-force).
        longest = max((len(w) for _, second in rows for w in second.split()), default=0)
        room = self.width - self.current_indent - first_width - col_spacing
        beside = room >= max(24, longest)
        first_col = first_width + col_spacing if beside else 4
        pad = " " * (self.current_indent + first_col)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if beside and len(first) <= first_width:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + pad)
            lines = _wrap(second, max(self.width - self.current_indent - first_col, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((pad + line).rstrip() + "\n")


class Context(typer.Context):
    formatter_class = HelpFormatter


class Group(TyperGroup):
    context_class = Context


class Command(TyperCommand):
    context_class = Context
