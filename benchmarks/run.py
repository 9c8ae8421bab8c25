"""Speed of deadline-cli against the naive scripts of issue 3. Run on demand, not in tests:

    python benchmarks/run.py            # all figures, medians of several runs
    python benchmarks/run.py --quick    # fewer runs
    python benchmarks/run.py --million  # also 1,000,000 rows to csv and jsonl (minutes)

Prints the cold start of `deadline compute 2026-02-05` (table into a pipe) against
benchmarks/naive_compute.py, and `deadline batch` on 100,000 refugee cases (CSV in, CSV out)
against benchmarks/naive_batch.py, with peak memory for 1,000 and 100,000 rows, and
`deadline agenda` on 10,000 cases (issue 10: under 2 s).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def measure(
    cmd: list[str], sink: str = "PIPE", env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one run, output into a pipe (or, for
    outputs of gigabytes, DEVNULL), in ``env`` (default: this one). Every benchmark here
    measures with it."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"subprocess.run(sys.argv[1:], stdout=subprocess.{sink}, stderr=subprocess.DEVNULL)\n"
        "elapsed = time.perf_counter() - t\n"
        "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def median_of(cmd: list[str], runs: int, sink: str = "PIPE") -> tuple[float, float]:
    results = [measure(cmd, sink) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def write_cases(path: Path, count: int) -> None:
    rng = random.Random(5)
    start = date(2022, 1, 10)
    with path.open("w") as f:
        f.write("id,ruling,procedure\n")
        for n in range(count):
            ruling = start + timedelta(days=rng.randrange(0, 5 * 365))
            f.write(f"case-{n},{ruling.isoformat()},refugee\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    deadline = shutil.which("deadline", path=str(BIN)) or "deadline"
    # Measure the tool as installed: `pip install .` compiles its modules to bytecode, but an
    # editable install under PYTHONDONTWRITEBYTECODE=1 would compile them on every start.
    package = importlib.util.find_spec("deadline_cli")
    if package is not None and package.submodule_search_locations:
        for folder in package.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)

    cold, _ = median_of([deadline, "compute", "2026-02-05"], runs)
    naive, _ = median_of([sys.executable, str(HERE / "naive_compute.py"), "2026-02-05"], runs)
    print(
        f"cold start: deadline {cold:.3f} s, naive script {naive:.3f} s, "
        f"ratio {cold / naive:.2f}x (goal <= 0.5x); medians of {runs} runs"
    )

    batch_runs = 3 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp, "1k.csv"), Path(tmp, "100k.csv")
        write_cases(small, 1_000)
        write_cases(big, 100_000)
        t_big, m_big = median_of([deadline, "batch", str(big), "--format", "csv", "-q"], batch_runs)
        _, m_small = median_of([deadline, "batch", str(small), "--format", "csv", "-q"], batch_runs)
        t_naive, m_naive = median_of(
            [sys.executable, str(HERE / "naive_batch.py"), str(big)], batch_runs
        )
        agenda_file = Path(tmp, "10k.csv")
        write_cases(agenda_file, 10_000)
        agenda_cmd = [deadline, "agenda", str(agenda_file), "--as-of", "2026-12-01"]
        t_agenda, m_agenda = median_of([*agenda_cmd, "--within", "3650"], batch_runs)
        t_ics, m_ics = median_of(
            [deadline, "batch", str(big), "--format", "ics", "-q"], 3, "DEVNULL"
        )
        if args.million:  # one run each: minutes
            huge = Path(tmp, "1m.csv")
            write_cases(huge, 1_000_000)
            million = {
                fmt: median_of([deadline, "batch", str(huge), "--format", fmt, "-q"], 1, "DEVNULL")
                for fmt in ("csv", "jsonl")
            }
    print(
        f"batch 100,000 refugee cases: deadline {t_big:.2f} s, naive loop {t_naive:.2f} s, "
        f"ratio {t_big / t_naive:.2f}x (goal <= 1.0x); medians of {batch_runs} runs"
    )
    print(
        f"peak memory: {m_small:.0f} MB for 1,000 rows, {m_big:.0f} MB for 100,000 rows "
        f"(naive loop {m_naive:.0f} MB; goal <= 150 MB and flat)"
    )
    print(
        f"agenda of 10,000 cases, every open deadline in ten years: {t_agenda:.2f} s, "
        f"{m_agenda:.0f} MB (goal < 2 s); medians of {batch_runs} runs"
    )
    print(f"batch 100,000 refugee cases to one ICS calendar: {t_ics:.1f} s, {m_ics:.0f} MB")
    if args.million:
        for fmt, (seconds, mb) in million.items():
            print(f"batch 1,000,000 refugee cases to {fmt}: {seconds:.1f} s, {mb:.0f} MB")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"benchmark took {time.perf_counter() - start:.0f} s")
