"""Speed of `deadline read` on a 10-page PDF decision (issue 15: well under a second). Run on
demand, not in tests:

    python benchmarks/read.py           # medians of 5 interleaved runs

Builds a 10-page PDF from the corpus's two-page decision (tests/data/decisions/refugee-ru.pdf,
its pages repeated, the dates only once on the last pages), then times, interleaved:
`deadline compute` with the same dates (the baseline), `deadline read` of the text version and
`deadline read` of the 10-page PDF, each with its output into a pipe.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "tests" / "data" / "decisions"
DEADLINE = str(Path(sys.executable).parent / "deadline")
sys.path.insert(0, str(HERE))
from run import measure  # noqa: E402  # the probe of benchmarks/run.py


def ten_pages(target: Path) -> None:
    import pypdf

    source = pypdf.PdfReader(str(DOCS / "refugee-ru.pdf"))
    writer = pypdf.PdfWriter()
    for _ in range(4):  # 8 pages of the introductory part and the reasons
        writer.add_page(source.pages[0])
        writer.add_page(source.pages[0])
    writer.add_page(source.pages[0])
    writer.add_page(source.pages[1])  # the resolutive part, with the dates, once
    writer.write(str(target))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "ten-pages.pdf"
        ten_pages(pdf)
        as_of = ["--as-of", "2026-03-20"]
        cases = {
            "compute (baseline)": [
                DEADLINE,
                "compute",
                "2026-02-05",
                "--final-form",
                "2026-02-12",
                *as_of,
            ],
            "read text": [DEADLINE, "read", str(DOCS / "refugee-ru.txt"), *as_of],
            "read 10-page PDF": [DEADLINE, "read", str(pdf), *as_of],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(5):
            for name, cmd in cases.items():
                times[name].append(measure(cmd)[0])
        base = statistics.median(times["compute (baseline)"])
        for name, runs in times.items():
            median = statistics.median(runs)
            print(f"{name:22} median {median * 1000:7.1f} ms  {median / base:5.2f}x compute")


if __name__ == "__main__":
    main()
