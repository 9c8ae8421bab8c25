"""Plain data shapes shared by the machine formats (JSON now; CSV, JSON Lines, ICS later)."""

from __future__ import annotations

from typing import Any

from deadline_cli.calendar import LAST_CONFIRMED_YEAR, KazakhCalendar
from deadline_cli.periods import Step
from deadline_cli.rules import Pack, Rule, StepRule
from deadline_cli.timeline import Event, Timeline


def _steps(steps: tuple[Step, ...]) -> list[dict[str, str]]:
    return [{"date": s.date.isoformat(), "text": s.text} for s in steps]


def event_dict(timeline: Timeline, event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": event.id,
        "label": event.label,
        "date": event.date.isoformat(),
        "latest": event.latest.isoformat(),
    }
    if event.computed:
        assert event.nominal is not None
        out["nominal"] = event.nominal.isoformat()
        if event.nominal_latest is not None and event.nominal_latest != event.nominal:
            out["nominal_latest"] = event.nominal_latest.isoformat()
    out["basis"] = event.basis
    out["certainty"] = event.certainty
    out["source"] = {
        "code": event.source.code,
        "title": event.source.title,
        "url": event.source.url,
    }
    out["deadline"] = event.deadline
    out["days_left"] = timeline.days_left(event)
    out["status"] = timeline.status(event)
    out["steps"] = _steps(event.steps)
    if event.steps_latest:
        out["steps_latest"] = _steps(event.steps_latest)
    if event.note:
        out["note"] = event.note
    return out


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "procedure": timeline.pack.id,
        "inputs": timeline.inputs.as_dict(),
        "as_of": timeline.as_of.isoformat(),
        "events": [event_dict(timeline, e) for e in timeline.events],
        "warnings": list(timeline.warnings),
    }


def holidays_dict(calendar: KazakhCalendar, year: int) -> dict[str, Any]:
    warnings = []
    if year > LAST_CONFIRMED_YEAR:
        warnings.append(
            f"the calendar for {year} is provisional: orders moving days off in "
            f"{year} are not known to this version"
        )
    estimated = [d for d in calendar.days_off(year) if d.estimated]
    warnings += [
        f"{d.name} on {d.date.isoformat()} is an estimated date (lunar calendar)" for d in estimated
    ]
    return {
        "year": year,
        "non_working_days": [
            {
                "date": d.date.isoformat(),
                "name": d.name,
                "kind": d.kind.value,
                "estimated": d.estimated,
                "source": d.source,
            }
            for d in calendar.days_off(year)
        ],
        "working_weekend_days": [
            {"date": d.date.isoformat(), "name": d.name, "source": d.source, "override": d.override}
            for d in calendar.working_weekend_days(year)
        ],
        "calendar_file": str(calendar.origin) if calendar.origin else None,
        "warnings": warnings,
    }


def _rule_dict(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "from": rule.trigger,
        "period": str(rule.period) if rule.period else None,
        "roll": rule.roll,
        "next_day": rule.next_day,
        "basis": rule.basis,
        "source": rule.source.code,
        "url": rule.source.url,
        "certainty": rule.certainty,
    }
    for key in ("when", "valid_from", "valid_until"):
        value = getattr(rule, key)
        if value is not None:
            out[key] = str(value)
    if rule.note:
        out["note"] = rule.note
    return out


def _step_dict(step: StepRule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": step.id,
        "label": step.label,
        **_rule_dict(step.rule),
        "window": step.window,
        "deadline": step.deadline,
    }
    if step.input:
        out["input"] = step.input
    if step.requires:
        out["requires"] = step.requires
    if step.variants:
        out["variants"] = [_rule_dict(v) for v in step.variants]
    return out


def pack_dict(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "name": pack.name,
        "description": pack.description,
        "ruling": {"label": pack.ruling_label, **_rule_dict(pack.ruling)},
        "steps": [_step_dict(s) for s in pack.steps],
    }
