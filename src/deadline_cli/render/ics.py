"""iCalendar (RFC 5545) through the icalendar library: one all-day event per deadline.

UIDs are derived from the case, the procedure and the event id only, so importing the file again
updates the calendar's entries instead of duplicating them. A batch writes its calendar as a
stream (:class:`IcsStream`): the header, each case's events as the case is computed, the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from deadline_cli.i18n import Lang, english
from deadline_cli.periods import Period, Unit
from deadline_cli.timeline import Event, Timeline

_NAMESPACE = uuid.UUID("6f0f5d1e-2c1b-4f7e-9a5e-1d3c0b7a9e42")
DEFAULT_REMINDERS = (7, 1)
_END = b"END:VCALENDAR\r\n"


def case_name(timeline: Timeline, case: str, lang: Lang | None = None) -> str:
    lang = lang or english()
    return case or lang("ics_case", pack=timeline.pack.id, date=timeline.start_date)


def event_uid(timeline: Timeline, case: str, event_id: str) -> str:
    # Always the English name: the same case and event keep their UID in every language.
    key = f"{case_name(timeline, case)}|{timeline.pack.id}|{event_id}"
    return f"{uuid.uuid5(_NAMESPACE, key)}@deadline-cli"


class IcsStream:
    """A calendar written piece by piece, so that a batch never holds all its cases."""

    def __init__(self, reminders: tuple[int, ...], lang: Lang | None = None) -> None:
        self.reminders = reminders
        self.lang = lang or english()
        self.stamp = datetime.now(UTC).replace(microsecond=0)
        self.started = False

    def begin(self) -> str:
        from icalendar import Calendar

        self.started = True
        cal = Calendar()
        cal.add("prodid", "-//deadline-cli//Kazakh court deadlines//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        data = bytes(cal.to_ical())
        assert data.endswith(_END)
        return data[: -len(_END)].decode("utf-8")

    def end(self) -> str:
        return _END.decode("ascii")

    def case(self, case: str, timeline: Timeline) -> str:
        return "".join(self.event(case, timeline, e) for e in timeline.events if e.deadline)

    def event(self, case: str, timeline: Timeline, e: Event) -> str:
        from icalendar import Alarm
        from icalendar import Event as IcsEvent

        lang = self.lang
        name = case_name(timeline, case, lang)
        label = lang.say(e.label)
        lines = [
            f"{label}: {lang.day(e.date)}",
            lang("ics_rule", basis=e.citation, certainty=lang("certainty_" + e.certainty)),
            lang("ics_source", title=lang.say(e.source.title), url=e.source.url),
        ]
        if e.rule is not None and e.rule.quote:
            lines.append(f"«{e.rule.quote}»")
        if e.is_range:
            lines.append(lang("ics_range", date=e.date, latest=e.latest))
        lines.append(lang("ics_counting"))
        lines += [f"  {lang.day(step.date)}: {lang.say(step.msg)}" for step in e.steps]
        if timeline.warnings:
            lines.append(lang("ics_warnings"))
            lines += [f"  {lang.say(w)}" for w in timeline.warnings]
        vevent = IcsEvent()
        vevent.add("uid", event_uid(timeline, case, e.id))
        vevent.add("dtstamp", self.stamp)
        vevent.add("dtstart", e.date)
        vevent.add("dtend", e.date + timedelta(days=1))
        vevent.add("summary", f"{name}: {label}")
        vevent.add("description", "\n".join(lines))
        vevent.add("transp", "TRANSPARENT")
        for days in self.reminders:
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
        return bytes(vevent.to_ical()).decode("utf-8")


def calendar_ics(
    cases: Iterable[tuple[str, Timeline]], reminders: tuple[int, ...], lang: Lang | None = None
) -> str:
    stream = IcsStream(reminders, lang)
    parts = [stream.begin()]
    parts += [stream.case(case, timeline) for case, timeline in cases]
    parts.append(stream.end())
    return "".join(parts)
