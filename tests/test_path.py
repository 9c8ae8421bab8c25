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
    # Refused Wed 1 Oct 2025, delivered Mon 6 Oct 2025. The pre-trial complaint is the rule
    # (APPC 91(5)): due 3 months from delivery, Tue 6 Jan 2026 (APPC 92(1)). The court decided
    # Thu 5 Feb 2026: its dates are those of the refugee pack.
    path = json_events(
        "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06", "--ruling", "2026-02-05"
    )
    court = json_events("2026-02-05")
    complaint = path["complaint_deadline"]
    assert (complaint["date"], complaint["status"], complaint["cite"]) == (
        "2026-01-06",
        "passed",
        "APPC 92(1)",
    )
    assert "suit_deadline" not in path  # it waits for the decision on the complaint
    for event_id, event in court.items():
        assert path[event_id]["date"] == event["date"], event_id
        assert path[event_id]["latest"] == event["latest"], event_id
    assert path["refusal"]["basis"] == "Refugees Law art. 11(6)"


def test_the_direct_route_sues_within_a_month_and_is_unsettled() -> None:
    # --route direct (APPC 91(6), only where no higher body hears the complaint): 1 month from
    # delivery (Mon 6 Oct 2025) = Thu 6 Nov 2025, a working day; whether the akimat's refusal
    # has a higher body is open, so the rule is "unsettled".
    path = json_events(
        "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06", "--route", "direct"
    )
    suit = path["suit_deadline"]
    assert (suit["date"], suit["certainty"], suit["cite"]) == (
        "2025-11-06",
        "unsettled",
        "APPC 136(1)",
    )
    assert "complaint_deadline" not in path
    # Brought to notice on Thu 2 Oct, before delivery: the earlier day starts the month
    # (APPC 136(1), second paragraph): Sun 2 Nov -> Mon 3 Nov 2025.
    path = json_events(
        "2025-10-01",
        *("-p", "refugee-path", "--served", "2025-10-06", "--route", "direct"),
        *("--notified", "2025-10-02"),
    )
    assert path["suit_deadline"]["date"] == "2025-11-03"


def test_seed_case_from_the_refusal_in_the_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app,
        [
            *("compute", "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06"),
            *("--ruling", "2026-02-05", "--as-of", AS_OF),
        ],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    line = next(x for x in lines if "Last day to complain to the higher" in x)
    assert "Tue 6 Jan 2026" in line and "passed" in line and "APPC 92(1)" in line
    # The other route is named with its earlier day, in words a person reads.
    flat = " ".join(result.stdout.split())
    assert "by the other route (--route direct) it falls on Thu 6 Nov 2025" in flat


def test_the_court_part_waits_until_the_court_decides(calendar: KazakhCalendar) -> None:
    # Only the refusal (Wed 1 Oct 2025): delivered by Wed 8 Oct (5 working days), so the
    # complaint is due 3 months later, from Thu 1 Jan 2026 (a holiday: whether it rolls is not
    # read for procedure terms, the day itself binds) to Thu 8 Jan 2026; the suit waits for
    # the decision on the complaint, the court's dates for --ruling, and the output says so.
    t = run(calendar, "refugee-path", refusal=date(2025, 10, 1), start="refusal")
    got = {e.id: (e.date.isoformat(), e.latest.isoformat()) for e in t.events}
    assert got == {
        "refusal": ("2025-10-01", "2025-10-01"),
        "refusal_served": ("2025-10-01", "2025-10-08"),
        "complaint_deadline": ("2026-01-01", "2026-01-08"),
    }
    notes = [str(n) for n in t.notes]
    assert len(notes) == 2
    assert any(
        "--ruling" in n and "Last day to appeal" in n and "Last day to leave" in n for n in notes
    )
    assert any("--complaint-decided" in n and "Last day to sue" in n for n in notes)


def test_a_complaint_to_the_higher_body_moves_the_suit(calendar: KazakhCalendar) -> None:
    # Complaint decided Mon 20 Oct 2025, decision delivered Wed 22 Oct: suit by Sat 22 Nov ->
    # Mon 24 Nov 2025 (APPC 136(1), 136(6)). Without the delivery date the decision's own day
    # is the earliest possible: Thu 20 Nov 2025, with a warning.
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
    assert suit.date == date(2025, 11, 24) and "delivery of the decision" in suit.basis
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


