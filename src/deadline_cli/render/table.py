"""Rich tables for people. Colour and box drawing only on a terminal; plain ASCII in a pipe."""

from __future__ import annotations

import io
import os
import shutil

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.dates import show
from deadline_cli.rules import Pack
from deadline_cli.timeline import Event, Timeline

_STATUS_STYLE = {"passed": "dim", "today": "bold red", "open": "bold"}
_CERTAINTY_MARK = {"secondary": " [secondary]", "unverified": " [unverified]"}


def fancy_output(is_terminal: bool) -> bool:
    """Colour and box drawing only for a terminal, and never when NO_COLOR is set."""
    return is_terminal and not os.environ.get("NO_COLOR")


def _render(table: Table, fancy: bool, *extra: Text) -> str:
    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 24)).columns if fancy else 200
    console = Console(
        file=buffer,
        force_terminal=fancy,
        no_color=not fancy,
        color_system="auto" if fancy else None,
        width=width,
        highlight=False,
        emoji=False,
    )
    if not fancy:
        table.box = box.ASCII
    console.print(table)
    for line in extra:
        console.print(line)
    text = buffer.getvalue()
    if not fancy:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text


def _days_left(timeline: Timeline, event: Event) -> tuple[Text, Text]:
    status = timeline.status(event)
    style = _STATUS_STYLE[status]
    return Text(str(timeline.days_left(event)), style=style), Text(status, style=style)


def timeline_table(timeline: Timeline, *, explain: bool, fancy: bool, case: str = "") -> str:
    title = f"{timeline.pack.name} - ruling {show(timeline.inputs.ruling)}"
    if case:
        title = f"{case}: {title}"
    table = Table(
        title=title,
        title_justify="left",
        caption=f"days left counted from {show(timeline.as_of)}",
        caption_justify="left",
    )
    table.add_column("Event", style="bold" if fancy else None)
    table.add_column("Date", no_wrap=True)
    table.add_column("Latest", no_wrap=True)
    table.add_column("Rule")
    table.add_column("Days left", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for event in timeline.events:
        latest = show(event.latest) if event.is_range else ""
        rule = event.basis + _CERTAINTY_MARK.get(event.certainty, "")
        date_cell = Text(show(event.date), style="bold green" if event.deadline and fancy else "")
        trace = [(s, "") for s in event.steps] + [(s, "latest: ") for s in event.steps_latest]
        table.add_row(
            Text(event.label),
            date_cell,
            Text(latest),
            Text(rule),
            *_days_left(timeline, event),
            end_section=explain and not trace,
        )
        if explain:
            for n, (step, prefix) in enumerate(trace, 1):
                table.add_row(
                    "",
                    Text(show(step.date), style="dim"),
                    "",
                    Text(prefix + step.text, style="dim"),
                    "",
                    "",
                    end_section=n == len(trace),
                )
    return _render(table, fancy)


def holidays_table(calendar: KazakhCalendar, year: int, *, fancy: bool) -> str:
    table = Table(
        title=f"Days off in Kazakhstan, {year} (besides ordinary weekends)", title_justify="left"
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Name")
    table.add_column("Kind")
    for off in calendar.days_off(year):
        table.add_row(show(off.date), Text(off.name), off.kind.value.replace("_", " "))
    weekend = calendar.working_weekend_days(year)
    extra: list[Text] = []
    if weekend:
        extra.append(Text("Weekend days made working days:"))
        extra += [Text(f"  {show(d.date)}  {d.name}") for d in weekend]
    else:
        extra.append(Text("Weekend days made working days: none known"))
    return _render(table, fancy, *extra)


def packs_table(packs: list[Pack], *, fancy: bool) -> str:
    table = Table(title="Procedure packs", title_justify="left")
    table.add_column("Pack", no_wrap=True)
    table.add_column("Name")
    table.add_column("Events")
    for pack in packs:
        table.add_row(Text(pack.id), Text(pack.name), ", ".join(s.id for s in pack.steps))
    return _render(table, fancy)


def pack_table(pack: Pack, *, fancy: bool) -> str:
    table = Table(title=f"{pack.id}: {pack.name}", title_justify="left", show_lines=True)
    table.add_column("Event", no_wrap=True)
    table.add_column("Rule")
    table.add_column("Basis")
    table.add_column("Certainty", no_wrap=True)
    table.add_row("ruling", Text(pack.ruling_label), Text(pack.ruling.basis), pack.ruling.certainty)
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
            table.add_row(
                Text(step.id if n == 0 else ""),
                Text(how),
                Text(f"{rule.basis}\n{rule.source.url}"),
                rule.certainty,
            )
    return _render(table, fancy)
