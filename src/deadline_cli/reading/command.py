"""``deadline read FILE...``: the court's document read, its dates computed as ``compute`` does.

Each document is read (:mod:`.extract`), what it says of its case found with the line it came
from (:mod:`.find`), options given on the command line override it, and the case is computed by
the same code as ``deadline compute``. A document that cannot be read, or that does not say what
a computation needs, is reported (file and reason) and costs no other.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from deadline_cli.errors import DeadlineError, choose, safe_text, say, write_err
from deadline_cli.i18n import Lang, Msg, msg
from deadline_cli.output import Output
from deadline_cli.reading.extract import Line, read_lines
from deadline_cli.reading.find import DocumentReading, Found, read_document
from deadline_cli.record import Record, field
from deadline_cli.run import ComputeRequest, case_inputs, choose_pack, optional_date

READ_FORMATS = ("table", "json", "csv", "xlsx")
# The moments read from a document, as compute's options.
MOMENTS = ("ruling", "final_form", "served")
CSV_COLUMNS = ("id", "procedure", "kind", "ruling", "final_form", "served", "file")


class ReadOptions(Record, frozen=False):
    files: list[str]
    output_format: str = "table"
    procedure: str | None = None
    kind: str | None = None
    ruling: str | None = None
    final_form: str | None = None
    served: str | None = None
    as_of: str | None = None
    lang: str | None = None
    calendar_file: str | None = None
    output: str | None = None  # --output FILE for --format xlsx


class ReadCase(Record, frozen=False):
    file: str
    case_id: str
    reading: DocumentReading
    pack_id: str
    kind: str | None
    dates: dict[str, date]
    origin: dict[str, str] = field(default_factory=dict)  # moment -> "document" or "option"
    timeline: Any = None
    warnings: list[Msg] = field(default_factory=list)


def run_read(options: ReadOptions) -> int:
    from deadline_cli.dates import today_in_kazakhstan
    from deadline_cli.overrides import calendar_for

    if options.output_format not in READ_FORMATS:
        raise DeadlineError(
            msg("error_format", value=repr(options.output_format), formats=READ_FORMATS)
        )
    lang = choose(options.lang)
    if options.output is not None and options.output_format != "xlsx":
        raise DeadlineError(msg("error_output_xlsx"))
    today = optional_date(options.as_of, "--as-of") or today_in_kazakhstan()
    calendar = calendar_for(options.calendar_file)
    given = {m: optional_date(getattr(options, m), "--" + m.replace("_", "-")) for m in MOMENTS}
    out = Output(exact=options.output_format != "table")
    cases: list[ReadCase] = []
    failed = 0
    for name in options.files:
        try:
            case = _read_case(Path(name), options, given, calendar, today)
        except DeadlineError as exc:
            failed += 1
            write_err(say(msg("read_failed", file=safe_text(name), problem=exc.message)))
            continue
        cases.append(case)
        if options.output_format == "table":
            out.write(_table(case, lang))
    if options.output_format == "json":
        from deadline_cli.render.json import dumps

        out.write(dumps([_case_dict(c, lang) for c in cases]))
    elif options.output_format == "csv":
        out.write(_csv(cases))
    elif options.output_format == "xlsx":
        _xlsx(cases, lang, options.output)
    out.finish()
    return 1 if failed else 0


def _read_case(
    path: Path, options: ReadOptions, given: dict[str, date | None], calendar: Any, today: date
) -> ReadCase:
    from deadline_cli.timeline import build_timeline

    _, lines = read_lines(path)
    reading = read_document(lines)
    if reading.act is None or (reading.pack is None and options.procedure is None):
        raise DeadlineError(msg("read_not_a_decision"))
    pack_id = options.procedure or str(reading.pack.value if reading.pack else "")
    kind = options.kind or (str(reading.kind.value) if reading.kind else None)
    dates: dict[str, date] = {}
    origin: dict[str, str] = {}
    for moment in MOMENTS:
        day = given[moment]
        if day is not None:
            dates[moment], origin[moment] = day, "option"
            continue
        found = reading.dates.get(moment, [])
        distinct = sorted({f.value for f in found}, key=str)
        if len(distinct) > 1:
            first, second = found[0], next(f for f in found if f.value != found[0].value)
            raise DeadlineError(
                msg(
                    "read_conflict",
                    option="--" + moment.replace("_", "-"),
                    first=_where(first.line),
                    first_text=_quote(first.line),
                    second=_where(second.line),
                    second_text=_quote(second.line),
                )
            )
        if found:
            dates[moment], origin[moment] = found[0].value, "document"  # type: ignore[assignment]
    if "ruling" not in dates and reading.header_date is not None:
        dates["ruling"], origin["ruling"] = reading.header_date.value, "document"  # type: ignore[assignment]
    if "ruling" not in dates:
        raise DeadlineError(msg("read_no_ruling"))
    request = ComputeRequest(
        date=dates["ruling"].isoformat(),
        procedure=pack_id,
        final_form=dates["final_form"].isoformat() if "final_form" in dates else None,
        served=dates["served"].isoformat() if "served" in dates else None,
        kind=kind,
    )
    pack = choose_pack(pack_id, None)
    timeline = build_timeline(pack, case_inputs(request, pack), calendar, today)
    case_id = str(reading.case.value) if reading.case else path.stem
    case = ReadCase(str(path), case_id, reading, pack_id, kind, dates, origin, timeline)
    case.warnings = _term_warnings(case)
    return case


def _term_warnings(case: ReadCase) -> list[Msg]:
    """The court's stated term, checked against the rule the pack applies."""
    term = case.reading.term
    if term is None:
        return []
    event = next(
        (e for e in case.timeline.events if e.id in ("appeal_deadline", "complaint_deadline")),
        None,
    )
    if event is None or event.rule is None or event.rule.period is None:
        return []
    if event.rule.period == term.value:
        return []
    return [
        msg(
            "read_term_differs",
            words=term.words,
            where=_where(term.line),
            period=event.rule.period,
            basis=event.rule.basis,
        )
    ]


