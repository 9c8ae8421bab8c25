"""Speed on real work (issue 17). Run on demand, not in tests:

    python benchmarks/distinct.py                      # medians of 5 interleaved runs
    python benchmarks/distinct.py --runs 3 --quick     # fewer and smaller
    python benchmarks/distinct.py --baseline /tmp/old  # also an older checkout, for ratios

Every figure is a median of interleaved runs (each round runs every command once, in turn),
given as a ratio against a baseline measured in the same rounds:

1. cases that do not repeat: 20,000 refugee cases with distinct (ruling, final form) pairs, as
   a register holds them, through `batch -f csv`, against benchmarks/naive_batch.py on the
   same rows (goal <= 1.0x), with the peak memory;
2. the same cases to JSON Lines and to ICS against CSV (goals <= 2x and <= 3x), and repeated
   cases (the rows of issue 3's benchmark: 100,000 to JSON Lines, the first 20,000 to ICS)
   against CSV;
3. the cold start of `deadline compute 2026-02-05` (a table into a pipe) against the bare
   interpreter, `python -c pass` (goal <= 3x, at most 4x);
4. nothing else slower: 100,000 repeated cases to CSV and the agenda of 10,000 cases.

With --baseline DIR (a checkout whose src/ holds an older deadline_cli, e.g. made by
`git worktree add DIR <commit>`), the same commands run on it too, by PYTHONPATH, and each
line says the ratio of now to then (the older one pays for PYTHONPATH in its start: compare
cold starts with the older one installed instead).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import measure, write_cases  # noqa: E402  # the probe and the rows of benchmarks/run.py

SRC = HERE.parent / "src"
PYTHON = sys.executable


def distinct_cases(path: Path, count: int) -> None:
    """Refugee cases whose (ruling, final form) pairs never repeat: rulings over five years,
    the decision in final form 0-10 days later."""
    rng = random.Random(17)
    start, seen = date(2022, 1, 10), set()
    with path.open("w") as f:
        f.write("id,ruling,final_form,procedure\n")
        while len(seen) < count:
            ruling = start + timedelta(days=rng.randrange(0, 5 * 365))
            final = ruling + timedelta(days=rng.randrange(0, 11))
            if (ruling, final) not in seen:
                seen.add((ruling, final))
                f.write(f"c-{len(seen)},{ruling},{final},refugee\n")


def _installed_from(src: Path) -> bool:
    """Whether the interpreter imports deadline_cli from ``src`` without help."""
    probe = "import deadline_cli, sys; sys.stdout.write(deadline_cli.__file__)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [PYTHON, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and Path(done.stdout).resolve().is_relative_to(src.resolve())


SCRIPT = Path(PYTHON).parent / "deadline"


def deadline(*args: str) -> list[str]:
    """The installed console script, as people run it; PYTHONPATH decides which package it
    imports (this checkout's src/, or the --baseline one's)."""
    if SCRIPT.exists():
        return [str(SCRIPT), *args]
    return [PYTHON, "-m", "deadline_cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="5,000 distinct cases, not 20,000")
    parser.add_argument("--baseline", type=Path, help="an older checkout, for before/after")
    args = parser.parse_args()
    # This checkout as installed (pip install -e . or .) runs without PYTHONPATH: a path in
    # front of the standard library costs every import a failed look (~10 ms of a start).
    # Otherwise, and for the --baseline checkout, PYTHONPATH says which package to import.
    now = dict(os.environ)
    if not _installed_from(SRC):
        now["PYTHONPATH"] = str(SRC)
    envs = {"now": now}
    if args.baseline:
        envs["then"] = {**os.environ, "PYTHONPATH": str(args.baseline / "src")}
    for env in envs.values():  # as `pip install .` does: bytecode compiled once
        compileall.compile_dir(env.get("PYTHONPATH", str(SRC)), quiet=1)
    distinct_count = 5_000 if args.quick else 20_000

    with tempfile.TemporaryDirectory() as tmp:
        distinct, repeated, agenda = (Path(tmp, n) for n in ("d.csv", "r.csv", "a.csv"))
        distinct_cases(distinct, distinct_count)
        write_cases(repeated, 100_000)
        write_cases(agenda, 10_000)
        small = Path(tmp, "d5k.csv")
        distinct_cases(small, 5_000)
        again = Path(tmp, "r20k.csv")  # the first 20,000 of the repeated cases' rows
        write_cases(again, 20_000)
        commands = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "compute (cold start)": deadline("compute", "2026-02-05"),
            "naive loop, distinct": [PYTHON, str(HERE / "naive_batch.py"), str(distinct)],
            "batch csv, distinct": deadline("batch", str(distinct), "-f", "csv", "-q"),
            "batch jsonl, distinct": deadline("batch", str(distinct), "-f", "jsonl", "-q"),
            "batch csv, 5k distinct": deadline("batch", str(small), "-f", "csv", "-q"),
            "batch ics, 5k distinct": deadline("batch", str(small), "-f", "ics", "-q"),
            "batch csv, 20k repeated": deadline("batch", str(again), "-f", "csv", "-q"),
            "batch ics, 20k repeated": deadline("batch", str(again), "-f", "ics", "-q"),
            "batch csv, 100k repeated": deadline("batch", str(repeated), "-f", "csv", "-q"),
            "batch jsonl, 100k repeated": deadline("batch", str(repeated), "-f", "jsonl", "-q"),
            "agenda, 10k": deadline(
                "agenda", str(agenda), "--as-of", "2026-12-01", "--within", "3650"
            ),
        }
        times: dict[tuple[str, str], list[float]] = {}
        memory: dict[tuple[str, str], float] = {}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                for which, env in envs.items():
                    if which == "then" and cmd[0] == PYTHON:
                        continue  # the interpreter and the naive loop are the same either way
                    seconds, megabytes = measure(cmd, "DEVNULL", env)
                    times.setdefault((name, which), []).append(seconds)
                    memory[name, which] = max(memory.get((name, which), 0.0), megabytes)

    def t(name: str, which: str = "now") -> float:
        return statistics.median(times[name, which])

    rows = [
        ("cold start / bare interpreter", "compute (cold start)", "python -c pass", "<= 3x"),
        (
            "distinct cases: csv / naive loop",
            "batch csv, distinct",
            "naive loop, distinct",
            "<= 1x",
        ),
        ("distinct cases: jsonl / csv", "batch jsonl, distinct", "batch csv, distinct", "<= 2x"),
        ("distinct cases: ics / csv", "batch ics, 5k distinct", "batch csv, 5k distinct", "<= 3x"),
        (
            "repeated cases: jsonl / csv",
            "batch jsonl, 100k repeated",
            "batch csv, 100k repeated",
            "<= 2x",
        ),
        (
            "repeated cases: ics / csv",
            "batch ics, 20k repeated",
            "batch csv, 20k repeated",
            "<= 3x",
        ),
    ]
    print(f"medians of {args.runs} interleaved runs; {distinct_count:,} distinct cases")
    for label, top, bottom, goal in rows:
        print(
            f"{label:36} {t(top):7.3f} s / {t(bottom):7.3f} s = {t(top) / t(bottom):5.2f}x ({goal})"
        )
    print(
        f"peak memory, batch csv of the distinct cases: {memory['batch csv, distinct', 'now']:.0f}"
        " MB"
    )
    if "then" in envs:
        print("now / then (the --baseline checkout), same rounds:")
        for name in commands:
            if (name, "then") in times:
                ratio = t(name) / t(name, "then")
                print(f"  {name:28} {t(name):7.3f} s / {t(name, 'then'):7.3f} s = {ratio:5.2f}x")


if __name__ == "__main__":
    main()
