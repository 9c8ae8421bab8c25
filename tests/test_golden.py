"""Golden cases, each worked by hand from shared/domain/kz-deadlines.md and the 2021-2027
calendars (the working in the comment beside each case)."""

from __future__ import annotations

from datetime import date

import pytest

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.errors import DeadlineError
from deadline_cli.record import replace
from deadline_cli.rules import load_pack
from deadline_cli.timeline import CaseInputs, Timeline, build_timeline

AS_OF = date(2026, 11, 24)


def run(calendar: KazakhCalendar, pack: str, ruling: date, **kw: object) -> Timeline:
    return build_timeline(load_pack(pack), CaseInputs(ruling=ruling, **kw), calendar, AS_OF)  # type: ignore[arg-type]


def warnings(t: Timeline) -> list[str]:
    """The warnings in English."""
    return [str(w) for w in t.warnings]


def dates(t: Timeline) -> dict[str, str]:
    return {e.id: e.date.isoformat() for e in t.events}


def latest(t: Timeline) -> dict[str, str]:
    return {e.id: e.latest.isoformat() for e in t.events}


def test_seed_case_final_form_same_day(calendar: KazakhCalendar) -> None:
    # 5 Feb 2026 + 2 months = Sun 5 Apr -> Mon 6 Apr; in force Tue 7 Apr;
    # exit 30 days from 7 Apr = Thu 7 May (Defender of the Fatherland Day) -> Fri 8 May.
    t = run(calendar, "refugee", date(2026, 2, 5), final_form=date(2026, 2, 5))
    assert dates(t) == {
        "ruling": "2026-02-05",
        "final_form": "2026-02-05",
        "appeal_deadline": "2026-04-06",
        "entry_into_force": "2026-04-07",
        "exit_deadline": "2026-05-08",
    }
    by_id = {e.id: e for e in t.events}
    assert by_id["appeal_deadline"].nominal == date(2026, 4, 5)
    assert by_id["exit_deadline"].nominal == date(2026, 5, 7)
    assert by_id["appeal_deadline"].basis == "APPC art. 168(2)"
    # The default reading (30 days from entry into force) is the practice the defence states:
    # secondary. The statute's own words for it are art. 18(1)'s.
    assert by_id["exit_deadline"].certainty == "secondary"
    assert by_id["exit_deadline"].basis == "Refugees Law arts. 18(1), 8(1)(5), 18(2)"
    assert not any(e.is_range for e in t.events)


def test_seed_case_without_final_form_gives_the_domain_ranges(calendar: KazakhCalendar) -> None:
    # APPC 151(2): final form within 10 working days (Thu 19 Feb 2026), "in exceptional
    # cases" within a month: the range runs to Thu 5 Mar 2026. Appeal 2 months: Tue 5 May;
    # in force Wed 6 May; exit 30 days: Fri 5 Jun. The earliest dates stay binding.
    t = run(calendar, "refugee", date(2026, 2, 5))
    assert dates(t)["appeal_deadline"] == "2026-04-06"
    assert latest(t) == {
        "ruling": "2026-02-05",
        "final_form": "2026-03-05",
        "appeal_deadline": "2026-05-05",
        "entry_into_force": "2026-05-06",
        "exit_deadline": "2026-06-05",
    }
    assert any("--final-form" in w and "earliest is binding" in w for w in warnings(t))


def test_events_are_in_date_order(calendar: KazakhCalendar) -> None:
    t = run(calendar, "civil", date(2026, 2, 5), immediate=True)
    assert [e.id for e in t.events] == [
        "ruling",
        "entry_into_force",
        "final_form",
        "appeal_deadline",
    ]
    assert [e.date for e in t.events] == sorted(e.date for e in t.events)


