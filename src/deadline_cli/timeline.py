"""One case: inputs + pack + calendar -> ordered events with dates, ranges, steps and warnings.

Where the law ties a date to an event nobody has given (the decision in final form), the
timeline is computed twice: once with that event on its earliest possible day and once on its
latest. Every later date becomes a range; the earliest date is the binding one. A rule whose
roll-forward is not verified (the KoAP) does not roll in the earliest scenario and rolls in the
latest, so its date is a range too.

A pack may start at several points of a path (the refusal, its delivery, the court's decision,
the appellate act). Steps that count from a point of the path nobody has given are left out:
the ones before the starting point are history, and the ones after a later point that is not
known yet (the court has not decided) are named in a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cached_property
from itertools import pairwise

from deadline_cli.calendar import (
    LAST_CHECKED,
    LAST_CONFIRMED_YEAR,
    MAX_YEAR,
    MIN_YEAR,
    KazakhCalendar,
)
from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import Msg, msg
from deadline_cli.periods import Period, Step, Term, Unit, count_term
from deadline_cli.record import Record, field, replace
from deadline_cli.rules import (
    DATE_INPUTS,
    FLAG_INPUTS,
    INPUTS,
    Era,
    Pack,
    Reading,
    Rule,
    Source,
    StepRule,
    option_for,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadline_cli.periods import UnitName

_SCENARIOS = ("earliest", "latest")
EXIT_FROM = {"entry-into-force": "entry_into_force", "decision": "ruling"}
FIRST_DAY = date(MIN_YEAR, 1, 1)
LAST_DAY = date(MAX_YEAR, 12, 31)

_DATE_SET = frozenset(DATE_INPUTS)
# An open deadline this close is marked urgent (! on screen, "soon" in data).
URGENT_DAYS = 7

# Inputs that must come in this order when both are given (the court part of a case).
_ORDER = (
    ("complaint_decided", "complaint_served"),
    ("complaint_filed", "complaint_decided"),
    ("refusal", "complaint_filed"),
    ("refusal", "notified"),
    ("appeal_ruling", "cassation_filed"),
    ("cassation_filed", "cassation_ruling"),
    ("appeal_ruling", "cassation_ruling"),
    ("refusal", "complaint_decided"),
    ("refusal", "filed"),
    ("refusal", "ruling"),
    ("filed", "ruling"),
    ("ruling", "final_form"),
    ("ruling", "appeal_ruling"),
    ("final_form", "appeal_ruling"),
    ("ruling", "in_force"),
    ("appeal_ruling", "appeal_served"),
    ("ruling", "copy_sent"),
)


class CaseInputs(Record):
    ruling: date | None = None
    final_form: date | None = None
    appeal_ruling: date | None = None
    appeal_served: date | None = None
    served: date | None = None
    copy_sent: date | None = None  # a copy sent to a person who did not take part
    in_force: date | None = None
    refusal: date | None = None
    complaint_decided: date | None = None
    complaint_served: date | None = None
    filed: date | None = None
    notified: date | None = None
    complaint_filed: date | None = None
    cassation_filed: date | None = None
    cassation_ruling: date | None = None
    immediate: bool = False
    no_appeal_notice: bool = False  # the act does not say how to appeal it (APPC 92(1-1))
    immediate_reason: str | None = None  # why it entered into force at once (KoAP 883)
    start: str | None = None  # the input the computation starts from (default: the pack's)
    kind: str | None = None  # --kind / --code
    reading: str | None = None  # --reading: the id of a reading to show
    exit_from: str | None = None  # "entry-into-force" or "decision"
    exit_period: str | None = None  # "30 days" (default) or "1 month"

    def value(self, name: str) -> date | None:
        found = getattr(self, name, None) if name in _DATE_SET else None
        return found if isinstance(found, date) else None

    @cached_property
    def present(self) -> frozenset[str]:
        """The inputs given (cached: a timeline asks many times)."""
        names = {n for n in DATE_INPUTS if self.value(n) is not None}
        return frozenset(names | {f for f in FLAG_INPUTS if getattr(self, f)})


class EraChoice(Record):
    """The law version a case was decided under, and the date that decided it."""

    era: Era
    day: date
    judged_on: str  # the input whose date was used: the era's own, or what stood in for it
    stand_in: bool  # the era's input was not given and another date stood in for it


class ReadingResult(Record):
    id: str
    label: str | Msg
    rule: Rule
    date: dt.date
    latest: dt.date
    nominal: dt.date | None
    steps: tuple[Step, ...]
    selected: bool = False


class Event(Record):
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
    rule: Rule | None = None  # the rule that produced the date (None for a date given)
    readings: tuple[ReadingResult, ...] = ()
    reading: ReadingResult | None = None  # the reading shown, for a rule with readings

    @property
    def citation(self) -> str | Msg:
        """The basis, with the reading used when there is one."""
        return citation(self.basis, self.reading.label if self.reading is not None else None)

    @property
    def cite(self) -> str | Msg:
        """A short citation for a table: "APPC 168(2)"; "given" for a date the user gave (its
        option is in the trace and the JSON basis)."""
        if self.rule is not None:
            return self.rule.cite
        if self.certainty == "given":
            return msg("trace_given_start")
        return self.basis

    @property
    def is_range(self) -> bool:
        return self.latest != self.date

    @property
    def computed(self) -> bool:
        return self.nominal is not None


class Notice(Record):
    """A warning, with the events it concerns (a table puts it in a footnote beside them)."""

    message: Msg
    events: tuple[str, ...] = ()


class Timeline(Record):
    pack: Pack
    inputs: CaseInputs
    events: tuple[Event, ...]
    notices: tuple[Notice, ...]
    as_of: date
    start: str = "ruling"
    era: EraChoice | None = None
    kind: str | None = None
    notes: tuple[Msg, ...] = ()  # what is not computed yet and why (not a doubt)

    @property
    def warnings(self) -> tuple[Msg, ...]:
        return tuple(n.message for n in self.notices)

    @property
    def start_date(self) -> date:
        day = self.inputs.value(self.start)
        assert day is not None
        return day

    def days_left(self, event: Event) -> int:
        return (event.date - self.as_of).days

    def status(self, event: Event) -> str:
        left = self.days_left(event)
        return "passed" if left < 0 else "today" if left == 0 else "open"

    def alert(self, event: Event) -> str:
        """How urgent an open deadline is, the same in every format: ``binding-day-passed``
        (a range whose earliest, binding day is behind us while its latest is not: the most
        urgent), ``soon`` (within URGENT_DAYS), ``ahead``, or ``""`` (no deadline, or wholly
        passed)."""
        if not event.deadline:
            return ""
        left = self.days_left(event)
        if left < 0:  # a range whose earliest day has passed may still run to its latest
            return "binding-day-passed" if (event.latest - self.as_of).days >= 0 else ""
        return "soon" if left <= URGENT_DAYS else "ahead"


class _Result(Record, frozen=False):
    date: dt.date
    steps: list[Step]
    nominal: dt.date | None = None
    # Days whose working status decided the result, for the uncertainty checks.
    span: tuple[dt.date, dt.date] | None = None


class _Missing(Exception):
    """A step counts from a point of the path that is not known: leave it out."""

    def __init__(self, root: str) -> None:
        self.root = root


class _Builder(Record, frozen=False):
    pack: Pack
    inputs: CaseInputs
    calendar: KazakhCalendar
    start: str
    era: EraChoice | None
    kind: str | None
    dates: dict[str, dict[str, date]] = field(default_factory=dict)
    omitted: dict[str, str] = field(default_factory=dict)  # step id -> the missing input
    notices: dict[Msg, list[str]] = field(default_factory=dict)
    spans: list[tuple[str, date, date]] = field(default_factory=list)

    def warn(self, warning: Msg, *event_ids: str) -> None:
        found = self.notices.setdefault(warning, [])
        found.extend(e for e in event_ids if e not in found)

    def present(self) -> frozenset[str]:
        return self.inputs.present

    def applies(self, rule: Rule, scenario: str) -> bool:
        if rule.when is not None and rule.when not in self.present():
            return False
        if rule.kind and self.kind not in rule.kind:
            return False
        if rule.reason and self.inputs.immediate_reason not in rule.reason:
            return False
        if rule.era is not None and (self.era is None or self.era.era.id != rule.era):
            return False
        if rule.valid_from is None and rule.valid_until is None:
            return True
        # A rule valid only between two dates (a law version) is judged on the day of the
        # act that selects it, or else of its trigger.
        act = self.dates[scenario].get(rule.judged_on)
        return rule.dates_hold(act)

    def pick(self, rule: Rule, variants: Sequence[Rule], scenario: str, label: str) -> Rule:
        for variant in variants:
            if self.applies(variant, scenario):
                return variant
        # An input that selects variants (an appeal ruling) but whose date none of them
        # covers must not fall back to the rule for the case without it: refuse instead.
        selected = [
            v
            for v in variants
            if v.when in self.present()
            and (not v.kind or self.kind in v.kind)
            and (v.era is None or (self.era is not None and self.era.era.id == v.era))
        ]
        if selected:
            when = selected[0].when or ""
            ranges = "; ".join(
                f"{v.valid_from or '...'} - {v.valid_until or '...'}" for v in selected
            )
            raise DeadlineError(
                msg(
                    "error_no_rule_covers",
                    option=option_for(when),
                    date=self.dates[scenario].get(when),
                    pack=self.pack.id,
                    label=label,
                    ranges=ranges,
                )
            )
        return rule

    def trigger(self, rule: Rule, scenario: str, step: StepRule) -> date:
        day = self.dates[scenario].get(rule.trigger)
        if day is not None:
            return day
        if rule.trigger in self.omitted:
            raise _Missing(self.omitted[rule.trigger])
        if rule.trigger in self.pack.entries:
            raise _Missing(rule.trigger)
        raise DeadlineError(
            msg(
                "error_needs_input",
                label=step.label,
                basis=rule.basis,
                what=self.pack.label_of(rule.trigger),
                option=option_for(rule.trigger),
            )
        )

    def label(self, name: str) -> str:
        return input_label(self.pack, self.kind, name)

    def version_step(self, rule: Rule, scenario: str) -> Step | None:
        """For a rule valid only between two dates: which law version applied, and why."""
        if rule.valid_from is None and rule.valid_until is None:
            return None
        act = self.dates[scenario].get(rule.judged_on)
        if act is None:
            return None
        return Step(
            act,
            msg(
                "trace_law_version",
                what=self.label(rule.judged_on),
                date=act,
                span=_span(rule.valid_from, rule.valid_until),
                basis=rule.basis,
            ),
        )

    def era_step(self, rule: Rule) -> Step | None:
        if rule.era is None or self.era is None:
            return None
        return Step(self.era.day, era_message(self.era, self.pack))

    def compute(self, step: StepRule, rule: Rule, scenario: str) -> _Result:
        label: str | Msg = self.label(rule.trigger)
        earlier = self.inputs.value(rule.or_from) if rule.or_from else None
        if earlier is not None and self.dates[scenario].get(rule.trigger) is None:
            start = earlier  # only the day it was brought to notice is known
        else:
            start = self.trigger(rule, scenario, step)
        if earlier is not None and earlier <= start:
            assert rule.or_from is not None
            start, label = earlier, self.label(rule.or_from)
        if step.window and scenario == "earliest":
            return _Result(start, [Step(start, msg("trace_window_earliest", label=label))])
        if rule.period is None:
            if step.window:  # an open window: nothing bounds it, the earliest day is used
                return _Result(start, [Step(start, msg("trace_window_open", label=label))])
            return _Result(start, [Step(start, msg("trace_on_day", label=label, basis=rule.basis))])
        roll = rule.roll and not step.window
        if rule.roll_certainty == "unverified" and scenario == "earliest":
            roll = False
        first: list[Step] = []
        if rule.first_day_counts:  # the trigger's own day is day 1: count from the day before
            first = [Step(start, msg("trace_first_day_counts", label=label))]
            start -= timedelta(days=1)
            label = msg("trace_day_before", label=label)
        term = count_term(start, rule.period, self.calendar, roll=roll, trigger_label=label)
        steps = first + list(term.steps)
        end = term.end
        if rule.next_day:
            end = term.end + timedelta(days=1)
            steps.append(Step(end, msg("trace_expired_next_day")))
        return _Result(end, steps, term.nominal, calendar_span(term, roll=roll))


def era_message(choice: EraChoice, pack: Pack) -> Msg:
    """The trace line naming the law version of a case, and the date that decided it."""
    era = choice.era
    return msg(
        "trace_era_stand_in" if choice.stand_in else "trace_era",
        era=era.label,
        option=option_for(era.on),
        what=pack.label_of(choice.judged_on),
        date=choice.day,
        span=_span(era.valid_from, era.valid_until),
        basis=era.rule.basis,
    )


def build_timeline(
    pack: Pack,
    inputs: CaseInputs,
    calendar: KazakhCalendar,
    as_of: date,
    *,
    other_routes: bool = True,
) -> Timeline:
    """The case's events; for a pack whose routes of appeal are a choice (``--route``), the
    other routes are computed too and a warning names an earlier deadline one of them gives."""
    timeline = _build(pack, inputs, calendar, as_of)
    choice = pack.choice
    if not other_routes or choice is None or choice.option != "route":
        return timeline
    notices = list(timeline.notices)
    for kind in choice.kinds:
        if kind.id == timeline.kind:
            continue
        try:
            other = _build(pack, replace(inputs, kind=kind.id), calendar, as_of)
        except DeadlineError:
            continue  # the other route needs inputs this case does not have
        notice = _route_notice(timeline, other, kind.id)
        if notice is not None:
            notices.append(notice)
    return replace(timeline, notices=tuple(notices))


def _first_own_deadline(timeline: Timeline, other: Timeline) -> Event | None:
    """The earliest deadline of ``timeline`` that ``other`` does not share (same id, same day)."""
    shared = {(e.id, e.date) for e in other.events}
    own = [e for e in timeline.events if e.deadline and (e.id, e.date) not in shared]
    return min(own, key=lambda e: e.date, default=None)


def _route_notice(chosen: Timeline, other: Timeline, route: str) -> Notice | None:
    theirs = _first_own_deadline(other, chosen)
    if theirs is None:
        return None
    ours = _first_own_deadline(chosen, other)
    if ours is not None and ours.date <= theirs.date:
        return None
    common = {
        "option": f"--route {route}",
        "label": theirs.label,
        "date": theirs.date,
        "basis": theirs.citation,
    }
    if ours is None:
        return Notice(msg("warn_other_route_only", **common))
    message = msg("warn_other_route", **common, shown_label=ours.label, shown=ours.date)
    return Notice(message, (ours.id,))


def _build(pack: Pack, inputs: CaseInputs, calendar: KazakhCalendar, as_of: date) -> Timeline:
    start = _check_inputs(pack, inputs, calendar)
    era = choose_era(pack, inputs, start)
    kind = _choose_kind(pack, inputs)
    b = _Builder(pack, inputs, calendar, start, era, kind)
    given = {n: getattr(inputs, n) for n in DATE_INPUTS if n in inputs.present}
    b.dates = {s: dict(given) for s in _SCENARIOS}
    events = _given_events(b, given)

    for step in pack.steps:
        if not _step_exists(b, step):
            continue
        given_day = inputs.value(step.input) if step.input else None
        if given_day is not None:
            events.append(_given_step(b, step, given_day))
            continue
        try:
            event = _computed(b, step)
        except _Missing as missing:
            b.omitted[step.id] = missing.root
            continue
        events.append(event)

    _check_met_by(b, events)
    for warning, ids in calendar_warnings(calendar, b.spans, pack.label_of):
        b.warn(warning, *ids)
    events.sort(key=lambda e: (e.date, e.latest))
    notices = tuple(Notice(m, tuple(ids)) for m, ids in b.notices.items())
    notes = unknown_notes(pack, start, kind, b.omitted)
    return Timeline(pack, inputs, tuple(events), notices, as_of, start, era, kind, notes)


def _computed(b: _Builder, step: StepRule) -> Event:
    results: dict[str, _Result] = {}
    rules: dict[str, Rule] = {}
    readings: tuple[ReadingResult, ...] = ()
    selected: ReadingResult | None = None
    if step.readings:
        readings, selected, rules, results = _readings(b, step)
    else:
        for scenario, (rule, result) in _both(b, step, step.rule, step.variants).items():
            rules[scenario], results[scenario] = rule, result
    rule, first, last = rules["earliest"], results["earliest"], results["latest"]
    for scenario in _SCENARIOS:
        b.dates[scenario][step.id] = results[scenario].date
        span = results[scenario].span
        if span:
            b.spans.append((step.id, *span))
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
        rule=rule,
        readings=readings,
        reading=selected,
    )
    _warn_about(b, step, rule, event)
    return event


def _both(
    b: _Builder, step: StepRule, rule: Rule, variants: Sequence[Rule]
) -> dict[str, tuple[Rule, _Result]]:
    """A rule (or the variant that applies) picked and run in both scenarios. While the two
    scenarios know the same days, the latest one picks the same rule and, but for a window
    (whose earliest day is its start) and an unverified roll (not rolled in the earliest),
    runs it to the same result: a copy of the earliest's is taken, not computed again."""
    picked = b.pick(rule, variants, "earliest", step.label)
    first = _run(b, step, picked, "earliest")
    same = b.dates["earliest"] == b.dates["latest"]
    if same and not step.window and picked.roll_certainty != "unverified":
        last = _Result(first.date, list(first.steps), first.nominal, first.span)
        return {"earliest": (picked, first), "latest": (picked, last)}
    later = b.pick(rule, variants, "latest", step.label)
    return {"earliest": (picked, first), "latest": (later, _run(b, step, later, "latest"))}


