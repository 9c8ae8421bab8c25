"""``deadline batch`` and ``deadline agenda``: many cases from a file, for scripts and people.

A script running the batch from cron must be able to tell a failed write from a bad row: bad
rows are reported on stderr (``row N (id X): message``) and, with ``--errors FILE``, written to a
CSV it can fix and run again; a summary gives rows read, computed and failed; a failed write is
exit 74, a bad row exit 1, never the same code.
"""

from __future__ import annotations

import csv
import gc
import os
import sys
from datetime import date
from typing import IO, Any

from deadline_cli.batch import BatchResult, BatchRunner, Lines, SeenIds, read_rows
from deadline_cli.calendar import KazakhCalendar
from deadline_cli.errors import (
    EXIT_ALERT,
    EXIT_OK,
    EXIT_ROWS_FAILED,
    DeadlineError,
    OutputError,
    choose,
    describe_os_error,
    say,
    shown,
    write_err,
)
from deadline_cli.i18n import Lang, Msg, msg
from deadline_cli.output import Output
from deadline_cli.record import Record
from deadline_cli.run import alerting, choose_pack, due_within, optional_date, reminders
from deadline_cli.timeline import Timeline

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadline_cli.plan import Planned
    from deadline_cli.render.ics import Unnamed


class BatchOptions(Record, frozen=False):
    source: str = "-"
    input_format: str | None = None
    output_format: str = "jsonl"
    procedure: str | None = None
    calendar_file: str | None = None
    rules_file: str | None = None
    as_of: str | None = None
    remind: str = "7,1"
    alert_within: int | None = None
    quiet: bool = False
    lang: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    errors_file: str | None = None
    excel: bool = False
    output_encoding: str | None = None
    within: int = 30
    sheet: str | None = None  # a workbook's sheet: its name or its number (1-based)
    output: str | None = None  # --output FILE (a workbook is written to a file or a pipe)
    explain: bool = False  # JSON Lines: the statute's words, notes and counting steps too


class _Setup(Record, frozen=False):
    lang: Lang
    runner: BatchRunner
    rows: Any
    as_of: date
    reminders: tuple[int, ...]
    pack: Any
    stream: IO[bytes]
    sheet: str | None = None  # the sheet read, for a workbook: its rows' errors name it


def _open_source(source: str) -> IO[bytes]:
    if source == "-":
        stdin = sys.stdin
        if stdin is None:
            raise DeadlineError(msg("error_stdin_closed"))
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:
            raise DeadlineError(msg("error_stdin_closed"))
        return buffer  # type: ignore[no-any-return]
    try:
        return open(source, "rb")
    except OSError as exc:
        raise DeadlineError(
            msg("error_cannot_read", name=source, problem=describe_os_error(exc))
        ) from None


