"""Many cases in one process: read rows, compute each timeline, never let a bad row stop the rest.

Input comes as Excel and offices write it: CSV with ``,``, ``;`` or tab (detected from the
header line, or ``--delimiter``), a BOM, CRLF line ends, Windows-1251 as well as UTF-8, and
headers in Russian or Kazakh (``номер``, ``дата решения``: the aliases live in the locale files).
Each physical line is decoded on its own, so one line in another encoding costs at most its
own row, never the good rows around it; a line too long to be a case is that row's error.

Rows stream through one at a time, so memory stays flat however long the input. Cases that share
their inputs (a clinic's many decisions from the same day) are computed once: timelines are
memoised in a bounded cache keyed by every input that shapes them.
"""

from __future__ import annotations

import csv
import gc
import json
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from typing import IO, Any, NamedTuple

from deadline_cli.builtin import load_toml
from deadline_cli.calendar import KazakhCalendar
from deadline_cli.dates import parse_date
from deadline_cli.errors import DeadlineError, shown
from deadline_cli.i18n import Msg, msg
from deadline_cli.plan import Planned, Planner, case_inputs
from deadline_cli.rules import DATE_INPUTS, DEFAULT_PACK, FLAG_INPUTS, INPUTS, Pack, load_pack
from deadline_cli.timeline import Timeline, build_timeline

# Every input a pack can count from, plus the case's id, pack, kind and reading.
COLUMNS: tuple[str, ...] = ("id", "procedure", *INPUTS, "immediate_reason", "from", "kind")
COLUMNS += ("code", "route", "reading")
COLUMNS += ("exit_from", "exit_period")
_KEY_COLUMNS = COLUMNS[1:]
_CACHE_SIZE = 4096
_TRUE = {"1", "true", "yes", "y", "истина", "да", "иә", "ақиқат", "+"}
_FALSE = {"", "0", "false", "no", "n", "ложь", "нет", "жоқ", "жалған", "-"}
_FLAGS = _TRUE | _FALSE
MAX_LINE = 1 << 20  # a line of more than 1 MiB is no case: that row fails
BLOCK = 1 << 16  # bytes read at a time
MAX_SKIP = 1 << 24  # ...and past 16 MiB without a line end the input is no CSV at all
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}


class BatchResult(NamedTuple):
    row: int  # 1-based data row number
    case_id: str
    timeline: Timeline | None = None
    error: Msg | str | None = None
    line: str = ""  # the original line(s), for --errors
    planned: Planned | None = None  # the dates alone, when only they are written (CSV)


class RawRow(NamedTuple):
    row: int
    fields: dict[str, str] | None
    error: Msg | str | None
    line: str
    # The file's own name of each column ("Дата вручения" for served), for its row errors.
    headers: dict[str, str] | None = None
    case_id: str = ""  # a row refused whole may still have said its id


# Decoding, line by line.


