"""Plain-text tables for pipes, files and NO_COLOR: ASCII only, no wrapping, no Rich import.

A script that greps the output or a log that keeps it sees one line per row, in the same shape
on every run.
"""

from __future__ import annotations

from deadline_cli.render.grid import Grid


def grid_text(grid: Grid) -> str:
    # A cell may hold several lines (a basis and its link): each becomes a line of the row.
    header = [c.header for c in grid.columns]
    rows = [[cell.text.split("\n") for cell in row] for row in grid.rows]
    widths = [len(h) for h in header]
    for row in rows:
        for i, lines in enumerate(row):
            widths[i] = max(widths[i], *(len(line) for line in lines))

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(w) if col.right else cell.ljust(w)
            for cell, w, col in zip(cells, widths, grid.columns, strict=True)
        ]
        return ("| " + " | ".join(parts) + " |").rstrip()

    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    rule = "|" + "+".join("-" * (w + 2) for w in widths) + "|"
    out = [grid.title, border, line(header), rule]
    for n, row in enumerate(rows):
        height = max(len(lines) for lines in row)
        for k in range(height):
            out.append(line([lines[k] if k < len(lines) else "" for lines in row]))
        last = n == len(rows) - 1
        if not last and (n in grid.section_ends or grid.show_lines):
            out.append(rule)
    out.append(border)
    if grid.caption:
        out.append(grid.caption)
    out += grid.after
    return "\n".join(out) + "\n"
