"""The work of ``deadline compute``, free of the command-line framework.

Both the Typer command and the quick start path (``deadline_cli.entry``) call
:func:`run_compute`, so a command parsed either way does exactly the same thing.
"""

from __future__ import annotations

from datetime import date

from deadline_cli.errors import EXIT_ALERT, EXIT_OK, DeadlineError, say, shown, write_err
from deadline_cli.i18n import Lang, Msg, msg
from deadline_cli.record import Record

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import Any

CASE_FORMATS = ("table", "json", "jsonl", "csv", "ics")
MAX_REMIND_DAYS = 3650


class ComputeRequest(Record, frozen=False):
    """The options of ``deadline compute``, as typed on the command line."""

    date: str
    procedure: str | None = None
    start: str | None = None  # --from
    refusal: str | None = None
    notified: str | None = None
    served: str | None = None
    copy_sent: str | None = None
    complaint_filed: str | None = None
    complaint_decided: str | None = None
    complaint_served: str | None = None
    filed: str | None = None
    ruling: str | None = None
    final_form: str | None = None
    appeal_ruling: str | None = None
    appeal_served: str | None = None
    cassation_filed: str | None = None
    cassation_ruling: str | None = None
    in_force: str | None = None
    immediate: bool = False
    immediate_reason: str | None = None
    no_appeal_notice: bool = False
    kind: str | None = None
    code: str | None = None
    route: str | None = None
    reading: str | None = None
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
    excel: bool = False
    output_encoding: str | None = None


def optional_date(value: str | None, what: str | Msg) -> date | None:
    from deadline_cli.dates import parse_date

    return None if value is None else parse_date(value, what)


def reminders(text: str) -> tuple[int, ...]:
    """--remind: whole days before each deadline, each at most once, at least one."""
    parts = [part.strip() for part in text.split(",")]
    if not any(parts):
        raise DeadlineError(msg("error_remind_empty"))
    days: list[int] = []
    for part in parts:
        if not part:
            continue
        if not part.isascii() or not part.isdigit() or len(part) > 6:
            raise DeadlineError(msg("error_remind", value=shown(text)))
        value = int(part)
        if value > MAX_REMIND_DAYS:
            raise DeadlineError(
                msg("error_remind_large", value=shown(part), limit=str(MAX_REMIND_DAYS))
            )
        if value not in days:
            days.append(value)
    return tuple(days)


def choose_pack(procedure: str | None, rules_file: str | None) -> Any:
    """A built-in pack by --procedure, or a user's pack from --rules FILE."""
    from deadline_cli.rules import DEFAULT_PACK, load_pack, load_pack_file

    if rules_file is None:
        return load_pack(procedure or DEFAULT_PACK)
    from pathlib import Path

    pack = load_pack_file(Path(rules_file))
    if procedure is not None and procedure != pack.id:
        raise DeadlineError(
            msg("error_pack_and_rules", procedure=procedure, file=rules_file, pack=pack.id)
        )
    return pack


def due_within(timeline: Any, event: Any, within: int) -> bool:
    """A deadline event that may still fall between the as-of day and ``within`` days after
    it, inclusive: its binding day is in that window, or, for a range whose earliest day has
    passed, its latest day is still ahead (the deadline may not have run out yet)."""
    return bool(
        event.deadline
        and timeline.days_left(event) <= within
        and (event.latest - timeline.as_of).days >= 0
    )


def alerting(timeline: Any, within: int) -> bool:
    """A deadline event that may fall within ``within`` days of the as-of day."""
    return any(due_within(timeline, e, within) for e in timeline.events)


def choose_kind(
    pack: Any, kind: str | None, code: str | None, route: str | None = None
) -> str | None:
    """--kind, --code or --route, whichever the pack chooses with."""
    if kind is not None and code is not None:
        raise DeadlineError(msg("error_kind_and_code"))
    if route is not None and (kind is not None or code is not None):
        raise DeadlineError(msg("error_route_and_kind"))
    given, option = (kind, "kind") if kind is not None else (code, "code")
    if route is not None:
        given, option = route, "route"
    if given is None:
        return None
    if pack.choice is not None and pack.choice.option != option:
        raise DeadlineError(
            msg(
                "error_wrong_choice",
                option="--" + option,
                pack=pack.id,
                right="--" + pack.choice.option,
            )
        )
    return given


def case_inputs(request: ComputeRequest, pack: Any) -> Any:
    """The dates and choices of one case: DATE is the input of --from (the pack's start)."""
    from deadline_cli.rules import option_for
    from deadline_cli.timeline import CaseInputs

    start = request.start.replace("-", "_") if request.start else pack.start
    if start not in pack.entries:
        raise DeadlineError(
            msg(
                "error_bad_start",
                value=shown(request.start),
                pack=pack.id,
                entries=tuple(e.replace("_", "-") for e in pack.entries),
            )
        )
    from deadline_cli.rules import DATE_INPUTS

    dates: dict[str, date] = {}
    for name in DATE_INPUTS:
        day = optional_date(getattr(request, name), option_for(name))
        if day is not None:
            dates[name] = day
    if start in dates:
        raise DeadlineError(msg("error_start_twice", option=option_for(start)))
    start_day = optional_date(request.date, msg("what_date"))
    assert start_day is not None
    dates[start] = start_day
    return CaseInputs(
        **dates,
        immediate=request.immediate or request.immediate_reason is not None,
        immediate_reason=request.immediate_reason,
        no_appeal_notice=request.no_appeal_notice,
        start=start,
        kind=choose_kind(pack, request.kind, request.code, request.route),
        reading=request.reading,
        exit_from=request.exit_from,
        exit_period=request.exit_period,
    )