class Lines:
    """Decoded lines of a byte stream: UTF-8, else Windows-1251 (said once), or the
    encoding asked for; a line that cannot be decoded or is too long is marked, not fatal."""

    def __init__(
        self,
        stream: IO[bytes],
        name: str,
        encoding: str | None,
        notice: Callable[[Msg], None],
    ) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.notice = notice
        self.offset = 0
        self.fallback_said = False
        self.first = True
        self.stopped: Msg | None = None  # the input ended in a way no row can report
        # Notices wait until the header is read: a file refused at its header gets one line.
        self.held: list[Msg] | None = []

    def say(self, notice: Msg) -> None:
        if self.held is None:
            self.notice(notice)
        else:
            self.held.append(notice)

    def release(self) -> None:
        """The header is read: say what was held."""
        held, self.held = self.held or [], None
        for notice in held:
            self.notice(notice)

    def __iter__(self) -> Iterator[tuple[str | None, Msg | None]]:
        """(text, None) for a good line, (None, problem) for a line that is not.

        Bytes are read in blocks and a block of whole lines that is clean UTF-8 is decoded at
        once (the common case, and a fast one); any other block is decoded line by line."""
        read = getattr(self.stream, "read1", None) or self.stream.read
        pending = b""  # the start of a line not ended yet
        skipping: int | None = None  # the offset of an over-long line being skipped
        while True:
            chunk = read(BLOCK)
            if not chunk:
                if skipping is not None:
                    yield None, msg("error_line_too_long", offset=str(skipping), limit="1 MiB")
                elif pending:
                    yield from self._block(pending)
                return
            if skipping is not None:
                end = chunk.find(b"\n")
                if end < 0:
                    self.offset += len(chunk)
                    if self.offset - skipping > MAX_SKIP:
                        self.stopped = msg(
                            "error_line_endless", offset=str(skipping), limit="16 MiB"
                        )
                        yield None, self.stopped
                        return
                    continue
                self.offset += end + 1
                yield None, msg("error_line_too_long", offset=str(skipping), limit="1 MiB")
                skipping, chunk = None, chunk[end + 1 :]
            data = pending + chunk
            cut = data.rfind(b"\n")
            if cut < 0:
                if len(data) > MAX_LINE:
                    skipping, pending = self.offset, b""
                    self.offset += len(data)
                    continue
                pending = data
                continue
            pending = data[cut + 1 :]
            if len(pending) > MAX_LINE:
                skipping, pending = self.offset + cut + 1, b""
                yield from self._block(data[: cut + 1])
                self.offset = skipping + len(data) - cut - 1
                continue
            yield from self._block(data[: cut + 1])

    def _block(self, block: bytes) -> Iterator[tuple[str | None, Msg | None]]:
        """Whole lines (each ending in a line end, but perhaps the input's last)."""
        if self.first:
            self.first = False
            if block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
                self.offset += 3
        if self.encoding is None and len(block) <= MAX_LINE:
            try:
                text = block.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                self.offset += len(block)
                lines = text.split("\n")
                last = lines.pop()
                for line in lines:
                    yield line + "\n", None
                if last:
                    yield last, None
                return
        for raw in _split_lf(block):
            start = self.offset
            self.offset += len(raw)
            if len(raw) > MAX_LINE:
                yield None, msg("error_line_too_long", offset=str(start), limit="1 MiB")
                continue
            yield self._decode(raw, start)

    def _decode(self, raw: bytes, start: int) -> tuple[str | None, Msg | None]:
        if self.encoding is not None:
            try:
                return raw.decode(self.encoding), None
            except UnicodeDecodeError as exc:
                return None, msg(
                    "error_undecodable", encoding=self.encoding, offset=str(start + exc.start)
                )
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            bad = start + exc.start
        try:
            text = raw.decode("cp1251")
        except UnicodeDecodeError:
            return None, msg("error_undecodable_any", offset=str(bad))
        if not self.fallback_said:
            self.fallback_said = True
            self.say(msg("notice_cp1251", name=self.name, offset=str(bad)))
        return text, None


def _split_lf(block: bytes) -> list[bytes]:
    """Lines split at LF only, each keeping it (a CR inside a quoted cell stays in its line)."""
    parts = block.split(b"\n")
    last = parts.pop()
    lines = [part + b"\n" for part in parts]
    if last:
        lines.append(last)
    return lines


# Header names as people write them.


@cache
def column_aliases() -> dict[str, str]:
    """Header aliases (Russian, Kazakh, English spellings) -> column names."""
    aliases = {c: c for c in COLUMNS}
    for code in ("en", "ru", "kk"):
        for alias, column in load_toml(f"locales/{code}.toml").get("columns", {}).items():
            aliases[_norm(alias)] = column
    return aliases


def shown_column(column: str, headers: dict[str, str] | None) -> str:
    """A column as its file names it: «Дата вручения» (served); the column's own name when
    the file uses it."""
    header = (headers or {}).get(column)
    if header is None or _norm(header) == _norm(column):
        return column
    return f"«{header}» ({column})"


@cache
def procedure_aliases() -> dict[str, str]:
    """Procedure names as people write them in a file (Russian, Kazakh) -> pack ids."""
    from deadline_cli.rules import BUILTIN_PACKS

    aliases = {_norm(p): p for p in BUILTIN_PACKS}
    for code in ("en", "ru", "kk"):
        for alias, pack in load_toml(f"locales/{code}.toml").get("procedures", {}).items():
            aliases[_norm(alias)] = pack
    return aliases


def procedure_id(name: str) -> str:
    """The pack id a file's procedure names («гражданское», «ГПК», "civil"), else the name."""
    return procedure_aliases().get(_norm(name), name)


def _norm(header: str) -> str:
    return " ".join(header.strip().strip('"').lower().replace("_", " ").replace("-", " ").split())


def column_of(name: str) -> str | None:
    """The column a header or a JSON key names (``final_form``, «Дата изготовления»), if any."""
    aliases, key = column_aliases(), _norm(name)
    return aliases.get(key) or aliases.get(key.replace(" ", "_"))