def _setup(options: BatchOptions) -> _Setup:
    """Everything that can be wrong with the command itself, checked before any row."""
    # The memoised timelines are ~100,000 long-lived objects that the collector would walk
    # again and again as rows come and go (0.4 s of 1.3 s on 100,000 rows). What a batch
    # creates is freed by reference counting, cycles are rare: collect far less often.
    gc.set_threshold(50_000, 20, 100)
    from deadline_cli.batch import DELIMITERS
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.overrides import calendar_for

    lang = choose(options.lang)
    default_pack = choose_pack(options.procedure, options.rules_file)
    calendar = calendar_for(options.calendar_file)
    ics_reminders = reminders(options.remind)
    today = optional_date(options.as_of, "--as-of") or today_in_kazakhstan()
    if options.delimiter is not None and options.delimiter not in DELIMITERS:
        raise DeadlineError(msg("error_delimiter", value=shown(options.delimiter)))
    if options.encoding is not None:
        import codecs

        try:
            info = codecs.lookup(options.encoding)
        except LookupError:
            raise DeadlineError(msg("error_encoding", value=shown(options.encoding))) from None
        if info.name.startswith(("utf-16", "utf-32")):
            raise DeadlineError(msg("error_encoding_wide", value=shown(options.encoding)))
    if options.excel and options.output_format != "csv":
        raise DeadlineError(msg("error_excel_csv"))
    fmt = options.input_format or (
        "jsonl" if options.source.endswith((".jsonl", ".ndjson")) else "csv"
    )
    stream = _open_source(options.source)
    name = "stdin" if options.source == "-" else options.source

    def notice(message: Msg) -> None:
        if not options.quiet:
            write_err(say(msg("notice", text=message)))

    runner = BatchRunner(
        calendar, today, default_pack.id, user_pack=default_pack if options.rules_file else None
    )
    head = _peek(stream)
    from deadline_cli.workbook import kind_of

    if kind_of(head) is not None:  # a workbook, by its signature, whatever its name
        from deadline_cli.workbook import choose_sheet, open_workbook, workbook_rows

        book = open_workbook(stream, name)
        sheet, header_index, columns = choose_sheet(book, options.sheet, name)
        notice(msg("workbook_reading", sheet=sheet.name, row=str(_first_row(sheet) + header_index)))
        rows = workbook_rows(sheet, header_index, columns, notice)
        return _Setup(lang, runner, rows, today, ics_reminders, default_pack, stream, sheet.name)
    if options.sheet is not None:
        raise DeadlineError(msg("error_sheet_not_workbook", name=name))
    _refuse_wide(stream, name)
    lines = Lines(stream, name, options.encoding, notice)
    rows = read_rows(lines, fmt, options.delimiter)
    return _Setup(lang, runner, rows, today, ics_reminders, default_pack, stream)


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    try:
        return bytes(peek(8)[:8]) if peek is not None else b""
    except (OSError, ValueError):
        return b""


def _first_row(sheet: Any) -> int:
    return (sheet.start[0] if sheet.start else 0) + 1


def _refuse_wide(stream: IO[bytes], name: str) -> None:
    """UTF-16 (Excel's "Unicode text") cannot be read line by line as bytes: say so."""
    peek = getattr(stream, "peek", None)
    head = peek(4)[:4] if peek else b""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DeadlineError(msg("error_utf16", name=name))