# _run's results by what they depend on. A register counts the same rules from the same few
# thousand days over and over; a case's own combination of dates rarely repeats, but each of
# its terms does. Keyed by identities (a rule, a pack, a calendar), held in the value so an
# identity cannot be reused while its entry lives; cleared, not evicted, when full.
_RUNS: dict[tuple[object, ...], tuple[tuple[object, ...], _Result]] = {}
_RUNS_MAX = 32768


def run_days(
    rule: Rule, dates: dict[str, date], given: Callable[[str], date | None], era: object
) -> tuple[object, ...]:
    """What a rule's run depends on besides the rule, its step, the pack, the calendar, the
    kind and the scenario: the trigger's day in the scenario, the date given that a term may
    count from, the law version (``era``, for a rule of a version) and the day a dated rule
    is judged on. _run keys its cache of runs on them, deadline_cli.plan the counting it
    says once (CaseRun.counted_on)."""
    dated = rule.valid_from is not None or rule.valid_until is not None
    return (
        dates.get(rule.trigger),
        given(rule.or_from) if rule.or_from else None,
        era if rule.era is not None else None,
        dates.get(rule.judged_on) if dated else None,
    )


def _run(b: _Builder, step: StepRule, rule: Rule, scenario: str) -> _Result:
    held = (rule, b.pack, b.calendar)
    key = (
        *map(id, held),
        # The scenario matters only through these two (see compute): otherwise the latest
        # scenario of a case whose dates are all known is the earliest one's hit.
        scenario == "earliest" and (step.window or rule.roll_certainty == "unverified"),
        step.window,
        b.kind,
        *run_days(rule, b.dates[scenario], b.inputs.value, b.era),
    )
    hit = _RUNS.get(key)
    if hit is not None and hit[0] == held:  # the same objects (a tuple compares by identity first)
        done = hit[1]
        return _Result(done.date, list(done.steps), done.nominal, done.span)
    result = b.compute(step, rule, scenario)
    extra = [b.era_step(rule), b.version_step(rule, scenario)]
    result.steps[:0] = [s for s in extra if s]
    if len(_RUNS) >= _RUNS_MAX:
        _RUNS.clear()
    _RUNS[key] = (held, _Result(result.date, list(result.steps), result.nominal, result.span))
    return result


