"""Tables for people, as data: the rows of each table, before any rendering.

``plain.py`` writes a grid as plain text (a pipe, a file, NO_COLOR) without importing Rich;
``table.py`` draws it with Rich on a terminal. Both show the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deadline_cli.calendar import KazakhCalendar, off_name, working_name
from deadline_cli.i18n import Lang
from deadline_cli.rules import Pack
from deadline_cli.timeline import Timeline


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""  # a Rich style, used on a terminal only


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    no_wrap: bool = False
    style: str = ""


@dataclass
class Grid:
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    section_ends: set[int] = field(default_factory=set)  # rows followed by a rule
    caption: str = ""
    after: list[str] = field(default_factory=list)  # lines printed below the table
    show_lines: bool = False

    def add(self, *cells: str | Cell, end_section: bool = False) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])
        if end_section:
            self.section_ends.add(len(self.rows) - 1)


_STATUS_STYLE = {"passed": "dim", "today": "bold red", "open": "bold"}


def certainty_mark(lang: Lang, certainty: str) -> str:
    if certainty in ("secondary", "unverified"):
        return f" [{lang('certainty_' + certainty)}]"
    return ""


def timeline_grid(timeline: Timeline, lang: Lang, *, explain: bool, case: str = "") -> Grid:
    pack, ruling = lang.say(timeline.pack.name), timeline.inputs.ruling
    title = (
        lang("timeline_title_case", case=case, pack=pack, date=ruling)
        if case
        else lang("timeline_title", pack=pack, date=ruling)
    )
    grid = Grid(
        title=title,
        columns=[
            Column(lang("col_event"), style="bold"),
            Column(lang("col_date"), no_wrap=True),
            Column(lang("col_latest"), no_wrap=True),
            Column(lang("col_rule")),
            Column(lang("col_days_left"), right=True, no_wrap=True),
            Column(lang("col_status"), no_wrap=True),
        ],
        caption=lang("caption_days_left", date=timeline.as_of),
    )
    for event in timeline.events:
        status = timeline.status(event)
        style = _STATUS_STYLE[status]
        later = lang("latest_prefix")
        trace = [(s, "") for s in event.steps] + [(s, later) for s in event.steps_latest]
        grid.add(
            lang.say(event.label),
            Cell(lang.day(event.date), "bold green" if event.deadline else ""),
            lang.day(event.latest) if event.is_range else "",
            lang.say(event.citation) + certainty_mark(lang, event.certainty),
            Cell(str(timeline.days_left(event)), style),
            Cell(lang("status_" + status), style),
            end_section=explain and not trace,
        )
        if explain:
            for n, (step, prefix) in enumerate(trace, 1):
                grid.add(
                    "",
                    Cell(lang.day(step.date), "dim"),
                    "",
                    Cell(prefix + lang.say(step.msg), "dim"),
                    "",
                    "",
                    end_section=n == len(trace),
                )
    return grid


def holidays_grid(calendar: KazakhCalendar, year: int, lang: Lang) -> Grid:
    grid = Grid(
        title=lang("holidays_title", year=str(year)),
        columns=[
            Column(lang("col_date"), no_wrap=True),
            Column(lang("col_name")),
            Column(lang("col_kind")),
            Column(lang("col_source")),
        ],
    )
    for off in calendar.days_off(year):
        grid.add(
            lang.day(off.date),
            lang.say(off_name(off)),
            lang("kind_" + off.kind.value),
            lang.say(off.source),
        )
    working = calendar.working_weekend_days(year)
    if working:
        grid.after.append(lang("holidays_working_days"))
        for d in working:
            key = "holidays_working_line_override" if d.override else "holidays_working_line"
            grid.after.append(lang(key, date=d.date, name=working_name(d), source=d.source))
    else:
        grid.after.append(lang("holidays_no_working_days"))
    if calendar.origin:
        grid.after.append(lang("holidays_overrides_from", path=str(calendar.origin)))
    return grid


def packs_grid(packs: list[Pack], lang: Lang) -> Grid:
    grid = Grid(
        title=lang("packs_title"),
        columns=[
            Column(lang("col_pack"), no_wrap=True),
            Column(lang("col_name")),
            Column(lang("col_events")),
        ],
    )
    for pack in packs:
        grid.add(pack.id, lang.say(pack.name), ", ".join(s.id for s in pack.steps))
    return grid


def pack_grid(pack: Pack, lang: Lang) -> Grid:
    grid = Grid(
        title=f"{pack.id}: {lang.say(pack.name)}",
        columns=[
            Column(lang("col_event"), no_wrap=True),
            Column(lang("col_rule")),
            Column(lang("col_basis")),
            Column(lang("col_certainty"), no_wrap=True),
        ],
        show_lines=True,
    )
    grid.add(
        "ruling",
        lang.say(pack.ruling_label),
        lang.say(pack.ruling.basis),
        lang("certainty_" + pack.ruling.certainty),
    )
    for step in pack.steps:
        for n, rule in enumerate((step.rule, *step.variants)):
            if step.window and n == 0:
                how = lang("how_window", trigger=rule.trigger, period=rule.period)
            elif rule.period:
                how = lang("how_period", period=rule.period, trigger=rule.trigger)
            else:
                how = lang("how_on", trigger=rule.trigger)
            if rule.roll and not (step.window and n == 0):
                how += lang("how_roll")
            if rule.next_day:
                how += lang("how_next_day")
            conditions = []
            if rule.when:
                conditions.append(lang("how_with", option="--" + rule.when.replace("_", "-")))
            if rule.valid_from or rule.valid_until:
                conditions.append(
                    lang(
                        "how_dates",
                        since=str(rule.valid_from or "..."),
                        until=str(rule.valid_until or "..."),
                    )
                )
            if step.requires:
                option = "--" + step.requires.replace("_", "-")
                conditions.append(lang("how_only_with", option=option))
            if conditions:
                how += f" ({'; '.join(conditions)})"
            grid.add(
                step.id if n == 0 else "",
                how,
                f"{lang.say(rule.basis)}\n{rule.source.url}",
                lang("certainty_" + rule.certainty),
            )
    return grid
