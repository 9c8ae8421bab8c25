"""CSV: one row per event for a case; one row per case for a batch; one per deadline for an
agenda. ``excel=True`` writes what Excel with Russian settings opens as it is: ';' between
fields and CRLF line ends (the BOM is the output's, see ``Output``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
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
    fields are days and a count, which need no quoting, in the header's places."""

    def __init__(self, event_ids: list[str], *, excel: bool = False) -> None:
        self.sep = ";" if excel else ","
        self.end = "\r\n" if excel else "\n"
        self.excel = excel
        self.place = {event_id: 1 + 2 * i for i, event_id in enumerate(event_ids)}
        self.blank = ["", *([""] * (2 * len(event_ids))), ""]
        self.packs: dict[str, str] = {}

    def __call__(self, planned: Planned) -> str:
        values = self.blank.copy()
        pack_id = planned.pack.id
        shown = self.packs.get(pack_id)
        if shown is None:  # quoted as csv would quote it
            shown = self.packs[pack_id] = _line([pack_id], self.excel)[: -len(self.end)]
        values[0] = shown
        place = self.place
        for event_id, (first, last) in planned.dates.items():
            i = place.get(event_id)
            if i is not None:  # (every event of a pack has its column)
                values[i] = first.isoformat()
                values[i + 1] = last.isoformat()
        values[-1] = str(planned.warnings)
        return self.sep.join(values) + self.end


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
