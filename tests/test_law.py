"""Issue 9: every rule from the statute's current text, quoted, with its version.

Golden cases worked by hand from shared/domain/statutes-2026.md and the 2020-2026 calendars;
the working is in the comment beside each case.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.cli import app
from deadline_cli.rules import BUILTIN_PACKS, Rule, load_pack
from deadline_cli.timeline import CaseInputs, Timeline, build_timeline

AS_OF = date(2026, 11, 25)
runner = CliRunner()


def run(calendar: KazakhCalendar, pack: str, **kw: object) -> Timeline:
    return build_timeline(load_pack(pack), CaseInputs(**kw), calendar, AS_OF)  # type: ignore[arg-type]


def spans(t: Timeline) -> dict[str, tuple[str, str]]:
    return {e.id: (e.date.isoformat(), e.latest.isoformat()) for e in t.events}


def event(t: Timeline, event_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in t.events if e.id == event_id)


def all_rules() -> list[tuple[str, str, Rule]]:
    found = []
    for pack_id in BUILTIN_PACKS:
        pack = load_pack(pack_id)
        for name, given in pack.given.items():
            found.append((pack_id, name, given.rule))
        for era in pack.eras:
            found.append((pack_id, f"era {era.id}", era.rule))
            if era.ruling is not None:
                found.append((pack_id, f"era {era.id} ruling", era.ruling.rule))
        for step in pack.steps:
            rules = [step.rule, *step.variants]
            for reading in step.readings:
                rules += [reading.rule, *reading.variants]
            found += [(pack_id, step.id, rule) for rule in rules]
    return found


# 1. Every built-in rule read in the text carries the statute's words and the version read.


def test_every_text_rule_has_the_statutes_words_and_version() -> None:
    missing = [
        (pack, where, rule.basis)
        for pack, where, rule in all_rules()
        if rule.certainty == "text" and not (rule.quote and rule.text_version)
    ]
    assert missing == []


def test_quotes_are_russian_and_name_the_term() -> None:
    refugee = load_pack("refugee")
    exit_rule = refugee.step("exit_deadline").readings[0].rule  # type: ignore[union-attr]
    assert "в течение одного месяца со дня принятия решения" in exit_rule.quote
    assert exit_rule.text_version == "consolidated text of 01.07.2026"
    appeal = refugee.step("appeal_deadline").rule  # type: ignore[union-attr]
    assert "в течение двух месяцев" in appeal.quote


# 2. Certainty matches what was read; what stays doubtful says what was not verified.


@pytest.mark.parametrize(
    ("pack", "step", "basis"),
    [
        ("civil", "cassation_deadline", "GPK art. 436(1)"),
        ("criminal", "appeal_deadline", "UPK arts. 418(1), 48"),
        ("criminal", "entry_into_force", "UPK art. 470(1)"),
        ("offence", "complaint_deadline", "KoAP arts. 826-2(2), 829-4(1)"),
        ("offence", "entry_into_force", "KoAP art. 883(1)"),
    ],
)
def test_rules_read_in_the_text_are_text(pack: str, step: str, basis: str) -> None:
    rule = load_pack(pack).step(step).rule  # type: ignore[union-attr]
    assert (rule.basis, rule.certainty) == (basis, "text")


def test_appellate_act_from_july_2025_is_text() -> None:
    eif = load_pack("administrative").step("entry_into_force")
    assert eif is not None
    new = next(v for v in eif.variants if v.valid_from == date(2025, 7, 1))
    assert new.certainty == "text" and new.article == "168(10)"
    assert "вступает в законную силу со дня оглашения" in new.quote


def test_what_stays_doubtful_says_what_was_not_verified() -> None:
    doubtful = [r for _, _, r in all_rules() if r.certainty in ("secondary", "unverified")]
    assert doubtful, "the exit reading and the pre-2025 delivery window stay doubtful"
    assert all("not verified" in r.note for r in doubtful), [r.basis for r in doubtful]
    koap = load_pack("offence").step("complaint_deadline").rule  # type: ignore[union-attr]
    assert koap.roll_certainty == "unverified"


# 3. The exit rule: all three readings, computed every time.


def test_seed_case_each_exit_reading(calendar: KazakhCalendar) -> None:
    # Final form Thu 5 Feb 2026; appeal ends Mon 6 Apr (Sun 5 Apr rolls); in force Tue 7 Apr.
    # 30 days from 7 Apr: Thu 7 May, Defender of the Fatherland Day -> Fri 8 May 2026.
    # 1 month from 7 Apr: Thu 7 May, the same holiday -> Fri 8 May 2026.
    # 1 month from the decision Thu 5 Feb: Thu 5 Mar 2026, a working day.
    t = run(calendar, "refugee", ruling=date(2026, 2, 5), final_form=date(2026, 2, 5))
    exit_event = event(t, "exit_deadline")
    readings = {r.id: (r.date.isoformat(), r.selected) for r in exit_event.readings}
    assert readings == {
        "30-days-from-entry-into-force": ("2026-05-08", True),
        "1-month-from-entry-into-force": ("2026-05-08", False),
        "1-month-from-decision": ("2026-03-05", False),
    }
    assert exit_event.date == date(2026, 5, 8)
    # A person at risk of expulsion is told the earliest day any reading gives.
    earlier = [str(w) for w in t.warnings if "another reading" in str(w)]
    assert len(earlier) == 1 and "Thu 5 Mar 2026" in earlier[0]


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        ("30-days-from-entry-into-force", "2026-05-08"),
        ("1-month-from-entry-into-force", "2026-05-08"),
        ("1-month-from-decision", "2026-03-05"),
    ],
)
def test_reading_chosen_becomes_the_date_shown(
    calendar: KazakhCalendar, reading: str, expected: str
) -> None:
    t = run(
        calendar, "refugee", ruling=date(2026, 2, 5), final_form=date(2026, 2, 5), reading=reading
    )
    exit_event = event(t, "exit_deadline")
    assert exit_event.date.isoformat() == expected
    assert exit_event.reading is not None and exit_event.reading.id == reading
    earlier = [w for w in t.warnings if "another reading" in str(w)]
    assert bool(earlier) is (reading != "1-month-from-decision")


def test_after_an_appeal_the_statutes_letter_counts_from_the_appellate_act(
    calendar: KazakhCalendar,
) -> None:
    # Appellate act Wed 20 May 2026, in force that day (from 1 July 2025). 1 month = Sat 20 Jun
    # -> Mon 22 Jun; from entry into force the same. 30 days: Fri 19 Jun 2026.
    t = run(calendar, "refugee", ruling=date(2026, 2, 5), appeal_ruling=date(2026, 5, 20))
    readings = {r.id: r.date.isoformat() for r in event(t, "exit_deadline").readings}
    assert readings == {
        "30-days-from-entry-into-force": "2026-06-19",
        "1-month-from-entry-into-force": "2026-06-22",
        "1-month-from-decision": "2026-06-22",
    }


def test_a_period_no_reading_states_is_computed_with_a_warning(calendar: KazakhCalendar) -> None:
    # 45 days from Tue 7 Apr 2026 = Fri 22 May 2026.
    t = run(
        calendar,
        "refugee",
        ruling=date(2026, 2, 5),
        final_form=date(2026, 2, 5),
        exit_period="45 days",
    )
    exit_event = event(t, "exit_deadline")
    assert exit_event.date == date(2026, 5, 22) and exit_event.certainty == "unverified"
    said = [str(w) for w in t.warnings if "45 days is not a period" in str(w)]
    assert said and "30 days from entry into force" in said[0] and "1 month from" in said[0]


def test_readings_are_pack_data_a_user_pack_can_declare(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "p.toml"
    pack.write_text(
        """schema = 1