def _warn_about(b: _Builder, step: StepRule, rule: Rule, event: Event) -> None:
    if step.window and step.input:
        b.warn(window_warning(step, rule, b.label(rule.trigger), event.date, event.latest), step.id)
    if rule.certainty in WARNED_CERTAINTIES:
        b.warn(certainty_warning(step, rule, event.citation), step.id)
    if rule.roll_certainty == "unverified" and event.nominal_latest != event.latest:
        b.warn(roll_warning(step, rule, event.date, event.latest), step.id)
    if event.reading is not None:
        _warn_readings(b, step, event)


# The messages of a case's warnings, built here for the engine and for deadline_cli.plan.
WARNED_CERTAINTIES = frozenset({"secondary", "unverified", "unsettled"})


def citation(basis: str | Msg, reading: str | Msg | None) -> str | Msg:
    """A rule's basis, with the reading used when there is one (Event.citation)."""
    if reading is None:
        return basis
    return msg("basis_with_reading", basis=basis, reading=reading)


def input_label(pack: Pack, kind: str | None, name: str) -> str:
    """How a trace names an input or step; the start of a pack with kinds is the kind's."""
    choice = pack.choice
    if name == pack.start and choice is not None:
        found = choice.get(kind or choice.default)
        if found is not None and found.start_label:
            return found.start_label
    return pack.label_of(name)


