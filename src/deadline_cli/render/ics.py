"""iCalendar (RFC 5545): one all-day event per deadline.

The calendar's header comes from the icalendar library; the events are written as lines
directly (escaped per RFC 5545 3.3.11, folded once by bytes at 75 octets, never inside a UTF-8
sequence), the same lines the library writes, several times faster (the tests parse every
output with icalendar and check it line by line).

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
        out = [
            "BEGIN:VEVENT\r\n",
            _line("SUMMARY:" + _text(f"{name}: {label}")),
            f"DTSTART;VALUE=DATE:{e.date:%Y%m%d}\r\n",
            f"DTEND;VALUE=DATE:{e.date + timedelta(days=1):%Y%m%d}\r\n",
            f"DTSTAMP:{self.stamp:%Y%m%dT%H%M%SZ}\r\n",
            f"UID:{event_uid(timeline, case, e.id)}\r\n",
            _line("DESCRIPTION:" + _text("\n".join(lines))),
            "TRANSP:TRANSPARENT\r\n",
        ]
        for days in self.reminders:
            said = lang(
                "ics_alarm", case=name, label=label, date=e.date, period=Period(days, Unit.DAYS)
            )
            out += [
                "BEGIN:VALARM\r\n",
                "ACTION:DISPLAY\r\n",
                _line("DESCRIPTION:" + _text(said)),
                f"TRIGGER:-P{days}D\r\n",
                "END:VALARM\r\n",
            ]
        out.append("END:VEVENT\r\n")
        return "".join(out)


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, ';', ',' and line ends."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _splits_escape(data: bytes, start: int, end: int) -> bool:
    """Whether a fold at ``end`` would leave an escape's backslash alone at a line's end."""
    run = 0
    while end - run - 1 >= start and data[end - run - 1] == 0x5C:
        run += 1
    return run % 2 == 1


def _line(content: str) -> str:
    """A content line folded within 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    data = content.encode("utf-8")
    size = len(data)
    if size <= 74:
        return content + "\r\n"
    parts = []
    start = 0
    while size - start > 74:  # as icalendar folds: 74 octets, then a space and 74 more
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # not inside a UTF-8 sequence
            end -= 1
        if data[end - 1] == 0x5C and _splits_escape(data, start, end):
            end -= 1  # keep "\\," whole on one line, as icalendar does
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return (b"\r\n ".join(parts) + b"\r\n").decode("utf-8")


def calendar_ics(
    cases: Iterable[tuple[str, Timeline]], reminders: tuple[int, ...], lang: Lang | None = None
) -> str:
    stream = IcsStream(reminders, lang)
    parts = [stream.begin()]
    parts += [stream.case(case, timeline) for case, timeline in cases]
    parts.append(stream.end())
    return "".join(parts)
