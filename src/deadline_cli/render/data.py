"""Plain data shapes for the machine formats (JSON, JSON Lines): the contract scripts rely on.

Machine fields (ids, ISO dates, codes) never change with the language; texts for people
(labels, bases, trace lines, notes, warnings) follow ``--lang``. The statute's own words
(``quote``) stay Russian, as the law is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from deadline_cli.calendar import LAST_CONFIRMED_YEAR, KazakhCalendar, off_name, working_name
from deadline_cli.i18n import Lang, english
from deadline_cli.periods import Step
from deadline_cli.rules import DATE_INPUTS, Pack, Reading, Rule, Source, StepRule
from deadline_cli.timeline import Event, ReadingResult, Timeline


def source_dict(source: Source) -> dict[str, str]:
    """An event's source as JSON shows it (render.planned too)."""
    return {"code": source.code, "title": source.title, "url": source.url}


def steps_list(steps: Sequence[Step], lang: Lang) -> list[dict[str, str]]:
    return [{"date": s.date.isoformat(), "text": lang.say(s.msg)} for s in steps]


def _reading_dict(reading: ReadingResult, lang: Lang) -> dict[str, Any]:
    return {
        "id": reading.id,
        "label": lang.say(reading.label),
        "date": reading.date.isoformat(),
        "latest": reading.latest.isoformat(),
        "nominal": reading.nominal.isoformat() if reading.nominal else None,
        "basis": lang.say(reading.rule.basis),
        "certainty": reading.rule.certainty,
        "selected": reading.selected,
    }


def event_dict(
    timeline: Timeline, event: Event, lang: Lang, *, explain: bool = True
) -> dict[str, Any]:
    """An event for scripts. Without ``explain`` (JSON Lines by default) what a script needs:
    dates, ranges, citation, certainty, status; the statute's words (``quote``), the rule's
    ``note`` and the counting steps only with ``explain``, as on screen."""
    out: dict[str, Any] = {
        "id": event.id,
        "label": lang.say(event.label),
        "date": event.date.isoformat(),
        "latest": event.latest.isoformat(),
    }
    if event.computed:
        assert event.nominal is not None
        out["nominal"] = event.nominal.isoformat()
        if event.nominal_latest is not None and event.nominal_latest != event.nominal:
            out["nominal_latest"] = event.nominal_latest.isoformat()
    out["basis"] = lang.say(event.citation)
    out["cite"] = lang.say(event.cite)
    out["certainty"] = event.certainty
    out["source"] = source_dict(event.source)
    rule = event.rule
    if explain:
        out["quote"] = rule.quote or None if rule is not None else None
    out["version"] = rule.text_version or None if rule is not None else None
    out["deadline"] = event.deadline
    out["days_left"] = timeline.days_left(event)
    out["status"] = timeline.status(event)
    if explain:
        out["steps"] = steps_list(event.steps, lang)
        if event.steps_latest:
            out["steps_latest"] = steps_list(event.steps_latest, lang)
        if event.note:
            out["note"] = lang.say(event.note)
    if event.readings:
        out["readings"] = [_reading_dict(r, lang) for r in event.readings]
    return out


def inputs_dict(timeline: Timeline) -> dict[str, Any]:
    inputs = timeline.inputs
    found: dict[str, Any] = {}
    for name in DATE_INPUTS:
        day = inputs.value(name)
        found[name] = day.isoformat() if day else None
    found["immediate"] = inputs.immediate
    found["from"] = timeline.start
    if timeline.pack.choice is not None:
        found[timeline.pack.choice.option] = timeline.kind
    step = timeline.pack.reading_step()
    if step is not None:
        event = next((e for e in timeline.events if e.id == step.id), None)
        shown = event.reading if event is not None else None
        found["reading"] = shown.id if shown else None
        found["exit_from"] = inputs.exit_from or "entry-into-force"
        found["exit_period"] = inputs.exit_period or "30 days"
    era = timeline.era
    if era is not None:
        found["era"] = {
            "id": era.era.id,
            "judged_on": era.judged_on,
            "date": era.day.isoformat(),
            "stand_in": era.stand_in,
        }
    return found


def timeline_dict(
    timeline: Timeline, lang: Lang | None = None, *, explain: bool = True
) -> dict[str, Any]:
    lang = lang or english()
    return {
        "procedure": timeline.pack.id,
        "lang": lang.code,
        "inputs": inputs_dict(timeline),
        "as_of": timeline.as_of.isoformat(),
        "events": [event_dict(timeline, e, lang, explain=explain) for e in timeline.events],
        "warnings": [lang.say(w) for w in timeline.warnings],
        "notes": [lang.say(n) for n in timeline.notes],
    }


