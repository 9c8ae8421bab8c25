"""deadline_cli.plan against the engine: a CSV row planned from the dates alone is the row
the engine's timeline gives, for random cases of every built-in pack (issue 17)."""

from __future__ import annotations

import csv
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from deadline_cli.calendar import KazakhCalendar
from deadline_cli.cli import app
from deadline_cli.errors import EXIT_ROWS_FAILED, DeadlineError
from deadline_cli.i18n import load as load_lang
from deadline_cli.plan import Planned, Planner, _fits
from deadline_cli.render.data import timeline_dict
from deadline_cli.render.ics import IcsStream
from deadline_cli.render.json import dumps_line
from deadline_cli.render.planned import PlannedRows
from deadline_cli.rules import BUILTIN_PACKS, DATE_INPUTS, Pack, load_pack, load_pack_file
from deadline_cli.timeline import CaseInputs, Timeline, build_timeline, uses

CALENDAR = KazakhCalendar()
AS_OF = date(2026, 12, 2)
# Days the law changed on, where a variant or an era starts or ends: cases crowd round them.
EDGES = (
    date(2016, 1, 1),
    date(2021, 6, 30),
    date(2021, 7, 1),
    date(2023, 7, 1),
    date(2025, 5, 1),
    date(2025, 6, 30),
    date(2025, 7, 1),
    date(2026, 12, 31),
    date(2027, 1, 1),
)
# Days between two dates of a case: any, or one that ends a window or a term of the packs
# (10 working days are 14 days or so, a month 28 to 31), where a day more or less matters.
GAPS = st.integers(0, 90) | st.sampled_from([0, 1, 13, 14, 15, 16, 28, 29, 30, 31, 59, 61])
PLANNED = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,  # the same cases on every run and machine
    suppress_health_check=[HealthCheck.too_slow],
)


def engine_row(pack: Pack, case: dict[str, object]) -> tuple[dict[str, tuple[date, date]], int]:
    """What the engine's timeline puts in a batch's CSV row (render.csvout.batch_columns)."""
    timeline = build_timeline(pack, CaseInputs(**case), CALENDAR, AS_OF)  # type: ignore[arg-type]
    assert isinstance(timeline, Timeline)
    dates = {e.id: (e.date, e.latest) for e in timeline.events}
    return dates, len(timeline.warnings)


def planned_row(planner: Planner, pack: Pack, case: dict[str, object]) -> Planned | None:
    dates = {n: v for n, v in case.items() if n in DATE_INPUTS}
    flags = {f: bool(case.get(f)) for f in ("immediate", "no_appeal_notice")}
    if case.get("immediate_reason"):
        flags["immediate"] = True
    options = {
        n: case.get(n)
        for n in ("start", "kind", "reading", "exit_from", "exit_period", "immediate_reason")
    }
    return planner.plan(pack, dates, flags, options)  # type: ignore[arg-type]


@st.composite
def cases(draw: st.DrawFn, pack: Pack) -> dict[str, object]:
    """A case of the pack: some of the dates it uses, mostly in the order of a path, with
    its options, now and then one it does not take or a value it does not know."""
    kinds = [k.id for k in pack.choice.kinds] if pack.choice else []
    kind = draw(st.sampled_from([None, *kinds]))
    names = sorted(uses(pack, kind if kinds else None) & set(DATE_INPUTS))
    chosen = {n for n in names if draw(st.integers(0, 2)) == 0}
    chosen |= {_NEEDS[n] for n in chosen if n in _NEEDS and draw(st.integers(0, 9))}
    start = draw(st.sampled_from(pack.entries))
    first = (pack.valid_from or date(2016, 1, 1)) - timedelta(days=20)
    edges = [d for d in EDGES if d >= first]
    base = draw(st.one_of(st.sampled_from(edges), st.dates(first, date(2030, 12, 31))))
    case: dict[str, object] = {}
    day = base
    path = _path(pack)
    for name in sorted(chosen | {start}, key=path.index):
        case[name] = day
        # Mostly in order, now and then a day before the one it must follow.
        day += timedelta(days=draw(GAPS) if draw(st.integers(0, 15)) else -2)
    case["start"] = draw(st.sampled_from([None, start]))
    if kind is not None:
        case["kind"] = kind
    used = uses(pack, kind if kinds else None)
    step = pack.reading_step()
    if step is not None:
        ids = [r.id for r in step.readings]
        case["reading"] = draw(st.sampled_from([None, None, None, *ids, "other"]))
        case["exit_from"] = draw(st.sampled_from([None, None, "entry-into-force", "decision"]))
        periods = [None, None, "30 days", "1 month", "2 months"]
        case["exit_period"] = draw(st.sampled_from(periods))
    for flag in ("immediate", "no_appeal_notice"):
        case[flag] = flag in used and draw(st.integers(0, 3)) == 0
    reasons = list(pack.immediate_reasons)
    if reasons and draw(st.booleans()):
        case["immediate_reason"] = draw(st.sampled_from(reasons))
        case["immediate"] = True  # as a batch row reads it (a reason says it was at once)
    if case.get("immediate") and draw(st.integers(0, 3)):
        case.pop("in_force", None)  # given both is an error: now and then
    if case["start"] is None:
        case["start"] = next((e for e in pack.entries if e in case), pack.start)
    return case


