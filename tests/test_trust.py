"""Issue 4 through the command line: calendar overrides, user packs, readings, deadline add."""

from __future__ import annotations

import json
import os
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from deadline_cli.cli import app

runner = CliRunner()

SEED = ["compute", "2026-02-05", "--final-form", "2026-02-05", "--as-of", "2026-02-06"]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def events(out: str) -> dict[str, dict[str, object]]:
    return {e["id"]: e for e in json.loads(out)["events"]}


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


DAY_OFF = """
[[days_off]]
date = 2026-04-06
name = "Day off by decree (test)"
source = "Decree No. 1 of 2026"
"""

WORKING_SUNDAY = """
[[working_days]]
date = 2026-04-05
name = "Working Sunday (test)"
source = "Order No. 2 of 2026"
"""


def test_a_day_off_override_moves_the_deadline_and_is_named(tmp_path: Path) -> None:
    # Appeal: Sun 5 Apr 2026 -> Mon 6 Apr is now a day off -> Tue 7 Apr; in force Wed 8 Apr;
    # exit 30 days -> Fri 8 May 2026.
    cal = write(tmp_path / "c.toml", DAY_OFF)
    code, out, _ = invoke(*SEED, "--calendar", cal, "--format", "json")
    assert code == 0
    found = events(out)
    assert found["appeal_deadline"]["date"] == "2026-04-07"
    assert found["entry_into_force"]["date"] == "2026-04-08"
    assert found["exit_deadline"]["date"] == "2026-05-08"
    texts = [s["text"] for s in found["appeal_deadline"]["steps"]]  # type: ignore[union-attr]
    assert (
        "not a working day (Day off by decree (test) (calendar override: Decree No. 1 of 2026))"
        in texts
    )


def test_a_working_day_override_stops_the_roll_and_is_named(tmp_path: Path) -> None:
    # Sun 5 Apr 2026 made a working day: the appeal ends that day; in force Mon 6 Apr;
    # exit 30 days -> Wed 6 May 2026.
    cal = write(tmp_path / "c.toml", WORKING_SUNDAY)
    code, out, _ = invoke(*SEED, "--calendar", cal, "--format", "json")
    assert code == 0
    found = events(out)
    assert found["appeal_deadline"]["date"] == "2026-04-05"
    assert found["exit_deadline"]["date"] == "2026-05-06"
    texts = [s["text"] for s in found["appeal_deadline"]["steps"]]  # type: ignore[union-attr]
    assert any("calendar override (Working Sunday (test); Order No. 2 of 2026)" in t for t in texts)


def test_overrides_show_in_holidays_with_their_source(tmp_path: Path) -> None:
    cal = write(tmp_path / "c.toml", DAY_OFF + WORKING_SUNDAY)
    code, out, _ = invoke("holidays", "2026", "--calendar", cal, "--format", "json")
    assert code == 0
    data = json.loads(out)
    off = {d["date"]: d for d in data["non_working_days"]}
    assert off["2026-04-06"]["kind"] == "override"
    assert off["2026-04-06"]["source"] == "Decree No. 1 of 2026"
    work = {d["date"]: d for d in data["working_weekend_days"]}
    assert work["2026-04-05"]["override"] is True and work["2026-04-05"]["source"]
    code, table, _ = invoke("holidays", "2026", "--calendar", cal, env={"COLUMNS": "200"})
    assert "Decree No. 1 of 2026" in table and "Order No. 2 of 2026" in table
    assert f"Calendar overrides from {cal}" in table