def window_warning(step: StepRule, rule: Rule, trigger: str, first: date, last: date) -> Msg:
    """A window whose day the case does not give: the event is a range (or open)."""
    assert step.input is not None
    if rule.period is None:
        return msg(
            "warn_open_window",
            label=step.label,
            option=option_for(step.input),
            trigger=trigger,
            date=first,
        )
    return msg(
        "warn_window",
        label=step.label,
        option=option_for(step.input),
        first=first,
        last=last,
        note=rule.note,
    )


def certainty_warning(step: StepRule, rule: Rule, basis: str | Msg) -> Msg:
    return msg(
        "warn_certainty",
        label=step.label,
        certainty=msg("certainty_" + rule.certainty),
        basis=basis,
        note=rule.note,
    )


def roll_warning(step: StepRule, rule: Rule, nominal: date, rolled: date) -> Msg:
    return msg(
        "warn_roll_unverified",
        label=step.label,
        basis=rule.basis,
        nominal=nominal,
        rolled=rolled,
    )


def earlier_reading_warning(
    step: StepRule,
    *,
    day: date,
    reading: str | Msg,
    rule: Rule,
    shown: date,
    shown_reading: str | Msg,
) -> Msg:
    """Another reading of the law gives an earlier day than the one shown."""
    return msg(
        "warn_reading_earlier",
        label=step.label,
        date=day,
        reading=reading,
        basis=rule.basis,
        shown=shown,
        shown_reading=shown_reading,
    )