class _Errors:
    """Failed rows on stderr and, with --errors FILE, as CSV to fix and run again."""

    def __init__(self, path: str | None, lang: Lang, quiet: bool, sheet: str | None = None) -> None:
        self.sheet = sheet  # a workbook's rows are named with their sheet, as Excel numbers them
        self.lang = lang
        self.quiet = quiet
        self.count = 0
        self.handle: IO[str] | None = None
        self.writer: Any = None
        self.path = path
        if path is not None:
            try:
                self.handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise DeadlineError(
                    msg("error_cannot_write_file", name=path, problem=describe_os_error(exc))
                ) from None
            self.writer = csv.writer(self.handle)
            self.writer.writerow(["row", "id", "message", "line"])

    def add(self, result: BatchResult) -> None:
        self.count += 1
        text = self.lang.say(result.error) if result.error is not None else ""
        case = f" (id {shown(result.case_id, 40)[1:-1]})" if result.case_id else ""
        if self.sheet is not None:
            where = msg(
                "row_error_sheet", sheet=self.sheet, row=str(result.row), case=case, text=text
            )
            write_err(say(where))
        else:
            write_err(say(msg("row_error", row=str(result.row), case=case, text=text)))
        if self.writer is not None:
            try:
                self.writer.writerow([result.row, result.case_id, text, result.line])
            except OSError as exc:
                raise OutputError(f"{self.path}: {describe_os_error(exc)}") from None

    def close(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError as exc:
                raise OutputError(f"{self.path}: {describe_os_error(exc)}") from None


def _duplicate(seen: SeenIds, result: BatchResult, quiet: bool) -> str:
    """The id a case is shown under: its own, or made unique when an earlier row had it."""
    if not result.case_id:
        return result.case_id
    before = seen.add(result.case_id, result.row)
    if before is None:
        return result.case_id
    unique = f"{result.case_id}#{result.row}"
    if not quiet:
        earlier = str(before) if before else "?"
        write_err(
            say(
                msg(
                    "notice_duplicate",
                    row=str(result.row),
                    id=shown(result.case_id, 40),
                    earlier=earlier,
                    unique=shown(unique, 50),
                )
            )
        )
    return unique


def _refuse_writing_the_input(options: BatchOptions) -> None:
    """--errors naming the input file (or a link to it) would destroy the cases it lists:
    refused before anything is opened for writing."""
    source = options.source
    for option, target in (("--errors", options.errors_file), ("--output", options.output)):
        if target is None or source == "-":
            continue
        try:
            same = os.path.samefile(target, source)
        except (OSError, ValueError):
            continue  # the file does not exist yet (or cannot be compared): not the input
        if same:
            raise DeadlineError(msg("error_output_is_input", option=option, name=target))


def _check_output(options: BatchOptions) -> None:
    if options.output is not None and options.output_format != "xlsx":
        raise DeadlineError(msg("error_output_xlsx"))


def run_batch(options: BatchOptions) -> int:
    _refuse_writing_the_input(options)
    _check_output(options)
    packs = _packs_named(options) if options.output_format == "xlsx" else None
    setup = _setup(options)
    out = Output(options.output_encoding, bom=options.excel, exact=True)
    errors = _Errors(options.errors_file, setup.lang, options.quiet, setup.sheet)
    writer: Any
    if options.output_format == "xlsx":
        writer = _XlsxBatch(options.output, setup.lang, packs or [setup.pack])
    else:
        writer = _BatchWriter(
            options.output_format,
            setup.reminders,
            setup.pack,
            setup.lang,
            out=out,
            excel=options.excel,
            explain=options.explain,
        )
    planned = options.output_format in ("csv", "ics") or (
        options.output_format == "jsonl" and not options.explain
    )
    if planned and options.alert_within is None:
        # A CSV row holds each event's days and the number of warnings, a JSON Lines row
        # (without --explain) what the rules say besides, an ICS event the counting too:
        # plan them (deadline_cli.plan), with the engine for whatever the plan declines.
        from deadline_cli.plan import Planner

        runner = setup.runner
        detail = options.output_format != "csv"
        runner.planner = Planner(runner.calendar, detail=detail)
        writer.calendar = runner.calendar
        if options.output_format == "jsonl":
            from deadline_cli.render.planned import PlannedRows

            writer.planned_rows = PlannedRows(setup.lang, runner.calendar, runner.as_of)
    seen = SeenIds()
    read = computed = alert = 0
    progress = _Progress(enabled=not options.quiet and _tty(sys.stderr))
    within, quiet, write = options.alert_within, options.quiet, writer.write
    try:
        for result in setup.runner.run(setup.rows):
            read += 1
            if progress.enabled:
                progress.tick()
            timeline = result.timeline if result.timeline is not None else result.planned
            if timeline is None:
                errors.add(result)
                continue
            computed += 1
            case_id = _duplicate(seen, result, quiet)
            if (
                within is not None
                and result.timeline is not None
                and alerting(result.timeline, within)
            ):
                alert += 1
            write(result.row, case_id, timeline)
        writer.finish()
        out.finish()
    finally:
        errors.close()
        setup.stream.close()
    progress.done()
    if not options.quiet:
        write_err(
            say(
                msg(
                    "batch_summary",
                    read=str(read),
                    computed=str(computed),
                    failed=str(errors.count),
                )
            )
        )
    if alert:
        return EXIT_ALERT
    return EXIT_ROWS_FAILED if errors.count else EXIT_OK


def _tty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False


class _BatchWriter:
    """Streams each good case to stdout in the chosen format, the ICS calendar too."""

    def __init__(
        self,
        output_format: str,
        reminders: tuple[int, ...],
        pack: Any,
        lang: Lang,
        *,
        out: Output,
        excel: bool,
        explain: bool = False,
    ) -> None:
        from deadline_cli.render.csvout import batch_header
        from deadline_cli.rules import BUILTIN_PACKS, load_pack

        self.lang = lang
        self.format = output_format
        self.reminders = reminders
        self.out = out
        self.excel = excel
        self.explain = explain
        self.event_ids: list[str] = []
        self.rendered: dict[int, tuple[Any, str]] = {}
        self.ics: Any = None
        self.planned_rows: Any = None  # render.planned.PlannedRows, for planned cases
        # An ICS case's events but for its name, by the planned case (_ics_events).
        self.unnamed: dict[int, tuple[Planned, Unnamed | None]] = {}
        self.calendar: KazakhCalendar | None = None  # the planner's, for planned cases
        self.header = ""
        self.pending: list[str] = []  # rows written in chunks: one write per 256 rows
        self.started = False
        self.sep = ";" if excel else ","
        from deadline_cli.render.csvout import batch_columns, csv_field
        from deadline_cli.render.data import timeline_dict
        from deadline_cli.render.json import dumps_line, line_head

        self.batch_columns = batch_columns
        self.csv_field = csv_field
        self.timeline_dict = timeline_dict
        self.dumps_line = dumps_line
        self.line_head = line_head
        if output_format == "csv":
            from deadline_cli.render.csvout import batch_event_ids

            packs = [pack, *(load_pack(p) for p in BUILTIN_PACKS)]
            self.header, self.event_ids = batch_header(batch_event_ids(packs), excel=excel)
            from deadline_cli.render.csvout import PlannedColumns

            self.planned_columns = PlannedColumns(self.event_ids, excel=excel)
        elif output_format == "ics":
            from deadline_cli.render.ics import IcsStream

            self.ics = IcsStream(reminders, lang)

    def _start(self) -> None:
        if self.header:
            self.out.write(self.header)
            self.header = ""
        if self.ics is not None and not self.ics.started:
            self.out.write(self.ics.begin())

    def write(self, row: int, case_id: str, timeline: Timeline | Planned) -> None:
        # Nothing reaches stdout before the first good row: a batch that fails as a whole
        # (a broken header, an unreadable file) leaves stdout empty.
        if not self.started:
            self.started = True
            self._start()
        if self.format == "csv":
            self._csv_row(case_id, timeline)
            return
        if self.format == "jsonl":
            self._jsonl_row(row, case_id, timeline)
        elif isinstance(timeline, Timeline):
            self._put(self.ics.case(case_id, timeline))
        else:
            self._put(self.ics.named(case_id, self._ics_events(timeline)))

    def _ics_events(self, planned: Planned) -> Unnamed:
        """A planned case's events but for its name (render.ics IcsStream.planned_events),
        kept for a case that comes again: the batch runner gives the same object for the
        rows of the same case, and only their ids differ. A case is kept the second time it
        comes, so that cases that never repeat cost no memory; at most 2,048 (a case's
        events are 7-20 KB)."""
        assert self.calendar is not None
        cached = self.unnamed.get(id(planned))
        if cached is None or cached[0] is not planned:  # the first time
            if len(self.unnamed) >= 2048:
                self.unnamed.clear()
            self.unnamed[id(planned)] = (planned, None)
        elif cached[1] is not None:
            return cached[1]
        events: Unnamed = self.ics.planned_events(planned, self.calendar)
        if cached is not None and cached[0] is planned:  # it comes again: kept from now on
            self.unnamed[id(planned)] = (planned, events)
        return events

    def _csv_row(self, case_id: str, timeline: Timeline | Planned) -> None:
        # Timelines are memoised by the batch runner: render each distinct one once.
        cached = self.rendered.get(id(timeline))
        if cached is None or cached[0] is not timeline:
            if len(self.rendered) > 4096:
                self.rendered.clear()
            if isinstance(timeline, Timeline):
                text = self.batch_columns(timeline, self.event_ids, excel=self.excel)
            else:
                text = self.planned_columns(timeline)
            cached = self.rendered[id(timeline)] = (timeline, text)
        sep = self.sep
        self._put(self.csv_field(case_id, sep) + sep + cached[1])

    def _jsonl_row(self, row: int, case_id: str, timeline: Timeline | Planned) -> None:
        # As for CSV, each distinct timeline is rendered once; the row's own id and number
        # go in front of its fields: '{"id":"K-1","row":3,' + '"procedure":...}'.
        cached = self.rendered.get(id(timeline))
        if cached is None or cached[0] is not timeline:
            if len(self.rendered) > 4096:
                self.rendered.clear()
            if isinstance(timeline, Timeline):
                data = self.timeline_dict(timeline, self.lang, explain=self.explain)
                text = self.dumps_line(data)[1:]
            else:
                assert self.planned_rows is not None
                text = self.planned_rows(timeline)
            cached = self.rendered[id(timeline)] = (timeline, text)
        self._put(self.line_head(case_id, row) + cached[1])

    def _put(self, text: str) -> None:
        self.pending.append(text)
        if len(self.pending) >= 256:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.out.write("".join(self.pending))
            self.pending.clear()

    def finish(self) -> None:
        self.flush()
        if self.format == "ics":
            self._start()
            self.out.write(self.ics.end())
        elif self.header:
            self.out.write(self.header)  # no good row: the header alone, so CSV is valid


def _packs_named(options: BatchOptions) -> list[Any]:
    """The packs a file's rows name (read once, computing nothing): a workbook's columns are
    those of its packs, the same for the same packs whatever the data. From stdin, which
    cannot be read twice, every built-in pack."""
    from deadline_cli.batch import procedure_id
    from deadline_cli.record import replace
    from deadline_cli.rules import BUILTIN_PACKS, load_pack

    default = choose_pack(options.procedure, options.rules_file)
    if options.source == "-":
        return [default, *(load_pack(p) for p in BUILTIN_PACKS if p != default.id)]
    setup = _setup(replace(options, quiet=True))
    found: dict[str, Any] = {default.id: default}
    try:
        for raw in setup.rows:
            name = (raw.fields or {}).get("procedure") or ""
            pack_id = procedure_id(name)
            if pack_id in BUILTIN_PACKS and pack_id not in found:
                found[pack_id] = load_pack(pack_id)
    finally:
        setup.stream.close()
    return list(found.values())


class _XlsxBatch:
    """A batch as a workbook: one row per case, the dates as date cells."""

    def __init__(self, target: str | None, lang: Lang, packs: list[Any]) -> None:
        from deadline_cli.render.csvout import batch_event_ids
        from deadline_cli.render.xlsx import Book

        self.lang = lang
        self.book = Book(target, lang, lang("xlsx_sheet_cases"), lang("xlsx_sheet_notes"))
        self.event_ids = batch_event_ids(packs)
        labels: dict[str, str] = {}
        for pack in packs:
            for event_id in self.event_ids:
                has = pack.step(event_id) or event_id in pack.given or event_id in pack.entries
                if has and event_id not in labels:
                    labels[event_id] = lang.say(pack.label_of(event_id))
        ids = ["id", "procedure"]
        names = [lang("col_case"), lang("xlsx_col_procedure")]
        kinds = ["text", "text"]
        for event_id in self.event_ids:
            label = labels.get(event_id, event_id)
            ids += [event_id, f"{event_id}_latest"]
            names += [label, lang("xlsx_col_latest", label=label)]
            kinds += ["date", "date"]
        ids.append("warnings")
        names.append(lang("xlsx_col_warnings"))
        kinds.append("int")
        self.book.header(ids, names, kinds)

    def write(self, row: int, case_id: str, timeline: Timeline) -> None:
        by_id = {e.id: e for e in timeline.events}
        values: list[object] = [case_id, timeline.pack.id]
        for event_id in self.event_ids:
            event = by_id.get(event_id)
            values += [event.date, event.latest] if event else [None, None]
        values.append(len(timeline.warnings))
        self.book.add(values)
        for notice in timeline.notices:
            names = ", ".join(self.lang.say(by_id[e].label) for e in notice.events if e in by_id)
            self.book.note(case_id, names, self.lang.say(notice.message))

    def finish(self) -> None:
        self.book.close()


def _agenda_xlsx(target: str | None, lang: Lang, items: list[Any]) -> None:
    """The agenda as a workbook, soonest first. Rows due within 7 days and rows whose binding
    day has passed are coloured by conditional formatting on TODAY(), not a fixed fill: the
    workbook stays true as the days pass (a row turns when it comes within 7 days)."""
    from deadline_cli.render.xlsx import Book

    book = Book(target, lang, lang("xlsx_sheet_agenda"), lang("xlsx_sheet_notes"))
    ids = ["date", "latest", "days_left", "case", "label", "cite", "basis", "certainty", "alert"]
    names = [
        lang("col_date"),
        lang("xlsx_col_latest_day"),
        lang("col_days_left"),
        lang("col_case"),
        lang("col_due"),
        lang("col_rule"),
        lang("xlsx_col_basis"),
        lang("xlsx_col_certainty"),
        lang("xlsx_col_alert"),
    ]
    kinds = ["date", "date", "int", "text", "text", "text", "text", "text", "text"]
    book.header(ids, names, kinds)
    seen: set[tuple[str, str]] = set()
    for item in items:
        e, timeline = item.event, item.timeline
        book.add(
            [
                item.date,
                item.latest,
                (item.date - timeline.as_of).days,
                item.case,
                lang.say(e.label),
                lang.say(e.cite),
                lang.say(e.citation),
                lang("certainty_" + e.certainty),
                lang("xlsx_alert_" + (timeline.alert(e) or "ahead").replace("-", "_")),
            ]
        )
        for notice in timeline.notices:
            if e.id in notice.events and (item.case, e.id) not in seen:
                seen.add((item.case, e.id))
                book.note(item.case, lang.say(e.label), lang.say(notice.message))
    # Row 3 is the first case: A is the binding day, B the latest one.
    book.highlight(
        formula_soon="=AND($A3>=TODAY(),$A3-TODAY()<=7)",
        formula_passed="=AND($A3<TODAY(),$B3>=TODAY())",
    )
    book.close()


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


# The agenda.


def run_agenda(options: BatchOptions) -> int:
    from deadline_cli.render.people import AgendaItem

    _refuse_writing_the_input(options)
    _check_output(options)
    setup = _setup(options)
    exact = options.output_format != "table"
    out = Output(options.output_encoding, bom=options.excel, exact=exact)
    errors = _Errors(options.errors_file, setup.lang, options.quiet, setup.sheet)
    seen = SeenIds()
    items: list[AgendaItem] = []
    cases = alert = read = 0
    try:
        for result in setup.runner.run(setup.rows):
            read += 1
            if result.timeline is None:
                errors.add(result)
                continue
            cases += 1
            timeline = result.timeline
            case_id = _duplicate(seen, result, options.quiet)
            if options.alert_within is not None and alerting(timeline, options.alert_within):
                alert += 1
            concerned = {e for n in timeline.notices for e in n.events}
            for event in timeline.events:
                if due_within(timeline, event, options.within):
                    items.append(
                        AgendaItem(
                            event.date,
                            event.latest,
                            case_id,
                            result.row,
                            event,
                            timeline,
                            event.id in concerned or event.is_range,
                        )
                    )
    finally:
        errors.close()
        setup.stream.close()
    items.sort(key=lambda i: (i.date, i.row, i.event.date))
    _write_agenda(options, setup, out, items, cases)
    out.finish()
    if not options.quiet:
        write_err(
            say(msg("batch_summary", read=str(read), computed=str(cases), failed=str(errors.count)))
        )
    if alert:
        return EXIT_ALERT
    return EXIT_ROWS_FAILED if errors.count else EXIT_OK


def _write_agenda(
    options: BatchOptions, setup: _Setup, out: Output, items: list[Any], cases: int
) -> None:
    lang = setup.lang
    fmt = options.output_format
    if fmt == "table":
        from deadline_cli.render.out import render
        from deadline_cli.render.people import agenda_screen

        out.write(
            render(
                agenda_screen(items, lang, as_of=setup.as_of, within=options.within, cases=cases)
            )
        )
    elif fmt == "json":
        from deadline_cli.render.data import agenda_dict
        from deadline_cli.render.json import dumps

        out.write(
            dumps(agenda_dict(items, lang, as_of=setup.as_of, within=options.within, cases=cases))
        )
    elif fmt == "csv":
        from deadline_cli.render.csvout import agenda_csv

        out.write(agenda_csv(items, lang, excel=options.excel))
    elif fmt == "xlsx":
        _agenda_xlsx(options.output, lang, items)
    else:
        from deadline_cli.render.ics import IcsStream

        ics = IcsStream(setup.reminders, lang)
        chunks = [ics.begin()]
        chunks += [ics.event(item.case, item.timeline, item.event) for item in items]
        chunks.append(ics.end())
        out.write("".join(chunks))
