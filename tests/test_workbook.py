"""Workbooks as offices keep them (issue 16): .xlsx, .xlsm and .ods read by batch and agenda.

Each workbook is built here with openpyxl (or, for .ods, by hand: a zip of content.xml) the way
people make them: a merged title row, empty rows, Russian headers, dates as date cells, as
date-times, as serial numbers and as text, Kazakh procedure names, a column the tool does not
know. The answers must be those of the same cases given as CSV.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from deadline_cli.cli import app

AS_OF = ["--as-of", "2026-02-06"]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def register(path: Path, rows: list[list[object]], title: str = "Дела") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Справка"
    sheet.append(["Это не реестр"])  # a first sheet with no header: skipped
    cases = book.create_sheet(title)
    cases.append(["Реестр дел клиники на 2026 год"])
    cases.merge_cells("A1:E1")
    cases.append([])
    cases.append(["№", "Дата решения", "Окончательная форма", "Процедура", "Примечание"])
    for row in rows:
        cases.append(row)
    book.save(path)
    return path


ROWS: list[list[object]] = [
    ["К-1", date(2026, 2, 5), datetime(2026, 2, 5, 10, 30), "беженец", "клиент звонил"],
    [],  # an empty row between cases
    ["К-2", 46058, "05.02.2026", "азаматтық", None],  # a serial number, text, Kazakh
    ["К-3", "2026-02-05", None, "гражданское", ""],
]
# The same cases as CSV, as the tool reads them today.
CSV = (
    "id,ruling,final_form,procedure\n"
    "К-1,2026-02-05,2026-02-05,refugee\n"
    "К-2,2026-02-05,2026-02-05,civil\n"
    "К-3,2026-02-05,,civil\n"
)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_register_as_people_make_it_reads_as_its_csv(tmp_path: Path) -> None:
    book = register(tmp_path / "реестр.xlsx", ROWS)
    code, out, err = invoke("batch", str(book), "-f", "csv", *AS_OF)
    assert code == 0, err
    (tmp_path / "same.csv").write_text(CSV, encoding="utf-8")
    _, expected, _ = invoke("batch", str(tmp_path / "same.csv"), "-f", "csv", *AS_OF)
    assert csv_rows(out) == csv_rows(expected)
    assert "reading sheet «Дела», header on row 3" in err
    assert err.count("Примечание") == 1  # the unknown column, named once


def test_a_workbook_is_known_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    disguised = tmp_path / "cases.csv"
    disguised.write_bytes(book.read_bytes())
    macro = tmp_path / "cases.xlsm"
    macro.write_bytes(book.read_bytes())
    _, plain, _ = invoke("batch", str(book), "-f", "csv", *AS_OF)
    for path in (disguised, macro):
        code, out, _ = invoke("batch", str(path), "-f", "csv", *AS_OF)
        assert code == 0 and out == plain


def test_a_bad_cell_costs_its_row_named_by_sheet_excel_row_and_header(tmp_path: Path) -> None:
    rows = [*ROWS, ["К-4", "31.02.2026", None, "беженец", None], ["К-5", 3.5, None, None, None]]
    book = register(tmp_path / "bad.xlsx", rows)
    code, out, err = invoke("batch", str(book), "-f", "csv", *AS_OF)
    assert code == 1
    assert [r["id"] for r in csv_rows(out)] == ["К-1", "К-2", "К-3"]
    lines = [x for x in err.splitlines() if x.startswith("sheet")]
    # Title row 1, empty row 2, header row 3, К-1 on 4, the empty row 5, К-2 6, К-3 7, К-4 8.
    assert lines[0].startswith("sheet «Дела», row 8 (id К-4): «Дата решения» (ruling)")
    assert lines[1].startswith("sheet «Дела», row 9 (id К-5): «Дата решения» (ruling) 3.5")


def test_the_sheet_is_chosen_by_name_or_number(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    _, plain, _ = invoke("batch", str(book), "-f", "csv", *AS_OF)
    for sheet in ("Дела", "2"):
        code, out, _ = invoke("batch", str(book), "-f", "csv", "--sheet", sheet, *AS_OF)
        assert code == 0 and out == plain
    for sheet in ("Справка", "7", "Нет"):
        code, out, err = invoke("batch", str(book), "--sheet", sheet, *AS_OF)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    code, _, err = invoke("batch", str(tmp_path / "x.csv"), "--sheet", "1", *AS_OF)
    assert code == 2


def _ods(path: Path) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice saves one: a title, a header, a row."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Лист1">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Реестр</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Номер</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string">'
        "<text:p>Дата решения</text:p></table:table-cell>"
        '<table:table-cell office:value-type="string"><text:p>Окончательная форма</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell office:value-type="string"><text:p>К-1</text:p>'
        '</table:table-cell><table:table-cell office:value-type="date"'
        ' office:date-value="2026-02-05"><text:p>05.02.2026</text:p></table:table-cell>'
        '<table:table-cell office:value-type="date" office:date-value="2026-02-05">'
        "<text:p>05.02.2026</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return path


def test_an_ods_register_is_read(tmp_path: Path) -> None:
    code, out, err = invoke("batch", str(_ods(tmp_path / "cases.ods")), "-f", "csv", *AS_OF)
    assert code == 0, err
    (row,) = csv_rows(out)
    assert (row["id"], row["appeal_deadline"], row["exit_deadline"]) == (
        "К-1",
        "2026-04-06",  # 5 Feb + 2 months = Sun 5 Apr -> Mon 6 Apr 2026
        "2026-05-08",
    )


def test_agenda_reads_a_workbook(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    code, out, _ = invoke("agenda", str(book), "-f", "csv", "--within", "90", *AS_OF)
    assert code == 0
    due = {(r["case"], r["event"]): r["date"] for r in csv_rows(out)}
    assert due[("К-1", "appeal_deadline")] == "2026-04-06"
    assert due[("К-2", "appeal_deadline")] == "2026-03-05"


def test_broken_and_hostile_workbooks_are_one_line(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(book.read_bytes()[:2000])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (40 << 20))
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    ole = tmp_path / "old.xls"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    for path, said in (
        (broken, "cannot be read"),
        (bomb, "would unpack"),
        (other, "not a workbook"),
        (ole, "cannot be read"),
    ):
        code, out, err = invoke("batch", str(path), *AS_OF)
        assert code == 2 and out == "", (path.name, err)
        assert said in err and len(err.strip().splitlines()) == 1, (path.name, err)


def test_a_register_with_two_columns_for_one_input_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Реестр дел"])
    sheet.append(["№ дела", "Дата решения", "Дата оглашения"])
    sheet.append(["К-1", date(2026, 2, 5), date(2026, 2, 6)])
    book.save(tmp_path / "twice.xlsx")
    code, out, err = invoke("batch", str(tmp_path / "twice.xlsx"), *AS_OF)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "«Дата решения» and «Дата оглашения» both give ruling" in err


def test_big_register_streams_every_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [f"К-{n}", date(2025, 1, 1 + n % 28), None, "беженец", None] for n in range(3000)
    ]
    book = register(tmp_path / "big.xlsx", rows)
    code, out, _ = invoke("batch", str(book), "-f", "csv", *AS_OF)
    assert code == 0 and len(csv_rows(out)) == 3000


# Workbooks out: --format xlsx, read back by openpyxl, a second and independent library.


def test_batch_writes_a_workbook_with_real_dates_a_frozen_header_and_notes(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    target = tmp_path / "out.xlsx"
    code, out, err = invoke(
        "batch", str(book), "-f", "xlsx", "-o", str(target), "--lang", "ru", *AS_OF
    )
    assert code == 0 and out == "", err
    written = openpyxl.load_workbook(target)
    assert written.sheetnames == ["дела", "примечания"]
    sheet = written.worksheets[0]
    ids = [c.value for c in sheet[1]]
    labels = [c.value for c in sheet[2]]
    assert ids[:3] == ["id", "procedure", "ruling"] and ids[-1] == "warnings"
    assert sheet.row_dimensions[1].hidden and sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A2:")
    assert labels[ids.index("appeal_deadline")] == "Последний день подачи апелляционной жалобы"
    row = {ids[c]: cell for c, cell in enumerate(sheet[3])}
    assert row["id"].value == "К-1" and row["id"].data_type == "s"
    assert row["appeal_deadline"].value == datetime(2026, 4, 6)
    assert row["appeal_deadline"].data_type == "d" and "dd.mm.yyyy" in str(
        row["appeal_deadline"].number_format
    )
    assert row["warnings"].data_type == "n"
    notes = [[c.value for c in r] for r in written.worksheets[1].iter_rows(min_row=2)]
    assert any(n[0] == "К-1" and "вторичный источник" in n[2] for n in notes)


def test_agenda_workbook_marks_with_conditional_formatting(tmp_path: Path) -> None:
    book = register(tmp_path / "cases.xlsx", ROWS)
    target = tmp_path / "agenda.xlsx"
    code, _, err = invoke(
        "agenda", str(book), "-f", "xlsx", "-o", str(target), "--within", "90", *AS_OF
    )
    assert code == 0, err
    sheet = openpyxl.load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[2]]
    first = [c.value for c in sheet[3]]
    assert header[:3] == ["Date", "At the latest", "Days left"]
    assert first[0] == datetime(2026, 3, 5) and first[2] == 27 and first[3] == "К-2"
    rules = [r.formula[0] for cf in sheet.conditional_formatting for r in cf.rules]
    assert any("TODAY()" in f and "$B3" in f for f in rules)  # the binding day passed
    assert any("TODAY()" in f and "<=7" in f for f in rules)  # due within 7 days


def test_read_writes_a_workbook(tmp_path: Path) -> None:
    docs = Path(__file__).parent / "data" / "decisions"
    target = tmp_path / "read.xlsx"
    code, _, err = invoke(
        "read", str(docs / "refugee-ru.txt"), "-f", "xlsx", "-o", str(target), *AS_OF
    )
    assert code == 0, err
    sheet = openpyxl.load_workbook(target).worksheets[0]
    row = [c.value for c in sheet[3]]
    assert row[:5] == [
        "7599-26-00-4/215",
        "refugee",
        None,
        datetime(2026, 2, 5),
        datetime(2026, 2, 12),
    ]


def test_a_workbook_is_refused_on_a_terminal_and_output_goes_with_xlsx(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    book = register(tmp_path / "cases.xlsx", ROWS)
    code, out, err = invoke("batch", str(book), "-f", "csv", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "--format xlsx" in err
    code, out, err = invoke("batch", str(book), "-f", "xlsx", "-o", str(book))
    assert code == 2 and out == "" and "input file itself" in err
    deadline = Path(sys.executable).parent / "deadline"
    if not deadline.exists():
        return
    primary, secondary = os.openpty()
    try:
        result = subprocess.run(
            [str(deadline), "batch", str(book), "-f", "xlsx", *AS_OF],
            stdout=secondary,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 2 and b"binary" in result.stderr
    piped = subprocess.run(
        [str(deadline), "batch", str(book), "-f", "xlsx", *AS_OF],
        capture_output=True,
        check=False,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")
    (tmp_path / "piped.xlsx").write_bytes(piped.stdout)
    assert openpyxl.load_workbook(tmp_path / "piped.xlsx").worksheets[0]["A3"].value == "К-1"


DATA = Path(__file__).parent / "data" / "workbooks"


def test_a_real_xls_from_excel_97_2003_is_read() -> None:
    """Written by xlwt, not by the tests' own writer: a title row, date cells and a date as
    text (tests/data/workbooks/README.md)."""
    code, out, err = invoke("batch", str(DATA / "cases.xls"), "-f", "csv", *AS_OF)
    assert code == 0, err
    rows = {r["id"]: r for r in csv_rows(out)}
    assert rows["K-1"]["ruling"] == rows["K-1"]["final_form"] == "2026-02-05"
    assert rows["K-1"]["appeal_deadline"] == "2026-04-06"
    assert rows["K-2"]["ruling"] == "2026-02-05" and rows["K-2"]["final_form"] == "2026-02-05"
    assert rows["K-2"]["final_form_latest"] == "2026-03-05"  # not given: a range
    assert "reading sheet «Дела», header on row 2" in err


def test_a_password_protected_workbook_is_one_line_saying_so() -> None:
    for lang, said in (
        ("en", "the workbook is password-protected (encrypted): save a copy without the password"),
        ("ru", "книга защищена паролем (зашифрована): сохраните копию без пароля"),
    ):
        code, out, err = invoke("batch", str(DATA / "locked.xlsx"), "--lang", lang, *AS_OF)
        assert (code, out) == (2, "")
        assert said in err and len(err.strip().splitlines()) == 1, err


def test_a_workbook_that_cannot_be_written_is_one_line_and_exit_74(tmp_path: Path) -> None:
    """--output in a folder that does not exist: xlsxwriter's FileCreateError was a 70 (a
    bug of ours); it is the output failing, said in the user's language."""
    book = register(tmp_path / "cases.xlsx", ROWS)
    target = str(tmp_path / "missing" / "out.xlsx")
    for command in ("batch", "agenda"):
        code, out, err = invoke(
            command, str(book), "-f", "xlsx", "-o", target, "--lang", "ru", "-q"
        )
        assert code == 74, err
        assert out == ""
        assert err.count("\n") == 1 and "не удалось записать" in err and target in err
    assert not (tmp_path / "missing").exists()
