"""The options the commands share, declared once: formats, files, language, dates.

Each is an ``Annotated`` type for a Typer parameter; the commands in :mod:`deadline_cli.cli`
name them and dispatch.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from deadline_cli.i18n import LANGUAGES


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
    xlsx = "xlsx"


class AgendaFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"
    xlsx = "xlsx"


class ReadFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class InputFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def complete_packs(incomplete: str) -> list[str]:
    from deadline_cli.rules import BUILTIN_PACKS

    return [p for p in BUILTIN_PACKS if p.startswith(incomplete)]


def complete_languages(incomplete: str) -> list[str]:
    return [code for code in LANGUAGES if code.startswith(incomplete)]


def complete_entries(incomplete: str) -> list[str]:
    from deadline_cli.rules import DATE_INPUTS

    return [n.replace("_", "-") for n in DATE_INPUTS if n.replace("_", "-").startswith(incomplete)]


def complete_kinds(incomplete: str) -> list[str]:
    from deadline_cli.rules import BUILTIN_PACKS, load_pack

    found: list[str] = []
    for pack_id in BUILTIN_PACKS:
        choice = load_pack(pack_id).choice
        if choice is not None:
            found += [k.id for k in choice.kinds if k.id.startswith(incomplete)]
    return sorted(set(found))


# Options shared by several commands.
Procedure = Annotated[
    str | None,
    typer.Option(
        "--procedure",
        "-p",
        metavar="PACK",
        help="Procedure pack (default refugee); 'deadline rules' lists them.",
        autocompletion=complete_packs,
    ),
]
RulesFile = Annotated[
    str | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        help="A procedure pack from a TOML file (schema: see the README); in batch, the pack "
        "for rows with no procedure column.",
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language for people: en, ru or kk (default: $DEADLINE_LANG, else en). Machine "
        "fields (ids, ISO dates, codes) never change.",
        autocompletion=complete_languages,
    ),
]
CalendarFile = Annotated[
    str | None,
    typer.Option(
        "--calendar",
        metavar="FILE",
        help="Calendar overrides (TOML days_off / working_days; default: $DEADLINE_CALENDAR, "
        "else calendar.toml in the user config directory).",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Count days left from this day (default: today in Kazakhstan, UTC+5).",
    ),
]
Remind = Annotated[
    str,
    typer.Option(
        metavar="DAYS",
        help="ICS reminders: days before each deadline, comma-separated (e.g. 14,3,1).",
    ),
]
AlertWithin = Annotated[
    int | None,
    typer.Option(
        min=0,
        max=100000,
        metavar="N",
        help="Exit with code 3 when a deadline falls between the as-of day and N days after "
        "it, inclusive.",
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No warnings or summary on stderr (JSON keeps them).")
]
OutputEncoding = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Write CSV in this encoding (e.g. windows-1251 for an old Excel); default UTF-8.",
    ),
]
Excel = Annotated[
    bool,
    typer.Option(
        "--excel", help="CSV as Excel opens it: UTF-8 with a BOM, ';' between fields, CRLF."
    ),
]
Delimiter = Annotated[
    str | None,
    typer.Option(
        metavar="SEP",
        help="CSV input: the field separator (',', ';' or 'tab'); default: detected from the "
        "header line.",
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Input encoding (e.g. windows-1251); default UTF-8, with Windows-1251 for lines "
        "that are not UTF-8 (said on stderr).",
    ),
]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(help="csv or jsonl (default: from the file name; csv for stdin)."),
]
ErrorsFile = Annotated[
    str | None,
    typer.Option(
        "--errors",
        metavar="FILE",
        help="Write the failed rows (row, id, message, the original line) to FILE as CSV, to "
        "fix and run again.",
    ),
]
Source = Annotated[
    str,
    typer.Argument(
        metavar="[FILE|-]", help="Cases as CSV (with a header) or JSON Lines; - for stdin."
    ),
]


def date_option(help_text: str) -> Any:
    return typer.Option(metavar="DATE", help=help_text)


Sheet = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME|N",
        help="A workbook's sheet, by name or number (default: the first whose header the "
        "tool knows).",
    ),
]
OutputFile = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Where --format xlsx writes the workbook (else stdout, when it is a pipe).",
    ),
]