id = "two-readings"
name = "A rule read two ways"
[ruling]
label = "Decision"
basis = "Some Law art. 1"
source = "GPK"
[[steps]]
id = "leave"
label = "Last day"
deadline = true
[[steps.readings]]
id = "short"
label = "ten days"
from = "ruling"
period = "10 days"
roll = true
basis = "Some Law art. 2"
source = "GPK"
certainty = "secondary"
[[steps.readings]]
id = "long"
label = "one month"
from = "ruling"
period = "1 month"
roll = true
basis = "Some Law art. 2"
source = "GPK"
certainty = "secondary"
""",
        encoding="utf-8",
    )
    # From Thu 5 Feb 2026: 10 days = Sun 15 Feb -> Mon 16 Feb; 1 month = Thu 5 Mar.
    result = runner.invoke(
        app, ["compute", "2026-02-05", "--rules", str(pack), "--reading", "long", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    leave = next(e for e in json.loads(result.stdout)["events"] if e["id"] == "leave")
    assert leave["date"] == "2026-03-05"
    assert [(r["id"], r["date"], r["selected"]) for r in leave["readings"]] == [
        ("short", "2026-02-16", False),
        ("long", "2026-03-05", True),
    ]


# 4. Cassation after an appeal: both regimes of the APPC.


def test_appellate_act_announced_20_june_2025_old_regime(calendar: KazakhCalendar) -> None:
    # Fri 20 Jun 2025, delivery not given: between that day and 10 working days later, Fri
    # 4 Jul 2025 (23-27 Jun, 30 Jun, 1-4 Jul). Cassation 1 month from delivery (169(2), 2021
    # wording): Sun 20 Jul -> Mon 21 Jul, to Mon 4 Aug 2025. In force when it expires, the
    # next day: Tue 22 Jul to Tue 5 Aug 2025. Exit 30 days: Thu 21 Aug to Thu 4 Sep 2025.
    t = run(
        calendar,
        "refugee",
        ruling=date(2025, 3, 3),
        final_form=date(2025, 3, 3),
        appeal_ruling=date(2025, 6, 20),
    )
    got = spans(t)
    assert got["appeal_served"] == ("2025-06-20", "2025-07-04")
    assert got["cassation_deadline"] == ("2025-07-21", "2025-08-04")
    assert got["entry_into_force"] == ("2025-07-22", "2025-08-05")
    assert got["exit_deadline"] == ("2025-08-21", "2025-09-04")
    cassation = event(t, "cassation_deadline")
    assert cassation.rule is not None and cassation.rule.wording == "2021"
    assert "law version" in cassation.steps[0].text and "to 2025-06-30" in cassation.steps[0].text


def test_appellate_act_old_regime_with_delivery_date(calendar: KazakhCalendar) -> None:
    # Delivered Wed 25 Jun 2025: cassation Fri 25 Jul 2025; in force Sat 26 Jul 2025 (a day
    # of entry into force does not roll).
    t = run(
        calendar,
        "refugee",
        ruling=date(2025, 3, 3),
        final_form=date(2025, 3, 3),
        appeal_ruling=date(2025, 6, 20),
        appeal_served=date(2025, 6, 25),
    )
    got = spans(t)
    assert got["cassation_deadline"] == ("2025-07-25", "2025-07-25")
    assert got["entry_into_force"] == ("2025-07-26", "2025-07-26")


def test_appellate_act_announced_10_july_2025_new_regime(calendar: KazakhCalendar) -> None:
    # Thu 10 Jul 2025: in force that day (168(10) from 1 July 2025); cassation 6 months from
    # then (169(2)): Sat 10 Jan 2026 -> Mon 12 Jan 2026. Exit 30 days: Sat 9 Aug -> Mon 11 Aug.
    t = run(
        calendar,
        "refugee",
        ruling=date(2025, 3, 3),
        final_form=date(2025, 3, 3),
        appeal_ruling=date(2025, 7, 10),
    )
    got = spans(t)
    assert "appeal_served" not in got
    assert got["entry_into_force"] == ("2025-07-10", "2025-07-10")
    assert got["cassation_deadline"] == ("2026-01-12", "2026-01-12")
    assert got["exit_deadline"] == ("2025-08-11", "2025-08-11")
    assert event(t, "cassation_deadline").basis.startswith("APPC art. 169(2): 6 months")


# 5. Criminal and offence entry into force.


def test_criminal_verdict_enters_into_force_the_day_after_the_appeal_term(
    calendar: KazakhCalendar,
) -> None:
    # Mon 2 Mar 2026 + 15 days = Tue 17 Mar (working): in force Wed 18 Mar 2026 (470(1)).
    t = run(calendar, "criminal", ruling=date(2026, 3, 2))
    assert spans(t)["entry_into_force"] == ("2026-03-18", "2026-03-18")
    assert event(t, "entry_into_force").basis == "UPK art. 470(1)"


def test_criminal_verdict_appealed_enters_into_force_on_the_appellate_ruling(
    calendar: KazakhCalendar,
) -> None:
    t = run(calendar, "criminal", ruling=date(2026, 3, 2), appeal_ruling=date(2026, 4, 15))
    assert spans(t)["entry_into_force"] == ("2026-04-15", "2026-04-15")
    assert "470(2)" in event(t, "entry_into_force").basis


def test_offence_decision_enters_into_force(calendar: KazakhCalendar) -> None:
    # Copy delivered Mon 27 Apr 2026: 10 days = Thu 7 May (holiday; whether it rolls to Fri
    # 8 May is not verified). In force the next day: Fri 8 May to Sat 9 May 2026 (883(1)).
    t = run(calendar, "offence", ruling=date(2026, 4, 20), served=date(2026, 4, 27))
    assert spans(t)["entry_into_force"] == ("2026-05-08", "2026-05-09")
    decided = run(
        calendar,
        "offence",
        ruling=date(2026, 4, 20),
        served=date(2026, 4, 27),
        appeal_ruling=date(2026, 5, 20),
    )
    assert spans(decided)["entry_into_force"] == ("2026-05-20", "2026-05-20")


@pytest.mark.parametrize(
    ("kind", "basis", "deadline"),
    [
        ("official", "KoAP arts. 826-2(2), 829-4(1)", ("2026-05-07", "2026-05-08")),
        ("court", "KoAP art. 832(1)", ("2026-05-07", "2026-05-08")),
        # 30 days from Mon 27 Apr = Wed 27 May 2026, Kurban Ait: Thu 28 May if it rolls.
        ("tax-audit", "KoAP arts. 826-2(3), 829-4(2)", ("2026-05-27", "2026-05-28")),
    ],
)
def test_offence_kinds_cite_their_articles(
    calendar: KazakhCalendar, kind: str, basis: str, deadline: tuple[str, str]
) -> None:
    t = run(calendar, "offence", ruling=date(2026, 4, 20), served=date(2026, 4, 27), kind=kind)
    assert event(t, "complaint_deadline").basis == basis
    assert spans(t)["complaint_deadline"] == deadline


# 6. Cases from before the APPC: the GPK's terms, with the law version named.


def test_administrative_case_accepted_in_2020_is_computed_under_the_gpk(
    calendar: KazakhCalendar,
) -> None:
    # Refusal upheld Tue 15 Sep 2020 (the ruling stands in for the day the case was accepted).
    # GPK art. 223(4): final form within 5 working days, Tue 22 Sep 2020. Appeal 1 month (GPK
    # art. 403(3)): Thu 15 Oct to Thu 22 Oct 2020. In force Fri 16 Oct to Fri 23 Oct. Exit 30
    # days: Sun 15 Nov -> Mon 16 Nov, to Sun 22 Nov -> Mon 23 Nov 2020.
    t = run(calendar, "refugee", ruling=date(2020, 9, 15))
    got = spans(t)
    assert got["final_form"] == ("2020-09-15", "2020-09-22")
    assert got["appeal_deadline"] == ("2020-10-15", "2020-10-22")
    assert got["entry_into_force"] == ("2020-10-16", "2020-10-23")
    assert got["exit_deadline"] == ("2020-11-16", "2020-11-23")
    assert event(t, "appeal_deadline").basis.startswith("GPK art. 403(3)")
    assert event(t, "ruling").basis == "GPK art. 223(4)"
    assert t.era is not None and (t.era.era.id, t.era.stand_in) == ("gpk", True)
    era_line = event(t, "appeal_deadline").steps[0].text
    assert "GPK (case accepted before 1 July 2021)" in era_line and "--filed" in era_line
    assert "APPC art. 175(4)" in era_line and "stands in" in era_line


def test_decided_in_august_2021_but_filed_in_june_2021_is_gpk(calendar: KazakhCalendar) -> None:
    # Ruling Mon 16 Aug 2021, case accepted Tue 15 Jun 2021: GPK. Final form 5 working days:
    # Mon 23 Aug. Appeal 1 month: Thu 16 Sep to Thu 23 Sep 2021; in force 17 to 24 Sep.
    t = run(calendar, "administrative", ruling=date(2021, 8, 16), filed=date(2021, 6, 15))
    got = spans(t)
    assert got["final_form"] == ("2021-08-16", "2021-08-23")
    assert got["appeal_deadline"] == ("2021-09-16", "2021-09-23")
    assert got["entry_into_force"] == ("2021-09-17", "2021-09-24")
    assert t.era is not None and (t.era.era.id, t.era.stand_in) == ("gpk", False)
    assert "on Tue 15 Jun 2021 (--filed)" in event(t, "appeal_deadline").steps[0].text


def test_the_same_ruling_without_filed_is_appc(calendar: KazakhCalendar) -> None:
    # Without --filed the ruling (16 Aug 2021) stands in: APPC. Final form within a month at
    # the latest (art. 151(2), exceptional cases): Thu 16 Sep. Appeal 2 months: Sat 16 Oct
    # -> Mon 18 Oct, to Tue 16 Nov 2021.
    t = run(calendar, "administrative", ruling=date(2021, 8, 16))
    got = spans(t)
    assert got["final_form"] == ("2021-08-16", "2021-09-16")
    assert got["appeal_deadline"] == ("2021-10-18", "2021-11-16")
    assert t.era is not None and t.era.era.id == "appc"


# 7. Law versions are visible, and rules --on shows those in force on a day.


def test_rules_lists_versions_with_their_dates() -> None:
    result = runner.invoke(app, ["rules", "administrative"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "APPC art. 168(10): the appellate act enters into force when announced" in out
    assert "from 2025-07-01 to ..." in out and "from 2021-07-01 to 2025-06-30" in out
    assert "GPK (case accepted before 1 July 2021): 2016-01-01 to 2021-06-30" in out


def test_rules_on_a_day_shows_only_the_law_then() -> None:
    on_2024 = runner.invoke(app, ["rules", "administrative", "--on", "2024-03-01"])
    on_2026 = runner.invoke(app, ["rules", "administrative", "--on", "2026-03-01"])
    assert on_2024.exit_code == on_2026.exit_code == 0
    assert "(wording until 30 June 2025)" in on_2024.stdout
    assert "(wording until 30 June 2025)" not in on_2026.stdout
    assert "wording from 1 July 2025" in on_2026.stdout
    assert "GPK (case accepted" not in on_2026.stdout


def test_rules_refugee_shows_the_article_18_quote() -> None:
    result = runner.invoke(app, ["rules", "refugee"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert "должны добровольно покинуть территорию Республики Казахстан" in result.stdout
    assert "consolidated text of 01.07.2026" in result.stdout


def test_json_events_carry_quote_version_and_readings() -> None:
    result = runner.invoke(
        app, ["compute", "2026-02-05", "--final-form", "2026-02-05", "-f", "json"]
    )
    data = json.loads(result.stdout)
    events = {e["id"]: e for e in data["events"]}
    assert events["appeal_deadline"]["quote"].startswith("Не вступившие в законную силу")
    assert events["appeal_deadline"]["version"] == "consolidated text of 25.08.2026"
    assert events["appeal_deadline"]["cite"] == "APPC 168(2)"
    assert [r["id"] for r in events["exit_deadline"]["readings"]] == [
        "30-days-from-entry-into-force",
        "1-month-from-entry-into-force",
        "1-month-from-decision",
    ]
    assert events["final_form"]["quote"] is None  # a date given has no rule
    assert data["inputs"]["era"] == {
        "id": "appc",
        "judged_on": "ruling",
        "date": "2026-02-05",
        "stand_in": True,
    }


def test_explain_shows_the_quote_under_the_date() -> None:
    result = runner.invoke(
        app,
        ["compute", "2026-02-05", "--final-form", "2026-02-05", "--explain"],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if "Last day to appeal" in line)
    assert lines[row + 1].lstrip().startswith("«Не вступившие в законную силу")
