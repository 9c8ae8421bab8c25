"""The work of ``deadline compute``, free of the command-line framework.

Both the Typer command and the quick start path (``deadline_cli.entry``) call
:func:`run_compute`, so a command parsed either way does exactly the same thing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

from deadline_cli.errors import DeadlineError

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_ALERT = 3

CASE_FORMATS = ("table", "json", "jsonl", "csv", "ics")


@dataclass
class ComputeRequest:
    """The options of ``deadline compute``, as typed on the command line."""

    ruling: str
    procedure: str | None = None
    final_form: str | None = None
    appeal_ruling: str | None = None
    appeal_served: str | None = None
    served: str | None = None
    in_force: str | None = None
    immediate: bool = False
    exit_from: str | None = None
    exit_period: str | None = None
    calendar_file: str | None = None
    rules_file: str | None = None
    lang: str | None = None
    output_format: str = "table"
    explain: bool = False
    as_of: str | None = None
    case: str = ""
    remind: str = "7,1"
    alert_within: int | None = None
    quiet: bool = False


def optional_date(value: str | None, what: str) -> date | None:
    from deadline_cli.dates import parse_date

    return None if value is None else parse_date(value, what)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def reminders(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise DeadlineError(f"--remind {text!r}: write days as numbers, e.g. 14,3,1") from None
    if any(d < 0 for d in days):
        raise DeadlineError(f"--remind {text!r}: days before a deadline cannot be negative")
    return days


def choose_pack(procedure: str | None, rules_file: str | None) -> Any:
    """A built-in pack by --procedure, or a user's pack from --rules FILE."""
    from deadline_cli.rules import DEFAULT_PACK, load_pack, load_pack_file

    if rules_file is None:
        return load_pack(procedure or DEFAULT_PACK)
    from pathlib import Path

    pack = load_pack_file(Path(rules_file))
    if procedure is not None and procedure != pack.id:
        raise DeadlineError(
            f"--procedure {procedure} and --rules {rules_file} (pack {pack.id!r}): give one"
        )
    return pack


def alerting(timeline: Any, within: int) -> bool:
    """A deadline event between the as-of day and ``within`` days after it, inclusive."""
    return any(e.deadline and 0 <= timeline.days_left(e) <= within for e in timeline.events)


def run_compute(request: ComputeRequest) -> int:
    """Compute one case and print it; the exit code (0, or 3 for an alert)."""
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.i18n import choose
    from deadline_cli.overrides import calendar_for
    from deadline_cli.timeline import CaseInputs, build_timeline

    if request.output_format not in CASE_FORMATS:
        raise DeadlineError(f"unknown format {request.output_format!r}")
    lang = choose(request.lang)
    ruling_day = optional_date(request.ruling, "ruling date")
    assert ruling_day is not None
    inputs = CaseInputs(
        ruling=ruling_day,
        final_form=optional_date(request.final_form, "--final-form"),
        appeal_ruling=optional_date(request.appeal_ruling, "--appeal-ruling"),
        appeal_served=optional_date(request.appeal_served, "--appeal-served"),
        served=optional_date(request.served, "--served"),
        in_force=optional_date(request.in_force, "--in-force"),
        immediate=request.immediate,
        exit_from=request.exit_from,
        exit_period=request.exit_period,
    )
    ics_reminders = reminders(request.remind)
    pack = choose_pack(request.procedure, request.rules_file)
    today = optional_date(request.as_of, "--as-of") or today_in_kazakhstan()
    timeline = build_timeline(pack, inputs, calendar_for(request.calendar_file), today)

    fmt, case = request.output_format, request.case
    if fmt in ("json", "jsonl"):
        from deadline_cli.render.data import timeline_dict
        from deadline_cli.render.json import dumps, dumps_line

        found = timeline_dict(timeline, lang)
        data = {"case": case, **found} if case else found
        emit(dumps(data) if fmt == "json" else dumps_line(data))
    elif fmt == "csv":
        from deadline_cli.render.csvout import timeline_csv

        emit(timeline_csv(timeline, case, lang))
    elif fmt == "ics":
        from deadline_cli.render.ics import calendar_ics

        emit(calendar_ics([(case, timeline)], ics_reminders, lang))
    else:
        from deadline_cli.render.grid import timeline_grid

        emit(for_people(timeline_grid(timeline, lang, explain=request.explain, case=case)))
    if fmt in ("table", "csv", "ics") and not request.quiet:
        warn(lang, timeline.warnings)
    if request.alert_within is not None and alerting(timeline, request.alert_within):
        return EXIT_ALERT
    return EXIT_OK


def warn(lang: Any, warnings: Any) -> None:
    """Warnings on stderr, one per line, in the chosen language."""
    for warning in warnings:
        sys.stderr.write(lang("warning", text=lang.say(warning)) + "\n")


def for_people(grid: Any) -> str:
    """A table for people: Rich on a terminal, plain text (no Rich import) anywhere else."""
    if is_fancy():
        from deadline_cli.render.table import grid_rich

        return grid_rich(grid)
    from deadline_cli.render.plain import grid_text

    return grid_text(grid)


def is_fancy() -> bool:
    """Colour and box drawing only for a terminal, and never when NO_COLOR is set."""
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
