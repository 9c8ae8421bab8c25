"""A fuzz test of the command line (issue 11): random argument lists and random batch files.

Whatever comes in, the command ends with a documented exit code (never 70, a bug of ours),
prints no traceback, says at most one line on stderr for a bad input (exit 2) and then prints
nothing on stdout. It runs in process through the installed entry point (``entry.main``, the
quick path and Typer alike) with a bounded number of examples; a longer run on demand:

    FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadline_cli import entry

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))
ALLOWED = {0, 1, 2, 3}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("FUZZ_RANDOM") is None,  # CI runs the same examples each time
)


@contextmanager
def _world(argv: list[str], stdin: bytes = b"") -> Iterator[dict[str, bytes]]:
    """sys.argv and the three streams replaced, the SIGINT handler restored afterwards."""
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr, signal.getsignal(signal.SIGINT)
    captured: dict[str, bytes] = {}
    out, err = io.BytesIO(), io.BytesIO()
    sys.argv = ["deadline", *argv]
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        yield captured
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        captured["out"], captured["err"] = out.getvalue(), err.getvalue()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved[:4]
        signal.signal(signal.SIGINT, saved[4])


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, str]:
    old = os.environ.pop("DEADLINE_LANG", None)
    try:
        with _world(argv, stdin) as captured:
            try:
                entry.main()
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    finally:
        if old is not None:
            os.environ["DEADLINE_LANG"] = old
    return code, captured["out"], captured["err"].decode("utf-8", "replace")


def check(argv: list[str], code: int, out: bytes, err: str) -> None:
    assert code in ALLOWED, (argv, code, err[-500:])
    assert "Traceback" not in err, (argv, err[-500:])
    if code == 2:
        assert out == b"", (argv, out[:200], err)
        if argv:  # `deadline` alone prints its usage, as a command group does
            assert len(err.strip().splitlines()) <= 1, (argv, err)


# Argument lists ---------------------------------------------------------------------------

DATES = st.sampled_from(
    [
        "2026-02-05",
        "05.02.2026",
        "2026-02-30",
        "1991-12-31",
        "2100-12-31",
        "2101-01-01",
        "0000-01-01",
        "2026-2-5",
        "31.12.2025",
        "",
        " ",
        "tomorrow",
        "2026-02-05T10:00",
    ]
)
VALUES = st.one_of(
    DATES,
    st.sampled_from(["refugee", "refugee-path", "civil", "criminal", "offence", "admin-suit"]),
    st.sampled_from(["private-complaint", "detention", "restore", "nope", "json", "csv", "ics"]),
    st.sampled_from(["1 month", "30 days", "10 рабочих дней", "-1 days", "1000000 years"]),
    st.sampled_from(["7,1", "", "1,1", "1000000000", "-3", "ru", "kk", "de", "/dev/null"]),
    st.text(max_size=20),
    st.integers(-(10**12), 10**12).map(str),
)
OPTIONS = st.sampled_from(
    [
        *entry.COMPUTE_OPTIONS,
        "--within",
        "--errors",
        "--delimiter",
        "--encoding",
        "--input-format",
        "--no-roll",
        "--on",
        "--help",
        "--version",
        "-f=json",
        "--bogus",
    ]
)
COMMANDS = st.sampled_from(
    [["compute"], ["batch"], ["agenda"], ["add"], ["holidays"], ["rules"], ["rules", "check"], []]
)
TOKENS = st.lists(st.one_of(OPTIONS, VALUES), max_size=8)


@FUZZ
@given(command=COMMANDS, first=st.lists(VALUES, max_size=2), rest=TOKENS)
def test_random_argument_lists(command: list[str], first: list[str], rest: list[str]) -> None:
    argv = [*command, *first, *rest]
    if "batch" in command or "agenda" in command:
        argv = [a for a in argv if a != "/dev/null"] + ["-"]
    code, out, err = run(argv, b"id,ruling\nK,2026-02-05\n")
    check(argv, code, out, err)


# Batch files ------------------------------------------------------------------------------

CELLS = st.one_of(
    DATES,
    st.sampled_from(["refugee", "civil", "ИСТИНА", "да", "нет", "true", "x" * 140_000]),
    st.text(max_size=12),
    st.sampled_from(["\x00", "\x1b[31m", '"', '""a"', "\n", "\r"]),
)
HEADERS = st.lists(
    st.sampled_from(
        [
            "id",
            "ruling",
            "procedure",
            "final_form",
            "served",
            "immediate",
            "номер",
            "дата решения",
            "appeal_ruling",
            "kind",
            "from",
            "reading",
            "exit_period",
            "junk",
            "",
        ]
    ),
    min_size=1,
    max_size=6,
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(HEADERS)
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 1), max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(sep.join(row) for row in [header, *rows]) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16", "latin-1"]))
    data = text.encode(encoding, "replace")
    if draw(st.booleans()):  # a few bytes broken somewhere
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at:]
    return data


JSONL = st.lists(
    st.one_of(
        st.sampled_from(
            [
                '{"id": "A", "ruling": "2026-02-05"}',
                '{"ruling": 5}',
                "[]",
                "null",
                "{",
                '{"id": "B", "ruling": ' + "9" * 5000 + "}",
                "[" * 1200 + "]" * 1200,
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=6,
).map(lambda lines: "\n".join(lines).encode("utf-8", "replace"))


@FUZZ
@given(
    data=st.one_of(csv_files(), JSONL, st.binary(max_size=300)),
    command=st.sampled_from(["batch", "agenda"]),
    fmt=st.sampled_from(["jsonl", "csv", "ics", "table", "json"]),
    suffix=st.sampled_from([".csv", ".jsonl", ".txt"]),
)
def test_random_batch_files(data: bytes, command: str, fmt: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "cases" + suffix)
        path.write_bytes(data)
        argv = [command, str(path), "-f", fmt, "--as-of", "2026-03-01"]
        code, out, err = run(argv)
        check(argv, code, out, err)
        code, out, err = run([command, "-", "-f", fmt], data)  # the same through stdin
        check([command, "-"], code, out, err)