def given_late_warning(step: StepRule, rule: Rule, day: date, latest: date) -> Msg:
    """A date given for a window that comes after the window's term."""
    # A term that bounds the sending, not the arrival, says so instead (late_note).
    key, extra = ("warn_given_late", {"basis": rule.basis})
    if step.late_note:
        key, extra = ("warn_given_after_term", {"note": step.late_note})
    return msg(key, label=step.label, date=day, period=rule.period, latest=latest, **extra)


def filed_late_warning(label: str, filed: date, deadline: date) -> Msg:
    return msg("warn_filed_late", label=label, filed=filed, deadline=deadline)


def _readings(
    b: _Builder, step: StepRule
) -> tuple[tuple[ReadingResult, ...], ReadingResult, dict[str, Rule], dict[str, _Result]]:
    """Every reading of the step in both scenarios; the one chosen becomes the event."""
    chosen, custom = _chosen_reading(b, step)
    candidates = list(step.readings)
    if custom:
        candidates.append(chosen)
    results: list[ReadingResult] = []
    chosen_rules: dict[str, Rule] = {}
    chosen_results: dict[str, _Result] = {}
    for reading in candidates:
        try:
            per = _both(b, step, reading.rule, reading.variants)
        except _Missing:
            if reading is chosen:
                raise
            continue
        rule, first = per["earliest"]
        last = per["latest"][1]
        label: str | Msg = reading.label
        if reading is chosen:
            label = _reading_label(b, reading, custom)
            first.steps.insert(0, Step(first.steps[0].date, msg("trace_reading", reading=label)))
            chosen_rules = {s: per[s][0] for s in _SCENARIOS}
            chosen_results = {s: per[s][1] for s in _SCENARIOS}
        results.append(
            ReadingResult(
                reading.id,
                label,
                rule,
                first.date,
                last.date,
                first.nominal,
                tuple(first.steps),
                selected=reading is chosen,
            )
        )
    chosen_result = next(r for r in results if r.selected)
    return tuple(results), chosen_result, chosen_rules, chosen_results


def _reading_label(b: _Builder, reading: Reading, custom: bool) -> str | Msg:
    if not custom:
        return reading.label
    rule = reading.rule
    assert rule.period is not None
    return msg("reading_custom", period=rule.period, start=b.label(rule.trigger))


def declared_reading(
    readings: Sequence[Reading],
    reading_id: str | None,
    exit_from: str | None,
    exit_period: str | None,
) -> Reading | None:
    """The reading ``--reading`` names, or else the one that starts and lasts as
    ``--exit-from`` and ``--exit-period`` say (the default, the first, without them); None when
    no reading is declared so."""
    if reading_id is not None:
        return next((r for r in readings if r.id == reading_id), None)
    trigger, period = _exit_term(readings[0], exit_from, exit_period)
    return next((r for r in readings if (r.rule.trigger, r.rule.period) == (trigger, period)), None)


def _exit_term(
    default: Reading, exit_from: str | None, exit_period: str | None
) -> tuple[str, Period | None]:
    """What the exit term counts from and for how long: the options, or the default's."""
    trigger = EXIT_FROM[exit_from] if exit_from is not None else default.rule.trigger
    period = Period.parse(exit_period) if exit_period is not None else default.rule.period
    return trigger, period


def _chosen_reading(b: _Builder, step: StepRule) -> tuple[Reading, bool]:
    """The reading to show: --reading ID, or --exit-from/--exit-period, or the default."""
    readings = step.readings
    inputs = b.inputs
    found = declared_reading(readings, inputs.reading, inputs.exit_from, inputs.exit_period)
    if found is not None:
        return found, False
    if inputs.reading is not None:
        raise DeadlineError(
            msg(
                "error_unknown_reading",
                value=shown(inputs.reading),
                readings=tuple(r.id for r in readings),
            )
        )
    default = readings[0]
    trigger, period = _exit_term(default, inputs.exit_from, inputs.exit_period)
    # A combination no reading declares: computed, but marked and warned about.
    decision = next((r for r in readings if r.rule.trigger == trigger), default)
    rule = replace(decision.rule, trigger=trigger, period=period, certainty="unverified")
    variants = tuple(replace(v, period=period) for v in decision.variants)
    if period not in {r.rule.period for r in readings}:
        b.warn(
            msg(
                "warn_reading_period",
                label=step.label,
                period=period,
                readings=tuple(r.label for r in readings),
            ),
            step.id,
        )
    return Reading("custom", "custom", rule, variants), True


def _warn_readings(b: _Builder, step: StepRule, event: Event) -> None:
    """A person at risk must be told the earliest day that any reading of the law gives."""
    shown_reading = event.reading
    assert shown_reading is not None
    earlier = [r for r in event.readings if not r.selected and r.date < event.date]
    if not earlier:
        return
    first = min(earlier, key=lambda r: r.date)
    message = earlier_reading_warning(
        step,
        day=first.date,
        reading=first.label,
        rule=first.rule,
        shown=event.date,
        shown_reading=shown_reading.label,
    )
    b.warn(message, step.id)


