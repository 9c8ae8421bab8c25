"""iCalendar (RFC 5545): one all-day event per deadline.

The calendar's header comes from the icalendar library; the events are written as lines
directly (escaped per RFC 5545 3.3.11, folded once by bytes at 75 octets, never inside a UTF-8
sequence), the same lines the library writes, several times faster (the tests parse every
output with icalendar and check it line by line).

UIDs are derived from the case, the procedure and the event id only, so importing the file again
updates the calendar's entries instead of duplicating them. A batch writes its calendar as a
stream (:class:`IcsStream`): the header, each case's events as the case is computed, the end.
A batch's cases are planned from their dates (deadline_cli.plan) and written by
:meth:`IcsStream.planned`: what a rule says, a term's counting and a warning that cases share
are said, escaped and folded once (_Parts), and each event is byte for byte the one
:meth:`IcsStream.case` writes from the engine's timeline (tests/test_plan.py).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from deadline_cli.i18n import Lang, Msg, english, msg
from deadline_cli.periods import Period, Step, Unit
from deadline_cli.render.memo import SLOT, ByDay, Dated, Made
from deadline_cli.rules import Rule, Source, StepRule, option_for
from deadline_cli.timeline import Event, Timeline, citation

if TYPE_CHECKING:
    from deadline_cli.calendar import KazakhCalendar
    from deadline_cli.plan import CaseRun, Done, Planned

_NAMESPACE = uuid.UUID("6f0f5d1e-2c1b-4f7e-9a5e-1d3c0b7a9e42")
_END = b"END:VCALENDAR\r\n"
_ALARM = "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"


def case_name(timeline: Timeline, case: str, lang: Lang | None = None) -> str:
    return _case_name(case, timeline.pack.id, timeline.start_date, lang or english())


def _case_name(case: str, pack: str, start: date, lang: Lang) -> str:
    return case or lang("ics_case", pack=pack, date=start)


def event_uid(timeline: Timeline, case: str, event_id: str) -> str:
    return _uid(case_name(timeline, case), timeline.pack.id, event_id)


def _uid(english_name: str, pack: str, event_id: str) -> str:
    """uuid.uuid5 of the case, the procedure and the event, made as uuid5 makes it (RFC 4122
    4.3: SHA-1 of the namespace and the name, its version and variant bits set) without
    building a UUID object: a calendar has an event for each deadline of every case. Always
    the English name: the same case and event keep their UID in every language."""
    name = f"{english_name}|{pack}|{event_id}".encode()
    digest = bytearray(hashlib.sha1(_NAMESPACE.bytes + name, usedforsecurity=False).digest())
    digest[6] = digest[6] & 0x0F | 0x50
    digest[8] = digest[8] & 0x3F | 0x80
    x = digest[:16].hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}@deadline-cli"


class IcsStream:
    """A calendar written piece by piece, so that a batch never holds all its cases."""

    def __init__(self, reminders: tuple[int, ...], lang: Lang | None = None) -> None:
        self.reminders = reminders
        self.lang = lang or english()
        self.stamp = datetime.now(UTC).replace(microsecond=0)
        self.stamp_line = f"DTSTAMP:{self.stamp:%Y%m%dT%H%M%SZ}\r\n"
        self.periods = tuple(Period(days, Unit.DAYS) for days in reminders)
        self.triggers = tuple(f"TRIGGER:-P{days}D\r\nEND:VALARM\r\n" for days in reminders)
        self.started = False
        # What is said once and used again: the texts of a rule and of a term's counting,
        # days, an event's dates.
        self.made: Made[str] = Made(16384)
        self.days = ByDay(self.lang.day)
        self.dtstart = ByDay(_dates)
        self.dated = Dated(self.lang, _text)  # a case's own warnings, said but for their days
        self.folding = _Parts()
        self.warnings_head = "\\n" + _text(self.lang("ics_warnings"))
        self.alarms: dict[tuple[str, date], list[tuple[str, list[str] | None]]] = {}
        self.labels: dict[str, str] = {}  # ': ' and an event's label, escaped (summaries)
        # A planned event's counting, by its step, rule, calendar and days (_counting); the
        # first three are held, so that their identities are not reused while it lives.
        self.counted: dict[tuple[object, ...], tuple[tuple[object, ...], str]] = {}

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
        about = self._about(e.citation, e.certainty, e.source, e.rule.quote if e.rule else "")
        head = f"{label}: {lang.day(e.date)}"
        range_ = lang("ics_range", date=e.date, latest=e.latest) if e.is_range else ""
        counting = self._counting_text(*e.steps)
        warned = self._warnings(list(timeline.warnings)) if timeline.warnings else ()
        description = self.folding.line(_Description(head, about, range_, counting, warned).parts())
        uid = event_uid(timeline, case, e.id)
        return self._vevent(self._name(name), label, e.date, uid, description)

    def planned(self, case: str, planned: Planned, calendar: KazakhCalendar) -> str:
        """The events of a case planned from its dates (deadline_cli.plan), as :meth:`case`
        writes the engine's timeline of the same case (tests/test_plan.py compares them)."""
        return self.named(case, self.planned_events(planned, calendar))

    def planned_events(self, planned: Planned, calendar: KazakhCalendar) -> Unnamed:
        """What the events of a planned case say but for the case's name (its id): the same
        for every row of the same case, which a batch gives again and again. What a rule
        says, and the counting of a term the engine has counted before, are said and
        escaped once; the case's warnings once for all its events."""
        run = planned.case
        assert run is not None and run.done is not None, "planned without detail"
        # timeline._build sorts its events by their days; the sort is stable, and the events
        # of the dates given that no step stands for, which come first, are no deadlines.
        done = sorted((d for d in run.done if d.op.step.deadline), key=_days)
        lang, pack = self.lang, planned.pack
        messages = run.messages(calendar) if done else []
        warned = self._warnings(messages, planned=True) if messages else ()
        events = []
        for d in done:
            step, rule = d.op.step, d.rule
            label = lang.say(step.label)
            if d.first is None or d.last is None:  # a date given (timeline._given_step)
                assert d.day is not None
                first = last = d.day
                about = self.made(self._given_about, step, rule)
            else:
                first, last = d.first[0], d.last[0]
                about = self.made(self._rule_about, rule, d.op.reading)
            head = f"{label}: {self.days[first]}"
            range_ = lang("ics_range", date=first, latest=last) if last != first else ""
            counting = self._counting(run, d, calendar)
            description = _Description(head, about, range_, counting, warned)
            events.append((label, first, step.id, self.folding.line(description.parts())))
        return Unnamed(pack.id, run.given[run.shape.start], tuple(events))

    def named(self, case: str, unnamed: Unnamed) -> str:
        """The events of a case under its name (planned_events)."""
        if not unnamed.events:
            return ""
        pack, start, lang = unnamed.pack, unnamed.start, self.lang
        name = _case_name(case, pack, start, lang)
        english_name = name if lang.code == "en" else _case_name(case, pack, start, english())
        said = self._name(name)
        return "".join(
            self._vevent(said, label, day, _uid(english_name, pack, step), description)
            for label, day, step, description in unnamed.events
        )

    # The parts of an event's description, each escaped (_text) by itself.

    def _about(self, basis: str | Msg, certainty: str, source: Source, quote: str) -> str:
        """What the rule of an event is and where it is written."""
        lang = self.lang
        lines = [
            lang("ics_rule", basis=basis, certainty=lang("certainty_" + certainty)),
            lang("ics_source", title=lang.say(source.title), url=source.url),
        ]
        if quote:
            lines.append(f"«{quote}»")
        return "\\n" + _text_lines(lines)

    def _rule_about(self, rule: Rule, reading: str | Msg | None) -> str:
        """timeline._computed's event: the rule picked in the earliest scenario."""
        return self._about(citation(rule.basis, reading), rule.certainty, rule.source, rule.quote)

    def _given_about(self, step: StepRule, rule: Rule) -> str:
        """timeline._given_step's event: given, under the option that gave it; no rule."""
        assert step.input is not None
        return self._about(
            msg("trace_given", option=option_for(step.input)), "given", rule.source, ""
        )

    def _counting(self, run: CaseRun, done: Done, calendar: KazakhCalendar) -> str:
        """A planned event's counting, said once for the cases whose term the engine counts
        the same (CaseRun.counted_on), without asking the engine for it again."""
        held = (done.op, done.rule, calendar)
        key = (*map(id, held), *run.counted_on(done))
        found = self.counted.get(key)
        if found is None or found[0] != held:  # the same objects (compared by identity first)
            if len(self.counted) >= 16384:
                self.counted.clear()
            found = self.counted[key] = (held, self._counting_text(*run.steps(done, calendar)))
        return found[1]

    def _counting_text(self, *steps: Step) -> str:
        """The counting; the steps of a term that the engine keeps in its cache of runs
        (timeline._run) are the same objects from case to case, and said once."""
        lang = self.lang
        lines = [f"  {lang.day(step.date)}: {lang.say(step.msg)}" for step in steps]
        return "\\n" + _text_lines([lang("ics_counting"), *lines])

    def _warnings(
        self, messages: list[Msg], *, planned: bool = False
    ) -> tuple[tuple[str, bool], ...]:
        """A case's warnings, as parts of a description: a warning that cases share (the
        same message: plan._Op.certainty) is said once and comes again. One with a day in it
        is this case's own: for a planned case said but for its days once (Dated), for the
        engine's timeline said whole, which tests/test_plan.py compares the planned ones with."""
        parts = [(self.warnings_head, True)]
        for message in messages:
            if not message.has_days():
                parts.append((self.made(self._warning, message), True))
            elif planned:
                parts.append(("\\n  " + self.dated(message), False))
            else:
                parts.append((self._warning(message), False))
        return tuple(parts)

    def _warning(self, message: Msg) -> str:
        return "\\n  " + _text(self.lang.say(message))

    def _alarms(self, label: str, day: date) -> list[tuple[str, list[str] | None]]:
        """What each reminder of an event says, the case's name left as SLOT, and the same
        escaped, cut where the name goes: escaping goes a character at a time but for a
        CRLF, so the pieces and the name can be escaped each by itself unless a CR before
        the name or an LF after it could make one with it (then None: the whole is escaped
        with the name in it)."""
        found = self.alarms.get((label, day))
        if found is None:
            if len(self.alarms) > 65536:
                self.alarms.clear()
            say = self.lang
            found = []
            for period in self.periods:
                text = say("ics_alarm", case=SLOT, label=label, date=day, period=period)
                cut = text.split(SLOT)
                joins = not any(p.endswith("\r") for p in cut[:-1]) and not any(
                    p.startswith("\n") or not p for p in cut[1:-1]
                )
                joins = joins and not cut[-1].startswith("\n")
                found.append((text, [_text(p) for p in cut] if joins else None))
            self.alarms[label, day] = found
        return found

    def _vevent(self, name: _Name, label: str, day: date, uid: str, description: str) -> str:
        """An event of the day, with its description (the content line, folded) and its
        reminders."""
        label_text = self.labels.get(label)
        if label_text is None:
            if len(self.labels) > 4096:
                self.labels.clear()
            label_text = self.labels[label] = ": " + _text(label)
        out = [
            "BEGIN:VEVENT\r\n",
            _line("SUMMARY:" + name.summary + label_text),
            *self.dtstart[day],
            self.stamp_line,
            f"UID:{uid}\r\n",
            description,
            "TRANSP:TRANSPARENT\r\n",
        ]
        for (alarm, pieces), trigger in zip(self._alarms(label, day), self.triggers, strict=True):
            if pieces is not None:
                text = name.said.join(pieces)
            else:
                text = _text(alarm.replace(SLOT, name.raw))
            out += (_ALARM, _line("DESCRIPTION:" + text), trigger)
        out.append("END:VEVENT\r\n")
        return "".join(out)

    def _name(self, name: str) -> _Name:
        said = self.lang.say(name)
        return _Name(_text(name), _text(said), said)


