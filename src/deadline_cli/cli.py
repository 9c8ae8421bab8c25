"""The ``deadline`` command: parse and check input, call the core, pick a renderer.

Exit codes: 0 done; 1 some batch rows failed; 2 bad input (one line on stderr, nothing on
stdout); 3 a deadline falls within --alert-within days; 70 a bug of ours; 74 the output could
not be written; 130 interrupted; 141 the reader of a pipe went away.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from deadline_cli import __version__
from deadline_cli.errors import (
    EXIT_BAD_INPUT,
    choose,
    fail,
    reported,
    write_err,
)
from deadline_cli.helpfmt import Command as HelpCommand
from deadline_cli.helpfmt import Group as HelpGroup
from deadline_cli.options import (
    AgendaFormat,
    AlertWithin,
    AsOf,
    BatchFormat,
    CalendarFile,
    CaseFormat,
    Delimiter,
    Encoding,
    ErrorsFile,
    Excel,
    Format,
    InputFormatOption,
    Language,
    OutputEncoding,
    OutputFile,
    Procedure,
    Quiet,
    ReadFormat,
    Remind,
    RulesFile,
    Sheet,
    Source,
    complete_entries,
    complete_kinds,
    complete_packs,
    date_option,
)
from deadline_cli.run import (
    ComputeRequest,
    optional_date,
    run_add,
    run_compute,
)

EXIT_CODES = (
    "Exit codes: 0 done; 1 some batch rows failed (each reported on stderr); 2 bad input (one "
    "line on stderr, nothing on stdout); 3 a deadline falls within --alert-within days (takes "
    "precedence over 1); 70 a bug in deadline-cli (please report it); 74 the output could not "
    "be written (a full disk, a closed stdout); 130 interrupted; 141 the reader of the output "
    "went away (| head)."
)


class _Group(HelpGroup):
    """Turns every error a user can cause into one line on stderr and exit code 2."""

    def main(self, args: Any = None, prog_name: str | None = None, *a: Any, **kw: Any) -> Any:
        from deadline_cli.output import prepare

        kw["standalone_mode"] = False
        prepare(list(args) if args is not None else sys.argv[1:])
        with reported():
            try:
                result = super().main(args, prog_name or "deadline", *a, **kw)
            except typer.Exit as exc:
                sys.exit(exc.exit_code)
            except TyperException as exc:  # usage errors: unknown option, bad choice, ...
                if type(exc).__name__ == "NoArgsIsHelpError":
                    write_err(exc.format_message())
                    sys.exit(EXIT_BAD_INPUT)
                fail(exc.format_message())
            except typer.Abort:
                from deadline_cli.errors import interrupted

                interrupted()
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_Group,
    help="Court deadlines for Kazakhstan: appeal, entry into force and exit dates, each with "
    "the article that produced it and the counting trace.\n\n" + EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from deadline_cli.output import emit

        emit(f"deadline {__version__}\n")
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


@app.command(cls=HelpCommand, epilog=EXIT_CODES)
def compute(
    start_date: Annotated[
        str,
        typer.Argument(
            metavar="DATE",
            help="The date the case starts from: the decision announced, or the point named "
            "by --from. YYYY-MM-DD or DD.MM.YYYY.",
        ),
    ],
    procedure: Procedure = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="POINT",
            help="What DATE is, for a pack that starts at several points (refugee-path: "
            "refusal, served, complaint-decided, ruling, appeal-ruling).",
            autocompletion=complete_entries,
        ),
    ] = None,
    refusal: Annotated[
        str | None, date_option("refugee-path: the refusal by the local executive body.")
    ] = None,
    notified: Annotated[
        str | None,
        date_option(
            "refugee-path, admin-suit act: the act was brought to the person's notice before "
            "its copy was delivered; the earlier of the two starts the term (APPC 136(1))."
        ),
    ] = None,
    served: Annotated[
        str | None,
        date_option(
            "A copy was delivered: of the refusal (refugee-path), of the decision on the "
            "complaint or the act (admin-suit), of the offence decision, of the verdict to a "
            "detained convict, of a decision in an asset-recovery dispute (civil)."
        ),
    ] = None,
    copy_sent: Annotated[
        str | None,
        date_option(
            "civil, administrative: a copy of the decision was sent to a person who did not "
            "take part in the case; their appeal term runs from it (GPK 403(3))."
        ),
    ] = None,
    complaint_filed: Annotated[
        str | None,
        date_option(
            "refugee-path, admin-suit pretrial: the pre-trial complaint was registered (the "
            "higher body must decide it within 20 working days, APPC 99)."
        ),
    ] = None,
    complaint_decided: Annotated[
        str | None,
        date_option("refugee-path: the higher body decided the pre-trial complaint."),
    ] = None,
    complaint_served: Annotated[
        str | None, date_option("refugee-path: that decision on the complaint was delivered.")
    ] = None,
    filed: Annotated[
        str | None,
        date_option(
            "The suit was filed and the case accepted by the court (decides the law version of "
            "an administrative case; refugee-path checks it against the last day to sue)."
        ),
    ] = None,
    ruling: Annotated[
        str | None,
        date_option("The court's decision, when DATE is an earlier point (refugee-path)."),
    ] = None,
    final_form: Annotated[
        str | None,
        date_option(
            "The decision was made in final form. Without it every later date is a range "
            "from the earliest to the latest the law allows."
        ),
    ] = None,
    appeal_ruling: Annotated[
        str | None,
        date_option(
            "An appeal was decided (the appellate act announced; in offence cases the decision "
            "on the complaint): entry into force and cassation follow from it."
        ),
    ] = None,
    appeal_served: Annotated[
        str | None,
        date_option(
            "APPC, appellate acts announced 1 July 2021 to 30 June 2025: the appellate act in "
            "final form was delivered."
        ),
    ] = None,
    cassation_filed: Annotated[
        str | None,
        date_option(
            "APPC, appellate acts announced 1 July 2021 to 30 June 2025: a cassation complaint "
            "was filed, so the decision did not enter into force when the term expired."
        ),
    ] = None,
    cassation_ruling: Annotated[
        str | None,
        date_option("The cassation court's ruling on that complaint was announced."),
    ] = None,
    in_force: Annotated[
        str | None, date_option("The decision's entry into force is known: this day.")
    ] = None,
    immediate: Annotated[
        bool,
        typer.Option(
            help="The decision entered into force on announcement (or was turned to immediate "
            "execution)."
        ),
    ] = False,
    immediate_reason: Annotated[
        str | None,
        typer.Option(
            metavar="REASON",
            help="offence: why the decision entered into force at once (KoAP 883): expulsion "
            "(a foreigner's expulsion, 883(4)), request (the written request of the person and "
            "the victim, 883(3-1)) or 811 (883(3)); implies --immediate.",
        ),
    ] = None,
    no_appeal_notice: Annotated[
        bool,
        typer.Option(
            "--no-appeal-notice/--appeal-notice",
            help="The act did not say how to appeal it: the pre-trial complaint may be filed "
            "within 6 months instead of 3 (APPC 92(1-1)).",
        ),
    ] = False,
    route: Annotated[
        str | None,
        typer.Option(
            metavar="ROUTE",
            help="refugee-path: complaint (the pre-trial complaint first, APPC 91(5): the "
            "default) or direct (a suit within a month, only where there is no higher body, "
            "91(6)); the other route is computed too.",
            autocompletion=complete_kinds,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="What kind of case, for a pack that has kinds (administrative: standard, "
            "procurement, bailiff; offence: official, court, tax-audit; admin-suit: see "
            "'deadline rules admin-suit').",
            autocompletion=complete_kinds,
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            metavar="CODE",
            help="private-complaint: the code of the case, appc, gpk or upk.",
            autocompletion=complete_kinds,
        ),
    ] = None,
    reading: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="Show this reading of a rule with several readings (refugee exit: "
            "30-days-from-entry-into-force, 1-month-from-entry-into-force, "
            "1-month-from-decision); all are computed.",
        ),
    ] = None,
    exit_from: Annotated[
        str | None,
        typer.Option(
            metavar="FROM",
            help="Refugee exit rule: count from entry-into-force (default) or from the decision "
            "(the ruling, or the appellate act when there is one).",
        ),
    ] = None,
    exit_period: Annotated[
        str | None,
        typer.Option(
            metavar="PERIOD",
            help="Refugee exit rule: '30 days' (default) or '1 month' (the statute's period); "
            "another period is computed with a warning.",
        ),
    ] = None,
    calendar_file: CalendarFile = None,
    rules_file: RulesFile = None,
    output_format: Annotated[
        CaseFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table for people; json, jsonl, csv or ics for scripts and calendars.",
        ),
    ] = CaseFormat.table,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            "-e",
            help="Show the statute's words and the counting trace under each date.",
        ),
    ] = False,
    as_of: AsOf = None,
    case: Annotated[
        str,
        typer.Option(metavar="NAME", help="A name for the case, shown in every format."),
    ] = "",
    remind: Remind = "7,1",
    alert_within: AlertWithin = None,
    quiet: Quiet = False,
    lang: Language = None,
    excel: Excel = False,
    output_encoding: OutputEncoding = None,
) -> None:
    """Compute the dates of one case: appeal, entry into force, the last day to leave, and
    the other terms of the pack, each with its article."""
    request = ComputeRequest(
        date=start_date,
        procedure=procedure,
        start=start,
        refusal=refusal,
        notified=notified,
        served=served,
        copy_sent=copy_sent,
        complaint_filed=complaint_filed,
        complaint_decided=complaint_decided,
        complaint_served=complaint_served,
        filed=filed,
        ruling=ruling,
        final_form=final_form,
        appeal_ruling=appeal_ruling,
        appeal_served=appeal_served,
        cassation_filed=cassation_filed,
        cassation_ruling=cassation_ruling,
        in_force=in_force,
        immediate=immediate,
        immediate_reason=immediate_reason,
        no_appeal_notice=no_appeal_notice,
        kind=kind,
        code=code,
        route=route,
        reading=reading,
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
        excel=excel,
        output_encoding=output_encoding,
    )
    code_ = run_compute(request)
    if code_:
        raise typer.Exit(code_)


@app.command(cls=HelpCommand, epilog=EXIT_CODES)
def batch(
    source: Source = "-",
    input_format: InputFormatOption = None,
    output_format: Annotated[
        BatchFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one object per case), csv (one row per case), ics (one calendar) or "
            "xlsx (a workbook: --output FILE or a pipe).",
        ),
    ] = BatchFormat.jsonl,
    procedure: Procedure = None,
    calendar_file: CalendarFile = None,
    rules_file: RulesFile = None,
    as_of: AsOf = None,
    remind: Remind = "7,1",
    alert_within: AlertWithin = None,
    quiet: Quiet = False,
    lang: Language = None,
    delimiter: Delimiter = None,
    encoding: Encoding = None,
    errors_file: ErrorsFile = None,
    excel: Excel = False,
    output_encoding: OutputEncoding = None,
    sheet: Sheet = None,
    output: OutputFile = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            "-e",
            help="JSON Lines: also the statute's words, the rule's note and the counting steps "
            "of every date.",
        ),
    ] = False,
) -> None:
    """Compute many cases in one process. Columns: id, procedure, the dates (refusal,
    notified, served, copy_sent, complaint_filed, complaint_decided, complaint_served, filed,
    ruling, final_form, appeal_ruling, appeal_served, cassation_filed, cassation_ruling, in_force),
    immediate, no_appeal_notice, immediate_reason, from, kind (or code or route), reading,
    exit_from, exit_period; others are ignored, empty means absent. Headers may be in Russian
    or Kazakh.

    A bad row is reported on stderr as 'row N (id X): message' and left out of stdout."""
    from deadline_cli.batchcmd import run_batch

    code_ = run_batch(_batch_options(locals()))
    if code_:
        raise typer.Exit(code_)


@app.command(cls=HelpCommand, epilog=EXIT_CODES)
def agenda(
    source: Source = "-",
    within: Annotated[
        int,
        typer.Option(
            min=0, max=100000, metavar="N", help="Deadlines from the as-of day to N days after it."
        ),
    ] = 30,
    output_format: Annotated[
        AgendaFormat,
        typer.Option(
            "--format", "-f", help="table for people; json, csv, ics, or xlsx (a workbook)."
        ),
    ] = AgendaFormat.table,
    input_format: InputFormatOption = None,
    procedure: Procedure = None,
    calendar_file: CalendarFile = None,
    rules_file: RulesFile = None,
    as_of: AsOf = None,
    remind: Remind = "7,1",
    alert_within: AlertWithin = None,
    quiet: Quiet = False,
    lang: Language = None,
    delimiter: Delimiter = None,
    encoding: Encoding = None,
    errors_file: ErrorsFile = None,
    excel: Excel = False,
    output_encoding: OutputEncoding = None,
    sheet: Sheet = None,
    output: OutputFile = None,
) -> None:
    """What falls due across all cases of a batch file, soonest first: every deadline that is
    not passed, within N days (--within, default 30). The page to print on Monday morning."""
    from deadline_cli.batchcmd import run_agenda

    code_ = run_agenda(_batch_options(locals()))
    if code_:
        raise typer.Exit(code_)


def _batch_options(given: dict[str, Any]) -> Any:
    """The options batch and agenda share, from a command's parameters, as BatchOptions."""
    from deadline_cli.batchcmd import BatchOptions
    from deadline_cli.record import fields

    names = set(fields(BatchOptions))
    values = {k: v for k, v in given.items() if k in names}
    values["output_format"] = given["output_format"].value
    values["input_format"] = given["input_format"].value if given["input_format"] else None
    return BatchOptions(**values)


