"""The installed ``deadline`` command.

``deadline compute DATE [options]`` is the command people and scripts run most, often many
times in a loop, so it has a quick path: when every argument is one ``compute`` knows, in a
plain form, it is read here and the case is computed without importing Typer (about 0.07 s
of start-up); ``deadline batch [FILE] [options]`` has one too (about 0.1 s). Anything else
(help, completion, another command, a short-flag cluster, a
value that looks like an option, an unknown option or a bad choice) goes to the full Typer
command line, which gives the same result or the usual one-line usage error.
``tests/test_entry.py`` checks that the options below are exactly those of the Typer commands.

From the start of ``main()``, Ctrl-C is turned into one line and exit 130, and the language of
error messages is taken from ``--lang`` or ``$DEADLINE_LANG``.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported on the start-up path
if TYPE_CHECKING:
    from types import FrameType


class Interrupted(BaseException):
    """Ctrl-C inside Typer, which would otherwise say "Aborted!" and exit 1."""


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    raise Interrupted()


def _interrupts_past_click() -> None:
    """Make Ctrl-C an exception Click does not catch. Only for the Typer path: elsewhere the
    interpreter's own KeyboardInterrupt does (importing ``signal``, and ``enum`` with it, was
    ~1.5 ms of a quick start)."""
    import signal

    signal.signal(signal.SIGINT, _on_interrupt)


# Every option of `compute`: (field of ComputeRequest, what it takes).
# "value": the next argument; "int": a non-negative whole number; "on"/"off": a flag.
COMPUTE_OPTIONS: dict[str, tuple[str, str]] = {
    "--procedure": ("procedure", "value"),
    "-p": ("procedure", "value"),
    "--from": ("start", "value"),
    "--refusal": ("refusal", "value"),
    "--notified": ("notified", "value"),
    "--served": ("served", "value"),
    "--copy-sent": ("copy_sent", "value"),
    "--complaint-filed": ("complaint_filed", "value"),
    "--complaint-decided": ("complaint_decided", "value"),
    "--complaint-served": ("complaint_served", "value"),
    "--filed": ("filed", "value"),
    "--ruling": ("ruling", "value"),
    "--final-form": ("final_form", "value"),
    "--appeal-ruling": ("appeal_ruling", "value"),
    "--appeal-served": ("appeal_served", "value"),
    "--cassation-filed": ("cassation_filed", "value"),
    "--cassation-ruling": ("cassation_ruling", "value"),
    "--in-force": ("in_force", "value"),
    "--immediate": ("immediate", "on"),
    "--no-immediate": ("immediate", "off"),
    "--immediate-reason": ("immediate_reason", "value"),
    "--no-appeal-notice": ("no_appeal_notice", "on"),
    "--appeal-notice": ("no_appeal_notice", "off"),
    "--kind": ("kind", "value"),
    "--code": ("code", "value"),
    "--route": ("route", "value"),
    "--reading": ("reading", "value"),
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
    "--excel": ("excel", "on"),
    "--output-encoding": ("output_encoding", "value"),
}
# Every option of `batch`: (field of BatchOptions, what it takes).
BATCH_OPTIONS: dict[str, tuple[str, str]] = {
    "--input-format": ("input_format", "value"),
    "--format": ("output_format", "value"),
    "-f": ("output_format", "value"),
    "--procedure": ("procedure", "value"),
    "-p": ("procedure", "value"),
    "--calendar": ("calendar_file", "value"),
    "--rules": ("rules_file", "value"),
    "--as-of": ("as_of", "value"),
    "--remind": ("remind", "value"),
    "--alert-within": ("alert_within", "int"),
    "--quiet": ("quiet", "on"),
    "-q": ("quiet", "on"),
    "--lang": ("lang", "value"),
    "--delimiter": ("delimiter", "value"),
    "--encoding": ("encoding", "value"),
    "--errors": ("errors_file", "value"),
    "--excel": ("excel", "on"),
    "--output-encoding": ("output_encoding", "value"),
    "--sheet": ("sheet", "value"),
    "--output": ("output", "value"),
    "-o": ("output", "value"),
    "--explain": ("explain", "on"),
    "-e": ("explain", "on"),
}
# The values an option with choices takes; any other goes to Typer, which names them.
_CHOICES = {
    ("compute", "output_format"): ("table", "json", "jsonl", "csv", "ics"),
    ("batch", "output_format"): ("jsonl", "csv", "ics", "xlsx"),
    ("batch", "input_format"): ("csv", "jsonl"),
}
_MAX_ALERT = 100000  # --alert-within's max=


def quick_compute(argv: list[str]) -> object | None:
    """A ``ComputeRequest`` read without Typer, or None to leave ``argv`` to Typer."""
    if not argv or argv[0] != "compute":
        return None
    read = _read(argv, COMPUTE_OPTIONS)
    if read is None or len(read[1]) != 1:
        return None
    from deadline_cli.run import ComputeRequest

    return ComputeRequest(date=read[1][0], **read[0])  # type: ignore[arg-type]


def quick_batch(argv: list[str]) -> object | None:
    """``batch``'s options (BatchOptions) read without Typer, or None to leave ``argv`` to
    Typer: a register of cases is often a step of a script, run again and again, and Typer's
    import and command tree were ~0.1 s of its start."""
    if not argv or argv[0] != "batch":
        return None
    read = _read(argv, BATCH_OPTIONS)
    if read is None or len(read[1]) > 1:
        return None
    from deadline_cli.batchcmd import BatchOptions

    return BatchOptions(source=read[1][0] if read[1] else "-", **read[0])  # type: ignore[arg-type]


def _read(
    argv: list[str], options: dict[str, tuple[str, str]]
) -> tuple[dict[str, object], list[str]] | None:
    """The options and positional arguments of ``argv[1:]``, when all are plain."""
    command = argv[0]
    fields: dict[str, object] = {}
    positional: list[str] = []
    i = 1
    while i < len(argv):
        token = argv[i]
        i += 1
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, equals, attached = token.partition("=")
        spec = options.get(name)
        if spec is None:
            return None  # help, "--", a cluster like -eq, or an unknown option
        if equals and not name.startswith("--"):
            return None  # "-f=json": Click reads "=json" as the value; let it say so
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
            if not value.isascii() or not value.isdigit() or len(value) > 6:
                return None
            if int(value) > _MAX_ALERT:  # Typer says it is out of range
                return None
            fields[field] = int(value)
        elif value not in _CHOICES.get((command, field), (value,)):
            return None
        else:
            fields[field] = value
    return fields, positional


def main() -> None:
    try:
        _main()
    except (Interrupted, KeyboardInterrupt):
        # Ctrl-C may come before prepare() chose the language: choose it here too, from the
        # same argv and environment, so the one line is in the user's language either way.
        from deadline_cli.errors import interrupted, language_from_argv, set_language

        set_language(language_from_argv(sys.argv[1:]))
        interrupted()


def _main() -> None:
    from deadline_cli.errors import reported
    from deadline_cli.output import prepare

    argv = sys.argv[1:]
    prepare(argv)
    completing = any(key.endswith("_COMPLETE") for key in os.environ if "DEADLINE" in key)
    if sys.stdout is None and not completing:
        # Every command, --help too, writes its answer to stdout: closed (>&-), it is an
        # output failure before anything is parsed or computed.
        from deadline_cli.errors import output_failed, say
        from deadline_cli.i18n import msg

        output_failed(say(msg("reason_stdout_closed")))
    request = None if completing else quick_compute(argv) or quick_batch(argv)
    if request is None:
        _interrupts_past_click()
        from deadline_cli.cli import app

        app()
        return
    from deadline_cli.run import ComputeRequest, run_compute

    with reported():
        if isinstance(request, ComputeRequest):
            code = run_compute(request)
        else:
            from deadline_cli.batchcmd import BatchOptions, run_batch

            assert isinstance(request, BatchOptions)
            code = run_batch(request)
    sys.exit(code)
