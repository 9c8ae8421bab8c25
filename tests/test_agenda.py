"""`deadline agenda`: what falls due across all cases, soonest first (issue 10)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from deadline_cli.cli import app

AGENDA = str(Path(__file__).parent / "data" / "agenda.csv")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_agenda_golden_as_of_30_march_2026() -> None:
    # K-1 refugee, final form 5 Feb 2026: appeal 6 Apr (5 Apr a Sunday), in force 7 Apr, exit
    # 8 May (30 days from 7 Apr is 7 May, Defender of the Fatherland Day).
    # K-3 civil, 5 Feb 2026, no final form: appeal 5-12 Mar, passed by 30 Mar: not listed.
    # K-4 offence, served 27 Apr: 10 days to 7 May (a holiday; whether it rolls is
    # unverified, so 7-8 May), then in force the next day, 8-9 May.
    code, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-30", "--within", "60", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["as_of"], data["until"], data["cases"]) == ("2026-03-30", "2026-05-29", 3)
    got = [(d["date"], d["latest"], d["case"], d["event"]) for d in data["deadlines"]]
    assert got == [
        ("2026-04-06", "2026-04-06", "K-1", "appeal_deadline"),
        ("2026-04-07", "2026-04-07", "K-1", "entry_into_force"),
        ("2026-05-07", "2026-05-08", "K-4", "complaint_deadline"),
        ("2026-05-08", "2026-05-08", "K-1", "exit_deadline"),
        ("2026-05-08", "2026-05-09", "K-4", "entry_into_force"),
    ]
    uncertain = {(d["case"], d["event"]) for d in data["deadlines"] if d["uncertain"]}
    assert uncertain == {
        ("K-4", "complaint_deadline"),  # the roll is unverified
        ("K-1", "exit_deadline"),  # the reading is secondary
        ("K-4", "entry_into_force"),  # a range, because of the complaint term
    }
    assert [d["days_left"] for d in data["deadlines"]] == [7, 8, 38, 39, 39]


def test_within_bounds_the_window_and_passed_deadlines_never_show() -> None:
    code, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-04-07", "--within", "0", "-f", "json")
    assert code == 0
    assert [(d["case"], d["event"]) for d in json.loads(out)["deadlines"]] == [
        ("K-1", "entry_into_force")  # today counts; the appeal of 6 Apr has passed
    ]


def test_a_range_still_running_is_listed_though_its_earliest_day_passed() -> None:
    # K-3 civil, announced 5 Feb 2026, final form not given (5 working days: 5-12 Feb): the
    # appeal runs to 5-12 Mar (GPK 403(3)). On 8 Mar the earliest day has passed, but the term
    # may still run to 12 Mar: the agenda must not drop it, and marks it uncertain and urgent.
    code, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-08", "--within", "7", "-f", "json")
    assert code == 0
    first = json.loads(out)["deadlines"][0]
    assert (first["case"], first["event"], first["date"], first["latest"]) == (
        "K-3",
        "appeal_deadline",
        "2026-03-05",
        "2026-03-12",
    )
    assert first["days_left"] == -3 and first["uncertain"]
    code, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-08", "--within", "7")
    line = next(x for x in out.splitlines() if "K-3" in x and "appeal" in x)
    assert line.startswith("!")  # 4 days to the latest day
    code, _, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-08", "--alert-within", "7")
    assert code == 3


def test_a_passed_binding_day_is_the_most_urgent_mark_in_every_format() -> None:
    # K-3's appeal runs 5-12 Mar 2026. As of 6 Mar the earliest (binding) day is a day behind
    # and the latest 6 days ahead: "!" with words. As of 20 Feb it is 13 days ahead: ">".
    code, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-06", "--within", "30")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if "K-3" in x and "appeal" in x)
    assert lines[at].startswith("!") and "binding day has passed" in lines[at + 1]
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-06", "--within", "30", "-f", "json")
    row = next(d for d in json.loads(out)["deadlines"] if d["case"] == "K-3")
    assert row["alert"] == "binding-day-passed"
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-06", "--within", "30", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert next(r for r in rows if r["case"] == "K-3")["alert"] == "binding-day-passed"
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-02-20", "--within", "30", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert next(r for r in rows if r["case"] == "K-3")["alert"] == "ahead"
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-02-20", "--within", "30")
    line = next(x for x in out.splitlines() if "K-3" in x and "appeal" in x)
    assert line.startswith(">")


def test_agenda_csv_and_ics() -> None:
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-30", "--within", "60", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["cite"] == "APPC 168(2)" and rows[0]["uncertain"] == "no"
    _, out, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-30", "--within", "60", "-f", "ics")
    events = Calendar.from_ical(out).walk("VEVENT")
    assert len(events) == 5
    assert len({str(e["UID"]) for e in events}) == 5


def test_bad_rows_are_reported_and_cost_no_good_row(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,ruling\nA,2026-02-30\nB,2026-03-02\n", encoding="utf-8")
    code, out, err = invoke(
        "agenda", str(path), "--as-of", "2026-03-30", "--within", "90", "-f", "json"
    )
    assert code == 1
    assert {d["case"] for d in json.loads(out)["deadlines"]} == {"B"}
    assert "row 1 (id A)" in err


def test_alert_within_takes_precedence(tmp_path: Path) -> None:
    code, _, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-30", "--alert-within", "7")
    assert code == 3
    code, _, _ = invoke("agenda", AGENDA, "--as-of", "2026-03-30", "--alert-within", "6")
    assert code == 0


def test_ten_thousand_cases_sorted_by_date(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    lines = ["id,ruling,final_form"]
    for n in range(10_000):
        day = 1 + n % 28
        lines.append(f"c{n},2026-{1 + n % 3:02d}-{day:02d},2026-{1 + n % 3:02d}-{day:02d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = invoke(
        "agenda", str(path), "--as-of", "2026-03-01", "--within", "90", "-f", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    keys = [(r["date"], int(r["row"])) for r in rows]
    assert keys == sorted(keys)
    assert {r["case"] for r in rows} >= {"c0", "c9999"}
    assert all(0 <= int(r["days_left"]) <= 90 for r in rows)
