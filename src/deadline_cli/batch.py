"""Many cases in one process: read rows, compute each timeline, never let a bad row stop the rest.

Rows stream through one at a time, so memory stays flat however long the input. Cases that share
their inputs (a clinic's many decisions from the same day) are computed once: timelines are
memoised in a bounded cache keyed by every input that shapes them.
"""

from __future__ import annotations

import csv
import json
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.dates import parse_date
from deadline_cli.errors import DeadlineError
from deadline_cli.rules import DEFAULT_PACK, INPUTS, Pack, load_pack
from deadline_cli.timeline import CaseInputs, Timeline, build_timeline

# Every input a pack can count from, plus the case's id, pack and exit-rule reading.
COLUMNS = ("id", "procedure", *INPUTS, "exit_from", "exit_period")
_KEY_COLUMNS = COLUMNS[1:]
_CACHE_SIZE = 4096
_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"", "0", "false", "no", "n"}


@dataclass(frozen=True)
class BatchResult:
    row: int  # 1-based data row number
    case_id: str
    timeline: Timeline | None = None
    error: str | None = None


def read_rows(stream: IO[str], input_format: str) -> Iterator[tuple[int, dict[str, str] | str]]:
    """Yield (row number, fields) or (row number, error message) for each data row."""
    if input_format == "csv":
        reader = csv.DictReader(stream)
        if reader.fieldnames is None or "ruling" not in reader.fieldnames:
            raise DeadlineError(
                "batch input: the CSV header needs a 'ruling' column "
                f"(columns: {', '.join(COLUMNS)})"
            )
        for n, record in enumerate(reader, 1):
            yield n, {k: (v or "").strip() for k, v in record.items() if k in COLUMNS}
        return
    n = 0
    for line in stream:
        if not line.strip():
            continue
        n += 1
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"not valid JSON: {exc.msg}"
            continue
        if not isinstance(value, dict):
            yield n, "a JSON Lines row must be an object"
            continue
        yield n, {k: _text(v) for k, v in value.items() if k in COLUMNS}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


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
        self._cache: OrderedDict[tuple[object, ...], Timeline | str] = OrderedDict()

    def _pack(self, pack_id: str) -> Pack:
        pack = self._packs.get(pack_id)
        if pack is None:
            pack = self._packs[pack_id] = load_pack(pack_id)
        return pack

    def _timeline(self, fields: dict[str, str]) -> Timeline:
        # A missing column (None) and an empty cell ("") are both absent; they only differ
        # as cache keys, which costs a recomputation, never a different answer.
        key = tuple(map(fields.get, _KEY_COLUMNS))
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = self._compute(fields)
            except DeadlineError as exc:
                hit = str(exc)
            self._cache[key] = hit
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        if isinstance(hit, str):
            raise DeadlineError(hit)
        return hit

    def _compute(self, fields: dict[str, str]) -> Timeline:
        if not fields.get("ruling"):
            raise DeadlineError("ruling is missing")

        def day(name: str) -> date | None:
            value = fields.get(name, "")
            return parse_date(value, name) if value else None

        flag = fields.get("immediate", "").lower()
        if flag not in _TRUE | _FALSE:
            raise DeadlineError(f"immediate {flag!r} is not true or false")
        ruling = day("ruling")
        assert ruling is not None
        inputs = CaseInputs(
            ruling=ruling,
            final_form=day("final_form"),
            appeal_ruling=day("appeal_ruling"),
            appeal_served=day("appeal_served"),
            served=day("served"),
            in_force=day("in_force"),
            immediate=flag in _TRUE,
            exit_from=fields.get("exit_from") or None,
            exit_period=fields.get("exit_period") or None,
        )
        pack = self._pack(fields.get("procedure") or self.default_pack)
        return build_timeline(pack, inputs, self.calendar, self.as_of)

    def run(self, rows: Iterator[tuple[int, dict[str, str] | str]]) -> Iterator[BatchResult]:
        for n, fields in rows:
            if isinstance(fields, str):
                yield BatchResult(n, "", error=fields)
                continue
            case_id = fields.get("id", "") or str(n)
            try:
                yield BatchResult(n, case_id, timeline=self._timeline(fields))
            except DeadlineError as exc:
                yield BatchResult(n, case_id, error=str(exc))