@pytest.mark.parametrize(
    ("pack", "final_form", "appeal", "in_force"),
    [
        # End-of-month clamp, leap year: 31 Jan 2024 + 1 month = Thu 29 Feb 2024.
        ("civil", date(2024, 1, 31), "2024-02-29", "2024-03-01"),
        # End-of-month clamp, common year: 31 Jan 2023 + 1 month = Tue 28 Feb 2023.
        ("civil", date(2023, 1, 31), "2023-02-28", "2023-03-01"),
        # 31 Dec 2025 + 2 months = Sat 28 Feb 2026 (clamp), Sun 1 Mar -> Mon 2 Mar.
        ("administrative", date(2025, 12, 31), "2026-03-02", "2026-03-03"),
        # Nauryz chain 2026: 21 Sat, 22 Sun, 23 Mon holidays, 24-25 moved off the weekend
        # -> Thu 26 Mar.
        ("administrative", date(2026, 1, 21), "2026-03-26", "2026-03-27"),
        # Ends on Sun 5 Jan 2025, a working Sunday by order: does not roll.
        ("civil", date(2024, 12, 5), "2025-01-05", "2025-01-06"),
        # Ends on Fri 3 Jan 2025, a day off moved by order; Sat 4 off; Sun 5 is working.
        ("civil", date(2024, 12, 3), "2025-01-05", "2025-01-06"),
        # 1 Dec 2021 was still First President's Day -> Thu 2 Dec.
        ("civil", date(2021, 11, 1), "2021-12-02", "2021-12-03"),
        # 17 Dec 2021 was still Independence Day (Fri) -> Sat, Sun -> Mon 20 Dec.
        ("civil", date(2021, 11, 17), "2021-12-20", "2021-12-21"),
        # From 2022, 1 December is an ordinary working day: Fri 1 Dec 2023 does not roll.
        ("civil", date(2023, 11, 1), "2023-12-01", "2023-12-02"),
        # 17 December is a working day from 2022: Tue 16 Dec 2025 -> Wed 17 Dec.
        ("civil", date(2025, 11, 16), "2025-12-17", "2025-12-18"),
        # 2022: 7 May Sat (Defender's Day), 8 Sun, 9 Victory Day, 10 moved Defender's Day
        # -> Wed 11 May.
        ("civil", date(2022, 4, 7), "2022-05-11", "2022-05-12"),
        # 2025: Constitution Day Sat 30 Aug, Sun 31, Mon 1 Sep moved -> Tue 2 Sep.
        ("civil", date(2025, 7, 30), "2025-09-02", "2025-09-03"),
        # 2026: 30 August is no longer a holiday: Sun 30 Aug -> Mon 31 Aug.
        ("civil", date(2026, 7, 30), "2026-08-31", "2026-09-01"),
        # 2027: Constitution Day on Mon 15 March -> Tue 16 Mar.
        ("civil", date(2027, 2, 15), "2027-03-16", "2027-03-17"),
    ],
)
def test_appeal_and_entry_into_force(
    calendar: KazakhCalendar, pack: str, final_form: date, appeal: str, in_force: str
) -> None:
    t = run(calendar, pack, final_form, final_form=final_form)
    assert dates(t)["appeal_deadline"] == appeal
    assert dates(t)["entry_into_force"] == in_force


def test_working_day_window_skips_nauryz(calendar: KazakhCalendar) -> None:
    # A procurement dispute (APPC 168(4)): final form within 10 working days of the
    # announcement on Wed 18 Mar 2026: 19, 20, (21-25 off for Nauryz), 26, 27, 30, 31 Mar,
    # 1, 2, 3, 6 Apr -> at the latest Mon 6 Apr. Appeal 10 working days from the final form:
    # from 18 Mar the same days -> Mon 6 Apr; from 6 Apr: 7-10, 13-17, 20 Apr -> Mon 20 Apr.
    t = run(calendar, "administrative", date(2026, 3, 18), kind="procurement")
    assert latest(t)["final_form"] == "2026-04-06"
    assert (dates(t)["appeal_deadline"], latest(t)["appeal_deadline"]) == (
        "2026-04-06",
        "2026-04-20",
    )
    assert next(e for e in t.events if e.id == "appeal_deadline").basis == "APPC art. 168(4)"
    # The same day in an ordinary case: final form at the latest a month later, Sat 18 Apr
    # (art. 151(2), exceptional cases); appeal 2 months: Mon 18 May to Thu 18 Jun.
    t = run(calendar, "administrative", date(2026, 3, 18))
    assert latest(t)["final_form"] == "2026-04-18"
    assert dates(t)["appeal_deadline"] == "2026-05-18"
    assert latest(t)["appeal_deadline"] == "2026-06-18"


def test_immediate_entry_into_force(calendar: KazakhCalendar) -> None:
    t = run(calendar, "civil", date(2026, 2, 5), immediate=True)
    assert dates(t)["entry_into_force"] == "2026-02-05"


def test_provisional_year_warns(calendar: KazakhCalendar) -> None:
    t = run(calendar, "civil", date(2027, 2, 15), final_form=date(2027, 2, 15))
    assert any("2027 is provisional" in w for w in warnings(t))