def calendar_span(term: Term, *, roll: bool) -> tuple[date, date] | None:
    """The days whose working status decided a term's end, for the uncertainty checks (a term
    counted back runs from its end to its trigger)."""
    return days_span(term.trigger, term.period.unit, term.nominal, term.end, roll=roll)


def days_span(
    trigger: date, unit: UnitName, nominal: date, end: date, *, roll: bool
) -> tuple[date, date] | None:
    """calendar_span of a term known by its days alone."""
    if end < trigger:
        if unit != Unit.WORKING_DAYS and not roll:
            return None
        first, last = end - timedelta(days=1), trigger
    elif unit == Unit.WORKING_DAYS:
        first, last = trigger, end + timedelta(days=1)
    elif roll:
        first, last = nominal - timedelta(days=1), end + timedelta(days=1)
    else:
        return None  # a calendar-day count that never rolls does not depend on the calendar
    return max(first, FIRST_DAY), min(last, LAST_DAY)


def _day(d: date | None) -> str:
    return d.isoformat() if d else "..."


def _span(since: date | None, until: date | None) -> Msg:
    """When a version of the law applied: "from 2021-07-01", "until ...", "from ... to ..."."""
    if since is None:
        return msg("span_until", until=until.isoformat() if until else "")
    if until is None:
        return msg("span_from", since=since.isoformat())
    return msg("span_between", since=since.isoformat(), until=until.isoformat())


def _step_exists(b: _Builder, step: StepRule) -> bool:
    """A step limited by an input, a kind, a law version or a period of the law."""
    rule = step.rule
    if step.requires is not None and step.requires not in b.present():
        return False
    if rule.kind and b.kind not in rule.kind:
        return False
    if rule.era is not None and (b.era is None or b.era.era.id != rule.era):
        return False
    if rule.valid_from is None and rule.valid_until is None:
        return True
    act = b.inputs.value(step.requires or b.start)
    return act is None or rule.dates_hold(act)


def _given_events(b: _Builder, given: dict[str, date]) -> list[Event]:
    """Every date the user gave that no step stands for becomes an event of its own."""
    step_inputs = {s.input for s in b.pack.steps if s.input}
    events = []
    for name, day in given.items():
        if name in step_inputs:
            continue
        described = b.pack.given.get(name)
        if name == b.start:
            option_text = msg("trace_given_start")
        else:
            option_text = msg("trace_given", option=option_for(name))
        trace = [Step(day, option_text)]
        if name == b.start and b.era is not None:
            trace.append(Step(b.era.day, era_message(b.era, b.pack)))
        if name == "ruling" and b.era is not None and b.era.era.ruling is not None:
            described = b.era.era.ruling  # the decision as the law of its era describes it
        rule = described.rule if described is not None else None
        label = described.label if described else b.label(name)
        if name == b.pack.start and b.pack.choice is not None and b.pack.choice.option != "route":
            label, rule = _start_of_kind(b, label, rule)
        events.append(
            Event(
                id=name,
                label=label,
                date=day,
                latest=day,
                basis=rule.basis if rule else option_text,
                source=rule.source if rule else b.pack.ruling.source,
                certainty=rule.certainty if rule else "given",
                steps=tuple(trace),
                note=rule.note if rule else "",
                rule=rule,
            )
        )
    return events


def _start_of_kind(b: _Builder, label: str, rule: Rule | None) -> tuple[str, Rule | None]:
    """For a pack with kinds, the starting date is what the kind's term counts from, under
    the article of that term (the first step's rule for the kind)."""
    assert b.pack.choice is not None
    kind = b.pack.choice.get(b.kind or b.pack.choice.default)
    if kind is not None and kind.start_label:
        label = kind.start_label
    # The first step this kind has, under the variant that applies to the case.
    first = next(s for s in b.pack.steps if not s.rule.kind or b.kind in s.rule.kind)
    chosen = next(
        (v for v in first.variants if v.kind and b.kind in v.kind and b.applies(v, "earliest")),
        first.rule,
    )
    return label, replace(chosen, trigger=b.pack.start, period=None, roll=False, next_day=False)


def _given_step(b: _Builder, step: StepRule, day: date) -> Event:
    assert step.input is not None
    option = option_for(step.input)
    rule = step.rule
    try:
        rule = b.pick(step.rule, step.variants, "earliest", step.label)
    except DeadlineError:
        rule = step.rule
    start = b.dates["earliest"].get(rule.trigger)
    if start is not None and day < start and step.window:
        raise DeadlineError(
            msg(
                "error_given_before",
                option=option,
                date=day.isoformat(),
                what=b.label(rule.trigger),
                start=start.isoformat(),
            )
        )
    if step.window and start is not None and rule.period is not None:
        latest = count_term(start, rule.period, b.calendar, roll=False).end
        if day > latest:
            b.warn(given_late_warning(step, rule, day, latest), step.id)
    for scenario in _SCENARIOS:
        b.dates[scenario][step.id] = day
    given = msg("trace_given", option=option)
    return Event(
        step.id,
        step.label,
        day,
        day,
        given,
        rule.source,
        "given",
        (Step(day, given),),
        deadline=step.deadline,
        note=rule.note,
    )


def _check_met_by(b: _Builder, events: list[Event]) -> None:
    """A suit filed after the last day to sue: say so (a court may still restore the term)."""
    filed = b.inputs.value("filed")
    if filed is None:
        return
    for event in events:
        if event.id == "suit_deadline" and filed > event.latest:
            b.warn(filed_late_warning(event.label, filed, event.date), event.id)


