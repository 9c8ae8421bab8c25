"""One case: inputs + pack + calendar -> ordered events with dates, ranges, steps and warnings.

Where the law ties a date to an event nobody has given (the decision in final form), the
timeline is computed twice: once with that event on its earliest possible day and once on its
latest. Every later date becomes a range; the earliest date is the binding one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from deadline_cli.calendar import LAST_CHECKED, LAST_CONFIRMED_YEAR, KazakhCalendar
from deadline_cli.errors import DeadlineError
from deadline_cli.i18n import Msg, msg
from deadline_cli.periods import Step, Term, Unit, count_term
from deadline_cli.rules import INPUTS, Pack, Rule, Source, StepRule

_SCENARIOS = ("earliest", "latest")


def option_for(input_name: str) -> str:
    return "RULING" if input_name == "ruling" else "--" + input_name.replace("_", "-")


@dataclass(frozen=True)
class CaseInputs:
    ruling: date
    final_form: date | None = None
    appeal_ruling: date | None = None
    appeal_served: date | None = None
    served: date | None = None
    in_force: date | None = None
    immediate: bool = False
    # The reading of the exit rule (refugee pack): None means the default one.
    exit_from: str | None = None  # "entry-into-force" or "decision"
    exit_period: str | None = None  # "30 days" (default) or "1 month", the statute's 2009 wording

    def value(self, name: str) -> date | None:
        found = getattr(self, name, None)
        return found if isinstance(found, date) else None

    def present(self) -> set[str]:
        names = {n for n in _DATE_INPUTS if self.value(n) is not None}
        return names | ({"immediate"} if self.immediate else set())

    def as_dict(self) -> dict[str, str | bool | None]:
        found: dict[str, str | bool | None] = {n: _iso(self.value(n)) for n in _DATE_INPUTS}
        found["immediate"] = self.immediate
        found["exit_from"] = self.exit_from or EXIT_FROM_DEFAULT
        found["exit_period"] = self.exit_period or EXIT_PERIOD_DEFAULT
        return found


_DATE_INPUTS = tuple(name for name in INPUTS if name != "immediate")
EXIT_STEP = "exit_deadline"
# How a trace names an input date that a term counts from (translated like pack strings).
INPUT_LABELS = {
    "appeal_ruling": "Appellate act announced",
    "appeal_served": "Appellate act in final form delivered",
    "served": "Copy delivered",
}
EXIT_FROM = ("entry-into-force", "decision")
EXIT_FROM_DEFAULT = "entry-into-force"
EXIT_PERIOD_DEFAULT = "30 days"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class Event:
    id: str
    label: str
    date: dt.date  # the earliest possible date: the binding one
    latest: dt.date  # equal to date when certain
    basis: str | Msg  # a pack's citation (English, translated when printed) or a message
    source: Source
    certainty: str
    steps: tuple[Step, ...]
    steps_latest: tuple[Step, ...] = ()  # the trace for ``latest`` when it differs
    nominal: dt.date | None = None  # the last day before rolling, for computed terms
    nominal_latest: dt.date | None = None
    deadline: bool = False
    note: str = ""
    reading: Msg | None = None  # the reading of a rule the user can choose (the exit rule)

    @property
    def citation(self) -> str | Msg:
        """The basis, with the reading used when there is one."""
        if self.reading is None:
            return self.basis
        return msg("basis_with_reading", basis=self.basis, reading=self.reading)

    @property
    def is_range(self) -> bool:
        return self.latest != self.date

    @property
    def computed(self) -> bool:
        return self.nominal is not None


@dataclass(frozen=True)
class Timeline:
    pack: Pack
    inputs: CaseInputs
    events: tuple[Event, ...]
    warnings: tuple[Msg, ...]
    as_of: date

    def days_left(self, event: Event) -> int:
        return (event.date - self.as_of).days

    def status(self, event: Event) -> str:
        left = self.days_left(event)
        return "passed" if left < 0 else "today" if left == 0 else "open"


@dataclass
class _Result:
    date: dt.date
    steps: list[Step]
    nominal: dt.date | None = None
    # Days whose working status decided the result, for the uncertainty checks.
    span: tuple[dt.date, dt.date] | None = None


@dataclass
class _Builder:
    pack: Pack
    inputs: CaseInputs
    calendar: KazakhCalendar
    dates: dict[str, dict[str, date]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    warnings: list[Msg] = field(default_factory=list)
    spans: list[tuple[str | Msg, date, date]] = field(default_factory=list)

    def warn(self, warning: Msg) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)

    def trigger(self, rule: Rule, scenario: str, step: StepRule) -> date:
        day = self.dates[scenario].get(rule.trigger)
        if day is None:
            raise DeadlineError(
                f"{step.label.lower()} under {rule.basis} counts from "
                f"{rule.trigger.replace('_', ' ')}: give {option_for(rule.trigger)} DATE"
            )
        return day

    def pick(self, step: StepRule, scenario: str) -> Rule:
        present = self.inputs.present()
        for variant in step.variants:
            if variant.when is not None and variant.when not in present:
                continue
            day = self.dates[scenario].get(variant.trigger)
            # An option that names a regime by date (law versions) decides on the day of the
            # act that triggers it; a missing trigger date is reported when the rule is used.
            act = self.dates[scenario].get(variant.when or "") or day
            if variant.applies(present, act):
                return variant
        # An input that selects variants (an appeal ruling) but whose date none of them covers
        # must not fall back to the rule for the case without it: refuse instead.
        selected = [v for v in step.variants if v.when in present]
        if selected:
            when = selected[0].when or ""
            ranges = "; ".join(
                f"{v.valid_from or '...'} to {v.valid_until or '...'}" for v in selected
            )
            raise DeadlineError(
                f"{option_for(when)} {self.dates[scenario].get(when)}: "
                f"no rule of the {self.pack.id} pack covers that date ({ranges})"
            )
        return step.rule

    def version_step(self, rule: Rule, scenario: str) -> Step | None:
        """For a rule valid only between two dates: which law version applied, and why."""
        if rule.valid_from is None and rule.valid_until is None:
            return None
        act = self.dates[scenario].get(rule.when or rule.trigger)
        if act is None:
            return None
        what = self.labels.get(rule.when or rule.trigger, rule.trigger)
        return Step(
            act,
            msg(
                "trace_law_version",
                what=what,
                date=act,
                since=_day(rule.valid_from),
                until=_day(rule.valid_until),
                basis=rule.basis,
            ),
        )

    def compute(self, step: StepRule, rule: Rule, scenario: str) -> _Result:
        start = self.trigger(rule, scenario, step)
        label = self.labels.get(rule.trigger, rule.trigger.replace("_", " "))
        if step.window and scenario == "earliest":
            return _Result(start, [Step(start, msg("trace_window_earliest", label=label))])
        if rule.period is None:
            return _Result(start, [Step(start, msg("trace_on_day", label=label, basis=rule.basis))])
        term = count_term(start, rule.period, self.calendar, roll=rule.roll, trigger_label=label)
        steps = list(term.steps)
        end = term.end
        if rule.next_day:
            end = term.end + timedelta(days=1)
            steps.append(Step(end, msg("trace_expired_next_day")))
        return _Result(end, steps, term.nominal, calendar_span(term, roll=rule.roll))


def build_timeline(
    pack: Pack, inputs: CaseInputs, calendar: KazakhCalendar, as_of: date
) -> Timeline:
    _check_inputs(pack, inputs, calendar)
    b = _Builder(pack, inputs, calendar)
    given = {n: d for n in inputs.present() if (d := inputs.value(n)) is not None}
    b.dates = {s: dict(given) for s in _SCENARIOS}
    b.labels = {"ruling": pack.ruling_label, **INPUT_LABELS}
    present = inputs.present()

    events = [
        Event(
            "ruling",
            pack.ruling_label,
            inputs.ruling,
            inputs.ruling,
            pack.ruling.basis,
            pack.ruling.source,
            pack.ruling.certainty,
            (Step(inputs.ruling, msg("trace_given", option=option_for("ruling"))),),
        )
    ]

    for step in pack.steps:
        b.labels[step.id] = step.label
        if step.requires is not None and step.requires not in present:
            continue
        if not _step_exists(step, inputs):
            continue
        given_day = inputs.value(step.input) if step.input else None
        if given_day is not None:
            events.append(_given_event(b, step, given_day))
            continue
        results: dict[str, _Result] = {}
        rules: dict[str, Rule] = {}
        for scenario in _SCENARIOS:
            rule = b.pick(step, scenario)
            reading: Msg | None = None
            if step.id == EXIT_STEP:
                rule, reading = _exit_reading(rule, inputs)
            rules[scenario] = rule
            results[scenario] = result = b.compute(step, rule, scenario)
            start = result.steps[0].date
            extra = [
                Step(start, msg("trace_exit_reading", reading=reading)) if reading else None,
                b.version_step(rule, scenario),
            ]
            result.steps[:0] = [s for s in extra if s]
            b.dates[scenario][step.id] = result.date
            if result.span:
                b.spans.append((step.label, *result.span))
        rule, first, last = rules["earliest"], results["earliest"], results["latest"]
        event = Event(
            id=step.id,
            label=step.label,
            date=first.date,
            latest=last.date,
            basis=rule.basis,
            source=rule.source,
            certainty=rule.certainty,
            steps=tuple(first.steps),
            steps_latest=tuple(last.steps) if last.date != first.date else (),
            nominal=first.nominal,
            nominal_latest=last.nominal,
            deadline=step.deadline,
            note=rule.note,
            reading=reading,
        )
        events.append(event)
        if step.window and step.input:
            b.warn(
                msg(
                    "warn_window",
                    label=step.label,
                    option=option_for(step.input),
                    first=first.date,
                    last=last.date,
                    note=rule.note,
                )
            )
        if rule.certainty in ("secondary", "unverified"):
            b.warn(
                msg(
                    "warn_certainty",
                    label=step.label,
                    certainty=msg("certainty_" + rule.certainty),
                    basis=event.citation,
                    note=rule.note,
                )
            )

    for warning in calendar_warnings(b.calendar, b.spans):
        b.warn(warning)
    events.sort(key=lambda e: (e.date, e.latest))
    return Timeline(pack, inputs, tuple(events), tuple(b.warnings), as_of)


def calendar_span(term: Term, *, roll: bool) -> tuple[date, date] | None:
    """The days whose working status decided a term's end, for the uncertainty checks."""
    if term.period.unit is Unit.WORKING_DAYS:
        return term.trigger, term.end + timedelta(days=1)
    if roll:
        return term.nominal - timedelta(days=1), term.end + timedelta(days=1)
    return None  # a calendar-day count that never rolls does not depend on the calendar


