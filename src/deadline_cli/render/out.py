"""Printing a screen: Rich on a terminal, plain text (no Rich import) anywhere else."""

from __future__ import annotations

import os
import sys

from deadline_cli.render.screen import Line, Screen, plain


def screen_width() -> int:
    """The terminal's width ($COLUMNS first, as for any terminal program), 80 in a pipe."""
    columns = _terminal_columns()
    return max(20, min(columns, 1000))


def _terminal_columns() -> int:
    """shutil.get_terminal_size's columns, without importing shutil (~2 ms of a start):
    $COLUMNS, else the terminal of stdout, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def is_fancy() -> bool:
    """Styles only for a terminal that draws them: not in a pipe or file, not TERM=dumb.
    NO_COLOR keeps the terminal layout and drops colour only (Rich honours it)."""
    stream = sys.stdout
    try:
        tty = stream is not None and stream.isatty()
    except (ValueError, OSError):
        tty = False
    return tty and os.environ.get("TERM") != "dumb"


def render(screen: Screen, width: int | None = None, *, fancy: bool | None = None) -> str:
    width = width or screen_width()
    lines = screen.lines(width)
    if fancy if fancy is not None else is_fancy():
        return styled(lines, width)
    return plain(lines)


def styled(lines: list[Line], width: int) -> str:
    """The same lines, drawn with their styles by Rich."""
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
    )
    for line in lines:
        text = Text(no_wrap=True, overflow="ignore")
        for part, style in line:
            text.append(part, style=style or None)
        text.rstrip()
        console.print(text, soft_wrap=True, crop=False)
    return buffer.getvalue()
