"""`deadline read`: the court's own document read, its dates computed exactly as `compute` does.

The corpus in tests/data/decisions/ was written for these tests from the structure the codes
give a decision (shared/domain/decisions.md), with distractor dates (births, contracts, laws,
the refusal itself) that must never be taken for the decision's dates.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from deadline_cli.cli import app
from deadline_cli.reading.extract import Line
from deadline_cli.reading.find import dates_in, read_document

DOCS = Path(__file__).parent / "data" / "decisions"
AS_OF = ["--as-of", "2026-03-20"]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def read_json(path: Path, *extra: str) -> dict[str, object]:
    code, out, err = invoke("read", str(path), "-f", "json", *AS_OF, *extra)
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)
    assert len(found) == 1
    return found[0]


def compute_events(*args: str) -> list[tuple[str, str, str]]:
    code, out, err = invoke("compute", *args, "-f", "json", *AS_OF)
    assert code == 0, err
    return [(e["id"], e["date"], e["latest"]) for e in json.loads(out)["events"]]


def events(data: dict[str, object]) -> list[tuple[str, str, str]]:
    return [(e["id"], e["date"], e["latest"]) for e in data["events"]]  # type: ignore[attr-defined]


# (file, pack, kind, ruling, final form, served, the line each came from, compute's arguments)
CORPUS = [
    (
        "refugee-ru.txt",
        "refugee",
        None,
        ("2026-02-05", 27),
        ("2026-02-12", 28),
        None,
        ["2026-02-05", "-p", "refugee", "--final-form", "2026-02-12"],
    ),
    (
        "refugee-kk.txt",
        "refugee",
        None,
        ("2026-02-05", 12),
        ("2026-02-12", 13),
        None,
        ["2026-02-05", "-p", "refugee", "--final-form", "2026-02-12"],
    ),
    (
        "admin-header-only.txt",  # only the introductory part dates it: the final form unknown
        "administrative",
        None,
        ("2026-03-03", 4),
        None,
        None,
        ["2026-03-03", "-p", "administrative"],
    ),
    (
        "civil-ru.txt",  # both moments on one line; a loan contract and a birth year around
        "civil",
        None,
        ("2026-03-02", 14),
        ("2026-03-06", 14),
        None,
        ["2026-03-02", "-p", "civil", "--final-form", "2026-03-06"],
    ),
    (
        "criminal-ru.txt",  # a date of birth in the introductory part is not the verdict's
        "criminal",
        None,
        ("2026-04-13", 12),
        None,
        None,
        ["2026-04-13", "-p", "criminal"],
    ),
    (
        "offence-court-ru.txt",  # decided by a judge; the term runs from the copy received
        "offence",
        "court",
        ("2026-03-02", 3),
        None,
        ("2026-03-04", 11),
        ["2026-03-02", "-p", "offence", "--kind", "court", "--served", "2026-03-04"],
    ),
    (
        "offence-official-ru.txt",  # an inspector's decision; a passport's date is no date
        "offence",
        "official",
        ("2026-04-15", 3),
        None,
        ("2026-04-17", 12),
        ["2026-04-15", "-p", "offence", "--kind", "official", "--served", "2026-04-17"],
    ),
    (
        "criminal-kk.txt",  # «үкім ... жария етілді»; a birth «1990 жылғы 3 мамырда туған»
        "criminal",
        None,
        ("2026-03-20", 11),
        None,
        None,
        ["2026-03-20", "-p", "criminal"],
    ),
    (
        "civil-kk.txt",  # «№ 2-55/2026 азаматтық іс»; a contract «2024 жылғы 1 шілдедегі»
        "civil",
        None,
        ("2026-04-06", 11),
        ("2026-04-10", 12),
        None,
        ["2026-04-06", "-p", "civil", "--final-form", "2026-04-10"],
    ),
    (
        "offence-official-kk.txt",  # a Kazakh inspector's decision; «көшірмесін ... алды»
        "offence",
        "official",
        ("2026-03-02", 3),
        None,
        ("2026-03-03", 11),
        ["2026-03-02", "-p", "offence", "--kind", "official", "--served", "2026-03-03"],
    ),
    (
        "admin-written-ru.txt",  # written procedure: the date the decision states (151(3))
        "administrative",
        None,
        ("2026-01-20", 4),
        None,
        None,
        ["2026-01-20", "-p", "administrative"],
    ),
    (
        "civil-ru-final-before-date.txt",  # «19 января 2026 года изготовлено мотивированное…»
        "civil",
        None,
        ("2026-01-14", 4),
        ("2026-01-19", 12),
        None,
        ["2026-01-14", "-p", "civil", "--final-form", "2026-01-19"],
    ),
    (
        "criminal-custody-ru.txt",  # «П Р И Г О В О Р»; a convict in custody, the copy received
        "criminal",
        None,
        ("2026-02-27", 12),
        None,
        ("2026-03-02", 12),
        ["2026-02-27", "-p", "criminal", "--served", "2026-03-02"],
    ),
    (
        "operative-part-only.txt",  # only the operative part: no final form to be found
        "refugee",
        None,
        ("2026-03-16", 4),
        None,
        None,
        ["2026-03-16", "-p", "refugee"],
    ),
]


@pytest.mark.parametrize(
    ("name", "pack", "kind", "ruling", "final_form", "served", "args"),
    CORPUS,
    ids=[c[0] for c in CORPUS],
)
def test_each_document_is_read_with_its_evidence_and_computed_as_compute_does(
    name: str,
    pack: str,
    kind: str | None,
    ruling: tuple[str, int],
    final_form: tuple[str, int] | None,
    served: tuple[str, int] | None,
    args: list[str],
) -> None:
    data = read_json(DOCS / name)
    found = data["found"]
    assert isinstance(found, dict)
    assert found["procedure"]["value"] == pack
    assert (found["kind"] or {}).get("value") == kind
    for moment, expected in (("ruling", ruling), ("final_form", final_form), ("served", served)):
        if expected is None:
            assert found[moment] is None, moment
        else:
            assert (found[moment]["value"], found[moment]["line"]) == expected, moment
            assert found[moment]["from"] == "document"
    assert events(data) == compute_events(*args)


def test_the_table_says_what_was_found_and_where() -> None:
    code, out, _ = invoke("read", str(DOCS / "refugee-ru.txt"), *AS_OF, "--lang", "ru")
    assert code == 0
    flat = " ".join(out.split())
    assert "Найдено в документе" in flat
    assert "Решение в окончательной форме: Чт 12.02.2026 (строка 28:" in flat
    assert "Пн 13.04.2026" in flat  # 12 Apr 2026 + 2 months is a Sunday
    code, out, _ = invoke("read", str(DOCS / "admin-header-only.txt"), *AS_OF)
    assert "not stated in the document" in " ".join(out.split())


def test_a_pdf_is_read_with_the_page_of_each_line() -> None:
    data = read_json(DOCS / "refugee-ru.pdf")
    found = data["found"]
    assert isinstance(found, dict)
    assert (found["final_form"]["value"], found["final_form"]["page"]) == ("2026-02-12", 2)
    assert events(data) == events(read_json(DOCS / "refugee-ru.txt"))


def _docx(tmp_path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "decision.docx"
    document.save(str(path))
    return path


def test_a_docx_and_a_windows_1251_text_read_as_the_utf8_text(tmp_path: Path) -> None:
    text = (DOCS / "refugee-ru.txt").read_text("utf-8")
    expected = events(read_json(DOCS / "refugee-ru.txt"))
    assert events(read_json(_docx(tmp_path, text))) == expected
    cp1251 = tmp_path / "decision-1251.txt"
    cp1251.write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
    assert events(read_json(cp1251)) == expected


def test_options_override_the_document_and_say_so() -> None:
    data = read_json(DOCS / "admin-header-only.txt", "--final-form", "2026-03-13")
    found = data["found"]
    assert isinstance(found, dict)
    assert found["final_form"] == {"value": "2026-03-13", "from": "option"}
    assert events(data) == compute_events(
        "2026-03-03", "-p", "administrative", "--final-form", "2026-03-13"
    )


def test_a_wrongly_stated_term_is_named_beside_the_law() -> None:
    data = read_json(DOCS / "admin-wrong-term.txt")
    warnings = data["warnings"]
    assert isinstance(warnings, list)
    assert any("в течение одного месяца" in w and "2 months" in w for w in warnings)
    code, out, _ = invoke("read", str(DOCS / "refugee-ru.txt"), "-f", "json", *AS_OF)
    assert code == 0
    assert not any("court states" in w for w in json.loads(out)[0]["warnings"])


def test_two_dates_for_one_moment_are_refused_with_both_lines() -> None:
    code, out, err = invoke("read", str(DOCS / "conflict.txt"), *AS_OF)
    assert code == 1 and out == ""
    assert "«Решение в окончательной форме изготовлено 12 февраля 2026 года.»" in err
    assert "«Мотивированное решение изготовлено 13 февраля 2026 года.»" in err
    assert "--final-form" in err
    code, out, err = invoke(
        "read", str(DOCS / "conflict.txt"), *AS_OF, "--final-form", "2026-02-12", "-f", "csv"
    )
    assert code == 0 and "2026-02-12" in out


def test_a_letter_is_not_a_decision_and_costs_no_other_document() -> None:
    code, out, err = invoke(
        "read", str(DOCS / "letter.txt"), str(DOCS / "civil-ru.txt"), "-f", "csv", *AS_OF
    )
    assert code == 1
    assert "letter.txt: this is not a court decision" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["2-1402/2026"]


def test_hostile_files_get_one_line(tmp_path: Path) -> None:
    import pypdf

    scan = pypdf.PdfWriter()
    scan.add_blank_page(595, 842)
    scan.write(str(tmp_path / "scan.pdf"))
    huge = pypdf.PdfWriter()
    for _ in range(5000):
        huge.add_blank_page(595, 842)
    huge.write(str(tmp_path / "huge.pdf"))
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (70 << 20))
    laughs = tmp_path / "laughs.docx"
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(laughs, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    for name, said in (
        ("scan.pdf", "no text layer"),
        ("huge.pdf", "5000 pages"),
        ("bomb.docx", "would unpack"),
        ("laughs.docx", "DOCX"),
        ("binary.txt", "neither text"),
        ("missing.pdf", "cannot be read"),
    ):
        code, out, err = invoke("read", str(tmp_path / name))
        assert code == 1 and out == "", name
        assert said in err and len(err.strip().splitlines()) == 1, (name, err)


# Dates as courts write them, read back exactly; distractors never taken.

_RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа"]
_RU_MONTHS += ["сентября", "октября", "ноября", "декабря"]
_KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз"]
_KK_MONTHS += ["қыркүйек", "қазан", "қараша", "желтоқсан"]


def written(day: date, style: int) -> str:
    if style == 0:
        return f"{day.day} {_RU_MONTHS[day.month - 1]} {day.year} года"
    if style == 1:
        return f"«{day.day:02d}» {_RU_MONTHS[day.month - 1]} {day.year} г."
    if style == 2:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.year} жылғы {day.day} {_KK_MONTHS[day.month - 1]}да"


days = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(days, days, days, days, st.integers(0, 3), st.integers(0, 3), st.integers(0, 3))
def test_a_generated_decision_is_read_back_to_its_dates(
    header: date, final: date, birth: date, law: date, a: int, b: int, c: int
) -> None:
    text = [
        "РЕШЕНИЕ",
        f"{written(header, a)} город Астана",
        f"по иску гражданина ({written(birth, b)} года рождения), по договору от {written(law, c)}",
        "административное дело",
        "УСТАНОВИЛ:",
        f"Закон от {written(law, b)} № 216-IV",
        f"Решение в окончательной форме изготовлено {written(final, c)}.",
    ]
    lines = [Line(n, 1, t) for n, t in enumerate(text, 1)]
    reading = read_document(lines)
    assert reading.header_date is not None and reading.header_date.value == header
    assert [f.value for f in reading.dates["final_form"]] == [final]
    assert dates_in(written(final, a)) == [(0, final)] or a == 1  # «05» starts at the quote


def test_read_csv_feeds_agenda_through_the_installed_command(tmp_path: Path) -> None:
    deadline = Path(sys.executable).parent / "deadline"
    if not deadline.exists():
        pytest.skip("the deadline command is not installed beside this Python")
    docs = " ".join(str(DOCS / n) for n in ("refugee-ru.txt", "civil-ru.txt", "refugee-ru.pdf"))
    result = subprocess.run(
        f"{deadline} read {docs} -f csv --as-of 2026-03-01 > {tmp_path}/cases.csv && "
        f"{deadline} agenda {tmp_path}/cases.csv --as-of 2026-03-01 --within 60 -f csv",
        shell=True,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    due = {(r["case"], r["event"]): r["date"] for r in rows}
    assert due[("7599-26-00-4/215", "appeal_deadline")] == "2026-04-13"
    assert due[("2-1402/2026", "appeal_deadline")] == "2026-04-06"  # 6 Apr 2026, a Monday
