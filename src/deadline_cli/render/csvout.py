"""CSV: one row per event for a case; one row per case for a batch; one per deadline for an
agenda. ``excel=True`` writes what Excel with Russian settings opens as it is: ';' between
fields and CRLF line ends (the BOM is the output's, see ``Output``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from deadline_cli.i18n import Lang, english
from deadline_cli.timeline import Timeline

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadline_cli.plan import Planned

EVENT_COLUMNS = (
    "case",
    "id",
    "label",
    "date",
    "latest",
    "nominal",
    "basis",
    "cite",
    "certainty",
    "days_left",
    "status",
    "source_url",
)
AGENDA_COLUMNS = (
    "date",
    "latest",
    "days_left",
    "case",
    "row",
    "procedure",
    "event",
    "label",
    "cite",
    "basis",
    "certainty",
    "uncertain",
    "alert",
)


def _line(values: Iterable[object], excel: bool = False) -> str:
    buffer = io.StringIO()
    if excel:
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(values)
    else:
        csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def timeline_csv(
    timeline: Timeline, case: str = "", lang: Lang | None = None, *, excel: bool = False
) -> str:
    lang = lang or english()
    lines = [_line(EVENT_COLUMNS, excel)]
    for e in timeline.events:
        lines.append(
            _line(
                (
                    case,
                    e.id,
                    lang.say(e.label),
                    e.date.isoformat(),
                    e.latest.isoformat(),
                    e.nominal.isoformat() if e.nominal else "",
                    lang.say(e.citation),
                    lang.say(e.cite),
                    e.certainty,
                    timeline.days_left(e),
                    timeline.status(e),
                    e.source.url,
                ),
                excel,
            )
        )
    return "".join(lines)


# The event columns of a batch CSV before the packs of 2026-11 grew, in the order they had:
# a script reading columns by position keeps working, and new columns come after them.
_LEGACY_STEPS = {
    "refugee": (
        "final_form",
        "appeal_deadline",
        "appeal_served",
        "entry_into_force",
        "exit_deadline",
    ),
    "administrative": ("final_form", "appeal_deadline", "appeal_served", "entry_into_force"),
    "civil": (
        "final_form",
        "appeal_deadline",
        "appeal_deadline_non_party",
        "entry_into_force",
        "cassation_deadline",
    ),
    "criminal": ("appeal_deadline",),
    "offence": ("complaint_deadline",),
    "admin-suit": ("suit_deadline",),
}


def batch_event_ids(packs: Sequence[Any]) -> list[str]:
    """The event columns of a batch CSV: the old ones in their old order (the default pack's
    first, as before), then every other event and given date any pack can have."""
    seen: dict[str, None] = {"ruling": None}
    default = packs[0]
    for pack_id in (default.id, *_LEGACY_STEPS):
        seen.update(dict.fromkeys(_LEGACY_STEPS.get(pack_id, ())))
    for pack in packs:
        seen.update(dict.fromkeys(s.id for s in pack.steps))
    for pack in packs:
        seen.update(dict.fromkeys(n for n in pack.entries if n != "ruling"))
        seen.update(dict.fromkeys(n for n in pack.given if n != "ruling"))
    return list(seen)


def batch_header(event_ids: Iterable[str], *, excel: bool = False) -> tuple[str, list[str]]:
    """The header for a batch: ``id``, ``procedure``, ``<event>`` and ``<event>_latest``, and
    ``warnings`` (how many; JSON Lines carries their text)."""
    ids = list(event_ids)
    columns = ["id", "procedure"]
    for event_id in ids:
        columns += [event_id, f"{event_id}_latest"]
    columns.append("warnings")
    return _line(columns, excel), ids


def batch_columns(timeline: Timeline, event_ids: list[str], *, excel: bool = False) -> str:
    """Everything after the id column, ending in a line end: the same for every case that
    shares a timeline, so a batch renders it once per distinct timeline."""
    by_id = {e.id: e for e in timeline.events}
    values: list[object] = [timeline.pack.id]
    for event_id in event_ids:
        event = by_id.get(event_id)
        values += [event.date.isoformat(), event.latest.isoformat()] if event else ["", ""]
    values.append(len(timeline.warnings))
    return _line(values, excel)


class PlannedColumns:
    """batch_columns for cases planned for their dates alone (deadline_cli.plan): a row's
    fields are days and a count, which need no quoting, in the header's places; the empty
    fields between them are the same for every case with the same events."""

    def __init__(self, event_ids: list[str], *, excel: bool = False) -> None:
        self.sep = ";" if excel else ","
        self.end = "\r\n" if excel else "\n"
        self.excel = excel
        self.place = {event_id: 1 + 2 * i for i, event_id in enumerate(event_ids)}
        self.count_at = 1 + 2 * len(event_ids)  # the number of warnings: the last field
        self.layouts: dict[tuple[str, ...], tuple[str, tuple[tuple[str, str], ...]]] = {}
        self.iso: dict[date, str] = {}

    def __call__(self, planned: Planned) -> str:
        dates = planned.dates
        key = (planned.pack.id, *dates)
        layout = self.layouts.get(key)
        if layout is None:
            if len(self.layouts) > 1024:
                self.layouts.clear()
            layout = self.layouts[key] = self._layout(planned.pack.id, list(dates))
        lead, events = layout
        parts = [lead]
        sep, iso = self.sep, self.iso
        for event_id, gap in events:
            first, last = dates[event_id]
            parts += (
                iso.get(first) or self._iso(first),
                sep,
                iso.get(last) or self._iso(last),
                gap,
            )
        parts += (str(planned.warnings), self.end)
        return "".join(parts)

    def _iso(self, day: date) -> str:
        """A day as the row writes it, remembered: a register's days repeat (~4x faster)."""
        if len(self.iso) >= 65536:
            self.iso.clear()
        text = self.iso[day] = day.isoformat()
        return text

    def _layout(self, pack_id: str, ids: list[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The text before the first day (the pack's id, quoted as csv would, and the empty
        fields), and each event with the text after its latest day up to the next field."""
        sep = self.sep
        placed = sorted((self.place[i], i) for i in ids if i in self.place)
        ends = [p for p, _ in placed[1:]] + [self.count_at]
        shown = _line([pack_id], self.excel)[: -len(self.end)]
        lead = shown + sep * (placed[0][0] if placed else self.count_at)
        events = tuple((i, sep * (e - p - 1)) for (p, i), e in zip(placed, ends, strict=True))
        return lead, events


def csv_field(value: str, sep: str = ",") -> str:
    """One CSV field, quoted only when it must be (RFC 4180)."""
    if sep in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def agenda_csv(items: Sequence[Any], lang: Lang, *, excel: bool = False) -> str:
    lines = [_line(AGENDA_COLUMNS, excel)]
    for item in items:
        e = item.event
        lines.append(
            _line(
                (
                    item.date.isoformat(),
                    item.latest.isoformat(),
                    (item.date - item.timeline.as_of).days,
                    item.case,
                    item.row,
                    item.timeline.pack.id,
                    e.id,
                    lang.say(e.label),
                    lang.say(e.cite),
                    lang.say(e.citation),
                    e.certainty,
                    "yes" if item.uncertain else "no",
                    item.timeline.alert(e),
                ),
                excel,
            )
        )
    return "".join(lines)
