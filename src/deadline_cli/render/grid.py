"""Tables for people, as data: the rows of each table, before any rendering.

``plain.py`` writes a grid as plain text (a pipe, a file, NO_COLOR) without importing Rich;
``table.py`` draws it with Rich on a terminal. Both show the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.dates import show
from deadline_cli.rules import Pack
from deadline_cli.timeline import Timeline

_CERTAINTY_MARK = {"secondary": " [secondary]", "unverified": " [unverified]"}


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


def timeline_grid(timeline: Timeline, *, explain: bool, case: str = "") -> Grid:
    title = f"{timeline.pack.name} - ruling {show(timeline.inputs.ruling)}"
    grid = Grid(
        title=f"{case}: {title}" if case else title,
        columns=[
            Column("Event", style="bold"),
            Column("Date", no_wrap=True),
            Column("Latest", no_wrap=True),
            Column("Rule"),
            Column("Days left", right=True, no_wrap=True),
            Column("Status", no_wrap=True),
        ],
        caption=f"days left counted from {show(timeline.as_of)}",
    )
    for event in timeline.events:
        status = timeline.status(event)
        style = _STATUS_STYLE[status]
        trace = [(s, "") for s in event.steps] + [(s, "latest: ") for s in event.steps_latest]
        grid.add(
            event.label,
            Cell(show(event.date), "bold green" if event.deadline else ""),
            show(event.latest) if event.is_range else "",
            event.basis + _CERTAINTY_MARK.get(event.certainty, ""),
            Cell(str(timeline.days_left(event)), style),
            Cell(status, style),
            end_section=explain and not trace,
        )
        if explain:
            for n, (step, prefix) in enumerate(trace, 1):
                grid.add(
                    "",
                    Cell(show(step.date), "dim"),
                    "",
                    Cell(prefix + step.text, "dim"),
                    "",
                    "",
                    end_section=n == len(trace),
                )
    return grid


def holidays_grid(calendar: KazakhCalendar, year: int) -> Grid:
    grid = Grid(
        title=f"Days off in Kazakhstan, {year} (besides ordinary weekends)",
        columns=[Column("Date", no_wrap=True), Column("Name"), Column("Kind"), Column("Source")],
    )
    for off in calendar.days_off(year):
        grid.add(show(off.date), off.name, off.kind.value.replace("_", " "), off.source)
    working = calendar.working_weekend_days(year)
    if working:
        grid.after.append("Days made working days:")
        for d in working:
            mark = " (calendar override)" if d.override else ""
            grid.after.append(f"  {show(d.date)}  {d.name}{mark}; source: {d.source}")
    else:
        grid.after.append("Days made working days: none known")
    if calendar.origin:
        grid.after.append(f"Calendar overrides from {calendar.origin}")
    return grid


def packs_grid(packs: list[Pack]) -> Grid:
    grid = Grid(
        title="Procedure packs",
        columns=[Column("Pack", no_wrap=True), Column("Name"), Column("Events")],
    )
    for pack in packs:
        grid.add(pack.id, pack.name, ", ".join(s.id for s in pack.steps))
    return grid


def pack_grid(pack: Pack) -> Grid:
    grid = Grid(
        title=f"{pack.id}: {pack.name}",
        columns=[
            Column("Event", no_wrap=True),
            Column("Rule"),
            Column("Basis"),
            Column("Certainty", no_wrap=True),
        ],
        show_lines=True,
    )
    grid.add("ruling", pack.ruling_label, pack.ruling.basis, pack.ruling.certainty)
    for step in pack.steps:
        for n, rule in enumerate((step.rule, *step.variants)):
            how = f"{rule.period} from {rule.trigger}" if rule.period else f"on {rule.trigger}"
            if rule.roll:
                how += ", rolled to a working day"
            if rule.next_day:
                how += ", then the next day"
            if step.window and n == 0:
                how = f"between {rule.trigger} and {rule.period} after it"
            conditions = []
            if rule.when:
                conditions.append(f"with --{rule.when.replace('_', '-')}")
            if rule.valid_from or rule.valid_until:
                conditions.append(f"{rule.valid_from or '...'} to {rule.valid_until or '...'}")
            if step.requires:
                conditions.append(f"only with --{step.requires.replace('_', '-')}")
            if conditions:
                how += f" ({'; '.join(conditions)})"
            grid.add(
                step.id if n == 0 else "",
                how,
                f"{rule.basis}\n{rule.source.url}",
                rule.certainty,
            )
    return grid