def normalise_header(names: list[str]) -> list[str | None]:
    return [column_of(name) for name in names]


def detect_delimiter(header: str) -> str:
    """The delimiter of a header line: the one of , ; tab that splits it most (outside quotes)."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def read_rows(lines: Lines, input_format: str, delimiter: str | None = None) -> Iterator[RawRow]:
    """Yield every data row: its fields, or the error that stopped it, with its text."""
    if input_format == "jsonl":
        yield from _jsonl_rows(lines)
        return
    yield from _csv_rows(lines, delimiter)


class _Pairs(dict[str, Any]):
    """A JSON object that keeps its members as written: a key given twice is seen (a dict
    keeps only the last)."""

    pairs: list[tuple[str, Any]]


def _object(pairs: list[tuple[str, Any]]) -> _Pairs:
    found = _Pairs(pairs)
    found.pairs = pairs
    return found


def _jsonl_rows(lines: Lines) -> Iterator[RawRow]:
    lines.release()  # no header: every line is a row
    ignored: set[str] = set()  # keys that are no column, said once each (the first 12)
    n = 0
    for text, problem in lines:
        if text is not None and not text.strip():
            continue
        n += 1
        if problem is not None:
            yield RawRow(n, None, problem, "")
            continue
        assert text is not None
        line = text.rstrip("\r\n")
        try:
            value = json.loads(line, object_pairs_hook=_object)
        except json.JSONDecodeError as exc:
            yield RawRow(n, None, msg("error_json", problem=exc.msg), line)
            continue
        except (ValueError, RecursionError):  # a 5,000-digit number, nesting 1,000 deep
            yield RawRow(n, None, msg("error_json_limits"), line)
            continue
        if not isinstance(value, _Pairs):
            yield RawRow(n, None, msg("error_jsonl_object"), line)
            continue
        fields: dict[str, str] = {}
        headers: dict[str, str] = {}
        bad = None
        unknown = []
        for key, raw in value.pairs:
            column = column_of(key)
            if column is None:
                if key.strip() and key not in ignored and len(ignored) < 12:
                    ignored.add(key)
                    unknown.append(" ".join(key.split()))
                continue
            if column in headers:  # two keys for one input: which to read is a guess
                bad = msg("error_key_twice", first=headers[column], second=key, column=column)
                break
            headers[column] = key
            if isinstance(raw, dict | list):
                bad = msg("error_json_cell", column=shown_column(column, headers))
                break
            fields[column] = _text(raw)
        if unknown:
            lines.say(msg("unknown_columns", columns=tuple(unknown)))
        yield RawRow(n, None if bad else fields, bad, line, headers)


HEADER_SEARCH = 30  # the header is within the first rows (a title, empty rows above it)


def refuse_twice(names: list[str], columns: list[str | None], where: str) -> None:
    """A header's columns (``normalise_header(names)``) of which two name the same input are
    refused: which of them to read would be a guess («Дата решения» and «Дата оглашения»)."""
    first: dict[str, str] = {}
    for column, name in zip(columns, names, strict=True):
        if column is None:
            continue
        said = " ".join(name.split())
        if column in first:
            both = {"first": first[column], "second": said, "column": column}
            raise DeadlineError(msg("error_header_twice", name=where, **both))
        first[column] = said


def unknown_columns(names: list[str], columns: list[str | None]) -> Msg | None:
    """The notice naming the header's columns that are not read (ignored), if there are any."""
    unknown = [" ".join(n.split()) for n, c in zip(names, columns, strict=False) if c is None]
    unknown = [n for n in unknown if n]
    return msg("unknown_columns", columns=tuple(unknown[:12])) if unknown else None


def _header(
    lines: Lines, iterator: Iterator[tuple[str | None, Msg | None]], delimiter: str | None
) -> tuple[str, list[str | None], dict[str, str]]:
    """The separator and the columns of a CSV: its header is the first line that names a date
    column, among the first HEADER_SEARCH that are not empty (a title above it, as Excel
    saves a sheet's title row, «Реестр дел;;;», is skipped, as in a workbook)."""
    first: list[str] | None = None
    seen = 0
    for text, problem in iterator:
        if problem is not None:
            raise DeadlineError(msg("error_header_undecodable", name=lines.name, problem=problem))
        assert text is not None
        if not text.strip():
            continue
        sep = DELIMITERS[delimiter] if delimiter else detect_delimiter(text)
        try:
            names = next(csv.reader([text], delimiter=sep))
        except csv.Error as exc:
            failed = msg("error_header_csv", name=lines.name, problem=str(exc))
            raise DeadlineError(failed) from None
        columns = normalise_header(names)
        if any(c in DATE_INPUTS for c in columns):
            refuse_twice(names, columns, lines.name)
            unknown = unknown_columns(names, columns)
            if unknown is not None:
                lines.say(unknown)
            headers = {c: " ".join(n.split()) for c, n in zip(columns, names, strict=False) if c}
            return sep, columns, headers
        first = first or names
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    if first is None:
        raise DeadlineError(msg("error_no_header", name=lines.name, columns=COLUMNS))
    raise DeadlineError(
        msg("error_header_columns", name=lines.name, found=first[:12], columns=COLUMNS)
    )