def test_final_form_later_than_law_allows_warns(calendar: KazakhCalendar) -> None:
    # A month after 5 Feb 2026 ends on 5 Mar (APPC 151(2), exceptional cases): a final form
    # on Tue 10 Mar is late. Appeal 2 months: Sun 10 May -> (Mon 11 May, Victory Day moved
    # from Sat 9 May) -> Tue 12 May.
    t = run(calendar, "refugee", date(2026, 2, 5), final_form=date(2026, 3, 10))
    assert dates(t)["appeal_deadline"] == "2026-05-12"
    assert any("later than the 1 month" in w for w in warnings(t))
    # Within the month, the final form is what the law allows in exceptional cases: no warning.
    t = run(calendar, "refugee", date(2026, 2, 5), final_form=date(2026, 3, 2))
    assert dates(t)["appeal_deadline"] == "2026-05-04"  # Sat 2 May -> Mon 4 May
    assert not any("later than" in w for w in warnings(t))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"final_form": date(2026, 2, 4)}, "--final-form 2026-02-04 is before DATE 2026-02-05"),
        ({"appeal_ruling": date(2026, 1, 1)}, "--appeal-ruling 2026-01-01 is before DATE"),
        ({"in_force": date(2026, 1, 1)}, "--in-force 2026-01-01 is before DATE"),
        ({"appeal_served": date(2026, 6, 1)}, "needs --appeal-ruling"),
        ({"immediate": True, "in_force": date(2026, 3, 1)}, "either --immediate or --in-force"),
    ],
)
def test_impossible_inputs_are_refused(
    calendar: KazakhCalendar, kw: dict[str, object], message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        run(calendar, "refugee", date(2026, 2, 5), **kw)


def test_administrative_pack_refuses_decisions_before_the_2015_gpk(
    calendar: KazakhCalendar,
) -> None:
    # Cases before 1 July 2021 are computed under the GPK (tests/test_law.py); before the GPK
    # of 2015 came into force on 1 January 2016 the tool has no rules and says so.
    with pytest.raises(DeadlineError, match="2016-01-01"):
        run(calendar, "administrative", date(2015, 5, 5))


@pytest.mark.parametrize("ruling", [date(1991, 12, 31), date(2101, 1, 5)])
def test_years_outside_the_calendar_are_refused(calendar: KazakhCalendar, ruling: date) -> None:
    with pytest.raises(DeadlineError, match="1992-2100"):
        run(calendar, "civil", ruling)


def test_appeal_ruling_outside_every_regime_is_refused_not_ignored(
    calendar: KazakhCalendar,
) -> None:
    # Without the 2021-2025 regime, a 2024 appellate act matches no variant: the timeline must
    # refuse rather than fall back to "in force the day after the appeal term".
    pack = load_pack("administrative")
    eif = next(s for s in pack.steps if s.id == "entry_into_force")
    newest_only = replace(
        eif, variants=tuple(v for v in eif.variants if v.valid_until is None or v.era)
    )
    steps = tuple(newest_only if s is eif else s for s in pack.steps)
    trimmed = replace(pack, steps=steps)
    inputs = CaseInputs(ruling=date(2023, 11, 1), appeal_ruling=date(2024, 3, 1))
    with pytest.raises(
        DeadlineError,
        match="no rule of the administrative pack for Decision enters into force covers",
    ):
        build_timeline(trimmed, inputs, calendar, AS_OF)


# Issue 4: more procedures, --served, and the readings of the exit rule.


@pytest.mark.parametrize(
    ("verdict", "served", "expected"),
    [
        # 15 days from Mon 2 Mar 2026: Tue 17 Mar, a working day.
        (date(2026, 3, 2), None, "2026-03-17"),
        # From Fri 6 Mar: Sat 21 Mar, Nauryz 21-23 Mar and the days off moved to 24-25 Mar.
        (date(2026, 3, 6), None, "2026-03-26"),
        # Detained convict, copy received Tue 10 Mar: Wed 25 Mar (moved Nauryz day off).
        (date(2026, 3, 2), date(2026, 3, 10), "2026-03-26"),
    ],
)
def test_criminal_appeal(
    calendar: KazakhCalendar, verdict: date, served: date | None, expected: str
) -> None:
    t = run(calendar, "criminal", verdict, served=served)
    assert dates(t)["appeal_deadline"] == expected
    event = next(e for e in t.events if e.id == "appeal_deadline")
    assert "UPK arts. 418(1), 48" in event.basis
    assert ("detained convict" in event.basis) is (served is not None)


def test_offence_complaint_counts_from_delivery_and_its_roll_is_unverified(
    calendar: KazakhCalendar,
) -> None:
    # Copy delivered Mon 27 Apr 2026: 10 days (сутки) = Thu 7 May, Defender of the Fatherland
    # Day. The KoAP read does not say a non-working last day rolls: the binding day is Thu
    # 7 May itself, and Fri 8 May if it rolls as under GPK art. 123(4).
    t = run(calendar, "offence", date(2026, 4, 20), served=date(2026, 4, 27))
    assert (dates(t)["complaint_deadline"], latest(t)["complaint_deadline"]) == (
        "2026-05-07",
        "2026-05-08",
    )
    event = next(e for e in t.events if e.id == "complaint_deadline")
    assert (event.certainty, event.basis) == ("text", "KoAP arts. 826-2(2), 829-4(1)")
    assert any("does not settle whether a non-working last day rolls" in w for w in warnings(t))
    with pytest.raises(DeadlineError, match="--served"):
        run(calendar, "offence", date(2026, 4, 20))


def test_admin_suit_month_from_delivery(calendar: KazakhCalendar) -> None:
    # Delivered Fri 30 Jan 2026: February has no 30th -> Sat 28 Feb, rolls to Mon 2 Mar 2026.
    t = run(calendar, "admin-suit", date(2026, 1, 15), served=date(2026, 1, 30))
    assert dates(t)["suit_deadline"] == "2026-03-02"
    event = next(e for e in t.events if e.id == "suit_deadline")
    assert event.basis == "APPC art. 136(1)" and event.nominal == date(2026, 2, 28)


def test_civil_appeal_of_a_person_who_did_not_take_part(calendar: KazakhCalendar) -> None:
    # Copy sent Thu 15 Jan 2026: 1 month = Sun 15 Feb -> Mon 16 Feb 2026. The parties'
    # appeal term and entry into force do not move.
    plain = run(calendar, "civil", date(2025, 3, 3), final_form=date(2025, 3, 3))
    t = run(
        calendar,
        "civil",
        date(2025, 3, 3),
        final_form=date(2025, 3, 3),
        copy_sent=date(2026, 1, 15),
    )
    assert dates(t)["appeal_deadline_non_party"] == "2026-02-16"
    assert dates(t)["entry_into_force"] == dates(plain)["entry_into_force"]
    assert "appeal_deadline_non_party" not in dates(plain)


@pytest.mark.parametrize(
    ("exit_from", "exit_period", "expected", "reading"),
    [
        (None, None, "2026-05-08", "30-days-from-entry-into-force"),
        # In force Tue 7 Apr: 1 month = Thu 7 May, Defender of the Fatherland Day -> Fri 8 May.
        (None, "1 month", "2026-05-08", "1-month-from-entry-into-force"),
        # From the decision Thu 5 Feb: 30 days = Sat 7 Mar; 8 Mar Women's Day (Sunday),
        # moved to Mon 9 Mar -> Tue 10 Mar 2026. No reading of the law says so: custom.
        ("decision", None, "2026-03-10", "custom"),
        # 1 month from Thu 5 Feb = Thu 5 Mar 2026, a working day: the statute's letter.
        ("decision", "1 month", "2026-03-05", "1-month-from-decision"),
    ],
)
def test_exit_readings(
    calendar: KazakhCalendar,
    exit_from: str | None,
    exit_period: str | None,
    expected: str,
    reading: str,
) -> None:
    t = run(
        calendar,
        "refugee",
        date(2026, 2, 5),
        final_form=date(2026, 2, 5),
        exit_from=exit_from,
        exit_period=exit_period,
    )
    assert dates(t)["exit_deadline"] == expected
    event = next(e for e in t.events if e.id == "exit_deadline")
    assert event.reading is not None and event.reading.id == reading
    assert event.steps[0].text.startswith("reading of the rule: ")


def test_exit_from_the_appellate_act(calendar: KazakhCalendar) -> None:
    # Appellate act Wed 20 May 2026 + 1 month = Sat 20 Jun -> Mon 22 Jun 2026.
    t = run(
        calendar,
        "refugee",
        date(2026, 2, 5),
        appeal_ruling=date(2026, 5, 20),
        exit_from="decision",
        exit_period="1 month",
    )
    assert dates(t)["exit_deadline"] == "2026-06-22"


@pytest.mark.parametrize(
    ("pack", "kw", "message"),
    [
        ("civil", {"exit_from": "decision"}, "--exit-from and --exit-period apply"),
        ("refugee", {"exit_from": "appeal"}, "--exit-from 'appeal'"),
        ("refugee", {"exit_period": "a fortnight"}, "fortnight"),
        ("refugee", {"reading": "forever"}, "--reading 'forever'"),
        ("criminal", {"served": date(2026, 2, 1)}, "--served 2026-02-01 is before DATE"),
    ],
)
def test_bad_readings_and_service_dates_are_refused(
    calendar: KazakhCalendar, pack: str, kw: dict[str, object], message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        run(calendar, pack, date(2026, 2, 5), **kw)
