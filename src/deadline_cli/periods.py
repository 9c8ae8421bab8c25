"""Pure period arithmetic (GPK arts. 122-123; Civil Code arts. 173-176).

A term starts on the day after its trigger (the trigger is day 0). Days are calendar days
unless the law says working days. A term in months ends on the same-numbered day of the last
month, or that month's last day when it has no such day; a term in years ends on the same month
and day (29 February clamps to 28). If the last day is not a working day, the term ends on the
next working day. Every function returns its result together with the steps that explain it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from deadline_cli.calendar import WorkingWeekendDay, working_name
from deadline_cli.dates import show
from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import Lang, Msg, msg
from deadline_cli.record import Record

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import Final, Literal, Protocol

    UnitName = Literal["days", "working days", "months", "years"]


class Unit:
    """A period's units: plain strings, not an enum (the enum module, which the start-up path
    does not otherwise need, cost ~3 ms of a start)."""

    DAYS: Final = "days"
    WORKING_DAYS: Final = "working days"
    MONTHS: Final = "months"
    YEARS: Final = "years"


_SINGULAR = {
    Unit.DAYS: "day",
    Unit.WORKING_DAYS: "working day",
    Unit.MONTHS: "month",
    Unit.YEARS: "year",
}
# Unit words as lawyers type them, in English, Russian and Kazakh ("сутки" and "тәулік" are
# the criminal and offence codes' 24-hour days: calendar days for counting).
_UNITS: dict[str, UnitName] = {
    **dict.fromkeys(("day", "days", "день", "дня", "дней", "сутки", "суток", "күн"), "days"),
    **dict.fromkeys(("тәулік",), "days"),
    **dict.fromkeys(
        (
            "working day",
            "working days",
            "рабочий день",
            "рабочих дня",
            "рабочих дней",
            "жұмыс күні",
            "жұмыс күн",
        ),
        "working days",
    ),
    **dict.fromkeys(("month", "months", "месяц", "месяца", "месяцев", "ай"), "months"),
    **dict.fromkeys(("year", "years", "год", "года", "лет", "жыл"), "years"),
}


class Period(Record):
    amount: int
    unit: UnitName

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``"2 months"``, ``"10 working days"``, ``"15 days"``, ``"1 year"``: a number of
        up to six digits and a unit of one or two words, between any spaces."""
        words = text.split() if len(text) < 100 else []
        amount = words[0] if len(words) in (2, 3) else ""
        unit = _UNITS.get(" ".join(words[1:]).lower()) if amount else None
        if unit is None or not (amount.isascii() and amount.isdigit() and len(amount) <= 6):
            raise DeadlineError(msg("error_period", value=shown(text)))
        return cls(int(amount), unit)

    def __str__(self) -> str:
        return f"{self.amount} {_SINGULAR[self.unit] if self.amount == 1 else self.unit}"

    def say_in(self, lang: Lang) -> str:
        """The period in a language, with its plural forms ("2 месяца")."""
        return lang.period(self)


if TYPE_CHECKING:  # a type only: the start-up path does not import typing

    class WorkingDays(Protocol):
        """What the arithmetic needs from a calendar."""

        def is_working_day(self, day: date) -> bool: ...
        def why_not_working(self, day: date) -> object: ...
        def next_working_day(self, day: date) -> date: ...
        def add_working_days(self, day: date, count: int) -> date: ...
        def working_weekend_day(self, day: date) -> WorkingWeekendDay | None: ...
        def __hash__(self) -> int: ...  # terms counted on it are remembered (count_term)


class Step(Record):
    """One line of a counting trace: a day and a message (rendered in any language)."""

    # Slotted: the caches of terms hold a few hundred thousand of them.
    __slots__ = ("date", "msg")
    date: date
    msg: Msg

    @property
    def text(self) -> str:
        """The line in English."""
        return str(self.msg)

    def __str__(self) -> str:
        return f"{show(self.date)}: {self.text}"


class Term(Record):
    __slots__ = ("end", "nominal", "period", "steps", "trigger")
    trigger: date
    period: Period
    nominal: date  # the last day before any rolling
    end: date  # the last day after rolling (equal to nominal when not rolled)
    steps: tuple[Step, ...]


