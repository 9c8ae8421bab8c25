"""CSV: one row per event for a case; one row per case for a batch."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from deadline_cli.i18n import Lang, english
from deadline_cli.timeline import Timeline

EVENT_COLUMNS = (
    "case",
    "id",
    "label",
    "date",
    "latest",
    "nominal",
    "basis",
    "certainty",
    "days_left",
    "status",
    "source_url",
)


def _line(values: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def timeline_csv(timeline: Timeline, case: str = "", lang: Lang | None = None) -> str:
    lang = lang or english()
    lines = [_line(EVENT_COLUMNS)]
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
                    e.certainty,
                    timeline.days_left(e),
                    timeline.status(e),
                    e.source.url,
                )
            )
        )
    return "".join(lines)


def batch_header(event_ids: Iterable[str]) -> tuple[str, list[str]]:
    """The header for a batch: ``id``, ``procedure``, ``<event>`` and ``<event>_latest``, and
    ``warnings`` (how many; JSON Lines carries their text)."""
    ids = list(event_ids)
    columns = ["id", "procedure"]
    for event_id in ids:
        columns += [event_id, f"{event_id}_latest"]
    columns.append("warnings")
    return _line(columns), ids


def batch_columns(timeline: Timeline, event_ids: list[str]) -> str:
    """Everything after the id column, ending in a newline: the same for every case that
    shares a timeline, so a batch renders it once per distinct timeline."""
    by_id = {e.id: e for e in timeline.events}
    values: list[object] = [timeline.pack.id]
    for event_id in event_ids:
        event = by_id.get(event_id)
        values += [event.date.isoformat(), event.latest.isoformat()] if event else ["", ""]
    values.append(len(timeline.warnings))
    return _line(values)


def csv_field(value: str) -> str:
    """One CSV field, quoted only when it must be (RFC 4180)."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value
