"""Machine formats and batch work, checked by parsing what is printed."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from deadline_cli.cli import app

runner = CliRunner()
SEED = ["compute", "2026-02-05", "--final-form", "2026-02-05", "--as-of", "2026-03-30"]


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_compute_csv_has_a_row_per_event() -> None:
    code, out, _ = invoke(*SEED, "--format", "csv", "--case", "K.")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {
        "ruling",
        "final_form",
        "appeal_deadline",
        "entry_into_force",
        "exit_deadline",
    }
    assert by_id["exit_deadline"]["date"] == "2026-05-08"
    assert by_id["exit_deadline"]["nominal"] == "2026-05-07"
    assert by_id["appeal_deadline"]["basis"] == "APPC art. 168(2)"
    assert by_id["appeal_deadline"]["days_left"] == "7"
    assert {r["case"] for r in rows} == {"K."}


def test_compute_jsonl_is_one_object_on_one_line() -> None:
    code, out, _ = invoke(*SEED, "--format", "jsonl", "--case", "K.")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["case"] == "K."
    status = {e["id"]: (e["days_left"], e["status"]) for e in data["events"]}
    assert status["appeal_deadline"] == (7, "open")
    assert status["ruling"] == (-53, "passed")


def _ics_events(text: str) -> list[object]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_compute_ics_events_alarms_and_stable_uids() -> None:
    code, out, _ = invoke(*SEED, "--format", "ics", "--case", "Officer K.", "--remind", "14,3,1")
    assert code == 0
    events = _ics_events(out)
    summaries = {str(e["SUMMARY"]): e for e in events}  # type: ignore[index]
    assert set(summaries) == {
        "Officer K.: Last day to appeal",
        "Officer K.: Decision enters into force",
        "Officer K.: Last day to leave Kazakhstan",
    }
    leave = summaries["Officer K.: Last day to leave Kazakhstan"]
    assert leave.decoded("DTSTART").isoformat() == "2026-05-08"  # type: ignore[attr-defined]
    assert "Refugees Law" in str(leave["DESCRIPTION"])  # type: ignore[index]
    assert "Defender of the Fatherland Day" in str(leave["DESCRIPTION"])  # type: ignore[index]
    triggers = sorted(a.decoded("TRIGGER").days for a in leave.walk("VALARM"))  # type: ignore[attr-defined]
    assert triggers == [-14, -3, -1]
    _, again, _ = invoke(*SEED, "--format", "ics", "--case", "Officer K.")
    assert {str(e["UID"]) for e in events} == {str(e["UID"]) for e in _ics_events(again)}  # type: ignore[index]
    _, other, _ = invoke(*SEED, "--format", "ics", "--case", "Someone else")
    assert not {str(e["UID"]) for e in events} & {str(e["UID"]) for e in _ics_events(other)}  # type: ignore[index]


def test_default_reminders_are_7_and_1_days() -> None:
    _, out, _ = invoke(*SEED, "--format", "ics")
    alarms = [a for e in _ics_events(out) for a in e.walk("VALARM")]  # type: ignore[attr-defined]
    assert sorted({a.decoded("TRIGGER").days for a in alarms}) == [-7, -1]


@pytest.mark.parametrize(("within", "code"), [(6, 0), (7, 3), (100, 3)])
def test_alert_within(within: int, code: int) -> None:
    # As of 30 Mar 2026 the appeal deadline (6 Apr) is 7 days away.
    assert invoke(*SEED, "--alert-within", str(within), "-q")[0] == code


def test_alert_ignores_passed_deadlines() -> None:
    args = ["compute", "2026-02-05", "--final-form", "2026-02-05", "--as-of", "2026-11-24"]
    assert invoke(*args, "--alert-within", "30")[0] == 0


def test_quiet_drops_warnings_from_stderr_not_from_json() -> None:
    _, _, err = invoke(*SEED, "-q")
    assert err == ""
    _, out, _ = invoke(*SEED, "-q", "--format", "json")
    assert json.loads(out)["warnings"]


BATCH = (
    "id,ruling,procedure,final_form,appeal_ruling,in_force,notes\n"
    "A,2026-02-05,,2026-02-05,,,first\n"
    "B,2026-02-30,,,,,impossible date\n"
    "C,05.02.2026,civil,,,,\n"
    "D,2026-02-05,nope,,,,\n"
    "E,2025-03-03,civil,,2025-09-01,,\n"
)


def test_batch_jsonl_keeps_good_rows_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(BATCH)
    code, out, err = invoke("batch", str(path), "--as-of", "2026-03-30")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["row"]) for r in rows] == [("A", 1), ("C", 3), ("E", 5)]
    assert {e["id"]: e["date"] for e in rows[0]["events"]}["exit_deadline"] == "2026-05-08"
    assert {e["id"]: e["date"] for e in rows[2]["events"]}["cassation_deadline"] == "2026-03-02"
    assert "row 2 (id B): ruling '2026-02-30' is not a real date" in err
    assert "row 4 (id D): unknown procedure 'nope'" in err


_EXPLAINED = ("quote", "steps", "steps_latest", "note")


def test_batch_jsonl_by_default_carries_what_a_script_needs(tmp_path: Path) -> None:
    """Dates, ranges, citation, certainty, status and warnings; not the statute's words, the
    rule's note or the counting steps (issue 17: a row of 10 KB made a million rows 10 GB)."""
    path = tmp_path / "cases.csv"
    path.write_text(BATCH)
    _, out, _ = invoke("batch", str(path), "--as-of", "2026-03-30")
    row = json.loads(out.splitlines()[0])
    events = {e["id"]: e for e in row["events"]}
    for event in events.values():
        assert not set(_EXPLAINED) & set(event), event["id"]
    exit_ = events["exit_deadline"]
    assert (exit_["date"], exit_["latest"], exit_["cite"]) == (
        "2026-05-08",
        "2026-05-08",
        "Refugees Law 18(1)",
    )
    assert exit_["certainty"] == "secondary" and exit_["status"] == "open"
    assert [r["date"] for r in exit_["readings"]] == ["2026-05-08", "2026-05-08", "2026-03-05"]
    assert len(row["warnings"]) == 2


