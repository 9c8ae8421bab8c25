"""Screens for people: tables and notes laid out for a terminal width, as styled lines.

One layout engine serves the terminal and the pipe: it decides every line (columns sized to
their content, long cells and notes wrapped at word boundaries, never cut), and the two
printers only differ in whether styles are applied (``text.py`` for pipes, files and dumb
terminals; ``rich_out.py`` draws the same lines with Rich on a terminal). A table that cannot
fit even with its wrapping columns at their narrowest is printed as one block per row.
"""

from __future__ import annotations

import unicodedata

from deadline_cli.record import Record, field

Span = tuple[str, str]  # (text, Rich style); the style is ignored in plain text
Line = list[Span]


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text``: wide East Asian characters take two, combining marks
    none. Latin, Cyrillic and Kazakh letters take one."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


# Words a line must not be broken between: a date ("Wed 2 Dec 2026", "Пн 08.06.2026") and a
# citation ("п. 1 ст. 18", "art. 151(2)", "No. 351-VI", "ст. 18 ... РК", "151-бабының 2-бөлігі"),
# kept on one line as if joined by non-breaking spaces (the output keeps ordinary spaces, so a
# grep for a date still finds it).
_WEEKDAYS = frozenset(
    [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
        "Пн",
        "Вт",
        "Ср",
        "Чт",
        "Пт",
        "Сб",
        "Вс",
        "Дс",
        "Сс",
        "Бс",
        "Жм",
        "Сн",
        "Жс",
    ]
)
_MONTHS = frozenset(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
)
_MARKERS = frozenset(
    ["п.", "пп.", "ч.", "ст.", "гл.", "абз.", "art.", "arts.", "No.", "№", "ҚР", "para.", "ch."]
)
# The shapes of the words glued, written with string methods (``re``, which nothing else on
# the start-up path needs, cost ~4 ms of it); tests/test_startup.py checks each against the
# regular expression in its comment, whose \d, \w and \W they follow.


def _word_char(ch: str) -> bool:  # \w
    return ch.isalnum() or ch == "_"


def _marks(text: str) -> bool:  # \W*
    return not any(_word_char(ch) for ch in text)


def _dotted(word: str) -> bool:  # \d{2}\.\d{2}\.\d{4}\W*  "08.06.2026,"
    digits = word[:2] + word[3:5] + word[6:10]
    return (
        len(digits) == 8 and digits.isdecimal() and word[2] + word[5] == ".." and _marks(word[10:])
    )


def _day(word: str) -> bool:  # \d{1,2}
    return len(word) <= 2 and word.isdecimal()


def _year(word: str) -> bool:  # \d{4}\W*
    return len(word) >= 4 and word[:4].isdecimal() and _marks(word[4:])


def _number(word: str, also: str = "().,–-") -> bool:  # \d[\w().,–-]*  "151(2),"
    return word[:1].isdecimal() and all(_word_char(ch) or ch in also for ch in word[1:])


def _words_then_marks(text: str) -> bool:  # \w*\W*
    letters = next((i for i, ch in enumerate(text) if not _word_char(ch)), len(text))
    return _marks(text[letters:])


def _kk_article(word: str) -> bool:  # \d[\w()–-]*-баб\w*  "151-бабының"
    at = word.rfind("-баб")  # the last one: what follows an earlier one is no \w*
    rest = word[at + 4 :]
    return at > 0 and _number(word[:at], "()–-") and all(_word_char(ch) for ch in rest)


def _kk_part(word: str) -> bool:  # \d[\w()–-]*-(бөлі|тармақ|абзац)\w*\W*  "2-бөлігі,"
    for name in ("-бөлі", "-тармақ", "-абзац"):
        at = word.rfind(name)  # as in _kk_article, only the last one can be followed by \w*\W*
        if at > 0 and _number(word[:at], "()–-") and _words_then_marks(word[at + len(name) :]):
            return True
    return False


_GLUE_MAX = 20  # a group wider than this may break: a narrow column must still fit


def _bare(word: str) -> str:
    return word.lstrip("(«\"'[")


def _glued(left: str, right: str) -> bool:
    """Whether ``right`` must stay on the line of ``left`` (the group so far)."""
    last = _bare(left.rsplit(" ", 1)[-1])
    if last in _WEEKDAYS:
        return _dotted(right) or _day(right)
    if _day(last) and right in _MONTHS:
        return True
    if last in _MONTHS:
        return _year(right)
    if last in _MARKERS:
        return True
    if right.rstrip(",;:.)»") == "РК":
        return True
    if _number(last) and right in ("п.", "пп.", "ч.", "ст."):
        # "пп. 5" + "п. 1" + "ст. 8": a citation's parts, not a bare number before one, nor
        # the next citation of a list ("ст. 18," + "пп. 5 ...": each its own group).
        return " " in left and not last.endswith((",", ";"))
    if _kk_article(last):
        return _kk_part(right)
    if right in _MARKERS:
        return False  # a citation's marker starts its own group, with its number
    return left.startswith("«") and "»" not in left