def test_a_complaint_left_undecided_over_a_holiday(calendar: KazakhCalendar) -> None:
    # Registered Mon 1 Dec 2025: 20 working days (APPC 99): 2-5 (4), 8-12 (9), 15 (10),
    # (16 Dec Independence Day), 17-19 (13), 22-26 (18), 29 (19), 30 Dec (20) -> Tue 30 Dec
    # 2025. Registered before Law 241-VIII took effect: the old wording, unverified. No
    # decision: a refusal (100(5)); suit 1 month later (136(6)): Fri 30 Jan 2026.
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        served=date(2025, 10, 6),
        complaint_filed=date(2025, 12, 1),
        start="refusal",
    )
    by_id = {e.id: e for e in t.events}
    due = by_id["complaint_decision_due"]
    assert (due.date, due.certainty) == (date(2025, 12, 30), "unverified")
    assert "Independence Day" in " ".join(str(s.text) for s in due.steps)
    suit = by_id["suit_deadline"]
    assert (suit.date, suit.certainty, suit.rule and suit.rule.article) == (
        date(2026, 1, 30),
        "text",
        "136(6)",
    )
    # Registered Mon 2 Feb 2026, under the new wording: 20 working days -> Mon 2 Mar 2026
    # (3-6, 9-13, 16-20, 23-27 Feb, 2 Mar), text; suit Thu 2 Apr 2026.
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 12, 1),
        served=date(2025, 12, 3),
        complaint_filed=date(2026, 2, 2),
        start="refusal",
    )
    by_id = {e.id: e for e in t.events}
    assert (by_id["complaint_decision_due"].date, by_id["complaint_decision_due"].certainty) == (
        date(2026, 3, 2),
        "text",
    )
    assert by_id["suit_deadline"].date == date(2026, 4, 2)


def test_a_refusal_that_does_not_explain_the_appeal_gives_six_months(
    calendar: KazakhCalendar,
) -> None:
    # APPC 92(1-1): 6 months from delivery (Mon 6 Oct 2025) = Mon 6 Apr 2026; a complaint
    # filed on Mon 2 Mar 2026 is late under the 3 months (Tue 6 Jan) but in time under six.
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        served=date(2025, 10, 6),
        no_appeal_notice=True,
        start="refusal",
    )
    event = next(e for e in t.events if e.id == "complaint_deadline")
    assert event.date == date(2026, 4, 6) and event.rule and event.rule.article == "92(1-1)"


def test_a_copy_arriving_late_by_post_is_not_called_unlawful(calendar: KazakhCalendar) -> None:
    t = run(
        calendar,
        "refugee-path",
        refusal=date(2025, 10, 1),
        served=date(2025, 10, 20),
        start="refusal",
    )
    text = " ".join(str(w) for w in t.warnings)
    assert "not the day a copy sent by post arrives" in text
    assert "later than the" not in text


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
        kind="direct",
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
    # admin-suit, act with no higher body (APPC 136(1), second paragraph): delivered Sat 21
    # Feb 2026, 1 month = Sat 21 Mar -> Thu 26 Mar 2026.
    (
        "admin-suit",
        "2026-02-17",
        ["--kind", "act", "--served", "2026-02-21"],
        "suit_deadline",
        "2026-03-26",
        "APPC 136(1)",
    ),
    (
        "admin-suit",
        "2024-12-02",
        ["--kind", "act", "--served", "2024-12-05"],
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


@pytest.mark.parametrize(
    ("ruling", "broad", "narrow"),
    [
        # The audit's example: announced Sun 13 Dec 2026. Read broadly (a custody term, UPK
        # 48(2) and 48(4) exceptions): 13, 14, 15 Dec -> Tue 15 Dec, no roll. Read narrowly:
        # 14, 15, 16 Dec (Independence Day) -> Thu 17 Dec.
        ("2026-12-13", "2026-12-15", "2026-12-17"),
        # Thu 19 Mar 2026: broadly 19, 20, 21 Mar -> Sat 21 Mar (Nauryz), not rolled;
        # narrowly Sun 22 Mar -> (Nauryz to 25 Mar) Thu 26 Mar.
        ("2026-03-19", "2026-03-21", "2026-03-26"),
        # Thu 2 Jan 2025: broadly Sat 4 Jan; narrowly Sun 5 Jan, a working day by order.
        ("2025-01-02", "2025-01-04", "2025-01-05"),
    ],
)
def test_detention_shows_both_readings_and_the_earlier_binds(
    ruling: str, broad: str, narrow: str
) -> None:
    event = json_events(ruling, "-p", "detention")["appeal_deadline"]
    assert (event["date"], event["certainty"], event["cite"]) == (broad, "unsettled", "UPK 107(2)")
    readings = {r["id"]: r["date"] for r in event["readings"]}  # type: ignore[index, union-attr]
    assert readings == {"custody-term": broad, "appeal-term": narrow}
    assert event["quote"]


def test_detention_says_why_it_has_two_readings() -> None:
    events = json_events("2026-03-19", "-p", "detention")
    note = str(events["appeal_deadline"]["note"])
    assert "custody" in note and "part 4" in note and "does not say" in note


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
        "--from served, complaint-filed, complaint-decided, ruling, appeal-ruling, "
        "cassation-ruling; --route complaint, direct"
    ) in flat
