"""The installed ``deadline`` command.

``deadline compute DATE [options]`` is the command people and scripts run most, often many
times in a loop, so it has a quick path: when every argument is one ``compute`` knows, in a
plain form, it is read here and the case is computed without importing Typer (about 0.07 s
of start-up). Anything else (help, completion, another command, a short-flag cluster, a
value that looks like an option, an unknown option or a bad choice) goes to the full Typer
command line, which gives the same result or the usual one-line usage error.
``tests/test_entry.py`` checks that the options below are exactly those of the Typer command.
"""

from __future__ import annotations

import os
import sys

from deadline_cli.errors import reported
from deadline_cli.run import CASE_FORMATS, ComputeRequest

# Every option of `compute`: (field of ComputeRequest, what it takes).
# "value": the next argument; "int": a non-negative whole number; "on"/"off": a flag.
COMPUTE_OPTIONS: dict[str, tuple[str, str]] = {
    "--procedure": ("procedure", "value"),
    "-p": ("procedure", "value"),
    "--final-form": ("final_form", "value"),
    "--appeal-ruling": ("appeal_ruling", "value"),
    "--appeal-served": ("appeal_served", "value"),
    "--served": ("served", "value"),
    "--in-force": ("in_force", "value"),
    "--immediate": ("immediate", "on"),
    "--no-immediate": ("immediate", "off"),
    "--exit-from": ("exit_from", "value"),
    "--exit-period": ("exit_period", "value"),
    "--calendar": ("calendar_file", "value"),
    "--rules": ("rules_file", "value"),
    "--lang": ("lang", "value"),
    "--format": ("output_format", "value"),
    "-f": ("output_format", "value"),
    "--explain": ("explain", "on"),
    "-e": ("explain", "on"),
    "--as-of": ("as_of", "value"),
    "--case": ("case", "value"),
    "--remind": ("remind", "value"),
    "--alert-within": ("alert_within", "int"),
    "--quiet": ("quiet", "on"),
    "-q": ("quiet", "on"),
}


def quick_compute(argv: list[str]) -> ComputeRequest | None:
    """A ``compute`` request read without Typer, or None to leave ``argv`` to Typer."""
    if not argv or argv[0] != "compute":
        return None
    fields: dict[str, object] = {}
    positional: list[str] = []
    i = 1
    while i < len(argv):
        token = argv[i]
        i += 1
        if not token.startswith("-"):
            positional.append(token)
            continue
        name, equals, attached = token.partition("=")
        spec = COMPUTE_OPTIONS.get(name)
        if spec is None:
            return None  # help, "--", a cluster like -eq, or an unknown option
        field, takes = spec
        if takes in ("on", "off"):
            if equals:
                return None
            fields[field] = takes == "on"
            continue
        if equals:
            value = attached
        elif i < len(argv):
            value, i = argv[i], i + 1
        else:
            return None
        if value.startswith("-") and not equals:
            return None
        if takes == "int":
            if not value.isascii() or not value.isdigit():
                return None
            fields[field] = int(value)
        elif field == "output_format" and value not in CASE_FORMATS:
            return None
        else:
            fields[field] = value
    if len(positional) != 1:
        return None
    return ComputeRequest(ruling=positional[0], **fields)  # type: ignore[arg-type]


def main() -> None:
    argv = sys.argv[1:]
    completing = any(key.endswith("_COMPLETE") for key in os.environ if "DEADLINE" in key)
    request = None if completing else quick_compute(argv)
    if request is None:
        from deadline_cli.cli import main as full

        full()
        return
    from deadline_cli.run import run_compute

    with reported():
        code = run_compute(request)
        sys.stdout.flush()
    sys.exit(code)