def run_compute(request: ComputeRequest) -> int:
    """Compute one case and print it; the exit code (0, or 3 for an alert)."""
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.errors import choose
    from deadline_cli.output import Output
    from deadline_cli.overrides import calendar_for
    from deadline_cli.timeline import build_timeline

    if request.output_format not in CASE_FORMATS:
        raise DeadlineError(
            msg("error_format", value=shown(request.output_format), formats=CASE_FORMATS)
        )
    lang = choose(request.lang)
    pack = choose_pack(request.procedure, request.rules_file)
    inputs = case_inputs(request, pack)
    ics_reminders = reminders(request.remind)
    today = optional_date(request.as_of, "--as-of") or today_in_kazakhstan()
    if request.excel and request.output_format != "csv":
        raise DeadlineError(msg("error_excel_csv"))
    exact = request.output_format != "table"  # data for programs: never escapes
    out = Output(request.output_encoding, bom=request.excel, exact=exact)
    timeline = build_timeline(pack, inputs, calendar_for(request.calendar_file), today)

    fmt, case = request.output_format, request.case
    if fmt in ("json", "jsonl"):
        from deadline_cli.render.data import timeline_dict
        from deadline_cli.render.json import dumps, dumps_line

        # JSON Lines carries the statute's words and the counting steps only with --explain.
        found = timeline_dict(timeline, lang, explain=fmt == "json" or request.explain)
        data = {"case": case, **found} if case else found
        out.write(dumps(data) if fmt == "json" else dumps_line(data))
    elif fmt == "csv":
        from deadline_cli.render.csvout import timeline_csv

        out.write(timeline_csv(timeline, case, lang, excel=request.excel))
    elif fmt == "ics":
        from deadline_cli.render.ics import calendar_ics

        out.write(calendar_ics([(case, timeline)], ics_reminders, lang))
    else:
        from deadline_cli.render.out import render
        from deadline_cli.render.people import timeline_screen

        out.write(render(timeline_screen(timeline, lang, explain=request.explain, case=case)))
    out.finish()
    if fmt in ("csv", "ics") and not request.quiet:
        warn(lang, timeline.warnings)
    if request.alert_within is not None and alerting(timeline, request.alert_within):
        return EXIT_ALERT
    return EXIT_OK


def warn(lang: Lang, warnings: Any) -> None:
    """Warnings on stderr, one per line, in the chosen language."""
    for warning in warnings:
        write_err(say(msg("warning", text=lang.say(warning))))


def run_add(
    start: str,
    period: str,
    *,
    before: bool,
    no_roll: bool,
    as_json: bool,
    calendar_file: str | None,
    lang: str | None,
) -> None:
    """``deadline add``: any term counted by the same rules (or back, with --before), its last
    day and trace, for people or as JSON."""
    from deadline_cli.dates import parse_date
    from deadline_cli.errors import choose
    from deadline_cli.output import emit
    from deadline_cli.overrides import calendar_for
    from deadline_cli.periods import Period, count_back, count_term
    from deadline_cli.render.data import steps_list
    from deadline_cli.timeline import calendar_span, calendar_warnings

    language = choose(lang)
    trigger = parse_date(start, msg("what_date"))
    text = period.strip()
    if text.startswith("-") and text[1:2].isdigit():  # '-3 days': a term counted back
        before, text = True, text[1:]
    term = Period.parse(text)
    calendar = calendar_for(calendar_file)
    calendar.check_date(trigger)  # a year outside the calendar is refused first
    count = count_back if before else count_term
    counted = count(trigger, term, calendar, roll=not no_roll, trigger_label=msg("add_start"))
    if before:
        calendar.check_date(counted.end)
    # The same checks as compute: an estimated holiday or provisional year in the span.
    span = calendar_span(counted, roll=not no_roll)
    spans = [("end", *span)] if span else []
    found = calendar_warnings(calendar, spans, lambda _: msg("add_label"))
    warnings = [language.say(w) for w, _ in found]
    if before:
        warnings.insert(0, language("warn_counted_back"))
    basis = language("add_basis_before" if before else "add_basis")
    if as_json:
        from deadline_cli.render.json import dumps

        emit(
            dumps(
                {
                    "start": trigger.isoformat(),
                    "period": str(term),
                    "before": before,
                    "roll": not no_roll,
                    "date": counted.end.isoformat(),
                    "nominal": counted.nominal.isoformat(),
                    "basis": basis,
                    "steps": steps_list(counted.steps, language),
                    "warnings": warnings,
                }
            ),
            exact=True,
        )
        return
    from deadline_cli.render.out import render
    from deadline_cli.render.people import add_screen

    key = "add_header_before" if before else "add_header"
    header = language(key, date=counted.end, period=term, start=trigger)
    lines = [(s.date, s.msg) for s in counted.steps]
    emit(render(add_screen(language, header, basis, lines, warnings)))