def unknown_notes(
    pack: Pack, start: str, kind: str | None, omitted: dict[str, str]
) -> tuple[Msg, ...]:
    """Points of the path after the start that nobody has given, and what waits on them
    (``omitted``: each step left out, and the point of the path it waits on)."""
    order = list(pack.entries)
    start_at = order.index(start) if start in order else 0
    waiting: dict[str, list[str]] = {}
    for step_id, root in omitted.items():
        if root in order and order.index(root) > start_at:
            waiting.setdefault(root, []).append(step_id)
    notes = []
    for root, step_ids in waiting.items():
        labels = tuple(pack.label_of(s) for s in step_ids)
        what = input_label(pack, kind, root)
        notes.append(msg("note_waiting", what=what, option=option_for(root), labels=labels))
    return tuple(notes)


def choose_era(pack: Pack, inputs: CaseInputs, start: str) -> EraChoice | None:
    """The law version of the case, judged on the day it was accepted (or what stands in)."""
    if not pack.eras:
        return None
    for era in pack.eras:
        judged_on = era.on
        day = inputs.value(era.on)
        if day is None:  # the ruling, else the date the computation starts from, stands in
            judged_on = "ruling" if inputs.value("ruling") else start
            day = inputs.value(judged_on)
        assert day is not None
        if era.valid_from is not None and day < era.valid_from:
            continue
        if era.valid_until is not None and day > era.valid_until:
            continue
        return EraChoice(era, day, judged_on=judged_on, stand_in=judged_on != era.on)
    first = pack.eras[0]
    day = inputs.value(first.on) or inputs.value("ruling") or inputs.value(start)
    raise DeadlineError(
        msg(
            "error_no_era",
            pack=pack.id,
            date=day,
            eras=tuple(
                f"{e.label}: {_day(e.valid_from)} - {_day(e.valid_until)}" for e in pack.eras
            ),
        )
    )


def _choose_kind(pack: Pack, inputs: CaseInputs) -> str | None:
    choice = pack.choice
    if choice is None:
        if inputs.kind is not None:
            raise DeadlineError(msg("error_no_kinds", pack=pack.id, value=shown(inputs.kind)))
        return None
    if inputs.kind is None:
        return choice.default
    if choice.get(inputs.kind) is None:
        raise DeadlineError(
            msg(
                "error_unknown_kind",
                option="--" + choice.option,
                value=shown(inputs.kind),
                pack=pack.id,
                kinds=tuple(k.id for k in choice.kinds),
            )
        )
    return inputs.kind


def _check_inputs(pack: Pack, inputs: CaseInputs, calendar: KazakhCalendar) -> str:
    """The input the computation starts from, after checking every date given."""
    start = inputs.start or pack.start
    if start not in pack.entries:
        raise DeadlineError(
            msg(
                "error_bad_start",
                value=shown(start.replace("_", "-")),
                pack=pack.id,
                entries=tuple(e.replace("_", "-") for e in pack.entries),
            )
        )
    start_day = inputs.value(start)
    if start_day is None:
        raise DeadlineError(msg("error_start_missing", what=pack.label_of(start)))
    present = inputs.present
    for name in DATE_INPUTS:
        if name in present:
            calendar.check_date(getattr(inputs, name))  # a year outside the calendar first
    if pack.valid_from is not None and start_day < pack.valid_from:
        raise DeadlineError(
            msg(
                "error_pack_valid_from",
                pack=pack.id,
                date=pack.valid_from.isoformat(),
                reason=pack.valid_from_reason,
            )
        )
    step = pack.reading_step()
    if (inputs.exit_from or inputs.exit_period or inputs.reading) and step is None:
        raise DeadlineError(msg("error_no_readings", pack=pack.id))
    if inputs.exit_from is not None and inputs.exit_from not in EXIT_FROM:
        raise DeadlineError(
            msg("error_exit_from", value=shown(inputs.exit_from), choices=tuple(EXIT_FROM))
        )
    if inputs.exit_period is not None:
        Period.parse(inputs.exit_period)  # a DeadlineError naming the problem
    _check_order(pack, inputs, start)
    if inputs.appeal_served is not None and inputs.appeal_ruling is None:
        raise DeadlineError(
            msg("error_needs_option", option="--appeal-served", needs="--appeal-ruling")
        )
    for later in ("cassation_filed", "cassation_ruling"):
        if inputs.value(later) is not None and inputs.appeal_ruling is None:
            raise DeadlineError(
                msg("error_needs_option", option=option_for(later), needs="--appeal-ruling")
            )
    if inputs.complaint_served is not None and inputs.complaint_decided is None:
        raise DeadlineError(
            msg("error_needs_option", option="--complaint-served", needs="--complaint-decided")
        )
    if inputs.immediate and inputs.in_force is not None:
        raise DeadlineError(msg("error_immediate_and_in_force"))
    _check_reason(pack, inputs)
    _check_used(pack, inputs, start)
    return start


def _check_reason(pack: Pack, inputs: CaseInputs) -> None:
    """Where the code names several cases of immediate entry into force, one must be said."""
    reason = inputs.immediate_reason
    if reason is not None and reason not in pack.immediate_reasons:
        if not pack.immediate_reasons:
            raise DeadlineError(
                msg("error_unused_option", option="--immediate-reason", pack=pack.id)
            )
        raise DeadlineError(
            msg(
                "error_unknown_reason",
                value=shown(reason),
                pack=pack.id,
                reasons=pack.immediate_reasons,
            )
        )
    if inputs.immediate and reason is None and pack.immediate_reasons:
        raise DeadlineError(
            msg("error_reason_needed", pack=pack.id, reasons=pack.immediate_reasons)
        )