def words(text: str) -> list[str]:
    """The units a line may break between: words, with dates and citations glued whole."""
    found: list[str] = []
    for word in text.split():
        if (
            found
            and cell_width(found[-1]) + 1 + cell_width(word) <= _GLUE_MAX
            and _glued(found[-1], word)
        ):
            found[-1] += " " + word
        else:
            found.append(word)
    return found


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap ``text`` to ``width`` cells; a word longer than the width keeps its own line
    whole (a narrow terminal wraps it, but the program never breaks a word)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words_ = words(paragraph)
        if not words_:
            lines.append("")
            continue
        current = words_[0]
        for word in words_[1:]:
            if cell_width(current) + 1 + cell_width(word) <= width:
                current += " " + word
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def longest_word(text: str) -> int:
    return max((cell_width(w) for w in text.split()), default=0)


class Cell(Record):
    text: str
    style: str = ""


class Column(Record):
    header: str
    right: bool = False
    wrap: bool = False  # may wrap at word boundaries (headers always may)
    style: str = ""


class Detail(Record):
    """A line under a row: ``lead`` (a date) kept as it is, ``text`` wrapped after it, the
    following lines hanging under the text."""

    text: str
    lead: str = ""
    style: str = ""
    indent: int = 4


class Row(Record, frozen=False):
    cells: list[Cell]
    marker: Cell = Cell("")
    style: str = ""
    # Lines under the row, starting at the column ``sub_from`` and free to run to the edge.
    sub: list[Cell] = field(default_factory=list)
    sub_from: int = 1
    # Indented lines under the row (the trace with --explain).
    details: list[Detail] = field(default_factory=list)


class Table(Record, frozen=False):
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    marker_width: int = 0  # 0: no marker column
    gap: int = 2


class Text(Record, frozen=False):
    """A paragraph wrapped to the width, with a hanging indent for its following lines."""

    text: str
    style: str = ""
    indent: int = 0  # indent of every line
    hanging: int = 0  # extra indent of the lines after the first
    lead: str = ""  # kept as it is before the text (a date), the text hanging under itself


class Blank(Record, frozen=False):
    pass


Block = Table | Text | Blank


class Screen(Record, frozen=False):
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def lines(self, width: int) -> list[Line]:
        out: list[Line] = []
        for block in self.blocks:
            if isinstance(block, Blank):
                out.append([])
            elif isinstance(block, Text):
                out.extend(_paragraph(block, width))
            else:
                out.extend(_table(block, width))
        return out


def wrap_hanging(text: str, first: int, rest: int) -> list[str]:
    """Word-wrap with room ``first`` on the first line and ``rest`` on the others."""
    found = words(text)
    if not found:
        return [""]
    lines: list[str] = []
    current, room = found[0], first
    for word in found[1:]:
        if cell_width(current) + 1 + cell_width(word) <= room:
            current += " " + word
        else:
            lines.append(current)
            current, room = word, rest
    lines.append(current)
    return lines


def _indented(text: str, style: str, indent: int, hanging: int, width: int) -> list[Line]:
    first_room = max(10, width - indent)
    rest_room = max(10, width - indent - hanging)
    lines = wrap_hanging(text, first_room, rest_room)
    out: list[Line] = [[(" " * indent + lines[0], style)]]
    out += [[(" " * (indent + hanging) + part, style)] for part in lines[1:]]
    return out


def _paragraph(block: Text, width: int) -> list[Line]:
    if block.lead:
        lead = block.lead + "  "
        room = max(10, width - block.indent - cell_width(lead))
        lines = wrap_hanging(block.text, room, room)
        pad = " " * (block.indent + cell_width(lead))
        out: list[Line] = [[(" " * block.indent + lead + lines[0], block.style)]]
        return out + [[(pad + part, block.style)] for part in lines[1:]]
    return _indented(block.text, block.style, block.indent, block.hanging, width)


def _widths(table: Table, width: int) -> list[int] | None:
    """Column widths that fit ``width``: headers wrap first (a two-line "Days / left" costs
    less than a wrapped event), then wrapping cells, widest slack first; None if nothing fits."""
    columns = table.columns
    n = len(columns)
    content = [0] * n  # the widest cell line of each column
    cell_least = [0] * n  # how narrow its cells can go
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            content[i] = max(content[i], *(cell_width(x) for x in cell.text.split("\n")))
            narrowest = longest_word(cell.text) if columns[i].wrap else content[i]
            cell_least[i] = max(cell_least[i], narrowest)
    head_least = [longest_word(c.header) for c in columns]
    widths = [max(content[i], cell_width(columns[i].header)) for i in range(n)]
    excess = table.marker_width + table.gap * (n - 1) + sum(widths) - width
    for i in range(n):
        give = min(max(0, excess), widths[i] - max(content[i], head_least[i]))
        widths[i] -= give
        excess -= give
    least = [max(cell_least[i], head_least[i]) for i in range(n)]
    while excess > 0:
        candidates = [i for i in range(n) if widths[i] > least[i]]
        if not candidates:
            return None
        i = max(candidates, key=lambda k: widths[k] - least[k])
        widths[i] -= 1
        excess -= 1
    return widths


