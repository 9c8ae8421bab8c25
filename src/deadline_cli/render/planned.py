"""JSON Lines rows of cases planned from their dates (deadline_cli.plan), without the engine's
timeline: byte for byte the row that render.data.timeline_dict gives for the engine's timeline
of the same case without ``--explain`` (tests/test_plan.py compares them on random cases of
every built-in pack, in every language).

A row is mostly what does not depend on the case's days: each event's label, basis, citation,
certainty, source and version, each reading's. Those parts are encoded once for each rule
(in the writer's language) and the row is put together from them and the case's days. The
keys, their order and how each value is written are those of render.data; change both.
"""

from __future__ import annotations

import json
from datetime import date
from json.encoder import encode_basestring
from typing import Any

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.i18n import Lang, Msg, msg
from deadline_cli.plan import CaseRun, Done, Planned
from deadline_cli.render.data import source_dict
from deadline_cli.render.memo import SLOT, ByDay, Dated, Made
from deadline_cli.rules import DATE_INPUTS, Reading, Rule, StepRule, option_for
from deadline_cli.timeline import Event, citation, unknown_notes


def _in_json(text: str) -> str:
    """A text as a JSON string holds it, without the quotes."""
    return encode_basestring(text)[1:-1]


def _fields(data: dict[str, Any]) -> str:
    """'"a":1,"b":"x"': the members of a JSON object as render.json.dumps_line writes them."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))[1:-1]


class PlannedRows:
    """Writes planned cases as JSON Lines rows, in one language, on one calendar, as of a day."""

    def __init__(self, lang: Lang, calendar: KazakhCalendar, as_of: date) -> None:
        self.lang = lang
        self.calendar = calendar
        self.as_of = as_of
        self.head = ',"lang":' + encode_basestring(lang.code) + ',"inputs":{'
        self.as_of_text = ',"as_of":"' + as_of.isoformat() + '","events":['
        # What an event or a reading says before its days and after them, made once from
        # the same rule (and step, reading).
        self.parts: Made[tuple[str, str]] = Made(16384)
        self.days = ByDay(lambda day: '"' + day.isoformat() + '"')  # a day as JSON
        self.left = ByDay(self._days_left)  # the days left to a day, and its status
        self.said: Made[str] = Made(4096)  # warnings said, by the message's identity
        self.dated = Dated(lang, _in_json)  # warnings said but for their days
        self.inputs: dict[tuple[object, ...], tuple[object, tuple[list[str], list[str]]]] = {}

    def __call__(self, planned: Planned) -> str:
        """The row after its opening brace (what batch puts after '{"id":...,"row":N,')."""
        case = planned.case
        assert case is not None and case.done is not None, "planned without detail"
        pack = planned.pack
        events: list[tuple[date, date, str]] = []
        for event in case.own_events(self.calendar):
            day = case.given[event.id]
            events.append((day, day, self._own(event, day)))
        for done in case.done:
            events.append(self._done(done))
        events.sort(key=lambda e: (e[0], e[1]))
        said = self._said
        warnings = [said(m) for m in case.messages(self.calendar)]
        say = self.lang.say
        shape = case.shape
        notes = unknown_notes(pack, shape.start, shape.kind, case.omitted) if case.omitted else ()
        return "".join(
            (
                '"procedure":',
                encode_basestring(pack.id),
                self.head,
                self._inputs(case),
                self.as_of_text,
                ",".join(e[2] for e in events),
                '],"warnings":[',
                ",".join(warnings),
                '],"notes":[',
                ",".join(encode_basestring(say(n)) for n in notes),
                "]}\n",
            )
        )

    def _said(self, message: Msg) -> str:
        """A warning as JSON; a message that cases share (plan._Op.certainty) is said once,
        and one that differs from case to case only by its days is said once but for them
        (render.memo.Dated)."""
        if message.has_days():
            return '"' + self.dated(message) + '"'
        return self.said(self._json, message)

    def _json(self, message: Msg) -> str:
        return encode_basestring(self.lang.say(message))

    def _days_left(self, day: date) -> str:
        """',"days_left":N,"status":"open"' (Timeline.days_left and status)."""
        left = (day - self.as_of).days
        status = "passed" if left < 0 else "today" if left == 0 else "open"
        return ',"days_left":' + str(left) + ',"status":"' + status + '"'

    def _own(self, event: Event, day: date) -> str:
        """A date given that no step stands for (render.data.event_dict of the engine's
        event, which is not computed and has no readings)."""
        head, about = self.parts(self._own_parts, event)
        text = self.days[day]
        return head + text + ',"latest":' + text + about + self.left[day] + "}"

    def _done(self, done: Done) -> tuple[date, date, str]:
        step, rule = done.op.step, done.rule
        if done.first is None or done.last is None:  # a step whose date is given
            assert done.day is not None
            head, about = self.parts(self._given_parts, step, rule)
            text = self.days[done.day]
            row = head + text + ',"latest":' + text + about + self.left[done.day] + "}"
            return done.day, done.day, row
        first, last = done.first, done.last
        reading = done.op.reading
        head, about = self.parts(self._computed_parts, step, rule, reading)
        day = self.days.__getitem__
        parts = [head, day(first[0]), ',"latest":', day(last[0])]
        if first[1] is not None:  # Event.computed: a term counted in the earliest scenario
            parts += (',"nominal":', day(first[1]))
            if last[1] is not None and last[1] != first[1]:
                parts += (',"nominal_latest":', day(last[1]))
        parts += (about, self.left[first[0]])
        if done.readings:
            chosen = done.op.chosen
            parts.append(',"readings":[')
            for n, (index, picked, early, late) in enumerate(done.readings):
                head, about = self.parts(self._reading_parts, step.readings[index], picked)
                nominal = day(early[1]) if early[1] is not None else "null"
                selected = ',"selected":true}' if index == chosen else ',"selected":false}'
                parts += ("," if n else "", head, day(early[0]), ',"latest":', day(late[0]))
                parts += (',"nominal":', nominal, about, selected)
            parts.append("]")
        parts.append("}")
        return first[0], last[0], "".join(parts)

    def _own_parts(self, event: Event) -> tuple[str, str]:
        say, rule = self.lang.say, event.rule
        head = _fields({"id": event.id, "label": say(event.label)})
        about = {
            "basis": say(event.citation),
            "cite": say(event.cite),
            "certainty": event.certainty,
            "source": source_dict(event.source),
            "version": rule.text_version or None if rule is not None else None,
            "deadline": event.deadline,
        }
        return "{" + head + ',"date":', "," + _fields(about)

    def _given_parts(self, step: StepRule, rule: Rule) -> tuple[str, str]:
        """timeline._given_step's event: given, under the option that gave it."""
        assert step.input is not None
        say = self.lang.say
        head = _fields({"id": step.id, "label": say(step.label)})
        about = {
            "basis": say(msg("trace_given", option=option_for(step.input))),
            "cite": say(msg("trace_given_start")),
            "certainty": "given",
            "source": source_dict(rule.source),
            "version": None,
            "deadline": step.deadline,
        }
        return "{" + head + ',"date":', "," + _fields(about)

    def _computed_parts(self, step: StepRule, rule: Rule, reading: str | None) -> tuple[str, str]:
        """timeline._computed's event: the rule picked in the earliest scenario."""
        say = self.lang.say
        head = _fields({"id": step.id, "label": say(step.label)})
        about = {
            "basis": say(citation(rule.basis, reading)),
            "cite": say(rule.cite),
            "certainty": rule.certainty,
            "source": source_dict(rule.source),
            "version": rule.text_version or None,
            "deadline": step.deadline,
        }
        return "{" + head + ',"date":', "," + _fields(about)

    def _reading_parts(self, reading: Reading, rule: Rule) -> tuple[str, str]:
        """render.data._reading_dict of one of timeline._readings' results: the reading, and
        the rule it picked in the earliest scenario."""
        say = self.lang.say
        head = _fields({"id": reading.id, "label": say(reading.label)})
        about = _fields({"basis": say(rule.basis), "certainty": rule.certainty})
        return "{" + head + ',"date":', "," + about

    def _inputs(self, case: CaseRun) -> str:
        """render.data.inputs_dict: the same for the cases of a shape, a law version and a
        reading shown but for their days, put into a template made once."""
        shape = case.shape
        step = shape.pack.reading_step()
        reading = None
        if step is not None and case.done is not None:
            # The reading the event shows: none when the step is left out or given.
            shown = next((d for d in case.done if d.op.step is step and d.first), None)
            reading = step.readings[shown.op.chosen].id if shown is not None else None
        key = (id(shape), case.era, reading)
        found = self.inputs.get(key)
        if found is None or found[0] is not shape:
            if len(self.inputs) > 1024:
                self.inputs.clear()
            found = self.inputs[key] = (shape, _inputs_template(case, reading))
        pieces, names = found[1]
        given, day = case.given, self.days.__getitem__
        parts = [pieces[0]]
        for name, piece in zip(names, pieces[1:], strict=True):
            parts += (day(given[name]), piece)
        return "".join(parts)


