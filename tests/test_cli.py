"""The command line, through typer's CliRunner and through the installed ``deadline``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from deadline_cli.cli import app

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_seed_case_json_contract() -> None:
    code, out, _ = invoke(
        "compute",
        "2026-02-05",
        "--final-form",
        "2026-02-05",
        "--format",
        "json",
        "--as-of",
        "2026-02-06",
    )
    assert code == 0
    data = json.loads(out)
    assert data["procedure"] == "refugee"
    assert data["inputs"]["ruling"] == "2026-02-05"
    by_id = {e["id"]: e for e in data["events"]}
    assert [e["id"] for e in data["events"]] == [
        "ruling",
        "final_form",
        "appeal_deadline",
        "entry_into_force",
        "exit_deadline",
    ]
    assert by_id["appeal_deadline"]["date"] == by_id["appeal_deadline"]["latest"] == "2026-04-06"
    assert by_id["appeal_deadline"]["nominal"] == "2026-04-05"
    assert by_id["appeal_deadline"]["basis"] == "APPC art. 168(2)"
    assert by_id["appeal_deadline"]["certainty"] == "text"
    assert by_id["appeal_deadline"]["days_left"] == 59
    assert by_id["entry_into_force"]["date"] == "2026-04-07"
    assert by_id["exit_deadline"]["date"] == "2026-05-08"
    assert by_id["exit_deadline"]["nominal"] == "2026-05-07"
    assert any(
        "Defender of the Fatherland Day" in s["text"] for s in by_id["exit_deadline"]["steps"]
    )
    assert any("secondary" in w for w in data["warnings"])


def test_json_ranges_without_final_form() -> None:
    code, out, _ = invoke("compute", "05.02.2026", "--format", "json")
    assert code == 0
    by_id = {e["id"]: e for e in json.loads(out)["events"]}
    assert (by_id["appeal_deadline"]["date"], by_id["appeal_deadline"]["latest"]) == (
        "2026-04-06",
        "2026-05-05",
    )
    assert by_id["exit_deadline"]["latest"] == "2026-06-05"
    assert "steps_latest" in by_id["exit_deadline"]


def test_table_in_a_pipe_is_plain_text_with_the_articles() -> None:
    code, out, err = invoke(
        "compute", "2026-02-05", "--final-form", "2026-02-05", "--as-of", "2026-02-06"
    )
    assert code == 0
    assert "\x1b[" not in out
    appeal = next(line for line in out.splitlines() if "Last day to appeal" in line)
    assert "Mon 6 Apr 2026" in appeal and "APPC 168(2)" in appeal and "59" in appeal
    leave = next(line for line in out.splitlines() if "Last day to leave" in line)
    assert "Fri 8 May 2026" in leave and "Refugees Law 18(1)" in leave
    # The table's warnings are its numbered notes, said once, on stdout: not again on stderr.
    flat = " ".join(out.split())
    assert "[1] Last day to leave Kazakhstan, by each reading of the law:" in flat
    assert "; the rule is secondary" in flat  # one note per event: its caveats together
    assert err == ""


def test_explain_prints_the_trace_under_each_date() -> None:
    _, plain, _ = invoke("compute", "2026-02-05", "--final-form", "2026-02-05")
    _, explained, _ = invoke("compute", "2026-02-05", "--final-form", "2026-02-05", "--explain")
    assert "Defender of the Fatherland Day" not in plain
    assert "not a working day (Defender of the Fatherland Day)" in explained
    assert "rolled forward" in explained


def test_civil_cassation_through_the_cli() -> None:
    code, out, _ = invoke(
        "compute", "2025-03-03", "-p", "civil", "--appeal-ruling", "2025-09-01", "--format", "json"
    )
    assert code == 0
    by_id = {e["id"]: e for e in json.loads(out)["events"]}
    assert by_id["cassation_deadline"]["date"] == "2026-03-02"


def test_holidays_json_2025() -> None:
    code, out, _ = invoke("holidays", "2025", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2025
    kinds = {d["date"]: d["kind"] for d in data["non_working_days"]}
    assert kinds["2025-01-03"] == "day_off_by_order"
    assert kinds["2025-03-08"] == "holiday"  # on a Saturday, still listed
    assert kinds["2025-03-10"] == "holiday_moved"
    assert data["working_weekend_days"][0]["date"] == "2025-01-05"


def test_holidays_table() -> None:
    code, out, err = invoke("holidays", "2027", env={"COLUMNS": "120"})
    assert code == 0 and err == ""
    assert "Defender of the Fatherland Day" in out and "Eid al-Adha (estimated)" in out
    assert "[1] the calendar for 2027 is provisional" in out
    assert "[2] Eid al-Adha (estimated) on Sun 16 May 2027 is an estimated date" in out


def test_rules_lists_and_shows_packs() -> None:
    code, out, _ = invoke("rules")
    assert code == 0 and "refugee" in out and "civil" in out
    code, out, _ = invoke("rules", "civil", "--format", "json")
    assert code == 0
    steps = {s["id"]: s for s in json.loads(out)["steps"]}
    assert steps["cassation_deadline"]["basis"] == "GPK art. 436(1)"


_RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
_KK_MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]


@given(
    st.dates(date(1992, 1, 1), date(2100, 12, 31)),
    st.sampled_from(["ru", "ru-quoted", "kk", "dotted"]),
    st.sampled_from(["", " г.", "г.", " года", " г", " ж."]),
    st.booleans(),
)
def test_a_date_as_a_document_writes_it_is_that_date(
    day: date, shape: str, year_word: str, upper: bool
) -> None:
    from deadline_cli.dates import parse_date

    ru, kk = _RU_MONTHS[day.month - 1], _KK_MONTHS[day.month - 1]
    written = {
        "ru": f"{day.day} {ru} {day.year}{year_word if year_word != ' ж.' else ''}",
        "ru-quoted": f"«{day.day:02}» {ru} {day.year} г.",
        "kk": f"{day.year} жылғы {day.day} {kk}{'да' if upper else ''}",
        "dotted": f"{day.day:02}.{day.month:02}.{day.year}{year_word}",
    }[shape]
    assert parse_date(written.upper() if upper else written) == day
    assert parse_date(f"  {written}\t") == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 февраля 2026", "is not a real date"),
        ("5 февраля", "is not a date"),  # no year: never guessed
        ("05.02.26 г.", "is not a date"),  # a year of two digits: never guessed
        ("05.02.2026 и 12.02.2026", "is not a date"),  # two dates: which one is a guess
        ("5 февраля 2026 года г.", "is not a date"),
        ("5 feb 2026", "is not a date"),
        ("2026 жылғы ақпан", "is not a date"),
        ("05/02/2026 г.", "is not a date"),  # day and month in either order
    ],
)
def test_a_text_that_is_not_one_whole_date_is_refused(text: str, message: str) -> None:
    code, out, err = invoke("compute", text)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compute", "2026-02-30"], "not a real date"),
        (["compute", "yesterday-ish"], "not a date"),
        (["compute", "2026-02-05", "--procedure", "nope"], "unknown procedure"),
        (["compute", "2026-02-05", "--format", "xml"], "xml"),
        (["compute", "2026-02-05", "--final-form", "2026-02-01"], "is before DATE 2026-02-05"),
        (["compute", "2026-02-05", "--appeal-ruling", "2025-02-01"], "is before DATE"),
        (["compute", "1985-02-05"], "1992-2100"),
        (["compute", "2100-12-20"], "1992-2100"),
        (["compute", "9999-12-31"], "1992-2100"),
        (["holidays", "2300"], "1992-2100"),
        (["rules", "nope"], "unknown procedure"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def _installed() -> str:
    found = shutil.which("deadline", path=str(Path(sys.executable).parent)) or shutil.which(
        "deadline"
    )
    assert found, "the deadline command is not installed: pip install -e '.[test]'"
    return found


def test_installed_command_seed_case() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [_installed(), "compute", "2026-02-05", "--final-form", "2026-02-05", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    by_id = {e["id"]: e["date"] for e in json.loads(result.stdout)["events"]}
    assert by_id["exit_deadline"] == "2026-05-08"


@pytest.mark.parametrize("args", [["compute", "2026-02-30"], ["compute", "--bogus", "x"], []])
def test_installed_command_bad_input(args: list[str]) -> None:
    result = subprocess.run(
        [_installed(), *args], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    if args:
        assert len(result.stderr.strip().splitlines()) == 1


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "deadline_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("deadline ")


@pytest.mark.parametrize(
    ("words", "cword", "offered"),
    [
        ("deadline compute 2026-02-05 -p ref", 3, ["refugee", "refugee-path"]),
        ("deadline compute 2026-02-05 --lang ", 4, ["en", "ru", "kk"]),
        ("deadline rules r", 2, ["refugee", "refugee-path", "restore"]),
        ("deadline rules ", 2, ["check", "refugee", "civil", "detention"]),
    ],
)
def test_completion_offers_packs_languages_and_commands(
    words: str, cword: int, offered: list[str]
) -> None:
    env = {**os.environ, "_DEADLINE_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(cword if words.endswith(" ") else len(words.split()) - 1)
    result = subprocess.run(
        [_installed()], capture_output=True, text=True, check=False, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert set(offered) <= set(result.stdout.split())


def test_add_counts_back_with_a_minus_or_before() -> None:
    # '-3 days' before Thu 26 Mar 2026 -> Mon 23 Mar (Nauryz) -> Fri 20 Mar 2026, a reading.
    for args in (["add", "2026-03-26", "-3 days"], ["add", "2026-03-26", "3 days", "--before"]):
        result = CliRunner().invoke(app, [*args, "-f", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["date"], data["nominal"], data["before"]) == ("2026-03-20", "2026-03-23", True)
        assert any("--before" in w for w in data["warnings"])


@pytest.mark.parametrize("columns", [40, 60, 80])
@pytest.mark.parametrize(
    "command", [[], ["compute"], ["batch"], ["agenda"], ["add"], ["rules", "check"]]
)
def test_help_keeps_values_whole_and_fits_the_terminal(columns: int, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), [x for x in lines if len(x) > columns]
    # A value broken at its hyphen cannot be copied: no line may end inside a hyphenated word.
    assert not [x for x in lines if x.endswith("-") and not x.endswith(" -")], lines
    if command == ["compute"]:
        text = " ".join(result.stdout.split())
        for value in ("tax-audit", "30-days-from-entry-into-force", "complaint-decided"):
            assert value in text
