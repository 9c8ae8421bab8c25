"""Issue 12: the whole path of a case, and the short terms lawyers miss.

Each pack's golden cases roll over a holiday (Nauryz 2026: Sat 21 - Wed 25 Mar are days off)
and end on a weekend day made a working day (Sun 5 Jan 2025, by order), in English and Russian.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.cli import app
from deadline_cli.errors import DeadlineError
from deadline_cli.rules import load_pack
from deadline_cli.timeline import CaseInputs, Timeline, build_timeline

runner = CliRunner()
AS_OF = "2026-02-06"


def run(calendar: KazakhCalendar, pack: str, **kw: object) -> Timeline:
    inputs = CaseInputs(**kw)  # type: ignore[arg-type]
    return build_timeline(load_pack(pack), inputs, calendar, date.fromisoformat(AS_OF))


def json_events(*args: str) -> dict[str, dict[str, object]]:
    result = runner.invoke(app, ["compute", *args, "-f", "json", "--as-of", AS_OF])
    assert result.exit_code == 0, result.stderr
    return {e["id"]: e for e in json.loads(result.stdout)["events"]}


# The seed case from the migration service's refusal.


def test_seed_case_from_the_refusal_gives_the_same_court_dates() -> None:
    # Refused Wed 1 Oct 2025, delivered Mon 6 Oct 2025: the suit is due 1 month later, Thu
    # 6 Nov 2025 (a working day), passed by 6 Feb 2026. The court decided Thu 5 Feb 2026.
    path = json_events(
        "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06", "--ruling", "2026-02-05"
    )
    court = json_events("2026-02-05")
    suit = path["suit_deadline"]
    assert (suit["date"], suit["status"], suit["basis"]) == (
        "2025-11-06",
        "passed",
        "APPC art. 136(1), second paragraph: 1 month from delivery of the refusal",
    )
    for event_id, event in court.items():
        assert path[event_id]["date"] == event["date"], event_id
        assert path[event_id]["latest"] == event["latest"], event_id
    assert path["refusal"]["basis"] == "Refugees Law art. 11(6)"


def test_seed_case_from_the_refusal_in_the_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app,
        [
            *("compute", "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06"),
            *("--ruling", "2026-02-05", "--as-of", AS_OF),
        ],
    )
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "Last day to sue in court" in x)
    assert "Thu 6 Nov 2025" in line and "passed" in line and "APPC 136(1)" in line


def test_the_court_part_waits_until_the_court_decides(calendar: KazakhCalendar) -> None:
    # Only the refusal (Wed 1 Oct 2025): delivered by Wed 8 Oct (5 working days), so the suit
    # is due from Sat 1 Nov -> Mon 3 Nov to Sat 8 Nov -> Mon 10 Nov 2025; the court's dates
    # follow when --ruling is given, and the output says so.
    t = run(calendar, "refugee-path", refusal=date(2025, 10, 1), start="refusal")
    got = {e.id: (e.date.isoformat(), e.latest.isoformat()) for e in t.events}
    assert got == {
        "refusal": ("2025-10-01", "2025-10-01"),
        "refusal_served": ("2025-10-01", "2025-10-08"),
        "suit_deadline": ("2025-11-03", "2025-11-10"),
    }
    assert len(t.notes) == 1
    note = str(t.notes[0])
    assert "--ruling" in note and "Last day to appeal" in note and "Last day to leave" in note


def test_a_complaint_to_the_higher_body_moves_the_suit(calendar: KazakhCalendar) -> None:
    # Complaint decided Mon 20 Oct 2025, decision delivered Wed 22 Oct: suit by Sat 22 Nov ->
    # Mon 24 Nov 2025. Without the delivery date the decision's own day is the earliest
    # possible: Thu 20 Nov 2025, with a warning.
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        served=date(2025, 10, 6),
        complaint_decided=date(2025, 10, 20),
        complaint_served=date(2025, 10, 22),
        start="refusal",
    )
    suit = next(e for e in t.events if e.id == "suit_deadline")
    assert suit.date == date(2025, 11, 24) and "first paragraph" in suit.basis
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        complaint_decided=date(2025, 10, 20),
        start="refusal",
    )
    suit = next(e for e in t.events if e.id == "suit_deadline")
    assert suit.date == date(2025, 11, 20)
    assert any("--complaint-served" in str(w) and "earliest possible" in str(w) for w in t.warnings)


def test_start_later_on_the_path(calendar: KazakhCalendar) -> None:
    # --from ruling: the steps before the court are history, left out, and not waited for.
    t = run(calendar, "refugee-path", ruling=date(2026, 2, 5), start="ruling")
    ids = [e.id for e in t.events]
    assert "suit_deadline" not in ids and "refusal_served" not in ids
    assert "exit_deadline" in ids and t.notes == ()
    # --from appeal-ruling: in force on announcement (Wed 20 May 2026), cassation 6 months:
    # Fri 20 Nov 2026; exit 30 days: Fri 19 Jun 2026; 1 month from the appellate act: Mon 22 Jun.
    t = run(calendar, "refugee", appeal_ruling=date(2026, 5, 20), start="appeal_ruling")
    got = {e.id: e.date.isoformat() for e in t.events}
    assert got == {
        "appeal_ruling": "2026-05-20",
        "entry_into_force": "2026-05-20",
        "exit_deadline": "2026-06-19",
        "cassation_deadline": "2026-11-20",
    }


def test_a_suit_filed_late_is_said(calendar: KazakhCalendar) -> None:
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        served=date(2025, 10, 6),
        filed=date(2025, 11, 20),
        ruling=date(2026, 2, 5),
        start="refusal",
    )
    assert any("filed on Thu 20 Nov 2025" in str(w) and "136(7)" in str(w) for w in t.warnings)


def test_path_inputs_out_of_order_are_refused(calendar: KazakhCalendar) -> None:
    with pytest.raises(DeadlineError, match="--ruling 2025-09-01 is before DATE 2025-10-01"):
        run(calendar, "refugee-path", refusal=date(2025, 10, 1), ruling=date(2025, 9, 1))
    with pytest.raises(DeadlineError, match="--from 'detention'"):
        run(calendar, "refugee-path", refusal=date(2025, 10, 1), start="detention")


# Short terms: each rolls over Nauryz 2026 and ends on the working Sunday of 5 Jan 2025.


CASES = [
    # private-complaint (APPC 168(3)): 10 working days from Wed 18 Mar 2026: 19, 20, (21-25
    # Nauryz), 26, 27, 30, 31 Mar, 1, 2, 3, 6 Apr -> Mon 6 Apr 2026.
    ("private-complaint", "2026-03-18", [], "complaint_deadline", "2026-04-06", "APPC 168(3)"),
    # From Tue 31 Dec 2024: (1, 2 Jan holidays, 3 Jan off by order, Sat 4), Sun 5 Jan working
    # (1), 6 (2), (7 Christmas), 8-10 (5), 13-17 (10) -> Fri 17 Jan 2025.
    ("private-complaint", "2024-12-31", [], "complaint_deadline", "2025-01-17", "APPC 168(3)"),
    (
        "private-complaint",
        "2026-03-18",
        ["--code", "gpk"],
        "complaint_deadline",
        "2026-04-06",
        "GPK 429(1)",
    ),
    # UPK 422(2): 15 days (сутки) from Fri 6 Mar 2026 = Sat 21 Mar -> Thu 26 Mar 2026.
    (
        "private-complaint",
        "2026-03-06",
        ["--code", "upk"],
        "complaint_deadline",
        "2026-03-26",
        "UPK 422(2)",
    ),
    # From Fri 20 Dec 2024: 15 days = Sat 4 Jan 2025 -> Sun 5 Jan, a working day.
    (
        "private-complaint",
        "2024-12-20",
        ["--code", "upk"],
        "complaint_deadline",
        "2025-01-05",
        "UPK 422(2)",
    ),
    # detention (UPK 107(2), 48): 3 days from Thu 19 Mar 2026 = Sun 22 Mar -> Thu 26 Mar 2026.
    ("detention", "2026-03-19", [], "appeal_deadline", "2026-03-26", "UPK 107(2)"),
    # From Thu 2 Jan 2025: 3 days = Sun 5 Jan 2025, a working day: it does not roll.
    ("detention", "2025-01-02", [], "appeal_deadline", "2025-01-05", "UPK 107(2)"),
    # restore (GPK 126(4)): 1 month from Sat 21 Feb 2026 = Sat 21 Mar -> Thu 26 Mar 2026.
    ("restore", "2026-02-21", [], "restore_deadline", "2026-03-26", "GPK 126(4)"),
    # From Thu 5 Dec 2024: 1 month = Sun 5 Jan 2025, a working day.
    ("restore", "2024-12-05", [], "restore_deadline", "2025-01-05", "GPK 126(4)"),
    # admin-suit, bailiff (APPC 136(4)): 10 working days from Wed 18 Mar 2026 -> Mon 6 Apr.
    (
        "admin-suit",
        "2026-03-18",
        ["--kind", "bailiff"],
        "suit_deadline",
        "2026-04-06",
        "APPC 136(4)",
    ),
    (
        "admin-suit",
        "2024-12-31",
        ["--kind", "bailiff"],
        "suit_deadline",
        "2025-01-17",
        "APPC 136(4)",
    ),
    # admin-suit, action (APPC 136(2)): 1 month from Sat 21 Feb 2026 -> Thu 26 Mar 2026.
    (
        "admin-suit",
        "2026-02-21",
        ["--kind", "action"],
        "suit_deadline",
        "2026-03-26",
        "APPC 136(2)",
    ),
    (
        "admin-suit",
        "2024-12-05",
        ["--kind", "action"],
        "suit_deadline",
        "2025-01-05",
        "APPC 136(2)",
    ),
    (
        "admin-suit",
        "2024-12-05",
        ["--kind", "non-party"],
        "suit_deadline",
        "2025-01-05",
        "APPC 136(5)",
    ),
    (
        "admin-suit",
        "2024-12-05",
        ["--kind", "undecided"],
        "suit_deadline",
        "2025-01-05",
        "APPC 136(6)",
    ),
    # refugee-path: delivered Sat 21 Feb 2026, suit 1 month = Sat 21 Mar -> Thu 26 Mar 2026.
    (
        "refugee-path",
        "2026-02-17",
        ["--served", "2026-02-21"],
        "suit_deadline",
        "2026-03-26",
        "APPC 136(1)",
    ),
    (
        "refugee-path",
        "2024-12-02",
        ["--served", "2024-12-05"],
        "suit_deadline",
        "2025-01-05",
        "APPC 136(1)",
    ),
]


@pytest.mark.parametrize(("pack", "start", "options", "event_id", "expected", "cite"), CASES)
def test_short_terms_golden(
    pack: str, start: str, options: list[str], event_id: str, expected: str, cite: str
) -> None:
    events = json_events(start, "-p", pack, *options)
    event = events[event_id]
    assert event["date"] == expected
    assert event["cite"] == cite
    assert event["certainty"] == "text" and event["quote"]
    # The trace names the day that made the difference: a Nauryz day off, or the working
    # Sunday of 5 Jan 2025 (counted, or where the term ends without rolling further).
    trace = event["steps"]
    texts = " ".join(str(s["text"]) for s in trace)  # type: ignore[index, union-attr]
    if start.startswith("2026"):
        assert "Nowruz" in texts
    else:
        landed = any(s["date"] == "2025-01-05" for s in trace)  # type: ignore[index, union-attr]
        assert "Sun 5 Jan 2025" in texts or landed


@pytest.mark.parametrize(("pack", "start", "options", "event_id", "expected", "cite"), CASES)
def test_short_terms_in_russian(
    pack: str, start: str, options: list[str], event_id: str, expected: str, cite: str
) -> None:
    result = runner.invoke(
        app,
        ["compute", start, "-p", pack, *options, "--lang", "ru", "--as-of", AS_OF],
        env={"COLUMNS": "120"},
    )
    assert result.exit_code == 0, result.stderr
    day = date.fromisoformat(expected)
    assert f"{day.day:02d}.{day.month:02d}.{day.year}" in result.stdout
    code, article = cite.split(" ")
    russian = {"APPC": "АППК", "GPK": "ГПК", "UPK": "УПК"}[code]
    assert f"{russian} {article}" in result.stdout
    assert not any(w in result.stdout for w in ("Last day", "Decision", "passed", "open"))


def test_detention_says_why_it_rolls() -> None:
    events = json_events("2026-03-19", "-p", "detention")
    note = str(events["appeal_deadline"]["note"])
    assert "48(4)" in note and "custody" in note and "term to appeal" in note


def test_restore_names_the_grounds_the_court_must_restore_on() -> None:
    note = str(json_events("2026-02-21", "-p", "restore")["restore_deadline"]["note"])
    assert "126(3)" in note and "translated" in note and "sent late" in note


def test_a_kind_is_chosen_with_the_packs_own_option() -> None:
    wrong = runner.invoke(
        app, ["compute", "2026-03-18", "-p", "private-complaint", "--kind", "gpk"]
    )
    assert wrong.exit_code == 2 and "--code" in wrong.stderr
    unknown = runner.invoke(app, ["compute", "2026-03-18", "-p", "admin-suit", "--kind", "zzz"])
    assert unknown.exit_code == 2 and "bailiff" in unknown.stderr


def test_rules_groups_the_packs_and_says_what_they_need() -> None:
    result = runner.invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    court, pretrial, short = (
        out.index("Court decisions"),
        out.index("Before the court"),
        out.index("Short terms"),
    )
    assert court < pretrial < short
    assert out.index("refugee-path") > pretrial and out.index("detention") > short
    offence = next(line for line in out.splitlines() if line.startswith("offence"))
    assert "needs --served" in offence and "--kind official, court, tax-audit" in offence
    flat = " ".join(out.split())
    assert (
        "refugee-path Refugee status refused: from the refusal to the last day to leave "
        "starts from: Refusal of refugee status by the local executive body (DATE) or "
        "--from served, complaint-decided, ruling, appeal-ruling"
    ) in flat