def _where(line: Line) -> Msg:
    if line.page > 1:
        return msg("read_page_line", page=str(line.page), line=str(line.number))
    return msg("read_line", line=str(line.number))


def _quote(line: Line, limit: int = 160) -> str:
    text = safe_text(line.text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _said(lang: Lang, value: object, line: Line) -> str:
    """A value found, with the line it came from: «…» quoted."""
    return lang("read_evidence", value=value, where=_where(line), text=_quote(line))


def _found_lines(case: ReadCase, lang: Lang) -> list[tuple[str, str]]:
    """(what, said) pairs for the 'found in the document' block."""
    r = case.reading
    rows: list[tuple[str, str]] = []
    if r.pack is not None:
        pack_name = f"{lang.say(case.timeline.pack.name)} ({r.pack.value})"
        rows.append((lang("read_what_pack"), _said(lang, pack_name, r.pack.line)))
    if case.kind is not None:
        if r.kind is not None and case.kind == r.kind.value:
            rows.append(("--kind", _said(lang, case.kind, r.kind.line)))
        else:
            rows.append(("--kind", lang("read_from_option", value=case.kind)))
    if r.case is not None:
        rows.append((lang("read_what_case"), _said(lang, r.case.value, r.case.line)))
    pack = case.timeline.pack
    for moment in MOMENTS:
        label = lang.say(pack.label_of(moment))
        day = case.dates.get(moment)
        if day is None:
            if moment == "final_form":
                rows.append((label, lang("read_not_stated")))
        elif case.origin.get(moment) == "option":
            rows.append((label, lang("read_from_option", value=lang.day(day))))
        else:
            rows.append((label, _said(lang, lang.day(day), _evidence(case.reading, moment, day))))
    if r.term is not None:
        rows.append((lang("read_what_term"), _said(lang, r.term.words, r.term.line)))
    return rows


def _evidence(reading: DocumentReading, moment: str, day: date) -> Line:
    for found in reading.dates.get(moment, []):
        if found.value == day:
            return found.line
    assert reading.header_date is not None
    return reading.header_date.line


def _table(case: ReadCase, lang: Lang) -> str:
    from deadline_cli.render.out import render
    from deadline_cli.render.people import timeline_screen
    from deadline_cli.render.screen import Blank, Screen, Text

    screen = Screen()
    screen.add(Text(lang("read_found_title", file=safe_text(case.file)), "bold"))
    for what, said in _found_lines(case, lang):
        screen.add(Text(f"{what}: {said}", indent=2, hanging=2))
    for warning in case.warnings:
        screen.add(Text(lang("read_warning", text=lang.say(warning)), "bold", indent=2, hanging=2))
    screen.add(Blank())
    text = render(screen)
    timeline = case.timeline
    return text + render(timeline_screen(timeline, lang, explain=False, case=case.case_id)) + "\n"


def _case_dict(case: ReadCase, lang: Lang) -> dict[str, Any]:
    from deadline_cli.render.data import timeline_dict

    r = case.reading
    found: dict[str, Any] = {}

    def said(f: Found | None) -> dict[str, Any] | None:
        if f is None:
            return None
        return {
            "value": str(f.value),
            "page": f.line.page,
            "line": f.line.number,
            "text": f.line.text,
        }

    found["procedure"] = said(r.pack)
    found["kind"] = said(r.kind)
    found["case"] = said(r.case)
    for moment in MOMENTS:
        day = case.dates.get(moment)
        if day is None:
            found[moment] = None
        elif case.origin.get(moment) == "option":
            found[moment] = {"value": day.isoformat(), "from": "option"}
        else:
            line = _evidence(r, moment, day)
            found[moment] = {
                "value": day.isoformat(),
                "from": "document",
                "page": line.page,
                "line": line.number,
                "text": line.text,
            }
    if r.term is not None:
        found["stated_term"] = {**(said(r.term) or {}), "words": r.term.words}
    data = timeline_dict(case.timeline, lang)
    data["warnings"] = [lang.say(w) for w in case.warnings] + list(data.get("warnings", []))
    return {"file": case.file, "case": case.case_id, "found": found, **data}


def _xlsx(cases: list[ReadCase], lang: Lang, target: str | None) -> None:
    """The documents read as a workbook: the CSV's columns with real date cells, and the
    evidence of each date in the notes sheet."""
    from deadline_cli.render.xlsx import Book

    book = Book(target, lang, lang("xlsx_sheet_cases"), lang("xlsx_sheet_notes"))
    names = [lang("col_case"), lang("xlsx_col_procedure"), lang("xlsx_col_kind")]
    pack_labels = cases[0].timeline.pack if cases else None
    for moment in MOMENTS:
        names.append(lang.say(pack_labels.label_of(moment)) if pack_labels else moment)
    names.append(lang("xlsx_col_file"))
    book.header(list(CSV_COLUMNS), names, ["text", "text", "text", "date", "date", "date", "text"])
    for case in cases:
        book.add(
            [
                case.case_id,
                case.pack_id,
                case.kind or "",
                *(case.dates.get(m) for m in MOMENTS),
                case.file,
            ]
        )
        for what, said in _found_lines(case, lang):
            book.note(case.case_id, what, said)
        for warning in case.warnings:
            book.note(case.case_id, lang("read_what_term"), lang.say(warning))
    book.close()


def _csv(cases: list[ReadCase]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for case in cases:
        writer.writerow(
            [
                case.case_id,
                case.pack_id,
                case.kind or "",
                *(case.dates[m].isoformat() if m in case.dates else "" for m in MOMENTS),
                case.file,
            ]
        )
    return buffer.getvalue()


__all__ = ["ReadOptions", "run_read"]
