"""A case's dates alone: every event's earliest and latest day and how many warnings it has,
which is all a batch's CSV row holds, without the trace, the messages and the events the
engine builds for people to read (issue 17: 20,000 cases that do not repeat). With
``detail``, a case also keeps the rule each step showed, its runs and its warnings (made only
when asked for, by the engine's own message builders in timeline): what a JSON Lines row
without ``--explain`` holds (render.planned writes it); and it gives each event's counting as
the engine counts it (CaseRun.steps, from the engine's cache of runs), for a calendar's events
(render.ics).

The engine (timeline._build) stays the one source of truth. This follows its rules in its
order: the same variant picked (timeline._Builder.pick), the same step left out, the same
term counted (periods.count_term's days, here without its trace), the same warnings counted.
What depends on a case's inputs and options but not on its dates (which steps can exist,
which variants can apply, which reading is shown) is worked out once for all the cases that
share them (a ``_Plan`` of a shape and a law version); each case then runs its dates through
it. Whatever it does not do as the engine does it declines, returning None, and the engine
answers:

- any error (the engine says which, in the user's words);
- a pack whose routes of appeal are compared with each other (``--route``);
- a reading of the exit term that no pack declares (``--exit-period 2 months``);
- a pack in which two steps share a label, or a step bears the name of an input it does not
  stand for (then two warnings, or two events, could be one: the engine's messages decide).

Where a warning is counted, the engine's message names the step by its label: warnings of
different steps, or of different kinds, are never the same message, so the count is a sum.
tests/test_plan.py checks on random cases of every built-in pack that a row planned here is
the engine's row (CSV, and JSON Lines and ICS byte for byte in every language), and that the
cases declined are the ones listed above or errors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from deadline_cli.calendar import MAX_YEAR, MIN_YEAR, KazakhCalendar
from deadline_cli.errors import DeadlineError
from deadline_cli.i18n import Msg, msg
from deadline_cli.periods import Period, Step, nominal_day
from deadline_cli.record import Record
from deadline_cli.rules import DATE_INPUTS, FLAG_INPUTS, Pack, Rule, StepRule, option_for
from deadline_cli.timeline import (
    WARNED_CERTAINTIES,
    CaseInputs,
    Event,
    _Builder,
    _check_inputs,
    _choose_kind,
    _given_events,
    _run,
    calendar_doubts,
    calendar_warnings,
    certainty_warning,
    choose_era,
    citation,
    days_span,
    declared_reading,
    earlier_reading_warning,
    filed_late_warning,
    given_late_warning,
    input_label,
    order_pairs,
    roll_warning,
    run_days,
    window_warning,
)

_DAY = timedelta(days=1)


class Planned(Record):
    """A case as its CSV row shows it; with ``case``, what its JSON Lines row needs too
    (render.planned)."""

    pack: Pack
    dates: dict[str, tuple[date, date]]  # event id -> (earliest, latest)
    warnings: int
    case: CaseRun | None = None


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
    """A step counts from a point of the path nobody has given: it is left out (``root``:
    the point it waits on, as timeline._Missing)."""

    def __init__(self, root: str) -> None:
        self.root = root


def _fits(pack: Pack) -> bool:
    """Whether warnings and events of the pack can be counted without their messages."""
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


# A term's days: the nominal last day, the (rolled) last day, the calendar's doubts its end
# depends on (the estimated days off and the provisional years of its span), and that span.
_Span = tuple[date, date] | None
_Days = tuple[date, date, tuple[object, ...], _Span]
# A rule's run in a scenario: the day, the nominal last day of its term, its doubts and span.
Run = tuple[date, date | None, tuple[object, ...], _Span]


class Planner:
    """Plans the cases of a batch on one calendar."""

    def __init__(self, calendar: KazakhCalendar, *, detail: bool = False) -> None:
        self.calendar = calendar
        self.detail = detail  # keep each case's run, for its JSON Lines row
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
            era = shape.era_of(dates)
            if era not in shape.plans:
                shape.plans[era] = _compile(pack, shape, era, options)
            plan = shape.plans[era]
            if plan is None:
                return None
            case = CaseRun(plan, shape, era, dates, self.term)
            if not self.detail:
                return Planned(pack, *case.run())
            case.done, case.inputs = [], (flags, options)
            return Planned(pack, *case.run(), case)
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
        nominal = nominal_day(trigger, period, calendar)
        end = nominal
        if roll and not calendar.is_working_day(nominal):  # roll_forward's day
            end = calendar.next_working_day(nominal)
        span = days_span(trigger, period.unit, nominal, end, roll=roll)
        doubts: tuple[object, ...] = ()
        if span is not None:
            estimated, provisional = calendar_doubts(calendar, [("", *span)])
            doubts = (*estimated, *provisional)
        if len(self._terms) >= 65536:
            self._terms.clear()
        found = self._terms[key] = (nominal, end, doubts, span)
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
            if len(self._shapes) > 1024:
                self._shapes.clear()
            shape = self._shapes[key] = _Shape(pack, present, start, _choose_kind(pack, inputs))
        start_day = dates[shape.start]
        if pack.valid_from is not None and start_day < pack.valid_from:
            return None
        for earlier, later in shape.order:
            if dates[later] < dates[earlier]:
                return None
        return shape


class _Shape:
    """What a case's checks and picks depend on besides its dates: the pack, the inputs it
    gives and its options. A case of a known shape needs only its dates checked; its plan
    (one for each law version, ``plans``) is compiled when a case first needs it."""

    __slots__ = (
        "eras",
        "kind",
        "kind_days",
        "order",
        "own_events",
        "pack",
        "plans",
        "present",
        "start",
    )

    def __init__(self, pack: Pack, present: frozenset[str], start: str, kind: str | None) -> None:
        self.pack = pack
        self.present = present
        self.start = start
        self.kind = kind
        # Pairs of inputs given that must come in this order (timeline._check_order).
        self.order = tuple(p for p in order_pairs(pack) if p[0] in present and p[1] in present)
        # choose_era: each version's input, or the ruling, or the start standing in for it.
        stand_in = "ruling" if "ruling" in present else start
        self.eras = tuple(
            (e.id, e.on if e.on in present else stand_in, e.valid_from, e.valid_until)
            for e in pack.eras
        )
        self.plans: dict[str | None, _Plan | None] = {}
        # The events of the dates given that no step stands for (CaseRun.own_events), and
        # the inputs whose days decide them besides the shape and the law version: for a
        # pack with kinds, those a dated variant is judged on (timeline._start_of_kind).
        self.own_events: dict[tuple[object, ...], tuple[Event, ...]] = {}
        self.kind_days: tuple[str, ...] = ()
        if pack.choice is not None:
            self.kind_days = tuple(
                sorted(
                    {
                        v.judged_on
                        for s in pack.steps
                        for v in s.variants
                        if v.valid_from is not None or v.valid_until is not None
                    }
                )
            )

    def era_of(self, dates: dict[str, date]) -> str | None:
        if not self.eras:
            return None
        for era, judged_on, since, until in self.eras:
            day = dates[judged_on]
            if (since is None or day >= since) and (until is None or day <= until):
                return era
        raise _Declined  # error_no_era

    def era_judged(self, era: str | None) -> str | None:
        """The input the law version was judged on (choose_era's ``judged_on``)."""
        return next((judged_on for e, judged_on, *_ in self.eras if e == era), None)


class _Source:
    """A rule and its variants as the cases of a plan pick them (timeline._Builder.pick):
    the variants that can apply (whether one does may depend on a date), and whether an
    input given selects some of them (then none applying is an error, not the rule)."""

    __slots__ = ("candidates", "rule", "selects")

    def __init__(
        self,
        rule: Rule,
        variants: tuple[Rule, ...],
        shape: _Shape,
        era: str | None,
        reason: str | None,
    ) -> None:
        present, kind = shape.present, shape.kind
        self.rule = rule
        self.candidates = tuple(
            (v, v.valid_from is not None or v.valid_until is not None)
            for v in variants
            if (v.when is None or v.when in present)
            and (not v.kind or kind in v.kind)
            and (not v.reason or reason in v.reason)
            and (v.era is None or era == v.era)
        )
        self.selects = any(
            v.when in present and (not v.kind or kind in v.kind) and (v.era is None or era == v.era)
            for v in variants
        )

    def pick(self, dates: dict[str, date]) -> Rule:
        for variant, dated in self.candidates:
            if not dated or variant.dates_hold(dates.get(variant.judged_on)):
                return variant
        if self.selects:
            raise _Declined  # error_no_rule_covers
        return self.rule


class _Op:
    """A step as the cases of a plan go through it."""

    __slots__ = (
        "act",
        "chosen",
        "dated",
        "given",
        "id",
        "input",
        "read",
        "reading",
        "said",
        "sources",
        "step",
        "window",
    )

    def __init__(self, step: StepRule, sources: tuple[_Source, ...], chosen: int, act: str) -> None:
        rule = step.rule
        self.step = step
        self.id = step.id
        self.input = step.input
        self.window = step.window
        self.given = False  # the case gives the step's own date
        # _step_exists: a step of a law version exists when the act it is judged on is not
        # given or falls within the version's days.
        self.dated = rule if rule.valid_from is not None or rule.valid_until is not None else None
        self.act = act
        self.sources = sources  # the rule, or each reading of it
        self.chosen = chosen  # which of the sources is shown: the reading chosen
        self.reading = step.readings[chosen].label if step.readings else None
        self.said: dict[int, tuple[Rule, Msg]] = {}  # certainty warnings, by their rule
        self.read: dict[date, Step] = {}  # the trace's line of the reading chosen, by its day

    def certainty(self, rule: Rule) -> Msg:
        """warn_certainty for the rule picked: it names only the step and the rule, so the
        cases that pick the same rule share one message (said once by render.planned)."""
        found = self.said.get(id(rule))
        if found is None or found[0] is not rule:
            message = certainty_warning(self.step, rule, citation(rule.basis, self.reading))
            found = self.said[id(rule)] = (rule, message)
        return found[1]

    def reading_step(self, day: date) -> Step:
        """The first line of the reading's trace (timeline._readings): the same object for
        the cases of the same day, so that a trace said once serves them all."""
        found = self.read.get(day)
        if found is None:
            if len(self.read) > 65536:
                self.read.clear()
            found = self.read[day] = Step(day, msg("trace_reading", reading=self.reading))
        return found


def _chosen_reading(step: StepRule, options: dict[str, str | None]) -> int:
    """Which reading is shown (timeline.declared_reading); a combination no reading declares,
    or an unknown reading, is the engine's to answer."""
    found = declared_reading(
        step.readings, options["reading"], options["exit_from"], options["exit_period"]
    )
    if found is None:
        raise _Declined
    return step.readings.index(found)


def _compile(
    pack: Pack, shape: _Shape, era: str | None, options: dict[str, str | None]
) -> _Plan | None:
    """The plan of the cases of a shape under a law version, or None when the engine must
    answer them (a reading no pack declares)."""
    present, kind = shape.present, shape.kind
    reason = options["immediate_reason"]
    ops = []
    for step in pack.steps:
        rule = step.rule
        # _step_exists, but for the dates.
        if step.requires is not None and step.requires not in present:
            continue
        if rule.kind and kind not in rule.kind:
            continue
        if rule.era is not None and era != rule.era:
            continue
        chosen = 0
        if step.readings:
            try:
                chosen = _chosen_reading(step, options)
            except _Declined:
                return None
            sources = tuple(_Source(r.rule, r.variants, shape, era, reason) for r in step.readings)
        else:
            sources = (_Source(rule, step.variants, shape, era, reason),)
        op = _Op(step, sources, chosen, step.requires or shape.start)
        op.given = step.input is not None and step.input in present
        ops.append(op)
    step_inputs = {s.input for s in pack.steps if s.input}
    own = tuple(n for n in present if n not in step_inputs and n not in FLAG_INPUTS)
    return _Plan(tuple(ops), own, frozenset(pack.entries))


class _Plan:
    """The steps of a pack as the cases of one shape and law version go through them."""

    __slots__ = ("entries", "ops", "own")

    def __init__(self, ops: tuple[_Op, ...], own: tuple[str, ...], entries: frozenset[str]) -> None:
        self.ops = ops
        self.own = own  # the dates given that no step stands for: events of their own
        self.entries = entries


class Done:
    """A step of a case as the plan went through it: the rule shown, and for a computed step
    its runs in the earliest and the latest scenario and those of each reading (its index,
    the rule it picked, and its runs); for a step whose date is given, that date."""

    __slots__ = ("day", "first", "last", "op", "readings", "rule")

    def __init__(
        self,
        op: _Op,
        rule: Rule,
        first: Run | None,
        last: Run | None,
        *,
        readings: tuple[tuple[int, Rule, Run, Run], ...] = (),
        day: date | None = None,
    ) -> None:
        self.op = op
        self.rule = rule
        self.first = first
        self.last = last
        self.readings = readings
        self.day = day


_NO_INPUTS: tuple[dict[str, bool], dict[str, str | None]] = ({}, {})

# A warning as the plan finds it: the function that makes the engine's message, and its
# arguments (the message itself is made only for a format that shows it).
Warned = tuple[Callable[..., Msg], tuple[object, ...]]


class CaseRun:
    """One case through its plan, as timeline._build goes through the steps: each given,
    computed, or left out."""

    __slots__ = (
        "builder",
        "done",
        "doubts",
        "early",
        "era",
        "given",
        "inputs",
        "late",
        "omitted",
        "plan",
        "shape",
        "term",
        "warned",
    )

    def __init__(
        self,
        plan: _Plan,
        shape: _Shape,
        era: str | None,
        given: dict[str, date],
        term: Callable[[date, Period, bool], _Days],
    ) -> None:
        self.plan = plan
        self.shape = shape
        self.era = era
        self.given = given
        self.term = term
        # The days known in the earliest and the latest scenario: one dict until a step's
        # days differ between them (a window not given), then two.
        self.early = dict(given)
        self.late = self.early
        self.omitted: dict[str, str] = {}  # a step left out -> the point it waits on
        self.warned: list[Warned] = []  # in the engine's order (timeline._Builder.warn)
        self.doubts: set[object] = set()  # the calendar's: a warning each
        # Kept for a JSON Lines row (Planner.detail): the steps that are events, in the
        # pack's order, and the case's flags and options (Planner.plan's).
        self.done: list[Done] | None = None
        self.inputs: tuple[dict[str, bool], dict[str, str | None]] = _NO_INPUTS
        self.builder: _Builder | None = None  # the engine's, for the trace (CaseRun.steps)

    def run(self) -> tuple[dict[str, tuple[date, date]], int]:
        """Each event's earliest and latest day, and the number of warnings."""
        given = self.given
        out = {name: (given[name], given[name]) for name in self.plan.own}
        doubts, warned, done = self.doubts, self.warned, self.done
        for op in self.plan.ops:
            if op.dated is not None:
                act = given.get(op.act)
                if act is not None and not op.dated.dates_hold(act):
                    continue
            step = op.step
            if op.given:
                day = given[op.input]  # type: ignore[index]
                rule, latest = self._given(op, day)
                if latest is not None:
                    warned.append((given_late_warning, (step, rule, day, latest)))
                if done is not None:
                    done.append(Done(op, rule, None, None, day=day))
                self.early[op.id] = self.late[op.id] = day
                out[op.id] = (day, day)
                continue
            try:
                rule, first, last, readings = self._computed(op)
            except _Missing as missing:
                self.omitted[op.id] = missing.root
                continue
            if done is not None:
                done.append(Done(op, rule, first, last, readings=readings))
            if first[0] != last[0] and self.late is self.early:
                self.late = dict(self.early)
            self.early[op.id] = first[0]
            self.late[op.id] = last[0]
            out[op.id] = (first[0], last[0])
            if first[2] or last[2]:
                doubts.update(first[2], last[2])
            # timeline._warn_about, in its order.
            if op.window and op.input:
                warned.append((_window, (step, rule, self.shape, first[0], last[0])))
            if rule.certainty in WARNED_CERTAINTIES:
                warned.append((op.certainty, (rule,)))
            if rule.roll_certainty == "unverified" and last[1] != last[0]:
                warned.append((roll_warning, (step, rule, first[0], last[0])))
            if readings:
                self._earlier_reading(op, first[0], readings)
        filed = given.get("filed")
        suit = out.get("suit_deadline")
        if filed is not None and suit is not None and filed > suit[1]:  # _check_met_by
            label = next(o.step.label for o in self.plan.ops if o.id == "suit_deadline")
            warned.append((filed_late_warning, (label, filed, suit[0])))
        return out, len(warned) + len(doubts)

    def _earlier_reading(
        self, op: _Op, shown: date, readings: tuple[tuple[int, Rule, Run, Run], ...]
    ) -> None:
        """timeline._warn_readings: the earliest day another reading gives, if earlier."""
        found = None
        for reading in readings:
            day = reading[2][0]
            if reading[0] != op.chosen and day < shown and (found is None or day < found[2][0]):
                found = reading
        if found is not None:
            self.warned.append((_earlier, (op, found, shown)))

    def own_events(self, calendar: KazakhCalendar) -> tuple[Event, ...]:
        """The events of the dates given that no step stands for, as the engine makes them
        (timeline._given_events) for the first case of their kind: what they say is this
        case's, their dates (and trace) that case's; the date of each is ``given[id]``."""
        shape = self.shape
        key = (self.era, *(self.given.get(n) for n in shape.kind_days))
        found = shape.own_events.get(key)
        if found is None:
            b = self._builder(calendar)
            given = {n: self.given[n] for n in DATE_INPUTS if n in self.given}
            b.dates = {"earliest": dict(given), "latest": dict(given)}
            if len(shape.own_events) > 1024:
                shape.own_events.clear()
            found = shape.own_events[key] = tuple(_given_events(b, given))
        return found

    def _builder(self, calendar: KazakhCalendar) -> _Builder:
        """The engine's builder for the case (its inputs, law version and kind), no days yet."""
        shape = self.shape
        inputs = case_inputs(self.given, *self.inputs)
        era = choose_era(shape.pack, inputs, shape.start)
        return _Builder(shape.pack, inputs, calendar, shape.start, era, shape.kind)

    def steps(self, done: Done, calendar: KazakhCalendar) -> list[Step]:
        """The counting steps of a step's event (Event.steps), as the engine counts them: for
        a computed step, timeline._run of the rule shown in the earliest scenario (from its
        cache of runs, mostly); for a step whose date is given, that date."""
        step = done.op.step
        if done.first is None:
            assert done.day is not None and step.input is not None
            return [Step(done.day, msg("trace_given", option=option_for(step.input)))]
        b = self.builder
        if b is None:
            b = self.builder = self._builder(calendar)
            # The days of every step of the case: a step counts from those before it only.
            b.dates = {"earliest": self.early, "latest": self.late}
            b.omitted = self.omitted
        steps = _run(b, step, done.rule, "earliest").steps
        if done.readings:  # timeline._readings: the reading chosen, said first
            steps.insert(0, done.op.reading_step(steps[0].date))
        return steps

    def counted_on(self, done: Done) -> tuple[object, ...]:
        """What the counting of a step's event (steps()) depends on besides the step of the
        plan and the rule shown: timeline.run_days in the earliest scenario, as the engine
        keys its cache of runs (the law version by the day it was judged on, which with the
        plan's version decides it); for a step whose date is given, that date."""
        if done.first is None:
            return (done.day,)
        judged = self.shape.era_judged(self.era)
        era = self.given.get(judged) if judged is not None else None
        return run_days(done.rule, self.early, self.given.get, era)

    def messages(self, calendar: KazakhCalendar) -> list[Msg]:
        """The case's warnings as the engine says them, in its order."""
        said = [make(*args) for make, args in self.warned]
        if self.doubts:
            spans = []
            assert self.done is not None, "a case planned without detail"
            for done in self.done:
                if done.first is not None and done.last is not None:
                    spans += [(done.op.id, *r[3]) for r in (done.first, done.last) if r[3]]
            said += [m for m, _ in calendar_warnings(calendar, spans, self.shape.pack.label_of)]
        return said

    def _computed(self, op: _Op) -> tuple[Rule, Run, Run, tuple[tuple[int, Rule, Run, Run], ...]]:
        """_computed(): the rule shown, its runs in both scenarios, and for a rule with
        readings each reading's (the readings that wait on a point nobody gave left out)."""
        sources = op.sources
        if len(sources) == 1:
            return (*self._both(op, sources[0]), ())
        found = None
        readings = []
        for i, source in enumerate(sources):
            try:
                done = self._both(op, source)
            except _Missing:
                if i == op.chosen:
                    raise
                continue
            if i == op.chosen:
                found = done
            readings.append((i, *done))
        assert found is not None
        return (*found, tuple(readings))

    def _both(self, op: _Op, source: _Source) -> tuple[Rule, Run, Run]:
        """timeline._both(): the rule picked in the earliest scenario, and the run in each.
        While the scenarios' days are the same, so are the picks, and the runs but for a
        window (its earliest day is its start) and an unverified roll (not in the earliest)."""
        early, late = self.early, self.late
        picked = source.pick(early)
        first = self._run(op, picked, early, True)
        if late is not early:
            return picked, first, self._run(op, source.pick(late), late, False)
        if op.window or picked.roll_certainty == "unverified":
            return picked, first, self._run(op, picked, late, False)
        return picked, first, first

    def _run(self, op: _Op, rule: Rule, dates: dict[str, date], earliest: bool) -> Run:
        """_Builder.compute() for the days."""
        start = dates.get(rule.trigger)
        earlier = self.given.get(rule.or_from) if rule.or_from else None
        if start is None:
            if earlier is None:  # _Builder.trigger(): a point not known yet, or an error
                if rule.trigger in self.omitted:
                    raise _Missing(self.omitted[rule.trigger])
                if rule.trigger in self.plan.entries:
                    raise _Missing(rule.trigger)
                raise _Declined  # error_needs_input
            start = earlier
        elif earlier is not None and earlier <= start:
            start = earlier
        period = rule.period
        if period is None or (op.window and earliest):
            return start, None, (), None
        roll = rule.roll and not op.window
        if earliest and rule.roll_certainty == "unverified":
            roll = False
        if rule.first_day_counts:
            start -= _DAY
        nominal, end, doubts, span = self.term(start, period, roll)
        return (end + _DAY if rule.next_day else end), nominal, doubts, span

    def _given(self, op: _Op, day: date) -> tuple[Rule, date | None]:
        """_given_step(): a date given for a step (the decision in final form): the rule
        that bounds it, and the term's last day when the date comes after it
        (warn_given_late), else None."""
        try:
            rule = op.sources[0].pick(self.early)
        except _Declined:
            rule = op.step.rule
        start = self.early.get(rule.trigger)
        if start is None or not op.window:
            return rule, None
        if day < start:
            raise _Declined  # error_given_before
        if rule.period is not None:
            latest = self.term(start, rule.period, False)[1]
            if day > latest:
                return rule, latest
        return rule, None


# The warnings' messages, made from what the plan kept (CaseRun.warned).


def _window(step: StepRule, rule: Rule, shape: _Shape, first: date, last: date) -> Msg:
    trigger = input_label(shape.pack, shape.kind, rule.trigger)
    return window_warning(step, rule, trigger, first, last)


def _earlier(op: _Op, found: tuple[int, Rule, Run, Run], shown: date) -> Msg:
    """The earliest other reading (its index, the rule it picked and its runs), and the day
    shown."""
    index, rule, first, _ = found
    assert op.reading is not None
    return earlier_reading_warning(
        op.step,
        day=first[0],
        reading=op.step.readings[index].label,
        rule=rule,
        shown=shown,
        shown_reading=op.reading,
    )
