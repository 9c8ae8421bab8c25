"""A case's dates alone: every event's earliest and latest day and how many warnings it has,
which is all a batch's CSV row holds, without the trace, the messages and the events the
engine builds for people to read (issue 17: 20,000 cases that do not repeat).

The engine (timeline._build) stays the one source of truth. This follows its rules in its
order: the same variant picked (timeline._Builder.pick), the same step left out, the same
term counted (periods.count_term's days, here without its trace), the same warnings counted.
Whatever it does not do the same way it declines, returning None, and the engine answers:

- any error (the engine says which, in the user's words);
- a pack whose routes of appeal are compared with each other (``--route``);
- a reading of the exit term that no pack declares (``--exit-period 2 months``);
- a pack in which two steps share a label, or a step bears the name of an input it does not
  stand for (then two warnings, or two events, could be one: the engine's messages decide).

Where a warning is counted, the engine's message names the step by its label: warnings of
different steps, or of different kinds, are never the same message, so the count is a sum.
tests/test_plan.py checks on random cases of every built-in pack that a row planned here is
the engine's row, and that the cases declined are the ones listed above or errors.
"""

from __future__ import annotations

from datetime import date, timedelta

from deadline_cli.calendar import MAX_YEAR, MIN_YEAR, KazakhCalendar
from deadline_cli.errors import DeadlineError
from deadline_cli.periods import Period, Unit, add_months
from deadline_cli.record import Record
from deadline_cli.rules import FLAG_INPUTS, Pack, Reading, Rule, StepRule
from deadline_cli.timeline import (
    _ORDER,
    _SCENARIOS,
    EXIT_FROM,
    CaseInputs,
    _check_inputs,
    _choose_kind,
    calendar_doubts,
    days_span,
)

_CERTAIN_WARNED = frozenset({"secondary", "unverified", "unsettled"})
_DAY = timedelta(days=1)


class Planned(Record):
    """A case as its CSV row shows it."""

    pack: Pack
    dates: dict[str, tuple[date, date]]  # event id -> (earliest, latest)
    warnings: int


def case_inputs(
    dates: dict[str, date], flags: dict[str, bool], options: dict[str, str | None]
) -> CaseInputs:
    """The engine's inputs for the same case."""
    return CaseInputs(
        **dates,
        immediate=flags["immediate"],
        no_appeal_notice=flags["no_appeal_notice"],
        start=options["start"],
        kind=options["kind"],
        reading=options["reading"],
        exit_from=options["exit_from"],
        exit_period=options["exit_period"],
        immediate_reason=options["immediate_reason"],
    )


class _Declined(Exception):
    """The engine must answer this case (see the module's docstring)."""


class _Missing(Exception):
    def __init__(self, root: str) -> None:
        self.root = root


def _fits(pack: Pack) -> bool:
    """Whether warnings and events of the pack can be counted without their messages."""
    from deadline_cli.rules import DATE_INPUTS

    labels = [s.label for s in pack.steps]
    ids = [s.id for s in pack.steps]
    # A date given that no step stands for is an event of its own, under its input's name.
    own_events = set(DATE_INPUTS) - {s.input for s in pack.steps}
    return (
        (pack.choice is None or pack.choice.option != "route")
        and len(set(labels)) == len(labels)
        and len(set(ids)) == len(ids)
        and not set(ids) & own_events
    )


class _Shape:
    """What a case's checks and picks depend on besides its dates: the inputs it gives and
    its options. A case of a known shape needs only its dates checked, and the variants of a
    rule that can apply to it are known (``picks``, filled as they are asked for)."""

    __slots__ = ("kind", "order", "picks", "present", "start")

    def __init__(
        self,
        present: frozenset[str],
        start: str,
        kind: str | None,
        order: tuple[tuple[str, str], ...],
    ) -> None:
        self.present = present
        self.start = start
        self.kind = kind
        self.order = order  # pairs of inputs given that must come in this order
        self.picks: dict[tuple[int, str | None], tuple[tuple[Rule, ...], bool]] = {}