def _path(pack: Pack) -> tuple[str, ...]:
    """The inputs in an order the engine's checks accept (timeline._check_order)."""
    from graphlib import TopologicalSorter

    from deadline_cli.timeline import order_pairs

    graph: TopologicalSorter[str] = TopologicalSorter()
    for earlier, later in order_pairs(pack):
        graph.add(later, earlier)
    found = tuple(graph.static_order())
    return found + tuple(n for n in DATE_INPUTS if n not in found)


# An input given only with another (timeline._check_inputs): both, or the case is an error.
_NEEDS = {
    "appeal_served": "appeal_ruling",
    "cassation_filed": "appeal_ruling",
    "cassation_ruling": "appeal_ruling",
    "complaint_served": "complaint_decided",
}


def _custom_reading(pack: Pack, case: dict[str, object]) -> bool:
    """--exit-from/--exit-period naming a reading the pack does not declare."""
    step = pack.reading_step()
    if step is None or case.get("reading"):
        return False
    if not (case.get("exit_from") or case.get("exit_period")):
        return False
    trigger = {"entry-into-force": "entry_into_force", "decision": "ruling"}.get(
        str(case.get("exit_from")), step.readings[0].rule.trigger
    )
    period = str(case.get("exit_period") or step.readings[0].rule.period)
    return not any(
        r.rule.trigger == trigger and str(r.rule.period) == period for r in step.readings
    )


# A user's pack (--rules) using every feature of a step the plan follows: a window given
# or not, a term from the earlier of two dates (or_from) with an unverified roll, a first day
# that counts, a variant of a law version judged on another date, a step of a law version,
# a step that needs an input, next_day, and readings with a variant of their own.
FEATURES = Path(__file__).parent / "data" / "features-pack.toml"


def _pack(pack_id: str) -> Pack:
    return load_pack_file(FEATURES) if pack_id == "features" else load_pack(pack_id)


LANGS = {code: load_lang(code) for code in ("en", "ru", "kk")}
ROWS = {code: PlannedRows(lang, CALENDAR, AS_OF) for code, lang in LANGS.items()}
# One calendar stream for the planned cases and one for the engine's, so that neither reuses
# what the other has said and folded.
ICS = {code: IcsStream((7, 1), lang) for code, lang in LANGS.items()}
ICS_ENGINE = {code: IcsStream((7, 1), lang) for code, lang in LANGS.items()}


def engine_jsonl(pack: Pack, case: dict[str, object], lang: str) -> str:
    """The engine's JSON Lines row of the case (after its opening brace), as batch writes it."""
    timeline = build_timeline(pack, CaseInputs(**case), CALENDAR, AS_OF)  # type: ignore[arg-type]
    return dumps_line(timeline_dict(timeline, LANGS[lang], explain=False))[1:]


def engine_ics(pack: Pack, case: dict[str, object], lang: str) -> str:
    """The engine's calendar events of the case, as batch writes them."""
    timeline = build_timeline(pack, CaseInputs(**case), CALENDAR, AS_OF)  # type: ignore[arg-type]
    stream = ICS_ENGINE[lang]
    stream.stamp_line = ICS[lang].stamp_line  # the one line that tells when it was written
    return stream.case("K-1", timeline)