def test_override_file_from_environment_and_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "deadline-cli"
    config.mkdir(parents=True)
    write(config / "calendar.toml", DAY_OFF)
    _, out, _ = invoke(*SEED, "--format", "json")
    assert events(out)["appeal_deadline"]["date"] == "2026-04-07"  # the default file
    env_file = write(tmp_path / "env.toml", WORKING_SUNDAY)
    monkeypatch.setenv("DEADLINE_CALENDAR", env_file)
    _, out, _ = invoke(*SEED, "--format", "json")
    assert events(out)["appeal_deadline"]["date"] == "2026-04-05"  # the variable wins
    option = write(tmp_path / "opt.toml", "")
    _, out, _ = invoke(*SEED, "--format", "json", "--calendar", option)
    assert events(out)["appeal_deadline"]["date"] == "2026-04-06"  # the option wins


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[days_off]\n", "not valid TOML"),
        ('[[days_off]]\ndate = "2026-04-06"\nname = "x"\nsource = "y"\n', "days_off[0].date"),
        (
            "[[days_off]]\ndate = 2026-04-06T10:00:00\nname = 'x'\nsource = 'y'\n",
            "(no time of day), not 2026-04-06T10:00:00",  # as written, not Python's repr
        ),
        ("[[days_off]]\ndate = 2026-04-06\nsource = 'y'\n", "days_off[0].name"),
        (
            "[[working_days]]\ndate = 2026-04-05\nname = 'x'\nsource = ''\n",
            "working_days[0].source",
        ),
        (
            "[[days_off]]\ndate = 2026-04-06\nname = 'x'\nsource = 'y'\nnote = 'z'\n",
            "note: unknown",
        ),
        ("holidays = []\n", "holidays: unknown key"),
        ("days_off = 3\n", "days_off: must be an array"),
        ("[[days_off]]\ndate = 2150-01-01\nname = 'x'\nsource = 'y'\n", "outside the calendar"),
        (DAY_OFF + DAY_OFF, "listed twice"),
    ],
)
def test_malformed_calendar_file_is_one_line_and_exit_2(
    tmp_path: Path, text: str, problem: str
) -> None:
    cal = write(tmp_path / "bad.toml", text)
    for command in (SEED, ["holidays", "2026"], ["add", "2026-02-05", "1 month"]):
        code, out, err = invoke(*command, "--calendar", cal)
        assert code == 2 and out == ""
        assert err.startswith(f"deadline: error: calendar file {cal}: ")
        assert problem in err and len(err.strip().splitlines()) == 1


def test_missing_calendar_file_is_exit_2(tmp_path: Path) -> None:
    code, out, err = invoke(*SEED, "--calendar", str(tmp_path / "none.toml"))
    assert code == 2 and out == "" and "cannot be read" in err


# User packs.


def builtin(name: str) -> str:
    return resources.files("deadline_cli.rules").joinpath(name).read_text("utf-8")