@app.command(cls=HelpCommand, epilog=EXIT_CODES)
def read(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Court decisions: text, DOCX or PDF with text."),
    ],
    output_format: Annotated[
        ReadFormat,
        typer.Option(
            "--format",
            "-f",
            help="table for people; json; csv (one row per document, which batch and "
            "agenda read); or xlsx (a workbook).",
        ),
    ] = ReadFormat.table,
    procedure: Procedure = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND", help="The kind of case, as in compute (offence: court, official)."
        ),
    ] = None,
    ruling: Annotated[
        str | None, date_option("The decision's date, instead of the document's.")
    ] = None,
    final_form: Annotated[
        str | None, date_option("The decision in final form, where the document does not say.")
    ] = None,
    served: Annotated[
        str | None, date_option("A copy was delivered, where the document does not say.")
    ] = None,
    as_of: AsOf = None,
    calendar_file: CalendarFile = None,
    lang: Language = None,
    output: OutputFile = None,
) -> None:
    """Read court decisions and compute them: the kind of act, the dates that start the
    terms, the case number and the term the court states, each with the line it came from;
    then the same dates as compute. Options override what the document says."""
    from deadline_cli.reading.command import ReadOptions, run_read

    code_ = run_read(
        ReadOptions(
            files=files,
            output_format=output_format.value,
            procedure=procedure,
            kind=kind,
            ruling=ruling,
            final_form=final_form,
            served=served,
            as_of=as_of,
            lang=lang,
            calendar_file=calendar_file,
            output=output,
        )
    )
    if code_:
        raise typer.Exit(code_)