# A term's days: the nominal last day, the (rolled) last day, and the calendar's doubts its
# end depends on (the estimated days off and the provisional years of its span).
_Days = tuple[date, date, tuple[object, ...]]


class Planner:
    """Plans the cases of a batch on one calendar."""

    def __init__(self, calendar: KazakhCalendar) -> None:
        self.calendar = calendar
        # By the pack's identity; the pack held in the value keeps its id, and those of its
        # rules and periods, from being reused while the planner lives: the shapes and the
        # terms below are keyed by them.
        self._fit: dict[int, tuple[Pack, bool]] = {}
        self._shapes: dict[tuple[object, ...], _Shape] = {}
        self._terms: dict[tuple[date, int, bool], _Days] = {}

    def plan(
        self,
        pack: Pack,
        dates: dict[str, date],
        flags: dict[str, bool],
        options: dict[str, str | None],
    ) -> Planned | None:
        """The case's row, or None when the engine must compute it. ``dates`` holds the
        dates given, ``options`` start, kind, reading, exit_from, exit_period and
        immediate_reason (in this order: it is part of a key)."""
        fit = self._fit.get(id(pack))
        if fit is None:
            fit = self._fit[id(pack)] = (pack, _fits(pack))
        if not fit[1]:
            return None
        try:
            shape = self._shape(pack, dates, flags, options)
            if shape is None:
                return None
            return _Case(self, pack, dates, options, shape).run()
        except (_Declined, DeadlineError, OverflowError, ValueError):
            return None

    def term(self, trigger: date, period: Period, roll: bool) -> _Days:
        """count_term's days (``nominal``, ``end``) and calendar_span's doubts, without the
        trace."""
        key = (trigger, id(period), roll)
        found = self._terms.get(key)
        if found is not None:
            return found
        calendar = self.calendar
        unit = period.unit
        if unit is Unit.DAYS:
            nominal = trigger + timedelta(days=period.amount)
        elif unit is Unit.WORKING_DAYS:
            nominal = calendar.add_working_days(trigger, period.amount)
        else:
            nominal = add_months(trigger, period.amount * (12 if unit is Unit.YEARS else 1))
        end = nominal
        if roll and not calendar.is_working_day(nominal):
            end = calendar.next_working_day(nominal)
        span = days_span(trigger, unit, nominal, end, roll=roll)
        doubts: tuple[object, ...] = ()
        if span is not None:
            estimated, provisional = calendar_doubts(calendar, [("", *span)])
            doubts = (*estimated, *provisional)
        if len(self._terms) >= 65536:
            self._terms.clear()
        found = self._terms[key] = (nominal, end, doubts)
        return found

    def _shape(
        self,
        pack: Pack,
        dates: dict[str, date],
        flags: dict[str, bool],
        options: dict[str, str | None],
    ) -> _Shape | None:
        for day in dates.values():
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                return None
        present = frozenset(dates) | {f for f in FLAG_INPUTS if flags.get(f)}
        key = (id(pack), present, *options.values())
        shape = self._shapes.get(key)
        if shape is None:
            # The first case of a shape is checked whole by the engine's own checks; what
            # they find depends on the shape alone but for the dates, checked below.
            inputs = case_inputs(dates, flags, options)
            start = _check_inputs(pack, inputs, self.calendar)  # a DeadlineError declines
            pairs = [*_ORDER, *zip(pack.entries, pack.entries[1:], strict=False)]
            if "served" not in pack.entries:
                pairs.append((pack.start, "served"))
            order = tuple(p for p in pairs if p[0] in present and p[1] in present)
            kind = _choose_kind(pack, inputs)
            if len(self._shapes) > 1024:
                self._shapes.clear()
            shape = self._shapes[key] = _Shape(present, start, kind, order)
        start_day = dates[shape.start]
        if pack.valid_from is not None and start_day < pack.valid_from:
            return None
        for earlier, later in shape.order:
            if dates[later] < dates[earlier]:
                return None
        return shape


# A rule's run: the day, the nominal last day of its term, and the doubts that day rests on.
_Run = tuple[date, date | None, tuple[object, ...]]


