"""The ``deadline`` command: parse and check input, call the core, pick a renderer.

Exit codes: 0 done; 1 some batch rows failed; 2 bad input (one line on stderr, nothing on
stdout); 3 a deadline falls within --alert-within days.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from deadline_cli import __version__
from deadline_cli.errors import DeadlineError, fail, reported
from deadline_cli.i18n import choose, msg
from deadline_cli.run import (
    EXIT_ALERT,
    EXIT_ROWS_FAILED,
    ComputeRequest,
    alerting,
    choose_pack,
    emit,
    for_people,
    optional_date,
    reminders,
    run_compute,
    warn,
)


class _Group(TyperGroup):
    """Turns every error a user can cause into one line on stderr and exit code 2."""

    def main(self, args: Any = None, prog_name: str | None = None, *a: Any, **kw: Any) -> Any:
        kw["standalone_mode"] = False
        with reported():
            try:
                result = super().main(args, prog_name or "deadline", *a, **kw)
            except typer.Exit as exc:
                sys.exit(exc.exit_code)
            except TyperException as exc:  # usage errors: unknown option, bad choice, ...
                if type(exc).__name__ == "NoArgsIsHelpError":
                    sys.stderr.write(exc.format_message() + "\n")
                    sys.exit(2)
                fail(exc.format_message())
            except typer.Abort:
                sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_Group,
    help="Court deadlines for Kazakhstan: appeal, entry into force and exit dates, each with "
    "the article that produced it and the counting trace.\n\n"
    "Exit codes: 0 done; 1 some batch rows failed (each reported on stderr); 2 bad input "
    "(one line on stderr, nothing on stdout); 3 a deadline falls within --alert-within days "
    "(takes precedence over 1).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    table = "table"
    json = "json"


class CaseFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"


class BatchFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"


class InputFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


# Options shared by several commands.
RulesFile = Annotated[
    str | None,
    typer.Option(
        "--rules",
        help="A procedure pack from a TOML file (schema: see the README); in batch, the pack "
        "for rows with no procedure column.",
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language for people: en, ru or kk (default: $DEADLINE_LANG, else en). Machine "
        "fields (ids, ISO dates, codes) never change.",
    ),
]
CalendarFile = Annotated[
    str | None,
    typer.Option(
        "--calendar",
        help="Calendar overrides (TOML days_off / working_days; default: $DEADLINE_CALENDAR, "
        "else calendar.toml in the user config directory).",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(help="Count days left from this day (default: today in Kazakhstan, UTC+5)."),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"deadline {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Court deadlines for Kazakhstan."""


