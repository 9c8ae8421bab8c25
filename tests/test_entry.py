"""The quick paths of ``deadline compute`` and ``deadline batch`` (no Typer import) against
the full Typer commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer

from deadline_cli.batchcmd import BatchOptions
from deadline_cli.cli import app
from deadline_cli.entry import BATCH_OPTIONS, COMPUTE_OPTIONS, quick_batch, quick_compute
from deadline_cli.record import fields
from deadline_cli.run import ComputeRequest


def _typer_options(name: str) -> dict[str, tuple[str, str]]:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    expected: dict[str, tuple[str, str]] = {}
    for param in command.params:
        if param.param_type_name != "option":
            assert param.name == {"compute": "start_date", "batch": "source"}[name]
            continue
        if param.is_flag:
            for opt in param.opts:
                expected[opt] = (param.name, "on")
            for opt in param.secondary_opts:
                expected[opt] = (param.name, "off")
        else:
            takes = "int" if param.name == "alert_within" else "value"
            for opt in param.opts:
                expected[opt] = (param.name, takes)
    return expected


def test_quick_options_are_exactly_the_typer_options() -> None:
    expected = _typer_options("compute")
    assert expected == COMPUTE_OPTIONS
    assert {f for f, _ in expected.values()} | {"date"} == set(fields(ComputeRequest))


def test_quick_choices_are_exactly_the_typer_choices() -> None:
    """A value the quick path takes for an option with choices is one Typer takes too."""
    from deadline_cli.entry import _CHOICES

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for (name, field), values in _CHOICES.items():
        param = next(p for p in commands[name].params if p.name == field)
        assert tuple(param.type.choices) == values, (name, field)


def test_quick_batch_options_are_exactly_the_typer_options() -> None:
    expected = _typer_options("batch")
    assert expected == BATCH_OPTIONS
    # Every option of the command is one of BatchOptions (but agenda's --within).
    assert {f for f, _ in expected.values()} | {"source", "within"} == set(fields(BatchOptions))


def test_quick_path_reads_every_plain_form() -> None:
    request = quick_compute(
        ["compute", "05.02.2026", "-p", "civil", "--format=json", "-e", "--alert-within", "3"]
    )
    assert request == ComputeRequest(
        date="05.02.2026",
        procedure="civil",
        output_format="json",
        explain=True,
        alert_within=3,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["compute", "--help"],
        ["compute", "2026-02-05", "-eq"],  # a cluster of short flags: Typer's job
        ["compute", "2026-02-05", "--bogus"],
        ["compute", "2026-02-05", "--format", "xml"],  # Typer names the choices
        ["compute", "2026-02-05", "--alert-within", "-1"],
        ["compute", "2026-02-05", "--case"],  # missing value
        ["compute", "2026-02-05", "-f=json"],  # Click reads "=json" as the value: let it say so
        ["compute"],
        ["compute", "2026-02-05", "2026-02-06"],
        ["compute", "2026-02-05", "--alert-within", "100001"],  # Typer: out of range
        ["holidays", "2026"],
        [],
        ["batch", "--help"],
        ["batch", "a.csv", "b.csv"],
        ["batch", "a.csv", "-f", "xml"],
        ["batch", "a.csv", "--input-format", "xlsx"],
        ["batch", "a.csv", "--within", "3"],  # agenda's, not batch's
        ["batch", "a.csv", "-qe"],
        ["batch", "a.csv", "--alert-within", "100001"],
        ["batch", "a.csv", "--sheet"],
    ],
)
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    assert quick_compute(argv) is None
    assert quick_batch(argv) is None


def test_quick_batch_reads_every_plain_form() -> None:
    options = quick_batch(
        ["batch", "cases.csv", "-f", "csv", "--excel", "-q", "--as-of=2026-12-02", "-p", "civil"]
    )
    assert options == BatchOptions(
        source="cases.csv",
        output_format="csv",
        excel=True,
        quiet=True,
        as_of="2026-12-02",
        procedure="civil",
    )
    assert quick_batch(["batch"]) == BatchOptions(source="-")
    assert quick_batch(["batch", "-", "--alert-within", "30"]) == BatchOptions(alert_within=30)


def _run(entry: str, args: list[str]) -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", entry, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    # An ICS stamps the time of writing (DTSTAMP): the one field two runs may differ in.
    stdout = "".join(
        line for line in result.stdout.splitlines(keepends=True) if not line.startswith("DTSTAMP")
    )
    return result.returncode, stdout, result.stderr


DATA = os.path.join(os.path.dirname(__file__), "data")
QUICK = "import sys; from deadline_cli.entry import main; sys.argv[0] = 'deadline'; main()"
FULL = "import sys; from deadline_cli.cli import main; sys.argv[0] = 'deadline'; main()"


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "2026-02-05", "--as-of", "2026-02-06"],
        [
            "compute",
            "2026-02-05",
            "--final-form",
            "2026-02-05",
            "--explain",
            "--as-of",
            "2026-02-06",
        ],
        ["compute", "2025-03-03", "-p", "civil", "--format", "json", "--as-of", "2025-03-04"],
        ["compute", "2026-02-05", "--format=csv", "--case", "A-1", "--as-of", "2026-02-06"],
        ["compute", "2026-02-05", "--alert-within", "90", "--as-of", "2026-02-06", "-q"],
        [
            "compute",
            "2026-04-20",
            "-p",
            "offence",
            "--served",
            "2026-04-27",
            "--as-of",
            "2026-04-28",
        ],
        ["compute", "2026-02-05", "--exit-from", "decision", "--exit-period=1 month", "-f", "json"],
        ["compute", "2026-02-05", "--calendar", "/nonexistent/calendar.toml"],
        ["compute", "2026-02-05", "--lang", "kk", "--explain", "--as-of", "2026-02-06"],
        ["compute", "2026-02-05", "--lang=ru", "-f", "ics", "--case", "B-2"],
        ["compute", "2026-02-05", "--lang", "xx"],
        ["compute", "2026-02-30"],  # an impossible date: one line, exit 2
        ["compute", "2026-02-05", "-p", "nope"],
        ["compute", "2026-02-30", "--lang", "ru"],  # the error in Russian either way
        [
            "compute",
            "2025-10-01",
            "-p",
            "refugee-path",
            "--served",
            "2025-10-06",
            "--ruling",
            "2026-02-05",
            "--as-of",
            "2026-02-06",
        ],
        ["compute", "2026-03-18", "-p", "private-complaint", "--code", "gpk", "-e"],
        ["compute", "2026-02-05", "--reading", "1-month-from-decision", "-f", "csv", "--excel"],
        ["batch", f"{DATA}/excel/windows-1251.csv", "-f", "csv", "--as-of", "2026-02-06"],
        ["batch", f"{DATA}/excel/semicolon.csv", "--format=jsonl", "--lang", "ru", "-e"],
        ["batch", f"{DATA}/excel/russian-headers.csv", "-f", "ics", "--remind", "3"],
        ["batch", f"{DATA}/agenda.csv", "-f", "csv", "--excel", "--alert-within", "9999"],
        ["batch", f"{DATA}/workbooks/cases.xls", "-f", "csv", "-q"],
        ["batch", f"{DATA}/workbooks/locked.xlsx", "-f", "csv", "--lang", "kk"],
        ["batch", f"{DATA}/agenda.csv", "-f", "xlsx", "-o", "/nonexistent/dir/out.xlsx"],
        ["batch", "/nonexistent.csv"],
        ["batch", f"{DATA}/agenda.csv", "--delimiter", "x"],
        ["batch", f"{DATA}/agenda.csv", "-p", "nope"],
    ],
)
def test_quick_and_full_paths_print_the_same(args: list[str]) -> None:
    assert quick_compute(args) is not None or quick_batch(args) is not None
    quick, full = _run(QUICK, args), _run(FULL, args)
    assert quick == full
    assert quick[0] in (0, 1, 2, 3, 74)
