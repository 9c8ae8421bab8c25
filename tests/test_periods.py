"""Period arithmetic: hand-worked cases and hypothesis properties."""

from __future__ import annotations

import calendar as pycal
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.errors import DeadlineError
from deadline_cli.periods import Period, Unit, count_back, count_term, roll_forward

CAL = KazakhCalendar()
# Triggers and periods stay inside the calendar's 1992-2100 so every term can be counted.
triggers = st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 12, 31))
periods = st.one_of(
    st.builds(
        Period,
        st.integers(min_value=1, max_value=400),
        st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS]),
    ),
    st.builds(Period, st.integers(min_value=1, max_value=36), st.just(Unit.MONTHS)),
    st.builds(Period, st.integers(min_value=1, max_value=5), st.just(Unit.YEARS)),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 months", Period(2, Unit.MONTHS)),
        ("1 month", Period(1, Unit.MONTHS)),
        ("10 working days", Period(10, Unit.WORKING_DAYS)),
        ("1 Working Day", Period(1, Unit.WORKING_DAYS)),
        ("15 days", Period(15, Unit.DAYS)),
        ("1 year", Period(1, Unit.YEARS)),
    ],
)
def test_period_parse(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["", "two months", "2 fortnights", "-1 days", "2months x"])
def test_period_parse_rejects_nonsense(text: str) -> None:
    with pytest.raises(DeadlineError):
        Period.parse(text)


def test_period_prints_singular_and_plural() -> None:
    assert str(Period(1, Unit.MONTHS)) == "1 month"
    assert str(Period(10, Unit.WORKING_DAYS)) == "10 working days"


def test_three_working_days_after_new_year_2025() -> None:
    # 2 Jan holiday, 3 Jan day off by order, 4 Sat, 5 Sun working (1), 6 Mon (2),
    # 7 Tue Orthodox Christmas, 8 Wed (3).
    assert count_term(date(2025, 1, 1), Period(3, Unit.WORKING_DAYS), CAL).end == date(2025, 1, 8)


def test_term_ending_on_working_sunday_does_not_roll() -> None:
    term = count_term(date(2024, 12, 5), Period(1, Unit.MONTHS), CAL)
    assert term.end == term.nominal == date(2025, 1, 5)
    assert any("made a working day" in s.text for s in term.steps)


def test_year_term_from_29_february_clamps_to_28() -> None:
    term = count_term(date(2024, 2, 29), Period(1, Unit.YEARS), CAL)
    assert term.nominal == date(2025, 2, 28)


def test_roll_names_every_skipped_day() -> None:
    end, steps = roll_forward(date(2026, 3, 21), CAL)
    assert end == date(2026, 3, 26)
    texts = [s.text for s in steps]
    assert texts[0] == "not a working day (Nowruz Holiday)"
    assert "Sunday" in texts[1] or "Nowruz" in texts[1]
    assert len(steps) == 6  # 21, 22, 23, 24, 25 skipped + the end


def test_working_day_count_names_the_holidays_it_skips() -> None:
    term = count_term(date(2026, 3, 18), Period(10, Unit.WORKING_DAYS), CAL)
    assert term.end == date(2026, 4, 6)
    skipped = next(s.text for s in term.steps if s.text.startswith("days off skipped"))
    assert "Nowruz" in skipped and "Saturdays and Sundays" in skipped


def test_overflow_is_a_user_error() -> None:
    with pytest.raises(DeadlineError):
        count_term(date(9999, 12, 1), Period(2, Unit.MONTHS), CAL, roll=False)


@settings(max_examples=300, deadline=None)
@given(triggers, periods)
def test_rolled_end_is_a_working_day_after_its_trigger(trigger: date, period: Period) -> None:
    term = count_term(trigger, period, CAL)
    assert CAL.is_working_day(term.end)
    assert term.end > trigger
    assert term.nominal <= term.end
    # Every day between the nominal end and the end is a day off: rolling stops at the first
    # working day.
    day = term.nominal
    while day < term.end:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(triggers, triggers, periods)
def test_later_trigger_never_gives_earlier_end(a: date, b: date, period: Period) -> None:
    first, second = sorted((a, b))
    assert count_term(first, period, CAL).end <= count_term(second, period, CAL).end