def _day(d: date | None) -> str:
    return d.isoformat() if d else "..."


def _step_exists(step: StepRule, inputs: CaseInputs) -> bool:
    """A step limited to a period of the law exists only for an act dated inside it."""
    rule = step.rule
    if rule.valid_from is None and rule.valid_until is None:
        return True
    act = inputs.value(step.requires or "ruling")
    return act is None or rule.applies(inputs.present(), act)


def _exit_reading(rule: Rule, inputs: CaseInputs) -> tuple[Rule, Msg]:
    """The exit rule under the chosen reading, and the reading as a message."""
    return _reading(rule, inputs.exit_from, inputs.exit_period, inputs.appeal_ruling is not None)


@cache
def _reading(
    rule: Rule, exit_from: str | None, exit_period: str | None, appealed: bool
) -> tuple[Rule, Msg]:
    from dataclasses import replace

    from deadline_cli.periods import Period

    start = exit_from or EXIT_FROM_DEFAULT
    period_text = exit_period or EXIT_PERIOD_DEFAULT
    period = Period.parse(period_text)
    if start == "decision":
        trigger = "appeal_ruling" if appealed else "ruling"
        what = msg("from_appellate_act" if appealed else "from_decision")
    else:
        trigger, what = rule.trigger, msg("from_entry_into_force")
    default = start == EXIT_FROM_DEFAULT and period_text == EXIT_PERIOD_DEFAULT
    reading = msg("reading_default" if default else "reading", period=period, start=what)
    return replace(rule, trigger=trigger, period=period), reading