@app.command(cls=HelpCommand)
def holidays(
    year: Annotated[
        int | None,
        typer.Argument(metavar="[YEAR]", help="The year (default: this year in Kazakhstan)."),
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    calendar_file: CalendarFile = None,
    lang: Language = None,
) -> None:
    """List the days off of a year (holidays, moved holidays, days off by order, overrides)
    and the days made working days, each with its source."""
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.output import emit
    from deadline_cli.overrides import calendar_for
    from deadline_cli.render.data import holidays_dict

    language = choose(lang)
    calendar = calendar_for(calendar_file)
    chosen = year if year is not None else today_in_kazakhstan().year
    data = holidays_dict(calendar, chosen, language)  # raises for a year outside it
    if output_format is Format.json:
        from deadline_cli.render.json import dumps

        emit(dumps(data), exact=True)
        return
    from deadline_cli.render.out import render
    from deadline_cli.render.people import holidays_screen

    emit(render(holidays_screen(calendar, chosen, language, data["warnings"])))


class _RulesGroup(HelpGroup):
    """``deadline rules [PACK]`` shows packs; ``deadline rules check FILE`` checks a file."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Completion offers the pack names beside ``check``."""
        from typer._click.shell_completion import CompletionItem

        items: list[Any] = super().shell_complete(ctx, incomplete)
        return items + [CompletionItem(name) for name in complete_packs(incomplete)]


rules_app = typer.Typer(
    cls=_RulesGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(
    rules_app,
    name="rules",
    help="Show the procedure packs, or one pack's rules with their articles, words and "
    "versions (deadline rules PACK [--on DATE]); 'deadline rules check FILE' checks a pack file.",
)


@rules_app.callback(invoke_without_command=True)
def rules(
    ctx: typer.Context,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    lang: Language = None,
) -> None:
    """Show the procedure packs, grouped: what each starts from and which options it needs.
    'deadline rules PACK' shows one pack in full."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = (output_format, lang)
        return
    from deadline_cli.output import emit
    from deadline_cli.render.data import pack_dict
    from deadline_cli.rules import BUILTIN_PACKS, load_pack

    language = choose(lang)
    packs = [load_pack(p) for p in BUILTIN_PACKS]
    if output_format is Format.json:
        from deadline_cli.render.json import dumps

        emit(dumps([pack_dict(p, language) for p in packs]), exact=True)
        return
    from deadline_cli.render.out import render
    from deadline_cli.render.people import packs_screen

    emit(render(packs_screen(packs, language)))


@rules_app.command("show", cls=HelpCommand, hidden=True)
def rules_show(
    ctx: typer.Context,
    pack_id: Annotated[
        str, typer.Argument(metavar="PACK", help="The pack to show.", autocompletion=complete_packs)
    ],
    on: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only the rules in force on this day (law versions)."),
    ] = None,
    output_format: Annotated[Format | None, typer.Option("--format", "-f")] = None,
    lang: Language = None,
) -> None:
    """Show one pack: every step with its versions, article, the statute's words and link."""
    from deadline_cli.output import emit
    from deadline_cli.render.data import pack_dict
    from deadline_cli.rules import load_pack

    parent_format, parent_lang = ctx.obj or (Format.table, None)
    language = choose(lang or parent_lang)
    pack = load_pack(pack_id)
    day = optional_date(on, "--on")
    if (output_format or parent_format) is Format.json:
        from deadline_cli.render.json import dumps

        emit(dumps(pack_dict(pack, language, on=day)), exact=True)
        return
    from deadline_cli.render.out import render
    from deadline_cli.render.people import pack_screen

    emit(render(pack_screen(pack, language, on=day)))


@rules_app.command("check", cls=HelpCommand)
def rules_check(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="The pack file to check.")],
    output_format: Annotated[Format | None, typer.Option("--format", "-f")] = None,
    lang: Language = None,
) -> None:
    """Check a pack file: exit 0 when it is valid, 2 naming the field and the problem."""
    from pathlib import Path

    from deadline_cli.output import emit
    from deadline_cli.render.data import pack_dict
    from deadline_cli.rules import load_pack_file

    parent_format, parent_lang = ctx.obj or (Format.table, None)
    language = choose(lang or parent_lang)
    pack = load_pack_file(Path(file))
    if (output_format or parent_format) is Format.json:
        from deadline_cli.render.json import dumps

        emit(dumps({"valid": True, "file": file, "pack": pack_dict(pack, language)}), exact=True)
        return
    name = language.say(pack.name)
    emit(language("rules_check_valid", file=file, pack=pack.id, name=name) + "\n")