@pytest.mark.parametrize("pack_id", [*BUILTIN_PACKS, "features"])
def test_a_planned_row_is_the_engines(pack_id: str) -> None:
    """The CSV row (days and the number of warnings), the JSON Lines row and the calendar's
    events, byte for byte, in a language drawn for the case."""
    pack = _pack(pack_id)
    planner = Planner(CALENDAR, detail=True)
    seen = {"planned": 0, "declined": 0, "errors": 0}

    @PLANNED
    @given(case=cases(pack), lang=st.sampled_from(sorted(LANGS)))
    def check(case: dict[str, object], lang: str) -> None:
        planned = planned_row(planner, pack, case)
        try:
            expected = engine_row(pack, case)
        except DeadlineError:
            assert planned is None, "planned a case the engine refuses"
            seen["errors"] += 1
            return
        if planned is None:
            # Declined only as the plan's docstring says: a pack it cannot count for, or a
            # reading no pack declares; any other case the engine computes is planned.
            assert not _fits(pack) or _custom_reading(pack, case), case
            seen["declined"] += 1
            return
        assert (planned.dates, planned.warnings) == expected, case
        assert ROWS[lang](planned) == engine_jsonl(pack, case, lang), case
        assert ICS[lang].planned("K-1", planned, CALENDAR) == engine_ics(pack, case, lang), case
        seen["planned"] += 1

    check()
    if _fits(pack):
        assert seen["planned"] >= 50, seen  # the test has cases to compare, not only errors


def test_every_builtin_pack_but_the_compared_routes_is_planned() -> None:
    assert [p for p in BUILTIN_PACKS if not _fits(load_pack(p))] == ["refugee-path"]


def test_a_repeated_shape_is_checked_again_for_its_dates() -> None:
    """The first case of a shape is checked by the engine's checks; a later case of the same
    shape whose dates are out of order, or before the pack's law, is declined (the engine
    then says what is wrong), not planned."""
    pack = load_pack("refugee")
    planner = Planner(CALENDAR)
    good = {"ruling": date(2026, 2, 5), "final_form": date(2026, 2, 9), "start": "ruling"}
    assert planned_row(planner, pack, good) is not None
    backwards = {**good, "final_form": date(2026, 2, 1)}
    assert planned_row(planner, pack, backwards) is None
    with pytest.raises(DeadlineError):
        engine_row(pack, backwards)
    early = {"ruling": date(2015, 3, 2), "final_form": date(2015, 3, 5), "start": "ruling"}
    assert planned_row(planner, pack, early) is None
    far = {"ruling": date(2101, 3, 2), "final_form": date(2101, 3, 5), "start": "ruling"}
    assert planned_row(planner, pack, far) is None


def test_the_seed_case_planned() -> None:
    """The worked case of the domain file, final form not given: ruling Thu 5 February 2026,
    the decision in final form that day at the earliest and a month later at the latest."""
    pack = load_pack("refugee")
    case = {"ruling": date(2026, 2, 5), "start": "ruling"}
    planned = planned_row(Planner(CALENDAR), pack, case)
    assert planned is not None
    assert planned.dates["final_form"] == (date(2026, 2, 5), date(2026, 3, 5))
    # 2 months from 5 February: Sun 5 April rolls to Mon 6 April; from 5 March: Tue 5 May.
    assert planned.dates["appeal_deadline"] == (date(2026, 4, 6), date(2026, 5, 5))
    assert planned.dates["entry_into_force"] == (date(2026, 4, 7), date(2026, 5, 6))
    # 30 days from 7 April: Thu 7 May, Defender of the Fatherland Day, rolls to Fri 8 May.
    assert planned.dates["exit_deadline"] == (date(2026, 5, 8), date(2026, 6, 5))
    # The window of the final form, the exit rule's secondary certainty, and the earlier
    # day the statute's words alone give (one month from the decision: 5 March).
    assert planned.warnings == 3