@app.command()
def compute(
    ruling: Annotated[
        str, typer.Argument(help="The day the decision was announced: YYYY-MM-DD or DD.MM.YYYY.")
    ],
    procedure: Annotated[
        str | None,
        typer.Option(
            "--procedure",
            "-p",
            help="Procedure pack (default refugee): refugee, administrative, civil, criminal, "
            "offence, admin-suit. 'deadline rules' lists them.",
        ),
    ] = None,
    final_form: Annotated[
        str | None,
        typer.Option(
            help="The day the decision was made in final form. Without it every later date is a "
            "range from the earliest to the latest the law allows."
        ),
    ] = None,
    appeal_ruling: Annotated[
        str | None,
        typer.Option(
            help="An appeal was decided on this day: the decision enters into force then."
        ),
    ] = None,
    appeal_served: Annotated[
        str | None,
        typer.Option(
            help="APPC, appellate acts announced 1 July 2021 - 30 June 2025: the day the "
            "appellate act in final form was delivered."
        ),
    ] = None,
    served: Annotated[
        str | None,
        typer.Option(
            help="A copy was delivered (served) on this day: the criminal appeal of a detained "
            "convict, the offence complaint, the admin-suit, and the civil appeal of a person "
            "who did not take part run from it."
        ),
    ] = None,
    in_force: Annotated[
        str | None, typer.Option(help="The decision's entry into force is known: this day.")
    ] = None,
    immediate: Annotated[
        bool,
        typer.Option(
            help="The decision entered into force on announcement (or was turned to immediate "
            "execution)."
        ),
    ] = False,
    exit_from: Annotated[
        str | None,
        typer.Option(
            help="Refugee exit rule: count from entry-into-force (default) or from the decision "
            "(the ruling, or the appeal ruling when there is one)."
        ),
    ] = None,
    exit_period: Annotated[
        str | None,
        typer.Option(
            help="Refugee exit rule: '30 days' (default) or '1 month' (the statute's 2009 "
            "wording). The output names the reading used."
        ),
    ] = None,
    calendar_file: CalendarFile = None,
    rules_file: RulesFile = None,
    output_format: Annotated[
        CaseFormat,
        typer.Option(
            "--format",
            "-f",
            help="table for people; json, jsonl, csv or ics for scripts and calendars.",
        ),
    ] = CaseFormat.table,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Show the counting trace under each date.")
    ] = False,
    as_of: AsOf = None,
    case: Annotated[
        str, typer.Option(help="A name for the case, shown in every format (ICS, CSV, JSON).")
    ] = "",
    remind: Annotated[
        str, typer.Option(help="ICS reminders: days before each deadline, comma-separated.")
    ] = "7,1",
    alert_within: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Exit with code 3 when a deadline falls between the as-of day and N days "
            "after it, inclusive.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No warnings on stderr (JSON keeps them).")
    ] = False,
    lang: Language = None,
) -> None:
    """Compute the appeal deadline, entry into force and (refugee) the last day to leave.

    Exit codes: 0 done; 2 bad input; 3 a deadline within --alert-within days.
    """
    request = ComputeRequest(
        ruling=ruling,
        procedure=procedure,
        final_form=final_form,
        appeal_ruling=appeal_ruling,
        appeal_served=appeal_served,
        served=served,
        in_force=in_force,
        immediate=immediate,
        exit_from=exit_from,
        exit_period=exit_period,
        calendar_file=calendar_file,
        rules_file=rules_file,
        lang=lang,
        output_format=output_format.value,
        explain=explain,
        as_of=as_of,
        case=case,
        remind=remind,
        alert_within=alert_within,
        quiet=quiet,
    )
    code = run_compute(request)
    if code:
        raise typer.Exit(code)