def add_months(day: date, months: int) -> date:
    """``day`` plus (or, negative, minus) whole months: the same day number in the month
    reached, or that month's last day when it has no such day (GPK art. 123(2): "если конец
    срока ... приходится на такой месяц, который соответствующего числа не имеет, то срок
    истекает в последний день этого месяца").

    This is what ``day + dateutil.relativedelta.relativedelta(months=months)`` gives, written
    out because importing dateutil (with six, importlib.util, contextlib, calendar and locale)
    cost ~7 ms of a ~45 ms start; tests/test_periods.py checks the two agree on every day of
    1992-2100 for the periods the packs use and on random ones (hypothesis)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last_day = _MONTH_DAYS[month - 1] + (month == 2 and leap)
    return date(year, month, min(day.day, last_day))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nominal_day(trigger: date, period: Period, calendar: WorkingDays) -> date:
    """The last day of ``period`` counted from the day after ``trigger``, before rolling
    (OverflowError or ValueError past the dates Python knows)."""
    if period.unit == Unit.DAYS:
        return trigger + timedelta(days=period.amount)
    if period.unit == Unit.WORKING_DAYS:
        return calendar.add_working_days(trigger, period.amount)
    return add_months(trigger, period.amount * (12 if period.unit == Unit.YEARS else 1))


def nominal_end(trigger: date, period: Period, calendar: WorkingDays) -> tuple[date, list[Step]]:
    """The last day of ``period`` counted from the day after ``trigger``, before rolling, with
    the steps that explain it."""
    steps: list[Step] = []
    try:
        end = nominal_day(trigger, period, calendar)
        if period.unit == Unit.DAYS:
            if period.amount == 1:
                steps.append(Step(end, msg("trace_next_day")))
            else:
                steps.append(Step(end, msg("trace_day_n", n=period.amount, period=period)))
        elif period.unit == Unit.WORKING_DAYS:
            skipped = _days_not_counted(trigger, end, calendar)
            if skipped:
                steps.append(
                    Step(trigger + timedelta(days=1), msg("trace_not_counted", days=skipped))
                )
            made = _weekend_days_counted(trigger, end, calendar)
            if made:
                steps.append(Step(trigger + timedelta(days=1), msg("trace_counted", days=made)))
            steps.append(Step(end, msg("trace_working_day_n", n=period.amount, period=period)))
        elif end.day != trigger.day:
            clamped = msg("trace_month_clamped", period=period, date=trigger, day=trigger.day)
            steps.append(Step(end, clamped))
        else:
            steps.append(Step(end, msg("trace_same_day", period=period, date=trigger)))
    except (OverflowError, ValueError):
        raise DeadlineError(msg("error_period_overflow", period=period, date=trigger)) from None
    return end, steps


def _days_not_counted(trigger: date, end: date, calendar: WorkingDays) -> tuple[Msg, ...]:
    """The days off inside a working-day count: weekends as a number, other days by name."""
    weekend = 0
    named: list[Msg] = []
    day = trigger + timedelta(days=1)
    while day < end:
        if not calendar.is_working_day(day):
            reason = calendar.why_not_working(day)
            if isinstance(reason, Msg) and reason.key in ("saturday", "sunday"):
                weekend += 1
            else:
                named.append(msg("day_named", date=day, reason=reason))
        day += timedelta(days=1)
    counted = [msg("weekend_days", n=weekend)] if weekend else []
    return tuple(counted + named)


def _weekend_days_counted(trigger: date, end: date, calendar: WorkingDays) -> tuple[Msg, ...]:
    """Saturdays and Sundays inside a working-day count that were working days (by order)."""
    named: list[Msg] = []
    day = trigger + timedelta(days=1)
    while day <= end:
        if day.weekday() >= 5 and calendar.is_working_day(day):
            made = calendar.working_weekend_day(day)
            reason = working_name(made) if made else msg("working_day_by_order_plain")
            named.append(msg("day_named", date=day, reason=reason))
        day += timedelta(days=1)
    return tuple(named)


def roll_forward(day: date, calendar: WorkingDays) -> tuple[date, list[Step]]:
    """``day`` itself when it is a working day, else the next working day, naming each skip."""
    if calendar.is_working_day(day):
        made = calendar.working_weekend_day(day)
        if made is not None and made.override:
            return day, [
                Step(day, msg("trace_override_working", name=made.name, source=made.source))
            ]
        if made is not None and day.weekday() >= 5:
            return day, [Step(day, msg("trace_weekend_working"))]
        return day, []
    steps = [Step(day, msg("trace_not_working", reason=calendar.why_not_working(day)))]
    end = calendar.next_working_day(day)
    skipped = day + timedelta(days=1)
    while skipped < end:
        steps.append(
            Step(skipped, msg("trace_not_working", reason=calendar.why_not_working(skipped)))
        )
        skipped += timedelta(days=1)
    steps.append(Step(end, msg("trace_rolled")))
    return end, steps


def _known_day_off(day: date, calendar: WorkingDays) -> bool:
    """A day off the trace may name. A term that does not roll needs no calendar at its end:
    the day after a verdict's last day to appeal, 1 January 2101, is still that day."""
    try:
        return not calendar.is_working_day(day)
    except DeadlineError:
        return False


