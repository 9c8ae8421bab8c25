"""Plain data shapes shared by the machine formats (JSON now; CSV, JSON Lines, ICS later)."""

from __future__ import annotations

from typing import Any

from deadline_cli.calendar import LAST_CONFIRMED_YEAR, KazakhCalendar, off_name, working_name
from deadline_cli.i18n import Lang, english
from deadline_cli.periods import Step
from deadline_cli.rules import Pack, Rule, StepRule
from deadline_cli.timeline import Event, Timeline


def steps_list(steps: tuple[Step, ...], lang: Lang) -> list[dict[str, str]]:
    return [{"date": s.date.isoformat(), "text": lang.say(s.msg)} for s in steps]


def event_dict(timeline: Timeline, event: Event, lang: Lang) -> dict[str, Any]:
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
    out["certainty"] = event.certainty
    out["source"] = {
        "code": event.source.code,
        "title": event.source.title,
        "url": event.source.url,
    }
    out["deadline"] = event.deadline
    out["days_left"] = timeline.days_left(event)
    out["status"] = timeline.status(event)
    out["steps"] = steps_list(event.steps, lang)
    if event.steps_latest:
        out["steps_latest"] = steps_list(event.steps_latest, lang)
    if event.note:
        out["note"] = lang.say(event.note)
    return out


def timeline_dict(timeline: Timeline, lang: Lang | None = None) -> dict[str, Any]:
    lang = lang or english()
    return {
        "procedure": timeline.pack.id,
        "lang": lang.code,
        "inputs": timeline.inputs.as_dict(),
        "as_of": timeline.as_of.isoformat(),
        "events": [event_dict(timeline, e, lang) for e in timeline.events],
        "warnings": [lang.say(w) for w in timeline.warnings],
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
                "kind": d.kind.value,
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
        "source": rule.source.code,
        "url": rule.source.url,
        "certainty": rule.certainty,
    }
    for key in ("when", "valid_from", "valid_until"):
        value = getattr(rule, key)
        if value is not None:
            out[key] = str(value)
    if rule.note:
        out["note"] = lang.say(rule.note)
    return out


def _step_dict(step: StepRule, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": step.id,
        "label": lang.say(step.label),
        **_rule_dict(step.rule, lang),
        "window": step.window,
        "deadline": step.deadline,
    }
    if step.input:
        out["input"] = step.input
    if step.requires:
        out["requires"] = step.requires
    if step.variants:
        out["variants"] = [_rule_dict(v, lang) for v in step.variants]
    return out


def pack_dict(pack: Pack, lang: Lang | None = None) -> dict[str, Any]:
    lang = lang or english()
    return {
        "id": pack.id,
        "name": lang.say(pack.name),
        "description": lang.say(pack.description),
        "ruling": {"label": lang.say(pack.ruling_label), **_rule_dict(pack.ruling, lang)},
        "steps": [_step_dict(s, lang) for s in pack.steps],
    }