class _Name(NamedTuple):
    """A case's name as its events' lines say it, escaped by itself: in the summary (the
    name as given, then ': ' and the label: no CRLF can be made across them), and in the
    reminders (as the language says it; ``raw`` not escaped, see IcsStream._alarms)."""

    summary: str
    said: str
    raw: str


class Unnamed(NamedTuple):
    """The events of a planned case but for its name (IcsStream.planned_events): its pack
    and the day it starts from (a case without an id is named by them), and each event's
    label, day, step and description (its content line, folded)."""

    pack: str
    start: date
    events: tuple[tuple[str, date, str, str], ...]


class _Description(NamedTuple):
    """An event's description in its parts: the first line and the range (empty if none) as
    said; the others escaped already, each after the '\\n' that ends the line before it
    (what a rule says, the counting, the warnings: made once, see IcsStream.made)."""

    head: str
    about: str
    range: str
    counting: str
    warnings: tuple[tuple[str, bool], ...]

    def parts(self) -> list[tuple[str, bool]]:
        """The parts of the content line, and whether a part comes again in other events."""
        parts = [("DESCRIPTION:" + _text(self.head), False), (self.about, True)]
        if self.range:
            parts.append(("\\n" + _text(self.range), False))
        parts.append((self.counting, True))
        parts += self.warnings
        return parts


