"""Workbooks in and out (issue 16). Run on demand, not in tests:

    python benchmarks/workbook.py          # medians of 3 interleaved runs

On 100,000 distinct refugee cases (ruling and final form differ from row to row):
- reading: python-calamine against openpyxl (read-only mode), the same .xlsx, cells only;
- `batch` from the .xlsx against `batch` from the same cases as CSV, both to CSV;
- `batch -f xlsx` against `batch -f csv`, and the peak memory of `-f xlsx` on 1,000 and
  100,000 rows (constant-memory mode: it should not grow with the rows).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DEADLINE = str(Path(sys.executable).parent / "deadline")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import measure  # noqa: E402  # the probe of benchmarks/run.py


def cases(n: int) -> list[tuple[str, date, date]]:
    start = date(2025, 1, 1)
    return [
        (f"K-{i}", start + timedelta(days=i % 700), start + timedelta(days=i % 700 + i % 9))
        for i in range(n)
    ]


def write_inputs(folder: Path, n: int) -> tuple[Path, Path]:
    import openpyxl

    rows = cases(n)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Дела")
    sheet.append(["Реестр дел"])
    sheet.append(["№", "Дата решения", "Окончательная форма"])
    for row in rows:
        sheet.append(list(row))
    xlsx = folder / f"cases-{n}.xlsx"
    book.save(xlsx)
    csv_path = folder / f"cases-{n}.csv"
    csv_path.write_text(
        "id,ruling,final_form\n" + "".join(f"{i},{r},{f}\n" for i, r, f in rows), "utf-8"
    )
    return xlsx, csv_path


def read_cells(xlsx: Path, library: str) -> float:
    start = time.perf_counter()
    if library == "calamine":
        from python_calamine import CalamineWorkbook

        for _ in CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).iter_rows():
            pass
    else:
        import openpyxl

        for _ in openpyxl.load_workbook(xlsx, read_only=True).worksheets[0].iter_rows():
            pass
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, small_csv = write_inputs(folder, 1_000)
        xlsx, csv_path = write_inputs(folder, 100_000)
        out = str(folder / "out.xlsx")
        as_of = ["--as-of", "2026-02-06"]
        runs: dict[str, list[tuple[float, float]]] = {}
        commands = {
            "batch csv -> csv": [DEADLINE, "batch", str(csv_path), "-f", "csv", *as_of],
            "batch xlsx -> csv": [DEADLINE, "batch", str(xlsx), "-f", "csv", *as_of],
            "batch csv -> xlsx": [
                DEADLINE,
                "batch",
                str(csv_path),
                "-f",
                "xlsx",
                "-o",
                out,
                *as_of,
            ],
            "batch csv -> xlsx, 1,000 rows": [
                DEADLINE,
                "batch",
                str(small_csv),
                "-f",
                "xlsx",
                "-o",
                out,
                *as_of,
            ],
        }
        reads: dict[str, list[float]] = {"calamine": [], "openpyxl": []}
        for _ in range(3):
            for name, cmd in commands.items():
                runs.setdefault(name, []).append(measure(cmd, "DEVNULL"))
            for library, found_times in reads.items():
                found_times.append(read_cells(xlsx, library))
        base = statistics.median(t for t, _ in runs["batch csv -> csv"])
        for name, found in runs.items():
            seconds = statistics.median(t for t, _ in found)
            memory = max(m for _, m in found)
            print(f"{name:32} {seconds:6.2f} s  {seconds / base:5.2f}x csv  peak {memory:5.0f} MB")
        calamine = statistics.median(reads["calamine"])
        for library, found in reads.items():
            seconds = statistics.median(found)
            print(f"read 100,000 rows, {library:9} {seconds:6.2f} s  {seconds / calamine:5.2f}x")


if __name__ == "__main__":
    main()
