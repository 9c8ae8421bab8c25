"""The ``deadline`` command: parse and check input, call the core, pick a renderer.

Exit codes: 0 done; 2 bad input (one line on stderr, nothing on stdout).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from deadline_cli import __version__
from deadline_cli.errors import DeadlineError


class _Group(TyperGroup):
    """Turns every error a user can cause into one line on stderr and exit code 2."""

    def main(self, args: Any = None, prog_name: str | None = None, *a: Any, **kw: Any) -> Any:
        kw["standalone_mode"] = False
        try:
            result = super().main(args, prog_name or "deadline", *a, **kw)
        except typer.Exit as exc:
            sys.exit(exc.exit_code)
        except TyperException as exc:  # usage errors: unknown option, bad choice, missing value
            if type(exc).__name__ == "NoArgsIsHelpError":
                sys.stderr.write(exc.format_message() + "\n")
                sys.exit(2)
            _fail(exc.format_message())
        except typer.Abort:
            sys.exit(130)
        except DeadlineError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            sys.exit(0)
        sys.exit(result if isinstance(result, int) else 0)


def _fail(message: str) -> NoReturn:
    first = " ".join(message.split())
    sys.stderr.write(f"deadline: error: {first}\n")
    sys.exit(2)


app = typer.Typer(
    cls=_Group,
    help="Court deadlines for Kazakhstan: appeal, entry into force and exit dates, each with "
    "the article that produced it and the counting trace.\n\n"
    "Exit codes: 0 done; 2 bad input (one line on stderr, nothing on stdout).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    table = "table"
    json = "json"


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


@contextmanager
def _user_errors() -> Iterator[None]:
    """In a command: a DeadlineError becomes one stderr line and exit 2, under CliRunner too."""
    try:
        yield
    except DeadlineError as exc:
        _fail(str(exc))


def _date(value: str | None, what: str) -> date | None:
    from deadline_cli.dates import parse_date

    return None if value is None else parse_date(value, what)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command()
def compute(
    ruling: Annotated[
        str, typer.Argument(help="The day the decision was announced: YYYY-MM-DD or DD.MM.YYYY.")
    ],
    procedure: Annotated[
        str,
        typer.Option("--procedure", "-p", help="Procedure pack: refugee, administrative or civil."),
    ] = "refugee",
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
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="table for people, json for scripts.")
    ] = Format.table,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Show the counting trace under each date.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(help="Count days left from this day (default: today in Kazakhstan, UTC+5)."),
    ] = None,
) -> None:
    """Compute the appeal deadline, entry into force and (refugee) the last day to leave."""
    with _user_errors():
        from deadline_cli.calendar import KazakhCalendar
        from deadline_cli.dates import today_in_kazakhstan
        from deadline_cli.rules import load_pack
        from deadline_cli.timeline import CaseInputs, build_timeline

        ruling_day = _date(ruling, "ruling date")
        assert ruling_day is not None
        inputs = CaseInputs(
            ruling=ruling_day,
            final_form=_date(final_form, "--final-form"),
            appeal_ruling=_date(appeal_ruling, "--appeal-ruling"),
            appeal_served=_date(appeal_served, "--appeal-served"),
            in_force=_date(in_force, "--in-force"),
            immediate=immediate,
        )
        pack = load_pack(procedure)
        today = _date(as_of, "--as-of") or today_in_kazakhstan()
        timeline = build_timeline(pack, inputs, KazakhCalendar(), today)

        if output_format is Format.json:
            from deadline_cli.render.data import timeline_dict
            from deadline_cli.render.json import dumps

            _emit(dumps(timeline_dict(timeline)))
            return
        from deadline_cli.render.table import fancy_output, timeline_table

        _emit(timeline_table(timeline, explain=explain, fancy=fancy_output(_is_terminal())))
        for warning in timeline.warnings:
            sys.stderr.write(f"warning: {warning}\n")


@app.command()
def holidays(
    year: Annotated[
        int | None, typer.Argument(help="The year (default: this year in Kazakhstan).")
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List the days off of a year (holidays, moved holidays, days off by order) and the
    weekend days made working days."""
    with _user_errors():
        from deadline_cli.calendar import KazakhCalendar
        from deadline_cli.dates import today_in_kazakhstan
        from deadline_cli.render.data import holidays_dict

        calendar = KazakhCalendar()
        chosen = year if year is not None else today_in_kazakhstan().year
        data = holidays_dict(calendar, chosen)  # raises first for a year outside the calendar
        if output_format is Format.json:
            from deadline_cli.render.json import dumps

            _emit(dumps(data))
            return
        from deadline_cli.render.table import fancy_output, holidays_table

        _emit(holidays_table(calendar, chosen, fancy=fancy_output(_is_terminal())))
        for warning in data["warnings"]:
            sys.stderr.write(f"warning: {warning}\n")


@app.command()
def rules(
    pack_id: Annotated[
        str | None,
        typer.Argument(metavar="[PACK]", help="A pack to show in full (default: list the packs)."),
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Show the procedure packs and their steps, with articles and links."""
    with _user_errors():
        from deadline_cli.render.data import pack_dict
        from deadline_cli.rules import BUILTIN_PACKS, load_pack

        packs = [load_pack(pack_id)] if pack_id else [load_pack(p) for p in BUILTIN_PACKS]
        if output_format is Format.json:
            from deadline_cli.render.json import dumps

            data: Any = pack_dict(packs[0]) if pack_id else [pack_dict(p) for p in packs]
            _emit(dumps(data))
            return
        from deadline_cli.render.table import fancy_output, pack_table, packs_table

        fancy = fancy_output(_is_terminal())
        _emit(pack_table(packs[0], fancy=fancy) if pack_id else packs_table(packs, fancy=fancy))


def main() -> None:
    app()
