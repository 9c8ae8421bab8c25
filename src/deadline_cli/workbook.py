"""Registers as offices keep them: an .xlsx, .xlsm, .xls or .ods workbook read as it is.

Recognised by the file's signature, not its name; read by python-calamine (all four formats,
imported only when a workbook is read). As people make them: a title row or empty rows above
the header (the header is the first row whose cells name known columns, in en/ru/kk as in CSV),
columns the tool does not know (listed once), merged cells (the value fills the range), dates
as date cells, date-times, Excel serial numbers or text. A workbook from outside may be hostile:
its size, what its zip claims to unpack to and its cells are bounded before or while reading.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import IO, Any

from deadline_cli.batch import (
    HEADER_SEARCH,
    RawRow,
    normalise_header,
    refuse_twice,
    shown_column,
    unknown_columns,
)
from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import Msg, msg
from deadline_cli.rules import DATE_INPUTS

MAX_BYTES = 200 << 20
MAX_UNPACKED = 1 << 30  # what an .xlsx/.ods may claim to unpack to, all parts together
MAX_RATIO = 1000  # a part that unpacks to more than 1000 times its size is a bomb
MAX_CELLS = 20_000_000
MAX_MERGED = 1_000_000  # merged cells filled with their range's value
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's 1900 system


def kind_of(head: bytes) -> str | None:
    """ "xlsx" (also .xlsm), "ods", "xls" by the first bytes, or None: not a workbook."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"  # an OLE2 compound file: Excel 97-2003
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # xlsx or ods: told apart by their parts
    return None


def open_workbook(stream: IO[bytes], name: str) -> Any:
    """The workbook in ``stream`` (all of it read, within MAX_BYTES), checked for zip bombs."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DeadlineError(msg("workbook_too_large", name=name, limit=str(MAX_BYTES >> 20)))
    if data.startswith(b"PK\x03\x04"):
        _check_zip(data, name)
    if kind_of(data) == "xls" and _ENCRYPTED in data:
        raise DeadlineError(msg("workbook_encrypted", name=name))
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's errors: encrypted, corrupt, not a workbook
        text = " ".join(str(exc).split())[:120]
        if "password" in text.lower() or "encrypt" in text.lower():
            raise DeadlineError(msg("workbook_encrypted", name=name)) from None
        problem = text or type(exc).__name__  # the library's own words, quoted
        raise DeadlineError(msg("workbook_unreadable", name=name, problem=problem)) from None


# An .xlsx saved with a password is an OLE2 file holding the stream "EncryptedPackage" (its
# name, in the file's directory, in UTF-16): calamine only says it cannot tell the format.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _check_zip(data: bytes, name: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        problem = msg("workbook_broken_zip")
        raise DeadlineError(msg("workbook_unreadable", name=name, problem=problem)) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED or (info.file_size > 16 << 20 and ratio > MAX_RATIO):
            raise DeadlineError(msg("workbook_bomb", name=name, limit=str(MAX_UNPACKED >> 20)))
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names and "content.xml" not in names:
        problem = msg("workbook_not_a_workbook")
        raise DeadlineError(msg("workbook_unreadable", name=name, problem=problem))


def choose_sheet(book: Any, sheet: str | None, name: str) -> tuple[Any, int, list[str | None]]:
    """The sheet to read (--sheet NAME or N, else the first with a header the tool knows), the
    index of its header row, and its columns."""
    names: list[str] = list(book.sheet_names)
    if sheet is not None:
        if sheet.isdigit() and sheet not in names:
            index = int(sheet) - 1
            if not 0 <= index < len(names):
                raise DeadlineError(
                    msg("workbook_no_sheet", name=name, sheet=shown(sheet), sheets=tuple(names))
                )
            candidates = [names[index]]
        elif sheet in names:
            candidates = [sheet]
        else:
            raise DeadlineError(
                msg("workbook_no_sheet", name=name, sheet=shown(sheet), sheets=tuple(names))
            )
    else:
        candidates = names
    for title in candidates:
        found = book.get_sheet_by_name(title)
        if found.height * max(found.width, 1) > MAX_CELLS:
            raise DeadlineError(
                msg("workbook_too_many_cells", name=name, sheet=title, limit=str(MAX_CELLS))
            )
        for n, row in enumerate(found.iter_rows()):
            if n >= HEADER_SEARCH:
                break
            names = [_header_text(c) for c in row]
            columns = normalise_header(names)
            if any(c in DATE_INPUTS for c in columns):
                refuse_twice(names, columns, name)
                _check_merged(found, name)
                return found, n, columns
    raise DeadlineError(msg("workbook_no_header", name=name, sheets=tuple(candidates)))


def _check_merged(sheet: Any, name: str) -> None:
    """More merged cells than MAX_MERGED are refused, never filled in part."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    if sum((r2 - r1 + 1) * (c2 - c1 + 1) for (r1, c1), (r2, c2) in ranges) > MAX_MERGED:
        raise DeadlineError(
            msg("workbook_too_many_cells", name=name, sheet=sheet.name, limit=str(MAX_MERGED))
        )