def test_batch_jsonl_explain_is_compute_json_with_id_and_row(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,ruling,final_form\nA,2026-02-05,2026-02-05\nB,2026-02-05,2026-02-05\n")
    _, out, _ = invoke("batch", str(path), "--as-of", "2026-03-30", "--explain")
    _, single, _ = invoke(*SEED, "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    # The second row is the first one's rendering reused: its own id and row, nothing else.
    assert rows == [
        {"id": "A", "row": 1, **json.loads(single)},
        {"id": "B", "row": 2, **json.loads(single)},
    ]
    assert rows[0]["events"][2]["quote"].startswith("Не вступившие в законную силу")
    _, compact, _ = invoke(*SEED, "--format", "jsonl")
    assert "steps" not in json.loads(compact)["events"][2]
    _, explained, _ = invoke(*SEED, "--format", "jsonl", "--explain")
    assert json.loads(explained) == json.loads(single)


def test_batch_csv_from_stdin() -> None:
    code, out, _ = invoke("batch", "-", "--format", "csv", "--as-of", "2026-03-30", stdin=BATCH)
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["A", "C", "E"]
    assert rows[0]["appeal_deadline"] == rows[0]["appeal_deadline_latest"] == "2026-04-06"
    assert (rows[1]["appeal_deadline"], rows[1]["appeal_deadline_latest"]) == (
        "2026-03-05",
        "2026-03-12",
    )
    assert rows[0]["cassation_deadline"] == ""
    # The secondary exit reading, and the earlier day the statute's letter gives (5 Mar 2026).
    assert rows[0]["warnings"] == "2"
    assert rows[1]["warnings"] == "1"  # the unknown final form


def test_batch_skips_rows_with_nothing_but_blanks() -> None:
    """Lines of no cells, of empty cells or of cells of blanks are no rows: not cases, not
    errors, not counted; the rows around them keep their numbers among the data rows."""
    text = "id,ruling\n\n,\n  ,\t\nK-1,2026-02-05\n,,\n \u00a0, \nK-2,2026-02-06\n"
    code, out, err = invoke("batch", "-", "--format", "jsonl", stdin=text)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["row"]) for r in rows] == [("K-1", 1), ("K-2", 2)]
    assert "2 row(s) read, 2 computed, 0 failed" in err