def _csv_rows(lines: Lines, delimiter: str | None) -> Iterator[RawRow]:
    iterator = iter(lines)
    sep, columns, headers = _header(lines, iterator, delimiter)
    lines.release()
    pending: list[str] = []
    row = 0

    def source() -> Iterator[str]:
        for text, problem in iterator:
            if problem is not None:
                pending.append("")
                raise _BadLine(problem)
            assert text is not None
            pending.append(text)
            yield text

    while True:
        reader = csv.reader(source(), delimiter=sep)
        try:
            for cells in reader:
                line = pending[0] if len(pending) == 1 else "".join(pending)
                pending.clear()
                if not "".join(cells).strip():  # no cells, or none but blanks
                    continue
                row += 1
                fields = {
                    column: cell.strip()
                    for column, cell in zip(columns, cells, strict=False)
                    if column is not None
                }
                yield RawRow(row, fields, None, line.rstrip("\r\n"), headers)
            return
        except _BadLine as bad:
            row += 1
            line = "".join(pending).rstrip("\r\n")
            pending.clear()
            yield RawRow(row, None, bad.problem, line)
            if lines.stopped is not None:
                return
        except csv.Error as exc:  # a NUL byte, an unclosed quote at the end, a huge field
            row += 1
            line = "".join(pending).rstrip("\r\n")
            pending.clear()
            yield RawRow(row, None, msg("error_csv", problem=str(exc)), line)


class _BadLine(Exception):
    def __init__(self, problem: Msg) -> None:
        self.problem = problem


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


csv.field_size_limit(MAX_LINE + 1)


class SeenIds:
    """Which case ids were seen, in 16 bytes per id (an open-addressing set of 64-bit
    hashes), so that a million rows stay within a few megabytes."""

    def __init__(self) -> None:
        self.table = array("q", bytes(8 * 1024))
        self.count = 0
        self.first: dict[int, int] = {}  # hash -> the row it was first seen in (first 4,096)

    def add(self, case_id: str, row: int) -> int | None:
        """Record ``case_id``; the row it was seen in before, or 0 when that row is
        not remembered, or None when it is new."""
        h = hash(case_id) | 1
        table = self.table
        mask = len(table) - 1
        i = h & mask
        while table[i]:
            if table[i] == h:
                return self.first.get(h, 0)
            i = (i + 1) & mask
        table[i] = h
        self.count += 1
        if len(self.first) < 4096:
            self.first[h] = row
        if self.count * 2 > len(table):
            self._grow()
        return None

    def _grow(self) -> None:
        old = self.table
        self.table = array("q", bytes(16 * len(old)))
        mask = len(self.table) - 1
        for h in old:
            if h:
                i = h & mask
                while self.table[i]:
                    i = (i + 1) & mask
                self.table[i] = h