@app.command()
def batch(
    source: Annotated[
        str,
        typer.Argument(
            metavar="[FILE|-]", help="Cases as CSV (with a header) or JSON Lines; - for stdin."
        ),
    ] = "-",
    input_format: Annotated[
        InputFormat | None,
        typer.Option(help="csv or jsonl (default: from the file name; csv for stdin)."),
    ] = None,
    output_format: Annotated[
        BatchFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one object per case), csv (one row per case) or ics (one calendar).",
        ),
    ] = BatchFormat.jsonl,
    procedure: Annotated[
        str | None,
        typer.Option(
            "--procedure", "-p", help="Pack for rows with no procedure (default refugee)."
        ),
    ] = None,
    calendar_file: CalendarFile = None,
    rules_file: RulesFile = None,
    as_of: AsOf = None,
    remind: Annotated[str, typer.Option(help="ICS reminders, days before.")] = "7,1",
    alert_within: Annotated[
        int | None,
        typer.Option(
            min=0, help="Exit with code 3 when a deadline of any case falls within N days."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    lang: Language = None,
) -> None:
    """Compute many cases in one process. Columns: id, ruling, procedure, final_form,
    appeal_ruling, appeal_served, served, in_force, immediate, exit_from, exit_period (others
    are ignored; empty means absent).

    A bad row is reported on stderr as 'row N (id X): message' and left out of stdout.
    Exit codes: 0 all rows done; 1 some rows failed; 2 bad input; 3 a deadline within
    --alert-within days."""
    from deadline_cli.batch import BatchRunner, read_rows
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.overrides import calendar_for

    # An unknown default pack or a broken file is a usage error, before any row.
    default_pack = choose_pack(procedure, rules_file)
    calendar = calendar_for(calendar_file)
    ics_reminders = reminders(remind)
    today = optional_date(as_of, "--as-of") or today_in_kazakhstan()
    fmt = (
        input_format.value
        if input_format
        else ("jsonl" if source.endswith((".jsonl", ".ndjson")) else "csv")
    )
    stream = _open_input(source)
    runner = BatchRunner(
        calendar, today, default_pack.id, user_pack=default_pack if rules_file else None
    )
    results = runner.run(read_rows(stream, fmt))
    failed = alert = 0
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    writer = _BatchWriter(output_format, ics_reminders, default_pack, choose(lang))
    for result in results:
        progress.tick()
        if result.timeline is None:
            failed += 1
            label = f" (id {result.case_id})" if result.case_id else ""
            sys.stderr.write(f"row {result.row}{label}: {result.error}\n")
            continue
        if alert_within is not None and alerting(result.timeline, alert_within):
            alert += 1
        writer.write(result.row, result.case_id, result.timeline)
    writer.finish()
    sys.stdout.flush()
    progress.done()
    if failed and not quiet:
        sys.stderr.write(f"{failed} row(s) failed\n")
    if alert:
        raise typer.Exit(EXIT_ALERT)
    if failed:
        raise typer.Exit(EXIT_ROWS_FAILED)


class _BatchWriter:
    """Streams each good case to stdout in the chosen format (ICS: one calendar at the end)."""

    def __init__(
        self, output_format: BatchFormat, reminders: tuple[int, ...], pack: Any, lang: Any
    ) -> None:
        from deadline_cli.render.csvout import batch_header
        from deadline_cli.rules import BUILTIN_PACKS, load_pack

        self.lang = lang
        self.format = output_format
        self.reminders = reminders
        self.ics_cases: list[tuple[str, Any]] = []
        self.event_ids: list[str] = []
        self.rendered: dict[int, tuple[Any, str]] = {}
        if output_format is BatchFormat.csv:
            seen: dict[str, None] = {"ruling": None}
            for known in (pack, *(load_pack(p) for p in BUILTIN_PACKS)):
                seen.update((s.id, None) for s in known.steps)
            header, self.event_ids = batch_header(seen)
            sys.stdout.write(header)

    def write(self, row: int, case_id: str, timeline: Any) -> None:
        if self.format is BatchFormat.csv:
            from deadline_cli.render.csvout import batch_columns, csv_field

            # Timelines are memoised by the batch runner: render each distinct one once.
            cached = self.rendered.get(id(timeline))
            if cached is None or cached[0] is not timeline:
                if len(self.rendered) > 4096:
                    self.rendered.clear()
                cached = self.rendered[id(timeline)] = (
                    timeline,
                    batch_columns(timeline, self.event_ids),
                )
            sys.stdout.write(csv_field(case_id) + "," + cached[1])
        elif self.format is BatchFormat.jsonl:
            from deadline_cli.render.data import timeline_dict
            from deadline_cli.render.json import dumps_line

            data = timeline_dict(timeline, self.lang)
            sys.stdout.write(dumps_line({"id": case_id, "row": row, **data}))
        else:
            self.ics_cases.append((case_id, timeline))

    def finish(self) -> None:
        if self.format is BatchFormat.ics:
            from deadline_cli.render.ics import calendar_ics

            sys.stdout.write(calendar_ics(self.ics_cases, self.reminders, self.lang))


def _open_input(source: str) -> Any:
    if source == "-":
        return sys.stdin
    try:
        return open(source, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DeadlineError(f"cannot read {source}: {exc.strerror}") from None


class _Progress:
    """A row counter on stderr, for a terminal only: pipes and files never see it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 1000 == 0:
            sys.stderr.write(f"\r{self.count} rows")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.count >= 1000:
            sys.stderr.write(f"\r{self.count} rows\n")


@app.command()
def holidays(
    year: Annotated[
        int | None, typer.Argument(help="The year (default: this year in Kazakhstan).")
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    calendar_file: CalendarFile = None,
    lang: Language = None,
) -> None:
    """List the days off of a year (holidays, moved holidays, days off by order, overrides)
    and the days made working days, each with its source."""
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.overrides import calendar_for
    from deadline_cli.render.data import holidays_dict

    calendar = calendar_for(calendar_file)
    chosen = year if year is not None else today_in_kazakhstan().year
    language = choose(lang)
    data = holidays_dict(calendar, chosen, language)  # raises for a year outside it
    if output_format is Format.json:
        from deadline_cli.render.json import dumps

        emit(dumps(data))
        return
    from deadline_cli.render.grid import holidays_grid

    emit(for_people(holidays_grid(calendar, chosen, language)))
    warn(language, data["warnings"])


@app.command()
def rules(
    pack_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[PACK | check FILE]",
            help="A pack to show in full (default: list the packs); 'check FILE' validates a "
            "pack file.",
        ),
    ] = None,
    file: Annotated[str | None, typer.Argument(metavar="", hidden=True)] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    lang: Language = None,
) -> None:
    """Show the procedure packs and their steps, with articles and links, or check a pack file
    (deadline rules check FILE: exit 0 when valid, 2 naming the field and the problem)."""
    from deadline_cli.render.data import pack_dict
    from deadline_cli.rules import BUILTIN_PACKS, load_pack, load_pack_file

    language = choose(lang)

    if pack_id == "check":
        if file is None:
            raise DeadlineError("rules check: give the pack file to check")
        from pathlib import Path

        pack = load_pack_file(Path(file))
        if output_format is Format.json:
            from deadline_cli.render.json import dumps

            emit(dumps({"valid": True, "file": file, "pack": pack_dict(pack, language)}))
        else:
            name = language.say(pack.name)
            line = language("rules_check_valid", file=file, pack=pack.id, name=name)
            emit(f"{line}\n")
        return
    if file is not None:
        raise DeadlineError(f"rules: unexpected argument {file!r}")
    packs = [load_pack(pack_id)] if pack_id else [load_pack(p) for p in BUILTIN_PACKS]
    if output_format is Format.json:
        from deadline_cli.render.json import dumps

        data: Any = (
            pack_dict(packs[0], language) if pack_id else [pack_dict(p, language) for p in packs]
        )
        emit(dumps(data))
        return
    from deadline_cli.render.grid import pack_grid, packs_grid

    emit(for_people(pack_grid(packs[0], language) if pack_id else packs_grid(packs, language)))


@app.command()
def add(
    start: Annotated[str, typer.Argument(help="The day the term counts from (day 0).")],
    period: Annotated[
        str,
        typer.Argument(help="'15 days', '10 working days', '2 months', '1 year'."),
    ],
    no_roll: Annotated[
        bool,
        typer.Option("--no-roll", help="Keep a last day that is not a working day (no rolling)."),
    ] = False,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    calendar_file: CalendarFile = None,
    lang: Language = None,
) -> None:
    """Count any term by the same rules: the day after START is day 1; a last day that is not a
    working day rolls forward to the next working day. Prints the last day and its trace."""
    from deadline_cli.dates import parse_date
    from deadline_cli.overrides import calendar_for
    from deadline_cli.periods import Period, count_term
    from deadline_cli.render.data import steps_list
    from deadline_cli.timeline import calendar_span, calendar_warnings

    language = choose(lang)
    trigger = parse_date(start, "start date")
    term = Period.parse(period)
    calendar = calendar_for(calendar_file)
    calendar.is_working_day(trigger)  # a year outside the calendar is refused first
    counted = count_term(trigger, term, calendar, roll=not no_roll, trigger_label=msg("add_start"))
    # The same checks as compute: an estimated holiday or provisional year in the span.
    span = calendar_span(counted, roll=not no_roll)
    spans = [(msg("add_label"), *span)] if span else []
    warnings = [language.say(w) for w in calendar_warnings(calendar, spans)]
    basis = language("add_basis")
    if output_format is Format.json:
        from deadline_cli.render.json import dumps

        emit(
            dumps(
                {
                    "start": trigger.isoformat(),
                    "period": str(term),
                    "roll": not no_roll,
                    "date": counted.end.isoformat(),
                    "nominal": counted.nominal.isoformat(),
                    "basis": basis,
                    "steps": steps_list(counted.steps, language),
                    "warnings": warnings,
                }
            )
        )
        return
    lines = [language("add_header", date=counted.end, period=term, start=trigger), basis]
    lines += [f"  {language.day(s.date)}  {language.say(s.msg)}" for s in counted.steps]
    emit("\n".join(lines) + "\n")
    warn(language, warnings)


def main() -> None:
    """The full command line (Typer). ``deadline_cli.entry.main`` is the installed entry."""
    app()
