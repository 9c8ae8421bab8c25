"""Rich tables for a terminal: colour and box drawing. Pipes get ``plain.py`` instead."""

from __future__ import annotations

import io
import shutil

from rich.console import Console
from rich.table import Table
from rich.text import Text

from deadline_cli.render.grid import Grid


def grid_rich(grid: Grid) -> str:
    table = Table(
        title=grid.title,
        title_justify="left",
        caption=grid.caption or None,
        caption_justify="left",
        show_lines=grid.show_lines,
    )
    for column in grid.columns:
        table.add_column(
            column.header,
            justify="right" if column.right else "left",
            no_wrap=column.no_wrap,
            style=column.style or None,
        )
    for n, row in enumerate(grid.rows):
        table.add_row(
            *(Text(cell.text, style=cell.style) for cell in row),
            end_section=n in grid.section_ends,
        )
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        width=shutil.get_terminal_size((120, 24)).columns,
        highlight=False,
        emoji=False,
    )
    console.print(table)
    for line in grid.after:
        console.print(Text(line))
    return buffer.getvalue()