def _dates(day: date) -> tuple[str, str]:
    """An all-day event's DTSTART and DTEND lines."""
    after = day + timedelta(days=1)
    return f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\n", f"DTEND;VALUE=DATE:{after:%Y%m%d}\r\n"


def _days(done: Done) -> tuple[date, date]:
    """A planned event's earliest and latest day (Event.date and latest)."""
    if done.first is None or done.last is None:
        assert done.day is not None
        return done.day, done.day
    return done.first[0], done.last[0]


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, ';', ',' and line ends (CRLF, LF,
    and a CR alone, which a content line must not hold)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _text_lines(lines: list[str]) -> str:
    """Lines escaped each by itself and joined: a description is put together of such parts."""
    return "\\n".join(map(_text, lines))


def _splits_escape(data: bytes, start: int, end: int) -> bool:
    """Whether a fold at ``end`` would leave an escape's backslash alone at a line's end."""
    run = 0
    while end - run - 1 >= start and data[end - run - 1] == 0x5C:
        run += 1
    return run % 2 == 1


def _line(content: str) -> str:
    """A content line folded within 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    data = content.encode("utf-8")
    if len(data) <= 74:
        return content + "\r\n"
    lines: list[bytes] = []
    start = _fold(data, 0, lines)
    lines.append(data[start:])
    return (b"\r\n ".join(lines) + b"\r\n").decode("utf-8")


def _fold(data: bytes, start: int, lines: list[bytes]) -> int:
    """Folds ``data`` from ``start`` as icalendar does (74 octets, then a space and 74 more):
    each full line appended to ``lines``; returns where the last line, of 74 octets at most,
    begins."""
    size = len(data)
    while size - start > 74:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # not inside a UTF-8 sequence
            end -= 1
        if data[end - 1] == 0x5C and _splits_escape(data, start, end):
            end -= 1  # keep "\\," whole on one line, as icalendar does
        lines.append(data[start:end])
        start = end
    return start


# A part of a content line folded where it starts on a line: what ends the line it starts on,
# the full lines after (joined as a folded line joins them; empty if none), and what it leaves
# on its last line.
_Folded = tuple[bytes | None, bytes, bytes]


class _Parts:
    """Folds a content line put together of parts, as _line folds the whole. A part that
    comes again and again (what a rule says, a term's counting) is folded once for each way
    it can start on a line: the octets already on the line, and whether they end in an odd
    run of backslashes (all that the folding of what follows depends on)."""

    def __init__(self) -> None:
        self.folded: dict[tuple[str, int, int], _Folded] = {}

    def line(self, parts: list[tuple[str, bool]]) -> str:
        """The content line of the parts joined; ``True`` marks a part that comes again."""
        lines: list[bytes] = []
        line = b""  # the octets on the line being filled
        for part, again in parts:
            if again:
                size = len(line)
                odd = (size - len(line.rstrip(b"\\"))) % 2
                key = (part, size, odd)
                found = self.folded.get(key)
                if found is None:
                    data = part.encode("utf-8")
                    if size + len(data) <= 74:
                        line += data
                        continue
                    found = self._fold(data, size, odd)
                    if len(self.folded) > 16384:
                        self.folded.clear()
                    self.folded[key] = found
                first, full, line_after = found
                lines.append(line + first if first is not None else line[:-1])
                if full:
                    lines.append(full)
                line = line_after
            else:
                data = line + part.encode("utf-8")
                start = _fold(data, 0, lines)
                line = data[start:]
        lines.append(line)
        return (b"\r\n ".join(lines) + b"\r\n").decode("utf-8")

    @staticmethod
    def _fold(data: bytes, size: int, odd: int) -> _Folded:
        """``data`` folded after ``size`` octets that end in an odd run of backslashes or not:
        after a line like them (the folding looks back no further than the line's start)."""
        model = b"x" * (size - odd) + b"\\" * odd
        lines: list[bytes] = []
        start = _fold(model + data, 0, lines)  # at least one fold: the line is full
        cut = len(lines[0]) - size  # -1 when the fold keeps an escape of the line whole
        first = data[:cut] if cut >= 0 else None
        return first, b"\r\n ".join(lines[1:]), (model + data)[start:]


def calendar_ics(
    cases: Iterable[tuple[str, Timeline]], reminders: tuple[int, ...], lang: Lang | None = None
) -> str:
    stream = IcsStream(reminders, lang)
    parts = [stream.begin()]
    parts += [stream.case(case, timeline) for case, timeline in cases]
    parts.append(stream.end())
    return "".join(parts)
