"""What a person sees: the screens of compute, agenda, holidays, rules and add, as layout.

A timeline screen puts the answer first: a line per event with its binding date, days left,
status and a short citation; the binding last day of each open deadline is marked (``>``,
``!`` within a week) and bold on a terminal. Everything long (why a date is uncertain, the
readings of the law, what is not computed yet) becomes a numbered note under the table, said
once; ``--explain`` adds the statute's words and the counting trace under each date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from deadline_cli.calendar import KazakhCalendar, off_name, working_name
from deadline_cli.errors import safe_text
from deadline_cli.i18n import Lang, Msg
from deadline_cli.record import Record, field
from deadline_cli.render.screen import (
    Blank,
    Cell,
    Column,
    Detail,
    Row,
    Screen,
    Table,
    Text,
    cell_width,
)
from deadline_cli.rules import Era, Pack, Rule, StepRule, option_for
from deadline_cli.timeline import URGENT_DAYS, Event, Timeline


class _Notes(Record, frozen=False):
    """Numbered notes under a table, each said once, in the order the rows refer to them."""

    texts: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def ref(self, text: str) -> int:
        if text not in self.index:
            self.texts.append(text)
            self.index[text] = len(self.texts)
        return self.index[text]

    def blocks(self) -> list[Text]:
        return [
            Text(f"[{n}] {text}", hanging=len(str(n)) + 3) for n, text in enumerate(self.texts, 1)
        ]


def _marker(timeline: Timeline, event: Event) -> Cell:
    found = timeline.alert(event)
    if found in ("binding-day-passed", "soon"):
        return Cell("!", "bold red")
    return Cell(">", "bold") if found else Cell("")


def _refs(lang: Lang, numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    listed = ", ".join(str(n) for n in numbers)
    return lang("screen_notes_one" if len(numbers) == 1 else "screen_notes", refs=listed)


def timeline_screen(timeline: Timeline, lang: Lang, *, explain: bool, case: str = "") -> Screen:
    screen = Screen()
    name = lang.say(timeline.pack.name)
    screen.add(Text(safe_text(f"{case}: {name}" if case else name), "bold"))
    start = next(e for e in timeline.events if e.id == timeline.start)
    screen.add(
        Text(
            lang(
                "screen_start",
                what=lang.say(start.label),
                date=timeline.start_date,
                as_of=timeline.as_of,
            )
        )
    )
    era = timeline.era
    if era is not None and era.era.valid_until is not None:
        screen.add(Text(lang("screen_era", era=era.era.label, basis=era.era.rule.basis)))
    screen.add(Blank())

    notes = _Notes()
    by_event = _notices_by_event(timeline, lang)
    table = Table(
        columns=[
            Column(lang("col_event"), wrap=True),
            Column(lang("col_date")),
            Column(lang("col_days_left"), right=True),
            Column(lang("col_status")),
            Column(lang("col_rule")),
        ],
        marker_width=2,
    )
    marked = False
    for event in timeline.events:
        status = timeline.status(event)
        marker = _marker(timeline, event)
        marked = marked or bool(marker.text)
        row_style = "dim" if status == "passed" else ""
        date_style = marker.style or row_style
        said = by_event.get(event.id, [])
        if event.readings:
            said = [_readings_note(lang, event), *said]
        number = notes.ref(_one_note(lang.say(event.label), said)) if said else None
        running = timeline.alert(event) == "binding-day-passed"
        if running:
            row_style = ""  # not done with: it may still be running
        sub = _sub_line(lang, event, number, running, row_style)
        row = Row(
            cells=[
                Cell(lang.say(event.label)),
                Cell(lang.day(event.date), date_style),
                Cell(str(timeline.days_left(event))),
                Cell(lang("status_" + status)),
                Cell(lang.say(event.cite)),
            ],
            marker=marker,
            style=row_style,
            sub=sub,
        )
        if explain:
            row.details = _explain(lang, event)
        table.rows.append(row)
    screen.add(table)
    for text in by_event.get("", []):
        notes.ref(text)
    for note in timeline.notes:
        notes.ref(lang.say(note))
    if marked or notes.texts:
        screen.add(Blank())
    if marked:
        screen.add(Text(lang("screen_legend", days=str(URGENT_DAYS)), "dim", hanging=2))
    screen.add(*notes.blocks())
    return screen


def _notices_by_event(timeline: Timeline, lang: Lang) -> dict[str, list[str]]:
    """The warnings of a case, by the event they concern ("" for the case as a whole)."""
    by_event: dict[str, list[str]] = {}
    for notice in timeline.notices:
        if notice.message.key == "warn_reading_earlier":
            continue  # the readings note lists every reading's day, the earliest first
        text = lang.say(notice.message)
        for event_id in notice.events or ("",):
            by_event.setdefault(event_id, []).append(text)
    return by_event


def _sub_line(
    lang: Lang, event: Event, number: int | None, running: bool, row_style: str
) -> list[Cell]:
    """The line under an event's row: its range, or that its binding day passed, and its note."""
    parts = []
    if running:
        parts.append(lang("agenda_binding_passed", latest=event.latest))
    elif event.is_range:
        parts.append(lang("screen_range", latest=event.latest))
    if number is not None:
        parts.append(_refs(lang, [number]))
    if not parts:
        return []
    return [Cell("; ".join(parts), "bold red" if running else row_style)]


