"""What the unmet goals of issue 17 would take. Run on demand, not in tests:

    python benchmarks/floors.py                  # medians of 7 interleaved runs
    python benchmarks/floors.py --instructions   # also instruction counts (valgrind), exact

Each batch of benchmarks/distinct.py runs again with one part of its work made free: that part
gives its first answer for every case (the output is then wrong, and thrown away). What is left
is a floor: the time the batch would take if that part cost nothing. A goal that the floor
does not meet cannot be met by making that part faster.

1. CSV of 20,000 distinct cases against the naive loop (goal <= 1x): with the plan's counting
   free (plan.CaseRun.run), and with the whole planning free (plan.Planner.plan).
2. JSON Lines of the same cases against CSV (goal <= 2x), with its rows' text free
   (render.planned.PlannedRows): what is left is the planning and the writing.
3. ICS against CSV (goal <= 3x): 5,000 distinct and 20,000 repeated cases, with the events'
   descriptions free (render.ics.IcsStream.planned_events) and with their naming (summary,
   UID, reminders: IcsStream.named) free as well.

Wall time on a shared machine moves by 15-40% from run to run; with --instructions the
same batches (2,000 and 4,000 rows) also run under valgrind's callgrind, whose count of
instructions is the same on every run: each case's cost is the difference over 2,000 rows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from distinct import distinct_cases  # noqa: E402
from run import measure, write_cases  # noqa: E402

PYTHON = sys.executable

# Runs deadline with the parts named in FREE (comma-separated) giving their first answer.
DRIVER = """
import os
free = set(filter(None, os.environ.get("FREE", "").split(",")))

def first_answer(cls, name):
    made = getattr(cls, name)
    first = []
    def answer(self, *args):
        if not first:
            first.append(made(self, *args))
        return first[0]
    setattr(cls, name, answer)

if free & {"counting", "planning"}:
    from deadline_cli import plan
    if "counting" in free:
        first_answer(plan.CaseRun, "run")
    if "planning" in free:
        first_answer(plan.Planner, "plan")
if "rows" in free:
    from deadline_cli.render import planned
    first_answer(planned.PlannedRows, "__call__")
if free & {"descriptions", "naming"}:
    from deadline_cli.render import ics
    if "descriptions" in free:
        first_answer(ics.IcsStream, "planned_events")
    if "naming" in free:
        first_answer(ics.IcsStream, "named")
from deadline_cli.entry import main
main()
"""


def deadline(*args: str) -> list[str]:
    return [PYTHON, "-c", DRIVER, *args]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        distinct, small, again = (Path(tmp, n) for n in ("d.csv", "d5k.csv", "r20k.csv"))
        distinct_cases(distinct, 20_000)
        distinct_cases(small, 5_000)
        write_cases(again, 20_000)
        runs: dict[str, tuple[list[str], str]] = {
            "naive loop, 20k distinct": ([PYTHON, str(HERE / "naive_batch.py"), str(distinct)], ""),
            "csv, 20k distinct": (deadline("batch", str(distinct), "-f", "csv", "-q"), ""),
            "  counting free": (deadline("batch", str(distinct), "-f", "csv", "-q"), "counting"),
            "  planning free": (deadline("batch", str(distinct), "-f", "csv", "-q"), "planning"),
            "jsonl, 20k distinct": (deadline("batch", str(distinct), "-f", "jsonl", "-q"), ""),
            "  rows free": (deadline("batch", str(distinct), "-f", "jsonl", "-q"), "rows"),
            "csv, 5k distinct": (deadline("batch", str(small), "-f", "csv", "-q"), ""),
            "ics, 5k distinct": (deadline("batch", str(small), "-f", "ics", "-q"), ""),
            "  descriptions free": (
                deadline("batch", str(small), "-f", "ics", "-q"),
                "descriptions",
            ),
            "csv, 20k repeated": (deadline("batch", str(again), "-f", "csv", "-q"), ""),
            "ics, 20k repeated": (deadline("batch", str(again), "-f", "ics", "-q"), ""),
            "  descriptions free ": (
                deadline("batch", str(again), "-f", "ics", "-q"),
                "descriptions",
            ),
            "  and naming free": (
                deadline("batch", str(again), "-f", "ics", "-q"),
                "descriptions,naming",
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, (cmd, free) in runs.items():
                seconds, _ = measure(cmd, "DEVNULL", {**env, "FREE": free})
                times[name].append(seconds)
        t = {name: statistics.median(v) for name, v in times.items()}
        against = {
            "csv, 20k distinct": "naive loop, 20k distinct",
            "  counting free": "naive loop, 20k distinct",
            "  planning free": "naive loop, 20k distinct",
            "jsonl, 20k distinct": "csv, 20k distinct",
            "  rows free": "csv, 20k distinct",
            "ics, 5k distinct": "csv, 5k distinct",
            "  descriptions free": "csv, 5k distinct",
            "ics, 20k repeated": "csv, 20k repeated",
            "  descriptions free ": "csv, 20k repeated",
            "  and naming free": "csv, 20k repeated",
        }
        print(f"medians of {args.runs} interleaved runs")
        for name, seconds in t.items():
            base = against.get(name)
            ratio = f" = {seconds / t[base]:5.2f}x {base}" if base else ""
            print(f"{name:26} {seconds:7.3f} s{ratio}")
        if args.instructions:
            _instructions(Path(tmp), env)


def _instructions(tmp: Path, env: dict[str, str]) -> None:
    """Instructions per case (callgrind's count, the same on every run): the difference
    between 4,000 and 2,000 rows, over 2,000."""
    if shutil.which("valgrind") is None:
        print("no valgrind here: no instruction counts")
        return
    files = {}
    for n in (2_000, 4_000):
        files[n] = tmp / f"i{n}.csv"
        distinct_cases(files[n], n)

    def count(cmd: list[str], free: str = "") -> int:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
            env={**env, "FREE": free, "PYTHONHASHSEED": "0"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        line = next(x for x in done.stderr.splitlines() if "Collected :" in x)
        return int(line.rsplit(":", 1)[1])

    def per_case(make: object, free: str = "") -> float:
        a, b = (count(make(files[n]), free) for n in (2_000, 4_000))  # type: ignore[operator]
        return (b - a) / 2_000

    naive = per_case(lambda f: [PYTHON, str(HERE / "naive_batch.py"), str(f)])
    print("instructions per distinct case (callgrind):")
    print(f"  {'naive loop':24} {naive / 1000:7.0f}k")
    csv = 0.0
    for fmt, free in (("csv", ""), ("csv", "counting"), ("csv", "planning"), ("jsonl", "")):
        n = per_case(lambda f, fmt=fmt: deadline("batch", str(f), "-f", fmt, "-q"), free)
        csv = csv or n
        label = f"{fmt}{', ' + free + ' free' if free else ''}"
        against = f"{n / csv:4.2f}x csv" if fmt == "jsonl" else f"{n / naive:4.2f}x the naive loop"
        print(f"  {label:24} {n / 1000:7.0f}k = {against}")


if __name__ == "__main__":
    main()