def test_a_counting_said_once_is_that_of_its_own_days() -> None:
    """An ICS event's counting is said once for the cases whose term the engine counts the
    same (render.ics IcsStream._counting): two cases served the appeal court's ruling on the
    same day, whose rulings of 2023 fall on different days, enter into force by the rule of
    2021-2025 judged on the ruling's day, and each event's trace names its own day."""
    pack = load_pack("refugee")
    planner = Planner(CALENDAR, detail=True)
    stream = IcsStream((7, 1), LANGS["en"])
    stream.stamp_line = ICS["en"].stamp_line  # as engine_ics's
    said = []
    for ruled in (date(2023, 6, 1), date(2023, 6, 5)):
        case: dict[str, object] = {
            "ruling": date(2023, 3, 1),
            "final_form": date(2023, 3, 3),
            "appeal_ruling": ruled,
            "appeal_served": date(2023, 6, 20),
            "start": "ruling",
        }
        planned = planned_row(planner, pack, case)
        assert planned is not None
        events = stream.planned("K-1", planned, CALENDAR)
        assert events == engine_ics(pack, case, "en"), case
        said.append(events)
        # The engine's trace too (the plan and the engine key their caches alike): the law
        # version is judged on this case's ruling, not on the first case's.
        unfolded = events.replace("\r\n ", "")
        version = f"law version: Appellate act announced on {LANGS['en'].day(ruled)}"
        assert version in unfolded, case
    assert said[0] != said[1]


def _register(path: Path, count: int) -> None:
    """A register of every pack's cases, as an office keeps one: each row a case of its own,
    some with a kind, a reading, an immediate entry into force, and now and then a broken
    date, a date out of order or an unknown option."""
    rng = random.Random(17)
    columns = ["id", "procedure", *DATE_INPUTS, "kind", "reading", "exit_period"]
    columns += ["immediate", "immediate_reason"]
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, columns)
        out.writeheader()
        for n in range(count):
            pack = load_pack(rng.choice(BUILTIN_PACKS))
            kinds = [k.id for k in pack.choice.kinds] if pack.choice else [""]
            kind = rng.choice(["", *kinds])
            used = sorted(uses(pack, kind or None) & set(DATE_INPUTS))
            path_of = _path(pack)
            names = sorted(
                {pack.start} | {u for u in used if rng.random() < 0.3}, key=path_of.index
            )
            day = date(2016, 1, 1) + timedelta(days=rng.randrange(15 * 365))
            row = {"id": f"K-{n}", "procedure": pack.id, "kind": kind}
            for name in names:
                row[name] = day.isoformat() if rng.random() > 0.01 else "31.02.2024"
                day += timedelta(days=rng.choice([0, 1, 14, 29, 30, 31, rng.randrange(90)]))
            if pack.reading_step() is not None and rng.random() < 0.2:
                row["reading"] = rng.choice([r.id for r in pack.reading_step().readings])
            if pack.reading_step() is not None and rng.random() < 0.1:
                row["exit_period"] = rng.choice(["1 month", "2 months"])
            if pack.immediate_reasons and rng.random() < 0.1:
                row["immediate_reason"] = rng.choice(pack.immediate_reasons)
            elif "immediate" in used and rng.random() < 0.1:
                row["immediate"] = "да"
            out.writerow(row)