def _one_note(label: str, texts: Sequence[str]) -> str:
    """One note per event: what is said of it, its name said once."""
    prefix = label + ": "
    rest = [t.removeprefix(prefix) for t in texts[1:]]
    return "; ".join([texts[0], *rest])


def _readings_note(lang: Lang, event: Event) -> str:
    parts = []
    readings = sorted(event.readings, key=lambda r: (r.date, r.latest))
    for n, reading in enumerate(readings):
        day = lang.day(reading.date)
        if reading.latest != reading.date:
            day = lang("screen_day_range", first=reading.date, last=reading.latest)
        key = "screen_reading_shown" if reading.selected else "screen_reading"
        if n == 0 and reading.date < event.date:
            key = "screen_reading_earliest"
        parts.append(lang(key, reading=lang.say(reading.label), date=day))
    return lang("screen_readings", label=lang.say(event.label), readings="; ".join(parts))


def _explain(lang: Lang, event: Event) -> list[Detail]:
    """The statute's words and the counting trace, indented under the event's row."""
    details: list[Detail] = []
    rule = event.rule
    if rule is not None and rule.quote:
        details.append(Detail(quote_line(lang, rule), style="italic"))
    elif event.note:
        details.append(Detail(lang.say(event.note), style="dim"))
    # Every line of the trace starts its text at the same column, whatever its date's width.
    steps = [*event.steps, *event.steps_latest]
    width = max((cell_width(lang.day(s.date)) for s in steps), default=0)
    for step in event.steps:
        lead = _padded(lang.day(step.date), width)
        details.append(Detail(lang.say(step.msg), lead=lead, style="dim"))
    if event.steps_latest:
        # The same count from the latest possible start, under a heading, aligned as above.
        details.append(Detail(lang("latest_prefix"), style="dim"))
    for step in event.steps_latest:
        lead = _padded(lang.day(step.date), width)
        details.append(Detail(lang.say(step.msg), lead=lead, style="dim"))
    return details