class BatchRunner:
    def __init__(
        self,
        calendar: KazakhCalendar,
        as_of: date,
        default_pack: str = DEFAULT_PACK,
        user_pack: Pack | None = None,
    ):
        self.calendar = calendar
        self.as_of = as_of
        self.default_pack = user_pack.id if user_pack else default_pack
        self._packs: dict[str, Pack] = {user_pack.id: user_pack} if user_pack else {}
        self._cache: OrderedDict[tuple[object, ...], Timeline | Planned | Msg | str] = OrderedDict()
        self._days: dict[str, date] = {}  # cells read as dates: a register repeats its days
        # Set when only the dates and the number of warnings are written (a CSV batch):
        # each case is then planned (deadline_cli.plan) unless the engine must answer it.
        self.planner: Planner | None = None

    def _pack(self, name: str) -> Pack:
        pack = self._packs.get(name)
        if pack is None:
            pack_id = procedure_id(name)
            pack = self._packs.get(pack_id) or load_pack(pack_id)
            self._packs[name] = pack
        return pack

    def _timeline(
        self, fields: dict[str, str], headers: dict[str, str] | None = None
    ) -> Timeline | Planned:
        # A missing column (None) and an empty cell ("") are both absent; they only differ
        # as cache keys, which costs a recomputation, never a different answer.
        key = tuple(map(fields.get, _KEY_COLUMNS))
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = self._compute(fields, headers)
            except DeadlineError as exc:
                hit = _in_file_terms(exc.message, headers)
            self._cache[key] = hit
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        if not isinstance(hit, Timeline | Planned):
            raise DeadlineError(hit)
        return hit

    def _compute(
        self, fields: dict[str, str], headers: dict[str, str] | None
    ) -> Timeline | Planned:
        days = self._days

        def day(name: str, value: str) -> date:
            found = days.get(value)
            if found is None:
                try:
                    found = parse_date(value)
                except DeadlineError:  # said again, naming the column as the file does
                    found = parse_date(value, shown_column(name, headers))
                if len(days) >= 8192:
                    days.clear()
                days[value] = found
            return found

        flags: dict[str, bool] = {}
        for column in FLAG_INPUTS:
            flag = fields.get(column, "").strip().lower()
            if flag not in _FLAGS:
                what = shown_column(column, headers)
                raise DeadlineError(msg("error_flag", column=what, value=shown(flag)))
            flags[column] = flag in _TRUE
        reason = fields.get("immediate_reason") or None
        if reason is not None:
            flags["immediate"] = True
        pack = self._pack(fields.get("procedure") or self.default_pack)
        dates = {name: day(name, value) for name in DATE_INPUTS if (value := fields.get(name))}
        start = (fields.get("from") or "").replace("-", "_") or None
        if start is None:
            # The row starts from the earliest point of the pack's path it gives.
            start = next((e for e in pack.entries if dates.get(e)), pack.start)
        kind = fields.get("kind") or fields.get("code") or fields.get("route") or None
        options = {
            "start": start,
            "kind": kind,
            "reading": fields.get("reading") or None,
            "exit_from": fields.get("exit_from") or None,
            "exit_period": fields.get("exit_period") or None,
            "immediate_reason": reason,
        }
        if self.planner is not None:
            planned = self.planner.plan(pack, dates, flags, options)
            if planned is not None:
                return planned
        inputs = case_inputs(dates, flags, options)
        return build_timeline(pack, inputs, self.calendar, self.as_of)

    def run(self, rows: Iterator[RawRow]) -> Iterator[BatchResult]:
        for raw in rows:
            if not raw.row % 4096:
                # What the caches hold (timelines here, terms in timeline._RUNS and
                # periods._count_term) is long-lived and acyclic: keep the cycle collector
                # from walking it again and again (it cost batch and agenda 10-20% on
                # repeated cases). Refcounting still frees it when a cache lets it go.
                gc.freeze()
            if raw.fields is None:
                yield BatchResult(raw.row, raw.case_id, error=raw.error, line=raw.line)
                continue
            case_id = raw.fields.get("id", "") or str(raw.row)
            try:
                timeline = self._timeline(raw.fields, raw.headers)
            except DeadlineError as exc:
                yield BatchResult(raw.row, case_id, error=exc.message, line=raw.line)
                continue
            if isinstance(timeline, Planned):
                yield BatchResult(raw.row, case_id, line=raw.line, planned=timeline)
            else:
                yield BatchResult(raw.row, case_id, timeline=timeline, line=raw.line)


def _in_file_terms(message: Msg | str, headers: dict[str, str] | None) -> Msg | str:
    """A row's error names the file's columns, not the command line's options: '--served'
    becomes «Дата вручения» (served) where the file calls it so."""
    if not isinstance(message, Msg) or not headers:
        return message
    if message.key == "error_needs_input":
        # A date the row lacks is asked for in the file, not as an option to type: "give its
        # date in the column served" (or «Дата вручения» (served), as the file calls it).
        given = dict(message.args)
        option = str(given.pop("option", ""))
        column = option[2:].replace("-", "_")
        return msg("error_needs_cell", **given, column=shown_column(column, headers))
    args = []
    for name, value in message.args:
        said = value
        if name in ("option", "needs") and isinstance(value, str) and value.startswith("--"):
            column = value[2:].replace("-", "_")
            if column in headers:
                said = shown_column(column, headers)
        args.append((name, said))
    return Msg(message.key, tuple(args))


def describe(error: Msg | str | None) -> Any:
    return error if error is not None else ""
