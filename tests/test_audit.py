"""Issues 19 and 20: the court packs and the administrative path re-audited.

Golden cases worked by hand from the quoted texts (shared/domain/statutes-2026.md and the
statute mirror) and the 2021-2026 calendars; the working is in the comment beside each case.
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

AS_OF = date(2026, 12, 2)
runner = CliRunner()


def run(calendar: KazakhCalendar, pack: str, **kw: object) -> Timeline:
    return build_timeline(load_pack(pack), CaseInputs(**kw), calendar, AS_OF)  # type: ignore[arg-type]


def by_id(t: Timeline) -> dict[str, tuple[str, str, str]]:
    return {e.id: (e.date.isoformat(), e.latest.isoformat(), e.certainty) for e in t.events}


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--as-of", AS_OF.isoformat()])
    return result.exit_code, result.stdout, result.stderr


# APPC 168(4): procurement and bailiff disputes --------------------------------------------


def test_a_bailiff_dispute_appeals_in_ten_working_days(calendar: KazakhCalendar) -> None:
    # Announced and made in final form Mon 7 Dec 2026: 10 working days: 8-11 (4), 14, 15 (6),
    # (16 Dec Independence Day), 17, 18 (8), 21, 22 (10) -> Tue 22 Dec 2026; in force Wed 23.
    t = run(
        calendar,
        "administrative",
        ruling=date(2026, 12, 7),
        final_form=date(2026, 12, 7),
        kind="bailiff",
    )
    got = by_id(t)
    assert got["appeal_deadline"] == ("2026-12-22", "2026-12-22", "text")
    assert got["entry_into_force"][0] == "2026-12-23"
    rule = next(e for e in t.events if e.id == "appeal_deadline").rule
    assert rule is not None and rule.article == "168(4)" and "десяти рабочих дней" in rule.quote


def test_a_refugee_case_has_no_procurement_kind() -> None:
    code, out, err = cli("compute", "2026-02-05", "--kind", "procurement")
    assert code == 2 and out == "" and "no kinds" in err


# APPC 169(2), 2021-2025: a cassation complaint keeps the decision out of force ------------


def test_an_appellate_act_of_2023_enters_into_force_when_the_cassation_term_expires(
    calendar: KazakhCalendar,
) -> None:
    # Decision Wed 1 Mar 2023 (final form the same day); appeal 2 months: Mon 1 May (Unity Day)
    # -> Tue 2 May. Appellate act announced Thu 1 Jun 2023, delivered Mon 5 Jun: cassation 1
    # month, Wed 5 Jul 2023; no complaint: in force the next day, Thu 6 Jul 2023.
    t = run(
        calendar,
        "refugee",
        ruling=date(2023, 3, 1),
        final_form=date(2023, 3, 1),
        appeal_ruling=date(2023, 6, 1),
        appeal_served=date(2023, 6, 5),
    )
    got = by_id(t)
    assert got["appeal_deadline"][0] == "2023-05-02"
    assert got["cassation_deadline"][0] == "2023-07-05"
    assert got["entry_into_force"] == ("2023-07-06", "2023-07-06", "text")
    # Exit, 30 days from Thu 6 Jul 2023: Sat 5 Aug -> Mon 7 Aug 2023.
    assert got["exit_deadline"][0] == "2023-08-07"


def test_a_cassation_complaint_of_2023_waits_for_the_cassation_court(
    calendar: KazakhCalendar,
) -> None:
    # The same case, a cassation complaint filed Sat 1 Jul 2023: the decision did not enter
    # into force on 6 Jul (APPC 169(2), wording of 2021-2025). Without the cassation ruling,
    # entry into force and the exit day are not computed, and a note says why.
    common = {
        "ruling": date(2023, 3, 1),
        "final_form": date(2023, 3, 1),
        "appeal_ruling": date(2023, 6, 1),
        "appeal_served": date(2023, 6, 5),
        "cassation_filed": date(2023, 7, 1),
    }
    t = run(calendar, "refugee", **common)
    got = by_id(t)
    assert "entry_into_force" not in got and "exit_deadline" not in got
    assert any("--cassation-ruling" in str(n) and "Last day to leave" in str(n) for n in t.notes)
    # The cassation court upheld it on Tue 10 Oct 2023: in force that day, marked unverified
    # (the text says only when it does not enter into force); exit 30 days: Thu 9 Nov 2023.
    t = run(calendar, "refugee", **common, cassation_ruling=date(2023, 10, 10))
    got = by_id(t)
    assert got["entry_into_force"] == ("2023-10-10", "2023-10-10", "unverified")
    assert got["exit_deadline"][0] == "2023-11-09"
    assert any("cassation" in str(w) and "not verified" in str(w) for w in t.warnings)


def test_a_cassation_date_needs_the_appellate_act(calendar: KazakhCalendar) -> None:
    with pytest.raises(DeadlineError, match="--cassation-filed needs --appeal-ruling"):
        run(calendar, "refugee", ruling=date(2023, 3, 1), cassation_filed=date(2023, 7, 1))


def test_an_appellate_act_of_june_2025_is_marked_for_the_transition(
    calendar: KazakhCalendar,
) -> None:
    # Announced Mon 16 Jun 2025, delivered Fri 20 Jun: cassation 1 month, Sun 20 Jul -> Mon
    # 21 Jul 2025, past 1 July 2025: how Law 136-VIII art. 2 treats it was not read.
    t = run(
        calendar,
        "administrative",
        ruling=date(2025, 3, 3),
        final_form=date(2025, 3, 3),
        appeal_ruling=date(2025, 6, 16),
        appeal_served=date(2025, 6, 20),
    )
    assert by_id(t)["entry_into_force"] == ("2025-07-22", "2025-07-22", "unverified")
    assert any("136-VIII" in str(w) for w in t.warnings)


# KoAP 883: immediate entry into force, with the reason -----------------------------------


def test_an_expulsion_decision_is_in_force_once_announced(calendar: KazakhCalendar) -> None:
    # A court's decision to expel, announced and delivered Mon 2 Mar 2026: in force that day
    # (KoAP 883(4)); the complaint term still runs 10 days from delivery: Thu 12 Mar 2026.
    t = run(
        calendar,
        "offence",
        ruling=date(2026, 3, 2),
        served=date(2026, 3, 2),
        kind="court",
        immediate=True,
        immediate_reason="expulsion",
    )
    got = by_id(t)
    assert got["entry_into_force"] == ("2026-03-02", "2026-03-02", "text")
    assert got["complaint_deadline"][0] == "2026-03-12"
    rule = next(e for e in t.events if e.id == "entry_into_force").rule
    assert rule is not None and rule.article == "883(4)" and "выдворении" in rule.quote


def test_immediate_without_a_reason_is_refused_in_the_offence_pack() -> None:
    code, out, err = cli(
        "compute", "2026-03-02", "-p", "offence", "--served", "2026-03-02", "--immediate"
    )
    assert code == 2 and out == "" and "--immediate-reason" in err
    code, out, err = cli(
        *("compute", "2026-03-02", "-p", "offence", "--served", "2026-03-02"),
        *("--immediate-reason", "request", "-f", "json"),
    )
    assert code == 0
    events = {e["id"]: e for e in json.loads(out)["events"]}
    assert (events["entry_into_force"]["date"], events["entry_into_force"]["cite"]) == (
        "2026-03-02",
        "KoAP 883(3-1)",
    )


@pytest.mark.parametrize(
    "args",
    [
        # The refugee pack counts from no delivery date: --served was ignored before.
        ["compute", "2026-02-05", "--served", "2026-02-06"],
        ["compute", "2026-02-05", "-p", "criminal", "--immediate"],
        ["compute", "2026-02-05", "--immediate-reason", "expulsion"],
        ["compute", "2026-02-05", "-p", "restore", "--complaint-filed", "2026-02-06"],
    ],
)
def test_an_option_the_pack_does_not_use_is_refused(args: list[str]) -> None:
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert "does not apply to the" in err and len(err.strip().splitlines()) == 1


def test_a_2016_offence_decision_is_refused_not_computed_under_the_2018_text() -> None:
    code, out, err = cli("compute", "2016-05-10", "-p", "offence", "--served", "2016-05-11")
    assert code == 2 and out == ""
    assert "2018-02-01" in err and "127-VI" in err


# APPC 136(4): the bailiff suit, before and after Law 325-VIII ----------------------------


@pytest.mark.parametrize(
    ("start", "expected", "wording"),
    [
        # Sat 1 Aug 2026 (the action, old wording): 3-7 Aug (5), 10-14 Aug (10) -> Fri 14 Aug.
        ("2026-08-01", "2026-08-14", "until 24 August 2026"),
        # Tue 1 Sep 2026 (receipt of the decision, new wording): 2-4 (3), 7-11 (8), 14, 15 Sep.
        ("2026-09-01", "2026-09-15", "325-VIII"),
    ],
)
def test_the_bailiff_suit_follows_the_wording_in_force(
    calendar: KazakhCalendar, start: str, expected: str, wording: str
) -> None:
    t = run(calendar, "admin-suit", ruling=date.fromisoformat(start), kind="bailiff")
    suit = next(e for e in t.events if e.id == "suit_deadline")
    assert suit.date.isoformat() == expected and wording in str(suit.basis)
    assert suit.rule is not None and suit.rule.quote


def test_rules_on_a_date_shows_the_bailiff_wording_of_that_day() -> None:
    old = runner.invoke(app, ["rules", "admin-suit", "--on", "2026-08-01"], env={"COLUMNS": "200"})
    new = runner.invoke(app, ["rules", "admin-suit", "--on", "2026-09-01"], env={"COLUMNS": "200"})
    assert old.exit_code == new.exit_code == 0
    assert (
        "until 24 August 2026" in old.stdout and "325-VIII" not in old.stdout.split("bailiff")[-1]
    )
    assert "325-VIII" in new.stdout


# admin-suit kinds and the direct route's notice -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "expected", "article"),
    [
        # 136(3): 5 years from Thu 5 Feb 2026 -> Mon 5 Feb 2031.
        ("recognition", "2026-02-05", "2031-02-05", "136(3)"),
        # 136(3), second paragraph: 3 months from Thu 5 Feb 2026 -> Tue 5 May 2026.
        ("lapsed-act", "2026-02-05", "2026-05-05", "136(3)"),
        # 136(3-1): 3 months from Mon 2 Feb 2026 -> Sat 2 May -> Mon 4 May 2026.
        ("normative", "2026-02-02", "2026-05-04", "136(3-1)"),
    ],
)
def test_admin_suit_kinds_of_article_136(
    calendar: KazakhCalendar, kind: str, start: str, expected: str, article: str
) -> None:
    t = run(calendar, "admin-suit", ruling=date.fromisoformat(start), kind=kind)
    suit = next(e for e in t.events if e.id == "suit_deadline")
    assert suit.date.isoformat() == expected
    assert suit.rule is not None and suit.rule.article == article and suit.rule.quote


def test_an_act_brought_to_notice_before_delivery_starts_the_month(
    calendar: KazakhCalendar,
) -> None:
    # APPC 136(1), second paragraph: told on Mon 2 Mar 2026, delivered Tue 10 Mar: the month
    # runs from the earlier day: Thu 2 Apr 2026 (not Fri 10 Apr).
    t = run(
        calendar,
        "admin-suit",
        ruling=date(2026, 3, 1),
        kind="act",
        served=date(2026, 3, 10),
        notified=date(2026, 3, 2),
    )
    assert next(e for e in t.events if e.id == "suit_deadline").date == date(2026, 4, 2)


def test_the_pretrial_complaint_in_admin_suit(calendar: KazakhCalendar) -> None:
    # Learned of the act Sat 1 Aug 2026: complaint within 3 months, Sun 1 Nov (unrolled,
    # binding) to Mon 2 Nov 2026. Registered Mon 10 Aug: decided by 20 working days, Mon 7 Sep
    # (11-14, 17-21, 24-28, 31 Aug (a working day in 2026), 1-4, 7 Sep); silence: suit by
    # Wed 7 Oct 2026 (APPC 136(6)).
    t = run(
        calendar,
        "admin-suit",
        ruling=date(2026, 8, 1),
        kind="pretrial",
        complaint_filed=date(2026, 8, 10),
    )
    got = by_id(t)
    assert got["complaint_deadline"][:2] == ("2026-11-01", "2026-11-02")
    assert got["complaint_decision_due"][0] == "2026-09-07"
    assert got["suit_deadline"][0] == "2026-10-07"


def test_the_action_kind_is_a_suit_for_an_action_not_compulsion() -> None:
    kinds = {k.id: k.label for k in load_pack("admin-suit").choice.kinds}  # type: ignore[union-attr]
    assert "art. 134" in kinds["action"] and "compel" not in kinds["action"]
    assert "133" in kinds["complaint"]


def test_the_route_warning_names_the_earlier_day_in_russian_and_kazakh() -> None:
    args = ["compute", "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06"]
    for code, words in (("ru", "06.11.2025"), ("kk", "06.11.2025")):
        result = runner.invoke(app, [*args, "--lang", code, "--as-of", "2025-10-07"])
        assert result.exit_code == 0
        flat = " ".join(result.stdout.split())
        assert words in flat and "--route direct" in flat


def test_a_penalty_ruling_counts_from_its_delivery(calendar: KazakhCalendar) -> None:
    # APPC 124(2) as the audit reads it: made Fri 13 Mar 2026, delivered Wed 18 Mar: 10
    # working days from delivery: 19, 20, (21-25 Nauryz), 26, 27, 30, 31 Mar, 1, 2, 3, 6 Apr
    # -> Mon 6 Apr 2026 (from the ruling it would be Wed 1 Apr); marked secondary.
    t = run(
        calendar,
        "private-complaint",
        ruling=date(2026, 3, 13),
        served=date(2026, 3, 18),
        kind="appc",
    )
    assert by_id(t)["complaint_deadline"] == ("2026-04-06", "2026-04-06", "secondary")


def test_a_convict_in_custody_counts_from_the_copy(calendar: KazakhCalendar) -> None:
    # UPK 418(1): ruling Fri 6 Mar 2026, copy delivered Mon 9 Mar: 15 days = Tue 24 Mar
    # (Nauryz) -> Thu 26 Mar 2026.
    t = run(
        calendar,
        "private-complaint",
        ruling=date(2026, 3, 6),
        served=date(2026, 3, 9),
        kind="upk",
    )
    event = next(e for e in t.events if e.id == "complaint_deadline")
    assert event.date == date(2026, 3, 26) and event.rule and event.rule.article == "418(1)"


# GPK 403(3) "except in the cases set by this Code"; non-participants in administrative cases


def test_the_civil_appeal_quote_is_whole_and_names_the_exceptions(
    calendar: KazakhCalendar,
) -> None:
    t = run(calendar, "civil", ruling=date(2026, 3, 2), final_form=date(2026, 3, 2))
    event = next(e for e in t.events if e.id == "appeal_deadline")
    assert event.rule is not None
    assert "за исключением случаев, установленных настоящим Кодексом" in event.rule.quote
    assert "301-3(2)" in event.rule.note and "385(1)" in event.rule.note
    assert "403(4)" in event.rule.note


def test_an_asset_recovery_appeal_runs_three_working_days_from_the_copy_over_nauryz(
    calendar: KazakhCalendar,
) -> None:
    # Copy delivered Thu 19 Mar 2026: Fri 20 (1); 21-25 Mar Nauryz and the days moved from
    # its weekend; Thu 26 (2), Fri 27 (3) -> Fri 27 Mar 2026; in force Sat 28 Mar (GPK 240(1)).
    t = run(
        calendar,
        "civil",
        ruling=date(2026, 3, 2),
        final_form=date(2026, 3, 2),
        served=date(2026, 3, 19),
        kind="asset-recovery",
    )
    got = by_id(t)
    assert got["appeal_deadline"] == ("2026-03-27", "2026-03-27", "text")
    assert got["entry_into_force"][0] == "2026-03-28"
    assert "appeal_deadline_non_party" not in got


def test_an_asset_recovery_appeal_needs_the_copy_and_a_plain_case_refuses_it() -> None:
    code, out, err = cli("compute", "2026-03-02", "-p", "civil", "--kind", "asset-recovery")
    assert code == 2 and out == "" and "--served" in err
    code, out, err = cli("compute", "2026-03-02", "-p", "civil", "--served", "2026-03-19")
    assert code == 2 and out == "" and "--kind standard" in err


def test_a_non_participant_in_an_administrative_case_is_a_reading(
    calendar: KazakhCalendar,
) -> None:
    # Copy sent Fri 20 Mar 2026: 1 month (GPK 403(3) via APPC 168(1)) = Mon 20 Apr 2026;
    # the parties' dates do not move.
    plain = run(calendar, "administrative", ruling=date(2026, 3, 2), final_form=date(2026, 3, 2))
    t = run(
        calendar,
        "administrative",
        ruling=date(2026, 3, 2),
        final_form=date(2026, 3, 2),
        copy_sent=date(2026, 3, 20),
    )
    got = by_id(t)
    assert got["appeal_deadline_non_party"] == ("2026-04-20", "2026-04-20", "unsettled")
    assert got["entry_into_force"] == by_id(plain)["entry_into_force"]
    assert "appeal_deadline_non_party" not in by_id(plain)


def test_a_non_participant_in_a_case_heard_under_the_gpk_has_the_text(
    calendar: KazakhCalendar,
) -> None:
    # Decided Tue 1 Jun 2021 (accepted before the APPC: the GPK); copy sent Mon 5 Jul 2021:
    # 1 month = Thu 5 Aug 2021, a working day.
    t = run(
        calendar,
        "administrative",
        ruling=date(2021, 6, 1),
        final_form=date(2021, 6, 1),
        copy_sent=date(2021, 7, 5),
    )
    assert by_id(t)["appeal_deadline_non_party"] == ("2021-08-05", "2021-08-05", "text")


def test_a_copy_sent_is_refused_where_no_rule_counts_from_it() -> None:
    code, out, err = cli("compute", "2026-03-02", "--copy-sent", "2026-03-20")
    assert code == 2 and out == "" and "--copy-sent" in err
    code, out, err = cli(
        "compute",
        "2026-03-02",
        "-p",
        "administrative",
        "--kind",
        "bailiff",
        "--copy-sent",
        "2026-03-20",
    )
    assert code == 2 and out == "" and "--kind bailiff" in err