def _padded(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


def quote_line(lang: Lang, rule: Rule) -> str:
    return lang(
        "screen_quote",
        quote=rule.quote,
        basis=lang.say(rule.basis),
        version=lang.say(rule.text_version),
    )


# The agenda: every open deadline of many cases, by date.


class AgendaItem(Record):
    date: dt.date
    latest: dt.date
    case: str
    row: int
    event: Event
    timeline: Timeline
    uncertain: bool  # a range, or a notice of the case concerns this event


def agenda_screen(
    items: Sequence[AgendaItem], lang: Lang, *, as_of: date, within: int, cases: int
) -> Screen:
    screen = Screen()
    until = as_of + timedelta(days=within)
    screen.add(
        Text(
            lang("agenda_title", first=as_of, last=until, days=str(within)),
            "bold",
        )
    )
    screen.add(Text(lang("agenda_counts", deadlines=str(len(items)), cases=str(cases))))
    screen.add(Blank())
    if not items:
        screen.add(Text(lang("agenda_none")))
        return screen
    table = Table(
        columns=[
            Column(lang("col_date")),
            Column(lang("col_days_left"), right=True),
            Column(lang("col_case"), wrap=True),
            Column(lang("col_due"), wrap=True),
            Column(lang("col_rule")),
        ],
        marker_width=2,
    )
    uncertain = False
    for item in items:
        marker = _marker(item.timeline, item.event)
        mark = "~" if item.uncertain else ""
        uncertain = uncertain or item.uncertain
        sub = []
        if item.timeline.alert(item.event) == "binding-day-passed":
            sub.append(Cell(lang("agenda_binding_passed", latest=item.latest), "bold red"))
        elif item.latest != item.date:
            sub.append(Cell(lang("screen_range", latest=item.latest)))
        table.rows.append(
            Row(
                cells=[
                    Cell(lang.day(item.date) + mark, marker.style),
                    Cell(str((item.date - as_of).days)),
                    Cell(safe_text(item.case)),
                    Cell(lang.say(item.event.label)),
                    Cell(lang.say(item.event.cite)),
                ],
                marker=marker,
                sub=sub,
                sub_from=0,
            )
        )
    screen.add(table, Blank(), Text(lang("screen_legend", days=str(URGENT_DAYS)), "dim", hanging=2))
    if uncertain:
        screen.add(Text(lang("agenda_uncertain"), "dim", hanging=2))
    return screen


# The calendar and the rules.


def holidays_screen(calendar: KazakhCalendar, year: int, lang: Lang, warnings: list[str]) -> Screen:
    screen = Screen()
    screen.add(Text(lang("holidays_title", year=str(year)), "bold"), Blank())
    table = Table(
        columns=[
            Column(lang("col_date")),
            Column(lang("col_name"), wrap=True),
            Column(lang("col_kind"), wrap=True),
            Column(lang("col_source"), wrap=True),
        ]
    )
    for off in calendar.days_off(year):
        table.rows.append(
            Row(
                cells=[
                    Cell(lang.day(off.date)),
                    Cell(safe_text(lang.say(off_name(off)))),
                    Cell(lang("kind_" + off.kind)),
                    Cell(safe_text(lang.say(off.source))),
                ]
            )
        )
    screen.add(table, Blank())
    working = calendar.working_weekend_days(year)
    if working:
        screen.add(Text(lang("holidays_working_days")))
        for d in working:
            key = "holidays_working_line_override" if d.override else "holidays_working_line"
            line = lang(key, date=d.date, name=working_name(d), source=d.source)
            screen.add(Text(safe_text(line.strip()), indent=2, hanging=4))
    else:
        screen.add(Text(lang("holidays_no_working_days")))
    if calendar.origin:
        screen.add(Text(safe_text(lang("holidays_overrides_from", path=str(calendar.origin)))))
    for n, warning in enumerate(warnings, 1):
        screen.add(Text(f"[{n}] {warning}", hanging=len(str(n)) + 3))
    return screen


def _what_starts(lang: Lang, pack: Pack) -> str:
    start = lang("rules_starts", what=lang.say(pack.ruling_label))
    others = [option_for(e) for e in pack.entries if e != pack.start]
    if others:
        start += " " + lang(
            "rules_or_from", entries=", ".join(o.removeprefix("--") for o in others)
        )
    return start


def pack_inputs(pack: Pack) -> tuple[list[str], list[str]]:
    """The options a pack needs, and the ones it can use."""
    steps = {s.id for s in pack.steps}
    needs: list[str] = []
    uses: list[str] = []
    for step in pack.steps:
        rules = [step.rule, *step.variants]
        for reading in step.readings:
            rules += [reading.rule, *reading.variants]
        if step.input:
            uses.append(step.input)
        if step.requires:
            uses.append(step.requires)
        trigger = step.rule.trigger
        plain = trigger not in steps and trigger not in pack.entries and not step.requires
        if plain and not step.readings and trigger not in needs:
            needs.append(trigger)
        for rule in rules:
            for name in (rule.when, rule.trigger):
                if name and name not in steps and name != pack.start:
                    uses.append(name)
    if pack.eras:
        uses.append(pack.eras[0].on)
    used = [u for u in dict.fromkeys(uses) if u not in needs]
    return [option_for(n) for n in needs], [option_for(u) for u in used]


GROUP_ORDER = ("court", "pretrial", "short")


def packs_screen(packs: Iterable[Pack], lang: Lang) -> Screen:
    screen = Screen()
    screen.add(Text(lang("packs_title"), "bold"))
    by_group: dict[str, list[Pack]] = {}
    for pack in packs:
        by_group.setdefault(pack.group, []).append(pack)
    for group in GROUP_ORDER:
        if group not in by_group:
            continue
        screen.add(Blank(), Text(lang("group_" + group), "bold"))
        table = Table(
            columns=[
                Column(lang("col_pack")),
                Column(lang("col_what"), wrap=True),
                Column(lang("col_needs"), wrap=True),
            ]
        )
        for pack in by_group[group]:
            needs, uses = pack_inputs(pack)
            how = [_what_starts(lang, pack)]
            if needs:
                how.append(lang("rules_needs", options=", ".join(needs)))
            if pack.choice is not None:
                kinds = ", ".join(k.id for k in pack.choice.kinds)
                how.append(lang("rules_choice", option="--" + pack.choice.option, kinds=kinds))
            if uses:
                how.append(lang("rules_uses", options=", ".join(uses)))
            table.rows.append(
                Row(
                    cells=[
                        Cell(pack.id, "bold"),
                        Cell(safe_text(lang.say(pack.name))),
                        Cell("; ".join(how)),
                    ]
                )
            )
        screen.add(table)
    return screen


def _how(lang: Lang, pack: Pack, step: StepRule, rule: Rule, *, main: bool) -> str:
    trigger = lang.say(pack.label_of(rule.trigger))
    if step.window and main and rule.period is not None:
        how = lang("how_window", trigger=trigger, period=rule.period)
    elif rule.period:
        how = lang("how_period", period=rule.period, trigger=trigger)
    else:
        how = lang("how_on", trigger=trigger)
    if rule.roll and not step.window:
        how += lang("how_roll")
    if rule.roll_certainty:
        how += lang("how_roll_unverified")
    if rule.next_day:
        how += lang("how_next_day")
    return how


def _conditions(lang: Lang, pack: Pack, rule: Rule) -> list[str]:
    found = []
    if rule.when:
        found.append(lang("how_with", option=option_for(rule.when)))
    if rule.kind:
        option = "--" + (pack.choice.option if pack.choice else "kind")
        found.append(lang("how_kind", option=option, kinds=", ".join(rule.kind)))
    if rule.era:
        era = next((e for e in pack.eras if e.id == rule.era), None)
        found.append(lang("how_era", era=lang.say(era.label) if era else rule.era))
    if rule.valid_from or rule.valid_until:
        found.append(
            lang(
                "how_dates",
                what=lang.say(pack.label_of(rule.judged_on)),
                since=_day(rule.valid_from),
                until=_day(rule.valid_until),
            )
        )
    return found


def _day(d: date | None) -> str:
    return d.isoformat() if d else "..."


def _era_holds(era: Era, day: date) -> bool:
    if era.valid_from is not None and day < era.valid_from:
        return False
    return not (era.valid_until is not None and day > era.valid_until)


def in_force_on(rule: Rule, pack: Pack, day: date | None) -> bool:
    """Whether a rule is the law on ``day`` (its era and its dates), for rules --on."""
    if day is None:
        return True
    if rule.era is not None:
        era = next((e for e in pack.eras if e.id == rule.era), None)
        if era is not None and not _era_holds(era, day):
            return False
    return rule.dates_hold(day) if (rule.valid_from or rule.valid_until) else True


def pack_screen(pack: Pack, lang: Lang, *, on: date | None = None) -> Screen:
    screen = Screen()
    screen.add(Text(f"{pack.id}: {safe_text(lang.say(pack.name))}", "bold"))
    if pack.description:
        screen.add(Text(safe_text(lang.say(pack.description))))
    if on is not None:
        screen.add(Text(lang("rules_on", date=on)))
    screen.add(Text(_what_starts(lang, pack)))
    if pack.choice is not None:
        key = "rules_routes" if pack.choice.option == "route" else "rules_kinds"
        screen.add(Text(lang(key, option="--" + pack.choice.option)))
        for kind in pack.choice.kinds:
            default = lang("rules_default") if kind.id == pack.choice.default else ""
            text = f"{kind.id}{default}: {safe_text(lang.say(kind.label))}"
            screen.add(Text(text, indent=2, hanging=2))
    if pack.eras:
        screen.add(Text(lang("rules_eras")))
        for era in pack.eras:
            if on is not None and not _era_holds(era, on):
                continue
            dates = lang("how_span", since=_day(era.valid_from), until=_day(era.valid_until))
            text = f"{safe_text(lang.say(era.label))}: {dates}; {lang.say(era.rule.basis)}"
            screen.add(Text(text, indent=2, hanging=2))
    start_rule = pack.ruling
    screen.add(Blank(), Text(f"{lang.say(pack.ruling_label)} ({pack.start})", "bold"))
    _rule_block(screen, lang, start_rule, lang("how_given"))
    for step in pack.steps:
        title = f"{lang.say(step.label)} ({step.id})"
        extra = []
        if step.input:
            extra.append(lang("how_input", option=option_for(step.input)))
        if step.requires:
            extra.append(lang("how_only_with", option=option_for(step.requires)))
        if step.deadline:
            extra.append(lang("how_deadline"))
        screen.add(Blank(), Text(title + (f": {'; '.join(extra)}" if extra else ""), "bold"))
        if step.readings:
            for n, reading in enumerate(step.readings):
                label = safe_text(lang.say(reading.label))
                head = lang(
                    "rules_reading_default" if n == 0 else "rules_reading",
                    id=reading.id,
                    label=label,
                )
                screen.add(Text(head, indent=2, hanging=2))
                _rule_lines(screen, lang, pack, step, reading.rule, on=on, main=True, indent=4)
                for variant in reading.variants:
                    _rule_lines(screen, lang, pack, step, variant, on=on, main=False, indent=4)
            continue
        _rule_lines(screen, lang, pack, step, step.rule, on=on, main=True, indent=2)
        for variant in step.variants:
            _rule_lines(screen, lang, pack, step, variant, on=on, main=False, indent=2)
    return screen


def _rule_lines(
    screen: Screen,
    lang: Lang,
    pack: Pack,
    step: StepRule,
    rule: Rule,
    *,
    on: date | None,
    main: bool,
    indent: int,
) -> None:
    if not in_force_on(rule, pack, on):
        return
    how = _how(lang, pack, step, rule, main=main)
    conditions = _conditions(lang, pack, rule)
    if conditions:
        how += f" ({'; '.join(conditions)})"
    if not main:
        how = lang("rules_variant", how=how)
    _rule_block(screen, lang, rule, how, indent=indent)


def _rule_block(screen: Screen, lang: Lang, rule: Rule, how: str, *, indent: int = 2) -> None:
    certainty = lang("certainty_" + rule.certainty)
    line = f"{how}. {safe_text(lang.say(rule.basis))} [{certainty}]"
    screen.add(Text(line, indent=indent, hanging=2))
    if rule.quote:
        screen.add(Text(quote_line(lang, rule), "italic", indent=indent + 2, hanging=1))
    if rule.note:
        screen.add(Text(safe_text(lang.say(rule.note)), "dim", indent=indent + 2, hanging=0))
    screen.add(Text(rule.source.url, "dim", indent=indent + 2))


def add_screen(
    lang: Lang,
    header: str,
    basis: str,
    lines: Sequence[tuple[date, str | Msg]],
    warnings: Sequence[str],
) -> Screen:
    screen = Screen()
    screen.add(Text(header, "bold"), Text(basis))
    width = max((cell_width(lang.day(day)) for day, _ in lines), default=0)
    for day, text in lines:
        screen.add(Text(lang.say(text), indent=2, lead=_padded(lang.day(day), width)))
    for n, warning in enumerate(warnings, 1):
        screen.add(Text(f"[{n}] {warning}", hanging=len(str(n)) + 3))
    return screen