def test_batch_jsonl_input_all_good_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "A", "ruling": "2026-02-05", "final_form": "2026-02-05"}\n\n'
        '{"id": 7, "ruling": "2026-02-05", "immediate": true, "procedure": "civil"}\n'
    )
    code, out, err = invoke("batch", str(path), "--as-of", "2026-03-30")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["A", "7"]
    assert {e["id"]: e["date"] for e in rows[1]["events"]}["entry_into_force"] == "2026-02-05"


def test_batch_jsonl_keys_are_read_as_csv_columns_are(tmp_path: Path) -> None:
    # Keys with "_" in them ("final_form") were compared as "final form" and found no column:
    # the final form given was dropped and the appeal shown as a range from the ruling.
    row = {"id": "A", "ruling": "2026-01-12", "final_form": "2026-01-20", "Дата вручения": ""}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    same = tmp_path / "cases.csv"
    same.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    code, out, err = invoke("batch", str(path), "-f", "csv", "--as-of", "2026-03-30")
    assert code == 0 and "not used" not in err, err
    assert out == invoke("batch", str(same), "-f", "csv", "--as-of", "2026-03-30")[1]
    case = next(csv.DictReader(io.StringIO(out)))
    # APPC art. 168(2): 2 months from the final form, 20.01.2026, end on Fri 20.03.2026.
    assert (case["final_form"], case["appeal_deadline"]) == ("2026-01-20", "2026-03-20")