_ANY_KIND = "*"
# uses() of a pack and kind, computed once: a batch asks it for every row. Keyed by the pack's
# identity, holding the pack so the id cannot be reused while the entry lives.
_USES: dict[tuple[int, str | None], tuple[Pack, frozenset[str]]] = {}


def uses(pack: Pack, kind: str | None = _ANY_KIND) -> frozenset[str]:
    """The inputs a pack (of a kind) counts from, checks or is selected by."""
    key = (id(pack), kind)
    hit = _USES.get(key)
    if hit is not None and hit[0] is pack:
        return hit[1]
    if len(_USES) > 256:
        _USES.clear()
    found = _uses(pack, kind)
    _USES[key] = (pack, found)
    return found


def _uses(pack: Pack, kind: str | None) -> frozenset[str]:
    """The inputs a pack counts from, checks or is selected by: any other given is refused.
    With ``kind`` (None for a pack without kinds), only what applies to that kind."""
    found = {pack.start, *pack.entries, *pack.given}
    found |= {era.on for era in pack.eras}

    def for_kind(rule: Rule) -> bool:
        return kind == _ANY_KIND or not rule.kind or kind in rule.kind

    def rule_uses(rule: Rule) -> None:
        if for_kind(rule):
            found.update(n for n in (rule.trigger, rule.when, rule.on, rule.or_from) if n)

    for step in pack.steps:
        if not for_kind(step.rule):
            continue
        found.update(n for n in (step.input, step.requires) if n)
        for rule in (step.rule, *step.variants):
            rule_uses(rule)
        for reading in step.readings:
            for rule in (reading.rule, *reading.variants):
                rule_uses(rule)
    return frozenset(found)


def _check_used(pack: Pack, inputs: CaseInputs, start: str) -> None:
    """An option the pack does not use would be silently ignored: refuse it instead, and one
    that only another kind of case uses, naming the kind."""
    kind = _choose_kind(pack, inputs)
    used = uses(pack, kind)
    # In the options' own order: the first unused one named is the same on every run (a set's
    # order follows the string hashes, which change from process to process).
    for name in (n for n in INPUTS if n in inputs.present):
        if name == start or name in used:
            continue
        if kind is not None and pack.choice is not None and name in uses(pack):
            raise DeadlineError(
                msg(
                    "error_unused_option_kind",
                    option=option_for(name),
                    pack=pack.id,
                    kind_option="--" + pack.choice.option,
                    kind=kind,
                )
            )
        raise DeadlineError(msg("error_unused_option", option=option_for(name), pack=pack.id))


def order_pairs(pack: Pack) -> list[tuple[str, str]]:
    """The pairs of inputs that, both given, must come in this order for the pack."""
    pairs = [*_ORDER, *pairwise(pack.entries)]
    # A copy is delivered on or after the decision the pack starts from.
    if "served" not in pack.entries:
        pairs.append((pack.start, "served"))
    return pairs


def _check_order(pack: Pack, inputs: CaseInputs, start: str) -> None:
    present = inputs.present
    for earlier, later in order_pairs(pack):
        if earlier not in present or later not in present:
            continue
        first, second = getattr(inputs, earlier), getattr(inputs, later)
        if second < first:
            raise DeadlineError(
                msg(
                    "error_date_order",
                    later=_option_or_date(later, start),
                    later_date=second.isoformat(),
                    earlier=_option_or_date(earlier, start),
                    earlier_date=first.isoformat(),
                )
            )


def _option_or_date(name: str, start: str) -> str:
    return "DATE" if name == start else option_for(name)


def calendar_doubts(
    calendar: KazakhCalendar, spans: Sequence[tuple[str, date, date]]
) -> tuple[dict[date, list[str]], dict[int, list[str]]]:
    """The estimated days off and the provisional years the spans' dates depend on, each with
    the events that depend on it: a warning each (calendar_warnings)."""
    estimated: dict[date, list[str]] = {}
    provisional: dict[int, list[str]] = {}
    for event_id, first, last in spans:
        for off in calendar.estimated_days_off(first, last):
            estimated.setdefault(off.date, []).append(event_id)
        for year in range(first.year, last.year + 1):
            if year > LAST_CONFIRMED_YEAR:
                provisional.setdefault(year, []).append(event_id)
    return estimated, provisional


def calendar_warnings(
    calendar: KazakhCalendar,
    spans: Sequence[tuple[str, date, date]],
    label_of: Callable[[str], str | Msg],
) -> list[tuple[Msg, tuple[str, ...]]]:
    """Name every estimated holiday and provisional year that a computed date depends on,
    with the ids of the events that depend on it (``label_of`` names them for people)."""
    from deadline_cli.calendar import off_name

    warnings: list[tuple[Msg, tuple[str, ...]]] = []
    estimated, provisional = calendar_doubts(calendar, spans)
    for day, ids in sorted(estimated.items()):
        found = calendar.day_off(day)
        unique = tuple(dict.fromkeys(ids))
        name = off_name(found) if found else msg("day_off")
        labels = tuple(label_of(i) for i in unique)
        warnings.append((msg("warn_estimated", name=name, date=day, labels=labels), unique))
    for year, ids in sorted(provisional.items()):
        unique = tuple(dict.fromkeys(ids))
        labels = tuple(label_of(i) for i in unique)
        checked = LAST_CHECKED.isoformat()
        warnings.append(
            (msg("warn_provisional", year=str(year), checked=checked, labels=labels), unique)
        )
    return warnings