def _as_the_engine(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    """The batch run as it is, checked against the same run with the plan declining every
    case (the engine computes them all, as before the plan): the same rows, byte for byte
    but for the calendar's DTSTAMP (when it was written), errors and summary; some rows fail."""
    runner = CliRunner()
    planned = runner.invoke(app, args)
    with monkeypatch.context() as patched:
        patched.setattr(Planner, "plan", lambda *a, **k: None)
        engine = runner.invoke(app, args)
    assert planned.exit_code == engine.exit_code == EXIT_ROWS_FAILED
    stamp = re.compile(rb"^DTSTAMP:\d{8}T\d{6}Z\r$", re.MULTILINE)
    assert stamp.sub(b"", planned.stdout_bytes) == stamp.sub(b"", engine.stdout_bytes)
    assert planned.stderr == engine.stderr
    return planned


@pytest.mark.parametrize(
    ("excel", "jsonl", "out"),
    [
        (False, False, ["-f", "csv"]),
        (True, False, ["-f", "csv"]),
        (False, True, ["-f", "csv"]),
        (False, False, ["-f", "jsonl"]),
        (False, False, ["-f", "jsonl", "--lang", "ru"]),
        (False, True, ["-f", "jsonl", "--lang", "kk"]),
        (False, False, ["-f", "ics"]),
        (False, False, ["-f", "ics", "--lang", "ru"]),
        (False, True, ["-f", "ics", "--lang", "kk"]),
    ],
)
def test_a_planned_batch_is_the_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, excel: bool, jsonl: bool, out: list[str]
) -> None:
    """`batch -f csv`, `-f jsonl` and `-f ics` plan their cases; with the plan declining every
    case (the engine computes them all, as before the plan) the output is the same, byte for
    byte but for the calendar's DTSTAMP (when it was written): the rows, the errors and the
    summary; from CSV or from JSON Lines, in English, Russian and Kazakh."""
    register = tmp_path / "register.csv"
    _register(register, 1500)
    if jsonl:
        with register.open(encoding="utf-8", newline="") as f:
            lines = [json.dumps({k: v for k, v in row.items() if v}) for row in csv.DictReader(f)]
        register = tmp_path / "register.jsonl"
        register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["batch", str(register), *out, "--as-of", "2026-12-02"]
    args += ["--excel"] if excel else []
    planned = _as_the_engine(args, monkeypatch)
    rows = planned.stdout_bytes.decode("utf-8-sig").splitlines()
    if "ics" in out:
        rows = [r for r in rows if r == "BEGIN:VEVENT"]
    assert len(rows) > 600  # the good rows (and CSV's header): most of the register


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_calendar_of_cases_that_come_again_is_the_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A register whose cases come again under other ids (and with none: then under the
    row's number), in no order: the ICS batch keeps a planned case's events but for its name
    the second time it comes (batchcmd._BatchWriter._ics_events), and every row's events are
    the engine's, under the row's own name and UID, byte for byte but for DTSTAMP."""
    source = tmp_path / "register.csv"
    _register(source, 200)
    with source.open(encoding="utf-8", newline="") as f:
        cases = list(csv.DictReader(f))
    rng = random.Random(3)
    rows = [dict(case) for case in cases for _ in range(rng.choice([1, 2, 3, 5]))]
    rng.shuffle(rows)
    for n, row in enumerate(rows):
        row["id"] = "" if n % 17 == 0 else f"{row['id']}/{n}"
    register = tmp_path / "again.csv"
    with register.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = ["batch", str(register), "-f", "ics", "--lang", lang, "--as-of", "2026-12-02"]
    planned = _as_the_engine(args, monkeypatch)
    assert planned.stdout.count("BEGIN:VEVENT") > 600


@pytest.mark.parametrize("out", ["csv", "jsonl", "ics"])
def test_a_batch_counts_on_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    """The CSV, JSON Lines and ICS batches do use the plan: the engine computes no good case of a
    planned pack but those the plan declines by design (were it to, the test above would
    compare the engine with itself). It still checks the first case of each shape, and
    answers errors. With --explain, JSON Lines shows the trace: the engine computes it."""
    register = tmp_path / "register.csv"
    _register(register, 300)
    import deadline_cli.batch

    computed: list[str] = []
    real = deadline_cli.batch.build_timeline

    def counted(pack: Pack, inputs: CaseInputs, *args: object, **kwargs: object) -> Timeline:
        timeline = real(pack, inputs, *args, **kwargs)  # type: ignore[arg-type]
        if inputs.exit_period is None:  # "2 months" is a reading no pack declares
            computed.append(pack.id)
        return timeline

    monkeypatch.setattr(deadline_cli.batch, "build_timeline", counted)
    result = CliRunner().invoke(app, ["batch", str(register), "-f", out, "-q"])
    assert result.exit_code == EXIT_ROWS_FAILED
    assert set(computed) == {"refugee-path"}, computed
    if out == "jsonl":
        computed.clear()
        args = ["batch", str(register), "-f", out, "-q", "--explain"]
        assert CliRunner().invoke(app, args).exit_code == EXIT_ROWS_FAILED
        assert len(set(computed)) > 5, computed