class _Case:
    """One case through the pack's steps, as timeline._build goes through them."""

    def __init__(
        self,
        planner: Planner,
        pack: Pack,
        given: dict[str, date],
        options: dict[str, str | None],
        shape: _Shape,
    ) -> None:
        self.term = planner.term
        self.pack = pack
        self.given = given
        self.options = options
        self.shape = shape
        self.present = shape.present
        self.start = shape.start
        self.kind = shape.kind
        self.era = self._era()
        self.dates = {s: dict(given) for s in _SCENARIOS}
        # Whether a date differs between the scenarios yet: until one does, the latest
        # scenario is the earliest's but for windows and unverified rolls (see compute()).
        self.split = False
        self.omitted: dict[str, str] = {}
        self.doubts: set[object] = set()
        self.warnings = 0

    def _era(self) -> str | None:
        """choose_era's pick (its input, or the ruling, or the start standing in)."""
        if not self.pack.eras:
            return None
        for era in self.pack.eras:
            day = self.given.get(era.on)
            if day is None:
                day = self.given.get("ruling") or self.given[self.start]
            if era.valid_from is not None and day < era.valid_from:
                continue
            if era.valid_until is not None and day > era.valid_until:
                continue
            return era.id
        raise _Declined

    def run(self) -> Planned:
        pack = self.pack
        step_inputs = {s.input for s in pack.steps if s.input}
        out = {n: (d, d) for n, d in self.given.items() if n not in step_inputs}
        for step in pack.steps:
            if not self._exists(step):
                continue
            given_day = self.given.get(step.input) if step.input else None
            if given_day is not None:
                self._given_step(step, given_day)
                out[step.id] = (given_day, given_day)
                continue
            try:
                out[step.id] = self._computed(step)
            except _Missing as missing:
                self.omitted[step.id] = missing.root
        filed = self.given.get("filed")
        suit = out.get("suit_deadline")
        if filed is not None and suit is not None and filed > suit[1]:
            self.warnings += 1  # _check_met_by
        return Planned(pack, out, self.warnings + len(self.doubts))

    # timeline._Builder, for dates.

    def _candidates(self, variants: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], bool]:
        """The variants that can apply to the case (applies() but for their dates), and
        whether an input given selects some of them (then none applying is an error)."""
        key = (id(variants), self.era)
        found = self.shape.picks.get(key)
        if found is None:
            present, kind, era = self.present, self.kind, self.era
            reason = self.options["immediate_reason"]
            can = tuple(
                v
                for v in variants
                if (v.when is None or v.when in present)
                and (not v.kind or kind in v.kind)
                and (not v.reason or reason in v.reason)
                and (v.era is None or era == v.era)
            )
            selects = any(
                v.when in present
                and (not v.kind or kind in v.kind)
                and (v.era is None or era == v.era)
                for v in variants
            )
            found = self.shape.picks[key] = (can, selects)
        return found

    def _pick(self, rule: Rule, variants: tuple[Rule, ...], scenario: str) -> Rule:
        can, selects = self._candidates(variants)
        dates = self.dates[scenario]
        for variant in can:
            if variant.valid_from is None and variant.valid_until is None:
                return variant
            if variant.dates_hold(dates.get(variant.judged_on)):
                return variant
        if selects:  # an input selects variants none of which covers its date
            raise _Declined
        return rule

    def _exists(self, step: StepRule) -> bool:
        rule = step.rule
        if step.requires is not None and step.requires not in self.present:
            return False
        if rule.kind and self.kind not in rule.kind:
            return False
        if rule.era is not None and self.era != rule.era:
            return False
        if rule.valid_from is None and rule.valid_until is None:
            return True
        act = self.given.get(step.requires or self.start)
        return act is None or rule.dates_hold(act)

    def _trigger(self, rule: Rule, scenario: str) -> date:
        day = self.dates[scenario].get(rule.trigger)
        if day is not None:
            return day
        if rule.trigger in self.omitted:
            raise _Missing(self.omitted[rule.trigger])
        if rule.trigger in self.pack.entries:
            raise _Missing(rule.trigger)
        raise _Declined  # error_needs_input

    def _run(self, step: StepRule, rule: Rule, scenario: str) -> _Run:
        """compute(): the day, the nominal day and the doubts it depends on."""
        earlier = self.given.get(rule.or_from) if rule.or_from else None
        if earlier is not None and self.dates[scenario].get(rule.trigger) is None:
            start = earlier
        else:
            start = self._trigger(rule, scenario)
        if earlier is not None and earlier <= start:
            start = earlier
        if rule.period is None or (step.window and scenario == "earliest"):
            return start, None, ()
        roll = rule.roll and not step.window
        if rule.roll_certainty == "unverified" and scenario == "earliest":
            roll = False
        if rule.first_day_counts:
            start -= _DAY
        nominal, end, doubts = self.term(start, rule.period, roll)
        return (end + _DAY if rule.next_day else end), nominal, doubts

    def _both(
        self, step: StepRule, rule: Rule, variants: tuple[Rule, ...]
    ) -> tuple[Rule, _Run, _Run]:
        """The earliest scenario's rule, and the run in each scenario."""
        picked = self._pick(rule, variants, "earliest")
        first = self._run(step, picked, "earliest")
        if self.split:
            return picked, first, self._run(step, self._pick(rule, variants, "latest"), "latest")
        if step.window or picked.roll_certainty == "unverified":
            return picked, first, self._run(step, picked, "latest")
        return picked, first, first

    def _computed(self, step: StepRule) -> tuple[date, date]:
        """_computed() and _warn_about(), for the dates and the number of warnings."""
        earlier_reading = False
        if step.readings:
            chosen = self._chosen(step)
            found = None
            others: list[date] = []
            for reading in step.readings:
                try:
                    done = self._both(step, reading.rule, reading.variants)
                except _Missing:
                    if reading is chosen:
                        raise
                    continue
                if reading is chosen:
                    found = done
                else:
                    others.append(done[1][0])
            assert found is not None
            rule, first, last = found
            earlier_reading = any(d < first[0] for d in others)
        else:
            rule, first, last = self._both(step, step.rule, step.variants)
        self.dates["earliest"][step.id] = first[0]
        self.dates["latest"][step.id] = last[0]
        if first[0] != last[0]:
            self.split = True
        self.doubts.update(first[2])
        self.doubts.update(last[2])
        if step.window and step.input:
            self.warnings += 1  # warn_open_window or warn_window
        if rule.certainty in _CERTAIN_WARNED:
            self.warnings += 1  # warn_certainty
        if rule.roll_certainty == "unverified" and last[1] != last[0]:
            self.warnings += 1  # warn_roll_unverified
        if earlier_reading:
            self.warnings += 1  # warn_reading_earlier
        return first[0], last[0]

    def _chosen(self, step: StepRule) -> Reading:
        """_chosen_reading(), declining a combination no reading declares."""
        readings = step.readings
        options = self.options
        if options["reading"] is not None:
            found = next((r for r in readings if r.id == options["reading"]), None)
            if found is None:
                raise _Declined
            return found
        default = readings[0]
        exit_from, exit_period = options["exit_from"], options["exit_period"]
        if exit_from is None and exit_period is None:
            return default
        trigger = EXIT_FROM[exit_from] if exit_from is not None else default.rule.trigger
        period = Period.parse(exit_period) if exit_period is not None else default.rule.period
        for reading in readings:
            if reading.rule.trigger == trigger and reading.rule.period == period:
                return reading
        raise _Declined

    def _given_step(self, step: StepRule, day: date) -> None:
        """_given_step(): a date given for a step (the decision in final form)."""
        rule = step.rule
        try:
            rule = self._pick(step.rule, step.variants, "earliest")
        except _Declined:
            rule = step.rule
        start = self.dates["earliest"].get(rule.trigger)
        if start is not None and day < start and step.window:
            raise _Declined  # error_given_before
        late = step.window and start is not None and rule.period is not None
        if late and day > self.term(start, rule.period, False)[1]:  # type: ignore[arg-type]
            self.warnings += 1  # warn_given_late or warn_given_after_term
        for scenario in _SCENARIOS:
            self.dates[scenario][step.id] = day