def _given_event(b: _Builder, step: StepRule, day: date) -> Event:
    option = option_for(step.input or step.id)
    rule = step.rule
    start = b.dates["earliest"].get(rule.trigger)
    if start is not None and day < start and step.window:
        raise DeadlineError(
            f"{option} {day.isoformat()} is before the "
            f"{b.labels.get(rule.trigger, rule.trigger).lower()} "
            f"({start.isoformat()})"
        )
    if step.window and start is not None and rule.period is not None:
        latest = count_term(start, rule.period, b.calendar, roll=rule.roll).end
        if day > latest:
            b.warn(
                msg(
                    "warn_given_late",
                    label=step.label,
                    date=day,
                    period=rule.period,
                    latest=latest,
                    basis=rule.basis,
                )
            )
    for scenario in _SCENARIOS:
        b.dates[scenario][step.id] = day
    return Event(
        step.id,
        step.label,
        day,
        day,
        msg("trace_given", option=option),
        rule.source,
        "given",
        (Step(day, msg("trace_given", option=option)),),
        deadline=step.deadline,
        note=rule.note,
    )


def _check_inputs(pack: Pack, inputs: CaseInputs, calendar: KazakhCalendar) -> None:
    calendar.is_working_day(inputs.ruling)  # raises for a year outside the calendar
    if pack.valid_from is not None and inputs.ruling < pack.valid_from:
        raise DeadlineError(
            f"the {pack.id} pack applies to decisions from "
            f"{pack.valid_from.isoformat()}: {pack.valid_from_reason}"
        )
    if (inputs.exit_from or inputs.exit_period) and not any(s.id == EXIT_STEP for s in pack.steps):
        raise DeadlineError(
            f"--exit-from and --exit-period apply to a pack with an exit deadline (refugee), "
            f"not {pack.id}"
        )
    if inputs.exit_from is not None and inputs.exit_from not in EXIT_FROM:
        raise DeadlineError(f"--exit-from {inputs.exit_from!r}: choose {' or '.join(EXIT_FROM)}")
    if inputs.exit_period is not None:
        from deadline_cli.periods import Period

        Period.parse(inputs.exit_period)  # a DeadlineError naming the problem
    for name in ("final_form", "appeal_ruling", "served", "in_force"):
        day = inputs.value(name)
        if day is not None and day < inputs.ruling:
            raise DeadlineError(
                f"{option_for(name)} {day.isoformat()} is before the ruling "
                f"({inputs.ruling.isoformat()})"
            )
    if inputs.final_form and inputs.appeal_ruling and inputs.appeal_ruling < inputs.final_form:
        raise DeadlineError(
            f"--appeal-ruling {inputs.appeal_ruling.isoformat()} is before "
            f"--final-form {inputs.final_form.isoformat()}"
        )
    if inputs.appeal_served is not None:
        if inputs.appeal_ruling is None:
            raise DeadlineError("--appeal-served needs --appeal-ruling")
        if inputs.appeal_served < inputs.appeal_ruling:
            raise DeadlineError(
                f"--appeal-served {inputs.appeal_served.isoformat()} is before "
                f"--appeal-ruling {inputs.appeal_ruling.isoformat()}"
            )
    if inputs.immediate and inputs.in_force is not None:
        raise DeadlineError("give either --immediate or --in-force, not both")


def calendar_warnings(
    calendar: KazakhCalendar, spans: Sequence[tuple[str | Msg, date, date]]
) -> list[Msg]:
    """Name every estimated holiday and provisional year that a computed date depends on."""
    from deadline_cli.calendar import off_name

    warnings: list[Msg] = []
    estimated: dict[date, list[str | Msg]] = {}
    provisional: dict[int, list[str | Msg]] = {}
    for label, first, last in spans:
        for off in calendar.estimated_days_off(first, last):
            estimated.setdefault(off.date, []).append(label)
        for year in range(first.year, last.year + 1):
            if year > LAST_CONFIRMED_YEAR:
                provisional.setdefault(year, []).append(label)
    for day, labels in sorted(estimated.items()):
        found = calendar.day_off(day)
        warnings.append(
            msg(
                "warn_estimated",
                name=off_name(found) if found else msg("day_off"),
                date=day,
                labels=tuple(dict.fromkeys(labels)),
            )
        )
    for year, labels in sorted(provisional.items()):
        warnings.append(
            msg(
                "warn_provisional",
                year=str(year),
                checked=LAST_CHECKED.isoformat(),
                labels=tuple(dict.fromkeys(labels)),
            )
        )
    return warnings