def _table(table: Table, width: int) -> list[Line]:
    widths = _widths(table, width)
    if widths is None:
        return _stacked(table, width)
    out: list[Line] = []
    pad = " " * table.marker_width
    header_cells = [wrap(c.header, w) for c, w in zip(table.columns, widths, strict=True)]
    for k in range(max(len(h) for h in header_cells)):
        line: Line = [(pad, "")] if pad else []
        parts = []
        for i, (lines, column) in enumerate(zip(header_cells, table.columns, strict=True)):
            # Headers sit at the bottom of their space, so single-line ones align with the
            # last line of a wrapped one.
            offset = max(len(h) for h in header_cells) - len(lines)
            text = lines[k - offset] if k >= offset else ""
            parts.append(_align(text, widths[i], column.right, last=i == len(widths) - 1))
        line.append(((" " * table.gap).join(parts).rstrip(), "bold"))
        out.append(line)
    rule: Line = [(pad, "")] if pad else []
    rule.append(((" " * table.gap).join("-" * w for w in widths), "dim"))
    out.append(rule)
    for row in table.rows:
        out.extend(_row_lines(table, row, widths, width))
    return out


def _align(text: str, width: int, right: bool, *, last: bool = False) -> str:
    room = width - cell_width(text)
    if right:
        return " " * room + text
    return text if last else text + " " * room


def _row_lines(table: Table, row: Row, widths: list[int], width: int) -> list[Line]:
    columns = table.columns
    wrapped = [
        wrap(cell.text, w) if column.wrap else cell.text.split("\n")
        for cell, column, w in zip(row.cells, columns, widths, strict=True)
    ]
    # Lines under the row (a range) run from the column ``sub_from`` to the edge; they take
    # the continuation lines of a wrapped label first, where that space is empty.
    start = table.marker_width + sum(widths[: row.sub_from]) + table.gap * row.sub_from
    start = min(start, max(0, width - 20))
    sub: list[tuple[str, str]] = [
        (text, cell.style or row.style)
        for cell in row.sub
        for text in wrap(cell.text, max(10, width - start))
    ]
    height = max(len(w) for w in wrapped)
    free_from = max((len(wrapped[i]) for i in range(row.sub_from, len(wrapped))), default=1)
    height = max(height, free_from + len(sub))
    out: list[Line] = []
    for k in range(height):
        line: Line = []
        if table.marker_width:
            mark = row.marker.text if k == 0 else ""
            line.append((_align(mark, table.marker_width, False), row.marker.style))
        last_filled = max(
            (i for i, lines in enumerate(wrapped) if k < len(lines) and lines[k]), default=-1
        )
        if k >= free_from and k - free_from < len(sub):
            last_filled = min(last_filled, row.sub_from - 1)
        for i, (lines, cell, column) in enumerate(zip(wrapped, row.cells, columns, strict=True)):
            if i > last_filled:
                break
            text = lines[k] if k < len(lines) else ""
            if i:
                line.append((" " * table.gap, ""))
            style = cell.style or column.style or row.style
            last = i == last_filled and not (k >= free_from and k - free_from < len(sub))
            line.append((_align(text, widths[i], column.right, last=last), style))
        if k >= free_from and k - free_from < len(sub):
            used = sum(cell_width(text) for text, _ in line)
            text, style = sub[k - free_from]
            line.append((" " * max(0, start - used) + text, style))
        out.append(line)
    for detail in row.details:
        lead = detail.lead + "  " if detail.lead else ""
        hanging = cell_width(lead) if lead else 2
        room = max(10, width - detail.indent - hanging)
        first = max(10, width - detail.indent - cell_width(lead))
        lines = wrap_hanging(detail.text, first, room)
        out.append([(" " * detail.indent + lead + lines[0], detail.style)])
        pad = " " * (detail.indent + hanging)
        out += [[(pad + part, detail.style)] for part in lines[1:]]
    return out


def _stacked(table: Table, width: int) -> list[Line]:
    """Too narrow for columns: each row as a block, "header: value" per line."""
    out: list[Line] = []
    for row in table.rows:
        head = row.cells[0].text
        mark = (row.marker.text + " ") if row.marker.text else ""
        for text in wrap(mark + head, width):
            out.append([(text, row.marker.style or row.style or "bold")])
        for column, cell in zip(table.columns[1:], row.cells[1:], strict=True):
            if not cell.text:
                continue
            for text in wrap(f"{column.header}: {cell.text}", max(10, width - 2)):
                out.append([("  " + text, cell.style or row.style)])
        for cell in row.sub:
            for text in wrap(cell.text, max(10, width - 2)):
                out.append([("  " + text, cell.style or row.style)])
        for detail in row.details:
            text = f"{detail.lead}  {detail.text}" if detail.lead else detail.text
            for part in wrap(text, max(10, width - 4)):
                out.append([("    " + part, detail.style)])
    return out


def plain(lines: list[Line]) -> str:
    """The lines as plain text: no styles, no escape codes, trailing spaces trimmed."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)