@settings(max_examples=300, deadline=None)
@given(triggers, st.integers(min_value=1, max_value=120))
def test_month_term_keeps_day_number_or_clamps(trigger: date, months: int) -> None:
    nominal = count_term(trigger, Period(months, Unit.MONTHS), CAL, roll=False).nominal
    index = trigger.year * 12 + trigger.month - 1 + months
    assert (nominal.year, nominal.month) == (index // 12, index % 12 + 1)
    assert nominal.day == min(trigger.day, pycal.monthrange(nominal.year, nominal.month)[1])


@settings(max_examples=200, deadline=None)
@given(triggers, st.integers(min_value=1, max_value=60))
def test_working_day_count_counts_exactly_n_working_days(trigger: date, n: int) -> None:
    end = count_term(trigger, Period(n, Unit.WORKING_DAYS), CAL).end
    counted = sum(
        CAL.is_working_day(trigger + timedelta(days=i)) for i in range(1, (end - trigger).days + 1)
    )
    assert counted == n
    assert CAL.is_working_day(end)


# Terms counted back (deadline add DATE '-3 days' / --before) --------------------------------


def test_three_days_before_a_hearing_after_nauryz_moves_back() -> None:
    # Hearing Thu 26 Mar 2026: day 3 back is Mon 23 Mar (Nauryz); 22 and 21 Mar are Nauryz
    # too (a weekend): the working day before is Fri 20 Mar 2026.
    term = count_back(date(2026, 3, 26), Period(3, Unit.DAYS), CAL)
    assert (term.nominal, term.end) == (date(2026, 3, 23), date(2026, 3, 20))


def test_three_working_days_before_skip_the_holidays() -> None:
    # Back from Thu 26 Mar 2026: 25, 24, 23 Mar are days off (Nauryz and the days moved to
    # follow it), 22-21 the weekend: Fri 20 (1), Thu 19 (2), Wed 18 (3).
    term = count_back(date(2026, 3, 26), Period(3, Unit.WORKING_DAYS), CAL)
    assert term.end == date(2026, 3, 18)


def test_a_month_back_from_the_31st_clamps_then_moves_back() -> None:
    # 1 month before Tue 31 Mar 2026: no 31 Feb -> Sat 28 Feb 2026 -> Fri 27 Feb 2026.
    term = count_back(date(2026, 3, 31), Period(1, Unit.MONTHS), CAL)
    assert (term.nominal, term.end) == (date(2026, 2, 28), date(2026, 2, 27))


# Counted back, a term must stay inside the calendar too: triggers from 2000.
back_triggers = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(back_triggers, periods)
def test_a_term_counted_back_ends_on_a_working_day_before_its_trigger(
    trigger: date, period: Period
) -> None:
    term = count_back(trigger, period, CAL)
    assert term.end <= term.nominal < trigger
    assert CAL.is_working_day(term.end)
    # Nothing between the end and the nominal day is a working day: it moved back no further
    # than it had to.
    day = term.end + timedelta(days=1)
    while day <= term.nominal:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@given(back_triggers, st.integers(min_value=1, max_value=400))
def test_calendar_days_back_and_forward_meet(trigger: date, n: int) -> None:
    back = count_back(trigger, Period(n, Unit.DAYS), CAL, roll=False)
    assert count_term(back.end, Period(n, Unit.DAYS), CAL, roll=False).end == trigger


@given(back_triggers, st.integers(min_value=1, max_value=60))
def test_working_days_back_count_exactly_n_working_days(trigger: date, n: int) -> None:
    term = count_back(trigger, Period(n, Unit.WORKING_DAYS), CAL)
    days = [term.end + timedelta(days=i) for i in range((trigger - term.end).days)]
    assert sum(CAL.is_working_day(d) for d in days) == n


# Month arithmetic against python-dateutil ------------------------------------------------------
# periods.add_months is written out (dateutil cost ~7 ms of a start); it must say exactly what
# `day + relativedelta(months=n)` says, the library the guide names for month arithmetic.


def test_months_agree_with_relativedelta_on_every_day_the_calendar_knows() -> None:
    from dateutil.relativedelta import relativedelta

    from deadline_cli.periods import add_months

    day, checked = date(1992, 1, 1), 0
    while day <= date(2100, 12, 31):
        # The packs' periods (1, 2, 3, 6 months; 1 and 3 years), a count back, odd ones.
        for months in (1, 2, 3, 6, 12, 36, -1, -2, -12, 11, 13):
            assert add_months(day, months) == day + relativedelta(months=months), (day, months)
            checked += 1
        day += timedelta(days=1)
    assert checked == 39_812 * 11


@given(st.dates(), st.integers(-1200, 1200))
def test_months_agree_with_relativedelta_anywhere(day: date, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    from deadline_cli.periods import add_months

    try:
        expected = day + relativedelta(months=months)
    except (ValueError, OverflowError):
        with pytest.raises((ValueError, OverflowError)):
            add_months(day, months)
        return
    assert add_months(day, months) == expected