def test_batch_bad_json_line_is_a_row_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "A", "ruling": "2026-02-05"}\n{oops\n')
    code, out, err = invoke("batch", str(path))
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.startswith("row 2: not valid JSON")


def test_batch_ics_is_one_calendar(tmp_path: Path) -> None:
    code, out, _ = invoke("batch", "-", "--format", "ics", stdin=BATCH)
    assert code == 1
    events = _ics_events(out)
    # A: appeal, in force, exit; C: appeal, in force; E: appeal, in force, cassation.
    assert len(events) == 8
    assert len({str(e["UID"]) for e in events}) == 8  # type: ignore[index]


def test_batch_alert_takes_precedence(tmp_path: Path) -> None:
    code, _, _ = invoke("batch", "-", "--as-of", "2026-03-30", "--alert-within", "7", stdin=BATCH)
    assert code == 3


@pytest.mark.parametrize(
    "args",
    [
        ["batch", "/nonexistent/cases.csv"],
        ["batch", "-", "--format", "xml"],
        ["batch", "-", "-p", "nope"],
    ],
)
def test_batch_bad_invocation_exits_2(args: list[str]) -> None:
    code, out, err = invoke(*args, stdin=BATCH)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1


def test_batch_csv_without_ruling_column_exits_2() -> None:
    code, _, err = invoke("batch", "-", stdin="id,date\nA,2026-02-05\n")
    assert code == 2
    assert "ruling" in err


def test_installed_batch_from_a_pipe() -> None:
    exe = Path(sys.executable).parent / "deadline"
    result = subprocess.run(
        [str(exe), "batch", "-", "--format", "csv"],
        input=BATCH,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["A", "C", "E"]
    assert "\r" not in result.stderr  # no progress bar in a pipe


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0
    assert out.startswith("deadline 0.")


def test_batch_reads_served_and_exit_readings_and_overrides(tmp_path: Path) -> None:
    cal = tmp_path / "c.toml"
    cal.write_text('[[days_off]]\ndate = 2026-05-08\nname = "Firm day off"\nsource = "Order 9"\n')
    stdin = (
        "id,ruling,procedure,served,final_form,exit_from,exit_period\n"
        # Thu 7 May Defender's Day, Fri 8 May the override, Sat 9 May Victory Day moved to
        # Mon 11 May -> Tue 12 May 2026 if it rolls; the KoAP does not say it does, so the
        # binding day is Thu 7 May and Tue 12 May the latest.
        "O,2026-04-20,offence,2026-04-27,,,\n"
        "R,2026-02-05,,,2026-02-05,decision,1 month\n"  # 1 month from Thu 5 Feb: Thu 5 Mar
        "X,2026-02-05,,,2026-02-05,someday,\n"
    )
    code, out, err = invoke(
        "batch", "-", "--calendar", str(cal), "--as-of", "2026-03-01", stdin=stdin
    )
    assert code == 1
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    dates = {k: {e["id"]: e["date"] for e in r["events"]} for k, r in rows.items()}
    latest = {e["id"]: e["latest"] for e in rows["O"]["events"]}
    assert (dates["O"]["complaint_deadline"], latest["complaint_deadline"]) == (
        "2026-05-07",
        "2026-05-12",
    )
    assert dates["R"]["exit_deadline"] == "2026-03-05"
    assert "row 3 (id X): --exit-from 'someday'" in err


def test_batch_reads_procedures_named_in_russian_and_kazakh(tmp_path: Path) -> None:
    # The same civil case (5 Feb 2026, final form 5 Feb: appeal Thu 5 Mar 2026) and refugee
    # case (appeal Mon 6 Apr 2026) under Russian, Kazakh and code names.
    rows = [
        ("A", "гражданское", "2026-03-05"),
        ("B", "Азаматтық іс", "2026-03-05"),
        ("C", "ГПК", "2026-03-05"),
        ("D", "беженец", "2026-04-06"),
        ("E", "БОСҚЫН", "2026-04-06"),
        ("F", "административное", "2026-04-06"),
    ]
    path = tmp_path / "cases.csv"
    path.write_text(
        "№;Процедура;Дата решения;Окончательная форма\n"
        + "".join(f"{i};{p};05.02.2026;05.02.2026\n" for i, p, _ in rows),
        encoding="utf-8",
    )
    code, out, err = invoke("batch", str(path), "-f", "csv", "--as-of", "2026-02-06")
    assert code == 0, err
    got = {
        r["id"]: (r["procedure"], r["appeal_deadline"]) for r in csv.DictReader(io.StringIO(out))
    }
    assert {i: d for i, (_, d) in got.items()} == {i: d for i, _, d in rows}
    assert got["A"][0] == "civil" and got["E"][0] == "refugee" and got["F"][0] == "administrative"


def test_a_row_error_names_the_column_as_the_file_does(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "№;Процедура;Дата решения;Дата вручения\n"
        "A;refugee;05.02.2026;xx\n"
        "B;беженец;05.02.2026;06.02.2026\n"
        "C;гражданское;31.02.2026;\n",
        encoding="utf-8",
    )
    code, out, err = invoke("batch", str(path), "-f", "csv", "--as-of", "2026-02-06")
    assert code == 1 and out.count("\n") == 1  # the header alone: every row failed
    lines = err.splitlines()
    assert lines[0].startswith("row 1 (id A): «Дата вручения» (served) 'xx' is not a date")
    assert lines[1].startswith("row 2 (id B): «Дата вручения» (served) does not apply")
    assert lines[2].startswith("row 3 (id C): «Дата решения» (ruling) '31.02.2026'")
    # A file that uses the column's own name is told that name.
    path.write_text("id,ruling,served\nA,2026-02-05,xx\n", encoding="utf-8")
    _, _, err = invoke("batch", str(path), "-f", "csv", "--as-of", "2026-02-06")
    assert err.startswith("row 1 (id A): served 'xx' is not a date")


@settings(max_examples=1000)
@given(st.text(alphabet="ab ;,\\:жә€𝄞\u0301", max_size=400))
def test_a_folded_line_unfolds_to_itself_in_lines_of_75_octets(value: str) -> None:
    from deadline_cli.render.ics import _line, _text

    content = "DESCRIPTION:" + _text(value)
    folded = _line(content).encode("utf-8")
    assert folded.endswith(b"\r\n")
    lines = folded[:-2].split(b"\r\n")
    assert b"".join(lines[:1] + [line[1:] for line in lines[1:]]) == content.encode("utf-8")
    assert all(line.startswith(b" ") for line in lines[1:])
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a UTF-8 sequence
    for line in lines[:-1]:  # an escape's backslash never ends a line alone
        run = len(line) - len(line.rstrip(b"\\"))
        assert run % 2 == 0, line


@settings(max_examples=500)
@given(
    st.lists(
        st.lists(st.tuples(st.text(alphabet="ab\\;жә€𝄞", max_size=120), st.booleans()), max_size=6),
        min_size=1,
        max_size=4,
    )
)
def test_a_line_folded_in_parts_is_the_line_folded_whole(
    lines: list[list[tuple[str, bool]]],
) -> None:
    """render.ics._Parts folds a part that comes again once for each way it can start on a
    line, and reuses it: every line it folds, one after another on the same cache, is what
    _line makes of the whole."""
    from deadline_cli.render.ics import _line, _Parts

    parts = _Parts()
    for line in lines:
        content = [("DESCRIPTION:", False), *line]
        assert parts.line(content) == _line("".join(p for p, _ in content))


def test_a_part_folds_alike_wherever_it_starts_on_a_line() -> None:
    """Every way a part can start on a line: after 0 to 74 octets that end in no backslash or
    in a run of one to three, the part starting with an escape, a character of 2, 3 or 4
    octets or plain text, long or just filling the line, then more text or none; each
    folded twice (the second time from what the first kept)."""
    from deadline_cli.render.ics import _line, _Parts

    parts = _Parts()
    bodies = ["\\n" + "a" * 80, "\\\\\\;" + "ж" * 50, "𝄞" * 30, "€" * 30, "ab", "\\n\\n" * 40]
    for size in range(75):
        for run in range(min(size, 3) + 1):
            before = "x" * (size - run) + "\\" * run
            for body in bodies:
                for fill in range(max(0, 72 - size - len(body.encode())), 76 - size):
                    part = body + "b" * max(0, fill) if len(body.encode()) < 74 else body
                    for after in ("", "c" * 80):
                        content = [(before, False), (part, True), (after, False)]
                        whole = _line(before + part + after)
                        assert parts.line(content) == whole, (size, run, part, after)
                        assert parts.line(content) == whole, (size, run, part, after)


@given(st.text(max_size=40), st.sampled_from(["refugee", "civil"]), st.text(max_size=20))
def test_an_events_uid_is_uuid5_of_its_case(case: str, pack: str, event: str) -> None:
    """render.ics._uid makes what uuid.uuid5 makes of the same name (as before it did not
    build a UUID object): a calendar that imports the file again updates its events."""
    import uuid

    from deadline_cli.render.ics import _NAMESPACE, _uid

    expected = f"{uuid.uuid5(_NAMESPACE, f'{case}|{pack}|{event}')}@deadline-cli"
    assert _uid(case, pack, event) == expected


@settings(max_examples=500)
@given(
    st.text(alphabet="ab \r\n;,\\:жә€\ufdd0", max_size=30),
    st.text(alphabet="ab \r\n;,\\ж", min_size=1, max_size=30),
    st.sampled_from(["en", "ru", "kk"]),
    st.sampled_from(
        [
            "",
            "{label}\r{case}, {date}",
            "{case}\n{label}",
            "{case}{case} {label}",
            "{case}: {period}",
        ]
    ),
)
@example("\nК-1\r", "ab", "ru", "{case}{case} {label}")  # a CRLF across two names
@example("\nК-1\r", "ab", "ru", "{label}\r{case}, {date}")
def test_an_events_summary_and_reminders_say_the_whole_escaped(
    name: str, label: str, code: str, template: str
) -> None:
    """render.ics escapes a case's name once for all its events' lines and what they say
    around it once for all cases; the lines are those of the whole text escaped and folded,
    for any name (one that begins with an LF or ends with a CR included), in the locales'
    reminders and in others whose text around the name could make a CRLF with it."""
    from datetime import date

    from deadline_cli.i18n import load
    from deadline_cli.render.ics import SLOT, IcsStream, _line, _text

    lang = copy.copy(load(code))  # load's languages are shared: this one is the test's
    if template:
        lang.messages = {**lang.messages, "ics_alarm": template}
    stream = IcsStream((7, 1), lang)
    day = date(2026, 4, 6)
    for _ in range(2):  # the second time from what the first kept
        text = stream._vevent(stream._name(name), label, day, "u", "DESCRIPTION:d\r\n")
        assert _line("SUMMARY:" + _text(f"{name}: {label}")) in text
        for period in stream.periods:
            alarm = lang("ics_alarm", case=SLOT, label=label, date=day, period=period)
            said = alarm.replace(SLOT, lang.say(name))
            assert _line("DESCRIPTION:" + _text(said)) in text


def test_a_carriage_return_alone_is_an_escaped_line_end_in_a_calendar() -> None:
    """A CR that is not part of a CRLF, as in a case name from an old file, must not reach a
    content line raw (RFC 5545 3.1: a line ends with CRLF only): it ends a line of the text."""
    from deadline_cli.render.ics import _text

    assert _text("a\rb\r\nc\nd") == "a\\nb\\nc\\nd"
    code, out, _ = invoke(*SEED, "--format", "ics", "--case", "Дело\r№1")
    assert code == 0
    assert "SUMMARY:Дело\\n№1: " in out
    assert "\r" not in out.replace("\r\n", "")


def test_ics_lines_are_those_icalendar_writes_and_fold_within_75_octets() -> None:
    # Russian and Kazakh texts, commas and semicolons, a quote: written directly, the calendar
    # must be what icalendar itself writes for the same events, and obey RFC 5545's folding.
    for lang in ("en", "ru", "kk"):
        code, out, _ = invoke(*SEED, "--format", "ics", "--lang", lang)
        assert code == 0
        data = out.replace("\n", "\r\n").encode("utf-8") if "\r\n" not in out else out.encode()
        calendar = Calendar.from_ical(data)
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert events
        for event in events:
            assert event.to_ical().decode("utf-8").replace("\r\n", "\n") in out.replace(
                "\r\n", "\n"
            )
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # never cut inside a UTF-8 sequence
            assert not line.endswith(b"\\") or line.endswith(b"\\\\")


def test_every_ics_output_reads_alike_in_a_second_parser(tmp_path: Path) -> None:
    """vobject, a parser independent of icalendar, reads compute's and batch's calendars in
    all three languages to the same events: summary, all-day date, UID, description, alarms."""
    import vobject

    cases = tmp_path / "cases.csv"
    cases.write_text(
        "id,ruling,final_form,procedure\nK-1,2026-02-05,2026-02-05,refugee\n"
        "K-2,2026-03-18,,civil\nK-3,2026-02-05,,refugee\n",
        encoding="utf-8",
    )
    for lang in ("en", "ru", "kk"):
        outputs = [
            invoke(*SEED, "--format", "ics", "--lang", lang, "--case", "Дело; №1, «А»")[1],
            invoke("batch", str(cases), "-f", "ics", "--lang", lang, "--as-of", "2026-03-30")[1],
        ]
        for out in outputs:
            theirs = {
                str(e["UID"]): (
                    str(e["SUMMARY"]),
                    e.decoded("DTSTART"),
                    str(e["DESCRIPTION"]),
                    sorted(a["TRIGGER"].dt for a in e.walk("VALARM")),
                )
                for e in _ics_events(out)  # type: ignore[attr-defined]
            }
            ours = {}
            for event in vobject.readOne(out).vevent_list:
                alarms = sorted(a.trigger.value for a in event.contents.get("valarm", []))
                ours[event.uid.value] = (
                    event.summary.value,
                    event.dtstart.value,
                    event.description.value,
                    alarms,
                )
            assert ours.keys() == theirs.keys() and ours
            assert ours == theirs
            assert any(alarms for *_, alarms in ours.values())
            assert any("\n" in description for _, _, description, _ in ours.values())


def test_a_row_lacking_a_date_is_asked_for_it_in_the_file_not_as_an_option() -> None:
    """A batch user fills a column, not an option: the row's error names the column, as the
    file calls it when it has one."""
    without = "id,ruling,procedure\nK-3,2026-11-30,offence\n"
    code, _, err = invoke("batch", "-", "-f", "csv", stdin=without)
    assert code == 1
    assert "counts from: Copy delivered; give its date in the column served" in err
    assert "--served" not in err
    empty = "id,ruling,procedure,Дата вручения\nK-3,2026-11-30,offence,\n"
    _, _, err = invoke("batch", "-", "-f", "csv", "--lang", "ru", stdin=empty)
    assert "укажите эту дату в столбце «Дата вручения» (served)" in err
    # On the command line it stays an option.
    _, _, err = invoke("compute", "2026-11-30", "-p", "offence")
    assert "give --served DATE" in err


@given(st.text(max_size=30), st.integers(1, 10**9))
def test_a_batch_line_starts_as_json_dumps_would_write_it(case_id: str, row: int) -> None:
    from deadline_cli.render.json import dumps_line, line_head

    assert line_head(case_id, row) == dumps_line({"id": case_id, "row": row})[:-2] + ","
