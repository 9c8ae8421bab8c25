"""A workbook a person can work in (``--format xlsx``): real date cells Excel sorts, filters and
colours, integers for days left, text elsewhere; the header frozen with an autofilter; columns
sized to their content; the labels in the language asked for, the machine ids (``appeal_deadline``)
in a first row kept hidden so a script can read the workbook back; a second sheet of the notes.

Written by xlsxwriter in its constant-memory mode (rows go straight to disk, so a batch of
100,000 cases stays in flat memory), into a file: ``--output FILE``, or a temporary file copied
to stdout when stdout is a pipe. Imported only when a workbook is written.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from typing import Any

from deadline_cli.errors import DeadlineError, OutputError, describe_os_error
from deadline_cli.i18n import Lang, msg

_DATE_FORMATS = {"en": "ddd d mmm yyyy", "ru": "ddd dd.mm.yyyy", "kk": "ddd dd.mm.yyyy"}
_MAX_WIDTH = 60


class Book:
    """One workbook: a main sheet of typed rows and a sheet of notes, written as they come."""

    def __init__(self, target: str | None, lang: Lang, sheet: str, notes: str) -> None:
        import xlsxwriter  # type: ignore[import-untyped]

        if target is None and _tty(sys.stdout):
            raise DeadlineError(msg("error_xlsx_terminal"))
        self.target = target
        self.lang = lang
        if target is None:
            handle, self.path = tempfile.mkstemp(suffix=".xlsx")
            os.close(handle)
        else:
            self.path = target
        self.book = xlsxwriter.Workbook(
            self.path, {"constant_memory": True, "strings_to_numbers": False}
        )
        self.sheet = self.book.add_worksheet(sheet[:31])
        self.notes = self.book.add_worksheet(notes[:31])
        self.date = self.book.add_format({"num_format": _DATE_FORMATS.get(lang.code, "yyyy-mm-dd")})
        self.bold = self.book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.widths: list[int] = []
        self.kinds: list[str] = []
        self.row = 0
        self.note_row = 0

    def header(self, ids: Sequence[str], labels: Sequence[str], kinds: Sequence[str]) -> None:
        """The machine ids (row 1, hidden), the labels (row 2, frozen, with an autofilter);
        ``kinds`` says each column's cells: "date", "int" or "text"."""
        self.kinds = list(kinds)
        self.widths = [max(10, min(_MAX_WIDTH, len(label) + 2)) for label in labels]
        for c, width in enumerate(self.widths):
            if kinds[c] == "date":
                self.widths[c] = max(width, 17)
        self.sheet.set_row(0, None, None, {"hidden": True})
        for c, name in enumerate(ids):
            self.sheet.write_string(0, c, name)
        for c, label in enumerate(labels):
            self.sheet.write_string(1, c, label, self.bold)
        for c, width in enumerate(self.widths):
            self.sheet.set_column(c, c, width)
        self.sheet.freeze_panes(2, 0)
        self.row = 2
        self.notes.write_string(0, 0, self.lang("xlsx_notes_case"), self.bold)
        self.notes.write_string(0, 1, self.lang("xlsx_notes_event"), self.bold)
        self.notes.write_string(0, 2, self.lang("xlsx_notes_text"), self.bold)
        self.notes.set_column(0, 0, 16)
        self.notes.set_column(1, 1, 30)
        self.notes.set_column(2, 2, 100)
        self.notes.freeze_panes(1, 0)
        self.note_row = 1

    def add(self, values: Sequence[object]) -> None:
        r = self.row
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = self.kinds[c]
            if kind == "date" and isinstance(value, date):
                self.sheet.write_datetime(r, c, value, self.date)
            elif kind == "int" and isinstance(value, int):
                self.sheet.write_number(r, c, value)
            else:
                self.sheet.write_string(r, c, str(value))
        self.row += 1

    def note(self, case: str, event: str, text: str) -> None:
        self.notes.write_string(self.note_row, 0, case)
        self.notes.write_string(self.note_row, 1, event)
        self.notes.write_string(self.note_row, 2, text)
        self.note_row += 1

    def highlight(self, formula_soon: str, formula_passed: str) -> None:
        """Rows due within 7 days and rows whose binding day has passed, coloured by
        conditional formatting: TODAY() keeps it true as the days pass."""
        last = max(self.row - 1, 2)
        cols = len(self.kinds) - 1
        soon = self.book.add_format({"bg_color": "#FFE699"})
        passed = self.book.add_format({"bg_color": "#F4B084", "bold": True})
        self.sheet.conditional_format(
            2, 0, last, cols, {"type": "formula", "criteria": formula_passed, "format": passed}
        )
        self.sheet.conditional_format(
            2, 0, last, cols, {"type": "formula", "criteria": formula_soon, "format": soon}
        )

    def close(self) -> None:
        self.sheet.autofilter(1, 0, max(self.row - 1, 1), max(len(self.kinds) - 1, 0))
        from xlsxwriter.exceptions import FileCreateError  # type: ignore[import-untyped]

        try:
            self.book.close()
        except OSError as exc:
            raise OutputError(f"{self.path}: {describe_os_error(exc)}") from None
        except FileCreateError as exc:  # the file could not be created: it wraps the OSError
            cause = exc.args[0] if exc.args else None
            reason = describe_os_error(cause) if isinstance(cause, OSError) else str(exc)
            raise OutputError(f"{self.path}: {reason}") from None
        if self.target is None:
            try:
                stream = sys.stdout.buffer
                sys.stdout.flush()
                with open(self.path, "rb") as handle:
                    shutil.copyfileobj(handle, stream)
                stream.flush()
            except BrokenPipeError:
                from deadline_cli.errors import OutputClosed

                raise OutputClosed() from None
            except OSError as exc:
                raise OutputError(describe_os_error(exc)) from None
            finally:
                os.unlink(self.path)


def _tty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False
