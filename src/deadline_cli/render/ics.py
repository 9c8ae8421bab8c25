"""iCalendar (RFC 5545) through the icalendar library: one all-day event per deadline.

UIDs are derived from the case, the procedure and the event id only, so importing the file again
updates the calendar's entries instead of duplicating them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from deadline_cli.i18n import Lang, english
from deadline_cli.periods import Period, Unit
from deadline_cli.timeline import Timeline

_NAMESPACE = uuid.UUID("6f0f5d1e-2c1b-4f7e-9a5e-1d3c0b7a9e42")
DEFAULT_REMINDERS = (7, 1)


def case_name(timeline: Timeline, case: str, lang: Lang | None = None) -> str:
    lang = lang or english()
    return case or lang("ics_case", pack=timeline.pack.id, date=timeline.inputs.ruling)


def event_uid(timeline: Timeline, case: str, event_id: str) -> str:
    # Always the English name: the same case and event keep their UID in every language.
    key = f"{case_name(timeline, case)}|{timeline.pack.id}|{event_id}"
    return f"{uuid.uuid5(_NAMESPACE, key)}@deadline-cli"


def calendar_ics(
    cases: Iterable[tuple[str, Timeline]], reminders: tuple[int, ...], lang: Lang | None = None
) -> str:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//deadline-cli//Kazakh court deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = datetime.now(UTC).replace(microsecond=0)
    lang = lang or english()
    for case, timeline in cases:
        name = case_name(timeline, case, lang)
        for e in timeline.events:
            if not e.deadline:
                continue
            label = lang.say(e.label)
            lines = [
                f"{label}: {lang.day(e.date)}",
                lang("ics_rule", basis=e.citation, certainty=lang("certainty_" + e.certainty)),
                lang("ics_source", title=lang.say(e.source.title), url=e.source.url),
            ]
            if e.is_range:
                lines.append(lang("ics_range", date=e.date, latest=e.latest))
            lines.append(lang("ics_counting"))
            lines += [f"  {lang.day(step.date)}: {lang.say(step.msg)}" for step in e.steps]
            if timeline.warnings:
                lines.append(lang("ics_warnings"))
                lines += [f"  {lang.say(w)}" for w in timeline.warnings]
            vevent = Event()
            vevent.add("uid", event_uid(timeline, case, e.id))
            vevent.add("dtstamp", stamp)
            vevent.add("dtstart", e.date)
            vevent.add("dtend", e.date + timedelta(days=1))
            vevent.add("summary", f"{name}: {label}")
            vevent.add("description", "\n".join(lines))
            vevent.add("transp", "TRANSPARENT")
            for days in reminders:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("trigger", timedelta(days=-days))
                alarm.add(
                    "description",
                    lang(
                        "ics_alarm",
                        case=name,
                        label=label,
                        date=e.date,
                        period=Period(days, Unit.DAYS),
                    ),
                )
                vevent.add_component(alarm)
            cal.add_component(vevent)
    return bytes(cal.to_ical()).decode("utf-8")