def _inputs_template(case: CaseRun, reading: str | None) -> tuple[list[str], list[str]]:
    """The text of render.data.inputs_dict for the case, cut where its days go, and the
    inputs whose days go there, in order."""
    shape = case.shape
    pack = shape.pack
    found: dict[str, Any] = {}
    for name in DATE_INPUTS:
        found[name] = SLOT + name + SLOT if name in case.given else None
    found["immediate"] = case.inputs[0]["immediate"]
    found["from"] = shape.start
    if pack.choice is not None:
        found[pack.choice.option] = shape.kind
    if pack.reading_step() is not None:
        found["reading"] = reading
        found["exit_from"] = case.inputs[1]["exit_from"] or "entry-into-force"
        found["exit_period"] = case.inputs[1]["exit_period"] or "30 days"
    if case.era is not None:
        era = next(e for e in pack.eras if e.id == case.era)
        judged_on = shape.era_judged(case.era)
        assert judged_on is not None
        found["era"] = {
            "id": era.id,
            "judged_on": judged_on,
            "date": SLOT + judged_on + SLOT,
            "stand_in": judged_on != era.on,
        }
    cut = ("{" + _fields(found) + "}").split('"' + SLOT)
    pieces, names = [cut[0][1:]], []
    for part in cut[1:]:
        name, rest = part.split(SLOT + '"', 1)
        names.append(name)
        pieces.append(rest)
    return pieces, names