def agenda_dict(
    items: Sequence[Any], lang: Lang, *, as_of: date, within: int, cases: int
) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "until": (as_of + timedelta(days=within)).isoformat(),
        "within": within,
        "cases": cases,
        "lang": lang.code,
        "deadlines": [
            {
                "date": item.date.isoformat(),
                "latest": item.latest.isoformat(),
                "days_left": (item.date - as_of).days,
                "case": item.case,
                "row": item.row,
                "procedure": item.timeline.pack.id,
                "event": item.event.id,
                "label": lang.say(item.event.label),
                "cite": lang.say(item.event.cite),
                "basis": lang.say(item.event.citation),
                "certainty": item.event.certainty,
                "uncertain": item.uncertain,
                "alert": item.timeline.alert(item.event),
            }
            for item in items
        ],
    }


def holidays_dict(calendar: KazakhCalendar, year: int, lang: Lang | None = None) -> dict[str, Any]:
    lang = lang or english()
    warnings = []
    if year > LAST_CONFIRMED_YEAR:
        warnings.append(lang("warn_year_provisional", year=str(year)))
    warnings += [
        lang("warn_estimated_short", name=off_name(d), date=d.date)
        for d in calendar.days_off(year)
        if d.estimated
    ]
    return {
        "year": year,
        "lang": lang.code,
        "non_working_days": [
            {
                "date": d.date.isoformat(),
                "name": lang.say(off_name(d)),
                "kind": d.kind,
                "estimated": d.estimated,
                "source": lang.say(d.source),
            }
            for d in calendar.days_off(year)
        ],
        "working_weekend_days": [
            {
                "date": d.date.isoformat(),
                "name": lang.say(working_name(d)),
                "source": lang.say(d.source),
                "override": d.override,
            }
            for d in calendar.working_weekend_days(year)
        ],
        "calendar_file": str(calendar.origin) if calendar.origin else None,
        "warnings": warnings,
    }


def _rule_dict(rule: Rule, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "from": rule.trigger,
        "period": str(rule.period) if rule.period else None,
        "roll": rule.roll,
        "next_day": rule.next_day,
        "basis": lang.say(rule.basis),
        "cite": lang.say(rule.cite),
        "source": rule.source.code,
        "url": rule.source.url,
        "certainty": rule.certainty,
        "quote": rule.quote or None,
        "version": rule.text_version or None,
    }
    for key in ("when", "on", "era", "valid_from", "valid_until"):
        value = getattr(rule, key)
        if value is not None:
            out[key] = str(value)
    if rule.kind:
        out["kind"] = list(rule.kind)
    if rule.roll_certainty:
        out["roll_certainty"] = rule.roll_certainty
    if rule.note:
        out["note"] = lang.say(rule.note)
    return out


def _rules(rules: Sequence[Rule], pack: Pack, lang: Lang, on: date | None) -> list[dict[str, Any]]:
    from deadline_cli.render.people import in_force_on

    return [_rule_dict(r, lang) for r in rules if in_force_on(r, pack, on)]


def _reading_rules(reading: Reading, pack: Pack, lang: Lang, on: date | None) -> dict[str, Any]:
    return {
        "id": reading.id,
        "label": lang.say(reading.label),
        **_rule_dict(reading.rule, lang),
        "variants": _rules(reading.variants, pack, lang, on),
    }


def _step_dict(step: StepRule, pack: Pack, lang: Lang, on: date | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "label": lang.say(step.label)}
    if not step.readings:
        out.update(_rule_dict(step.rule, lang))
    out["window"] = step.window
    out["deadline"] = step.deadline
    if step.input:
        out["input"] = step.input
    if step.requires:
        out["requires"] = step.requires
    if step.variants:
        out["variants"] = _rules(step.variants, pack, lang, on)
    if step.readings:
        out["readings"] = [_reading_rules(r, pack, lang, on) for r in step.readings]
    return out


def pack_dict(pack: Pack, lang: Lang | None = None, *, on: date | None = None) -> dict[str, Any]:
    lang = lang or english()
    out: dict[str, Any] = {
        "id": pack.id,
        "name": lang.say(pack.name),
        "description": lang.say(pack.description),
        "group": pack.group,
        "start": pack.start,
        "entries": list(pack.entries),
    }
    if on is not None:
        out["on"] = on.isoformat()
    out["given"] = {
        name: {"label": lang.say(g.label), **_rule_dict(g.rule, lang)}
        for name, g in pack.given.items()
    }
    if pack.choice is not None:
        out["choice"] = {
            "option": pack.choice.option,
            "default": pack.choice.default,
            "kinds": [{"id": k.id, "label": lang.say(k.label)} for k in pack.choice.kinds],
        }
    if pack.eras:
        out["eras"] = [
            {
                "id": e.id,
                "label": lang.say(e.label),
                "on": e.on,
                "valid_from": str(e.valid_from) if e.valid_from else None,
                "valid_until": str(e.valid_until) if e.valid_until else None,
                "basis": lang.say(e.rule.basis),
                "quote": e.rule.quote or None,
            }
            for e in pack.eras
        ]
    out["steps"] = [_step_dict(s, pack, lang, on) for s in pack.steps]
    return out
