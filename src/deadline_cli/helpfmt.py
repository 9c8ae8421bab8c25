"""``--help`` laid out for the terminal it is read in, in the language asked for.

Typer's formatter wraps with :mod:`textwrap` defaults, which break words at hyphens: an option
value such as ``non-party`` or ``30-days-from-entry-into-force`` came out as ``non-`` /
``party``, which cannot be copied. It also never went below 50 columns. This one keeps every
word whole (a word longer than the line stands on its own line) and follows the terminal down
to 30 columns. Under ``--lang ru|kk`` (or ``DEADLINE_LANG``) each paragraph, heading and
``[default: ...]`` is said in that language from the ``[help]`` table of its locale file (a test
fails when one is missing); Typer's own usage errors stay English.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence
from functools import cache
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from deadline_cli.builtin import load_toml

_Base: Any = typer.Context.formatter_class
_SUFFIX = re.compile(r"\s*\[(default: [^\]]*|required)\]\s*$")


@cache
def _table(code: str) -> dict[str, str]:
    if code == "en":
        return {}
    found: dict[str, str] = load_toml(f"locales/{code}.toml").get("help", {})
    return found


def _language() -> str:
    from deadline_cli.errors import message_language

    return message_language()


def translated(text: str) -> str:
    """A help text in the language of this run: paragraph by paragraph, with its suffix."""
    table = _table(_language())
    if not table:
        return text
    paragraphs = []
    for whole in text.split("\n\n"):
        paragraph, suffix = whole, ""
        if m := _SUFFIX.search(whole):
            paragraph, inner = whole[: m.start()], m.group(1)
            if inner == "required":
                suffix = f"  [{table.get('required', 'required')}]"
            else:
                value = inner.split(": ", 1)[1]
                suffix = f"  [{table.get('default', 'default')}: {value}]"
        key = " ".join(paragraph.split())
        paragraphs.append((table.get(key) or _short(table, key) or paragraph) + suffix)
    return "\n\n".join(paragraphs)


def _short(table: dict[str, str], short: str) -> str | None:
    """A command's short help in a list ("Compute many cases in one process.", or a text cut
    with "..."): the start of its paragraph's translation, cut alike."""
    cut = short.endswith("...")
    start = short.removesuffix("...").rstrip()
    if not start:
        return None
    key = next((k for k in table if k.startswith(start) and k != start), None)
    if key is None:
        return None
    said = table[key]
    if not cut:
        return said.split(". ", 1)[0].rstrip(".") + "."
    words, out = said.split(), ""
    for word in words:
        if len(out) + len(word) + 1 > len(start):
            break
        out = f"{out} {word}".strip()
    return out.rstrip(",;:") + "..."


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
        if prefix is None:
            prefix = _table(_language()).get("Usage: ", "Usage: ")
        head = f"{prefix:>{self.current_indent}}{prog} "
        lines = _wrap(args, self.width - self.current_indent, head, " " * len(head))
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        super().write_heading(translated(heading))

    def write_text(self, text: str) -> None:
        text = translated(text)
        indent = " " * self.current_indent
        self.write("\n".join(_wrap(text, self.width, indent, indent)) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(first, translated(second) if second else second) for first, second in rows]
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