def _header_text(cell: object) -> str:
    return cell if isinstance(cell, str) else "" if cell is None else str(cell)


def workbook_rows(
    sheet: Any, header_index: int, columns: list[str | None], notice: Callable[[Msg], None]
) -> Iterator[RawRow]:
    """Every data row below the header, numbered as Excel shows it, its cells as text."""
    rows = sheet.iter_rows()
    start_row = sheet.start[0] if sheet.start else 0
    header: list[str] = []
    filled = _merged(sheet)
    for n, row in enumerate(rows):
        if n < header_index:
            continue
        if n == header_index:
            header = [" ".join(_header_text(c).split()) for c in row]
            unknown = unknown_columns(header, columns)
            if unknown is not None:
                notice(unknown)
            continue
        cells = [filled.get((n, j), cell) for j, cell in enumerate(row)]
        if all(cell in ("", None) for cell in cells):
            continue
        excel_row = start_row + n + 1
        fields: dict[str, str] = {}
        headers: dict[str, str] = {}
        bad: Msg | None = None
        for j, column in enumerate(columns):
            if column is None or j >= len(cells):
                continue
            headers[column] = header[j] if j < len(header) else column
            value, problem = _cell(cells[j], column in DATE_INPUTS)
            if problem:
                bad = msg(problem, column=shown_column(column, headers), value=shown(cells[j]))
                break
            fields[column] = value
        line = ";".join(_header_text(c) for c in cells)
        case_id = ""
        if bad is not None and "id" in columns:
            case_id = (
                _cell(cells[columns.index("id")], False)[0]
                if columns.index("id") < len(cells)
                else ""
            )
        yield RawRow(excel_row, None if bad else fields, bad, line, headers, case_id)


def _merged(sheet: Any) -> dict[tuple[int, int], Any]:
    """A merged range's value in each of its cells (Excel keeps it in the first only); their
    number is bounded by :func:`choose_sheet`."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    if not ranges:
        return {}
    grid = sheet.to_python()
    start = sheet.start or (0, 0)
    filled: dict[tuple[int, int], Any] = {}
    for (r1, c1), (r2, c2) in ranges:
        top, left = r1 - start[0], c1 - start[1]
        if not (0 <= top < len(grid)) or left >= len(grid[top]) or left < 0:
            continue
        value = grid[top][left]
        for r in range(top, r2 - start[0] + 1):
            for c in range(left, c2 - start[1] + 1):
                filled[(r, c)] = value
    return filled


def _cell(value: object, is_date: bool) -> tuple[str, str | None]:
    """A cell as the text the batch reads, or the message key of its problem."""
    if value is None or value == "":
        return "", None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, timedelta):
        return ("", "workbook_bad_date") if is_date else (str(value), None)
    if isinstance(value, int | float):
        if is_date:
            if float(value).is_integer() and 1 <= value <= 2_958_465:
                return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat(), None
            return "", "workbook_bad_date"
        return (str(int(value)) if float(value).is_integer() else str(value)), None
    return " ".join(str(value).split()), None