def test_rules_check_accepts_a_valid_pack(tmp_path: Path) -> None:
    pack = write(
        tmp_path / "mine.toml", builtin("civil.toml").replace('id = "civil"', 'id = "mine"')
    )
    code, out, err = invoke("rules", "check", pack)
    assert code == 0 and err == ""
    assert "valid pack 'mine'" in out


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('period = "1 month"', 'period = "1 moon"', "steps[1] (appeal_deadline).period"),
        (
            'period = "1 month"',
            'peroid = "1 month"',
            "steps[1] (appeal_deadline).peroid: unknown key",
        ),
        ('basis = "GPK art. 403(3)"', "", "steps[1] (appeal_deadline).basis: is missing"),
        (
            'source = "GPK"\ncertainty = "text"\nnote = "for persons',
            'source = "GPC"\ncertainty = "text"\nnote = "for persons',
            "source: 'GPC' is not a known source",
        ),
        ('from = "final_form"', 'from = "decision"', "from: 'decision' is neither an input"),
        ("schema = 1", "schema = 2", "schema: this version reads schema 1"),
        ('certainty = "text"', 'certainty = "sure"', "certainty: 'sure' is not one of"),
        ("roll = true", 'roll = "yes"', "roll: must be a bool"),
        ("[ruling]", "[ruling", "not valid TOML"),
    ],
)
def test_rules_check_names_the_field_and_the_problem(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text = builtin("civil.toml")
    assert old in text
    pack = write(tmp_path / "bad.toml", text.replace(old, new, 1))
    code, out, err = invoke("rules", "check", pack)
    assert code == 2 and out == ""
    assert field in err and pack in err
    assert len(err.strip().splitlines()) == 1


def test_compute_with_a_user_pack(tmp_path: Path) -> None:
    # A firm's pack: a 10-working-day private complaint (GPK art. 429) from the ruling.
    # Thu 5 Feb 2026 + 10 working days = Thu 19 Feb 2026.
    pack = write(
        tmp_path / "complaint.toml",
        """schema = 1
id = "private-complaint"
name = "Private complaint against a ruling (GPK art. 429)"

[ruling]
label = "Ruling in final form"
basis = "GPK art. 429"
source = "GPK"

[[steps]]
id = "complaint_deadline"
label = "Last day for the private complaint"
from = "ruling"
period = "10 working days"
roll = true
deadline = true
basis = "GPK art. 429"
source = "GPK"
certainty = "text"
""",
    )
    code, out, _ = invoke("compute", "2026-02-05", "--rules", pack, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["procedure"] == "private-complaint"
    assert events(out)["complaint_deadline"]["date"] == "2026-02-19"
    code, _, err = invoke("compute", "2026-02-05", "--rules", pack, "-p", "civil")
    assert code == 2 and "give one" in err


# Exit readings and --served through the CLI.


def test_exit_reading_is_stated_in_every_format() -> None:
    code, out, _ = invoke(
        *SEED, "--exit-from", "decision", "--exit-period", "1 month", "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["inputs"]["exit_from"] == "decision" and data["inputs"]["exit_period"] == "1 month"
    assert events(out)["exit_deadline"]["date"] == "2026-03-05"
    assert events(out)["exit_deadline"]["basis"].endswith(  # type: ignore[union-attr]
        "reading: 1 month from the decision (art. 18(1) words alone)"
    )
    assert data["inputs"]["reading"] == "1-month-from-decision"
    code, table, _ = invoke(*SEED, env={"COLUMNS": "200"})
    assert (
        "30 days from entry into force (practice stated by the defence): Fri 8 May 2026 (shown"
        in " ".join(table.split())
    )


def test_served_runs_the_offence_complaint() -> None:
    code, out, _ = invoke(
        "compute", "2026-04-20", "-p", "offence", "--served", "2026-04-27", "-f", "json"
    )
    # Thu 7 May 2026 is a holiday; whether the KoAP rolls it to Fri 8 May is not verified.
    complaint = events(out)["complaint_deadline"]
    assert code == 0 and (complaint["date"], complaint["latest"]) == ("2026-05-07", "2026-05-08")
    code, out, err = invoke("compute", "2026-04-20", "-p", "offence")
    assert code == 2 and out == "" and "--served" in err


# deadline add.


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        # 2 and 3 Jan 2025 off (New Year, moved by order), 4 Jan Saturday, Sun 5 Jan working
        # (day 1), Mon 6 Jan (day 2), 7 Jan Christmas, Wed 8 Jan (day 3).
        ("2025-01-01", "3 working days", "2025-01-08"),
        ("2026-02-05", "2 months", "2026-04-06"),  # the seed case: Sun 5 Apr rolls
        ("2026-04-22", "15 days", "2026-05-08"),  # Thu 7 May Defender's Day -> Fri 8 May
        ("2024-02-29", "1 year", "2025-02-28"),  # 29 Feb clamps to 28 Feb (a Friday)
        # Fri 6 Mar (1), Mon 9 Mar off (Women's Day moved from Sunday), 10-13 Mar (2-5),
        # 16-20 Mar (6-10): Fri 20 Mar 2026.
        ("2026-03-05", "10 working days", "2026-03-20"),
    ],
)
def test_add(start: str, period: str, expected: str) -> None:
    code, out, _ = invoke("add", start, period, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == expected
    assert set(data) >= {"date", "nominal", "steps"}
    code, table, _ = invoke("add", start, period, "--lang", "ru")
    day = date.fromisoformat(expected)
    assert f"{day.day:02d}.{day.month:02d}.{day.year}" in table.splitlines()[0]


def test_add_names_the_skipped_days_and_the_working_sunday() -> None:
    _, out, _ = invoke("add", "2025-01-01", "3 working days", env={"COLUMNS": "200"})
    assert "Fri 3 Jan 2025 (Day off moved by order from Sun 5 Jan 2025)" in out
    assert "Tue 7 Jan 2025 (Orthodox Christmas)" in out
    assert "counted: Sun 5 Jan 2025" in out


def test_add_no_roll_keeps_the_nominal_day() -> None:
    code, out, _ = invoke("add", "2026-02-05", "2 months", "--no-roll", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["date"] == data["nominal"] == "2026-04-05" and data["roll"] is False
    assert "not rolled forward" in data["steps"][-1]["text"]


@pytest.mark.parametrize(
    "args",
    [
        ["2026-02-30", "1 month"],
        ["2026-02-05", "2 moons"],
        ["2026-02-05", "- 3 days"],  # "-3 days" counts back; this is no period
        ["2200-01-01", "1 day"],
        ["1992-01-02", "5 days", "--before"],  # back into a year the calendar does not know
    ],
)
def test_add_bad_input(args: list[str]) -> None:
    code, out, err = invoke("add", *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_add_cites_the_counting_rules_and_warns_like_compute() -> None:
    # Mon 26 Apr 2027 + 20 days = Sun 16 May 2027, Kurban Ait (estimated) -> Mon 17 May.
    code, out, err = invoke("add", "2027-04-26", "20 days", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2027-05-17"
    assert data["basis"] == "counted under GPK arts. 122-123 and Civil Code arts. 173-176"
    assert any("Sun 16 May 2027" in w and "estimated" in w for w in data["warnings"])
    _, table, err = invoke("add", "2030-01-01", "1 month", env={"COLUMNS": "200"})
    assert "GPK arts. 122-123" in table
    assert "the calendar for 2030 is provisional" in table and err == ""
    _, table, _ = invoke("add", "2026-02-05", "2 months")
    assert "[1]" not in table  # nothing uncertain in the span: no warning