@app.command(cls=HelpCommand, context_settings={"ignore_unknown_options": True})
def add(
    start: Annotated[
        str, typer.Argument(metavar="DATE", help="The day the term counts from (day 0).")
    ],
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help="'15 days', '10 working days', '2 months', '1 year' (or '2 месяца', "
            "'10 рабочих дней', '30 күн'); '-3 days' counts back, as --before.",
        ),
    ],
    before: Annotated[
        bool,
        typer.Option(
            "--before",
            help="Count back from DATE: a filing due 3 days before a hearing. A last day that "
            "is not a working day moves to the working day before it (a reading).",
        ),
    ] = False,
    no_roll: Annotated[
        bool,
        typer.Option("--no-roll", help="Keep a last day that is not a working day (no rolling)."),
    ] = False,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    calendar_file: CalendarFile = None,
    lang: Language = None,
) -> None:
    """Count any term by the same rules: the day after DATE is day 1; a last day that is not a
    working day rolls forward to the next working day. Prints the last day and its trace.
    With --before (or '-3 days') the term is counted back from DATE."""
    run_add(
        start,
        period,
        before=before,
        no_roll=no_roll,
        as_json=output_format is Format.json,
        calendar_file=calendar_file,
        lang=lang,
    )


def main() -> None:
    """The full command line (Typer). ``deadline_cli.entry.main`` is the installed entry."""
    app()