def _kept(day: date, calendar: WorkingDays) -> Step:
    """The trace line of a last day kept though it is not a working day (no rolling)."""
    return Step(day, msg("trace_not_working_no_roll", reason=calendar.why_not_working(day)))


def count_term(
    trigger: date,
    period: Period,
    calendar: WorkingDays,
    *,
    roll: bool = True,
    trigger_label: object = "trigger",
) -> Term:
    """Count ``period`` from ``trigger`` and, when ``roll``, move a non-working last day forward.

    A term is a pure function of its arguments (a calendar never changes once made), and a
    register of cases counts the same few terms from the same few thousand days again and
    again: the result, steps and all, is remembered."""
    return _count_term(trigger, period, calendar, roll, trigger_label)


@lru_cache(maxsize=16384)
def _count_term(
    trigger: date, period: Period, calendar: WorkingDays, roll: bool, trigger_label: object
) -> Term:
    steps = [Step(trigger, msg("trace_day0", label=trigger_label))]
    nominal, counted = nominal_end(trigger, period, calendar)
    steps += counted
    end = nominal
    if roll:
        end, rolled = roll_forward(nominal, calendar)
        steps += rolled
    elif _known_day_off(nominal, calendar):
        steps.append(_kept(nominal, calendar))
    return Term(trigger, period, nominal, end, tuple(steps))


def count_back(
    trigger: date,
    period: Period,
    calendar: WorkingDays,
    *,
    roll: bool = True,
    trigger_label: object = "trigger",
) -> Term:
    """Count ``period`` back from ``trigger`` (a filing due 3 days before a hearing): the day
    before ``trigger`` is day 1. When ``roll``, a last day that is not a working day moves back
    to the working day before it: moving it forward would be too late. The law's rules are
    written for terms counted forward, so this is a reading, said by the caller."""
    steps = [Step(trigger, msg("trace_day0_before", label=trigger_label))]
    try:
        if period.unit == Unit.DAYS:
            nominal = trigger - timedelta(days=period.amount)
            steps.append(Step(nominal, msg("trace_day_n_before", n=period.amount, period=period)))
        elif period.unit == Unit.WORKING_DAYS:
            nominal, left = trigger, period.amount
            while left:
                nominal -= timedelta(days=1)
                if calendar.is_working_day(nominal):
                    left -= 1
            # The days passed over, named as a count forward names them.
            last = trigger - timedelta(days=1)
            skipped = _days_not_counted(nominal, trigger, calendar)
            if skipped:
                steps.append(Step(last, msg("trace_not_counted", days=skipped)))
            made = _weekend_days_counted(nominal - timedelta(days=1), last, calendar)
            if made:
                steps.append(Step(last, msg("trace_counted", days=made)))
            steps.append(
                Step(nominal, msg("trace_working_day_n_before", n=period.amount, period=period))
            )
        else:
            months = period.amount * (12 if period.unit == Unit.YEARS else 1)
            nominal = add_months(trigger, -months)
            key = (
                "trace_month_clamped_before" if nominal.day != trigger.day else "trace_same_before"
            )
            steps.append(Step(nominal, msg(key, period=period, date=trigger, day=trigger.day)))
    except (OverflowError, ValueError):
        raise DeadlineError(msg("error_period_overflow", period=period, date=trigger)) from None
    end = nominal
    if roll:
        while not calendar.is_working_day(end):
            steps.append(Step(end, msg("trace_not_working", reason=calendar.why_not_working(end))))
            end -= timedelta(days=1)
        if end != nominal:
            steps.append(Step(end, msg("trace_rolled_back")))
    elif _known_day_off(nominal, calendar):
        steps.append(_kept(nominal, calendar))
    return Term(trigger, period, nominal, end, tuple(steps))
