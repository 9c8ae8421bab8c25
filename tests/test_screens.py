"""Screens as a person sees them (issue 10): the seed case, a civil case with an appeal and an
agenda, in en/ru/kk, at 80 and 120 columns, drawn plain (a pipe) and by Rich (a terminal).

The golden screens under ``tests/screens/`` are for review: read them as the lawyer would. After
a deliberate change, regenerate them with ``UPDATE_SCREENS=1 pytest tests/test_screens.py`` and
read the diff before committing.
"""

from __future__ import annotations

import os
import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from deadline_cli.cli import app
from deadline_cli.render import out as render_out

SCREENS = Path(__file__).parent / "screens"
AGENDA = Path(__file__).parent / "data" / "agenda.csv"
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
QUOTED = re.compile(r"«[^»]*»")  # the statute's words, where "…" marks the quoter's omission

# name: (arguments, the binding dates a lawyer must find on the screen)
CASES: dict[str, tuple[list[str], list[date]]] = {
    # 5 Feb 2026, no final form: appeal 6 Apr (2 months, 5 Apr is a Sunday), entry into force
    # 7 Apr, exit 8 May (30 days to 7 May, Defender of the Fatherland Day, rolled).
    "seed": (
        ["compute", "2026-02-05", "--as-of", "2026-02-06"],
        [date(2026, 4, 6), date(2026, 4, 7), date(2026, 5, 8)],
    ),
    # The same with the final form given and the trace and quotes shown.
    "seed-explain": (
        shlex.split("compute 2026-02-05 --final-form 2026-02-05 --explain --as-of 2026-02-06"),
        [date(2026, 4, 6), date(2026, 4, 7), date(2026, 5, 8)],
    ),
    # Civil: 3 Mar 2025, appeal decided 1 Sep 2025: in force that day; cassation 6 months later,
    # 1 Mar 2026 is a Sunday, so 2 Mar 2026 (GPK 436(1)).
    "civil-appeal": (
        shlex.split("compute 2025-03-03 -p civil --appeal-ruling 2025-09-01 --as-of 2025-09-02"),
        [date(2025, 9, 1), date(2026, 3, 2)],
    ),
    # tests/data/agenda.csv as of 30 Mar 2026, 60 days: K-1's appeal 6 Apr and entry into force
    # 7 Apr, its exit 8 May; K-4's offence complaint 8 May (10 days from 27 Apr, 7 May is a
    # holiday, the roll unverified).
    "agenda": (
        ["agenda", str(AGENDA), "--as-of", "2026-03-30", "--within", "60"],
        [date(2026, 4, 6), date(2026, 4, 7), date(2026, 5, 8)],
    ),
}
LANGS = ["en", "ru", "kk"]
WIDTHS = [80, 120]


def shown_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {day:%b %Y}"
    return f"{day:%d.%m.%Y}"


def draw(
    monkeypatch: pytest.MonkeyPatch, args: list[str], lang: str, width: int, *, fancy: bool
) -> str:
    monkeypatch.setattr(render_out, "is_fancy", lambda: fancy)
    monkeypatch.delenv("NO_COLOR", raising=False)
    env = {"COLUMNS": str(width), "DEADLINE_LANG": lang}
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(CASES))
def test_screen(monkeypatch: pytest.MonkeyPatch, name: str, lang: str, width: int) -> None:
    args, binding = CASES[name]
    plain = draw(monkeypatch, args, lang, width, fancy=False)
    fancy = draw(monkeypatch, args, lang, width, fancy=True)

    for text in (plain, ESCAPE.sub("", fancy)):
        for line in text.splitlines():
            assert cell_len(line) <= width, f"{len(line)} columns: {line!r}"
        assert "…" not in QUOTED.sub("", text) and "..." not in text  # nothing cut off
        for day in binding:
            assert shown_date(day, lang) in text
    assert "\x1b[" not in plain  # a pipe gets no escape codes
    assert "\x1b[1m" in fancy  # a terminal gets the binding days in bold
    assert ESCAPE.sub("", fancy).rstrip() == plain.rstrip()  # the same lines either way

    golden = SCREENS / f"{name}-{lang}-{width}.txt"
    if os.environ.get("UPDATE_SCREENS"):
        SCREENS.mkdir(exist_ok=True)
        golden.write_text(plain, encoding="utf-8")
    assert golden.exists(), f"no golden screen {golden.name}: run with UPDATE_SCREENS=1"
    assert plain == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_seed_case_keeps_one_line_per_event_at_80_columns(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    args, binding = CASES["seed"]
    plain = draw(monkeypatch, args, lang, 80, fancy=False)
    for day in binding:
        # the binding day sits on the line of its event, with days left and a citation
        line = next(x for x in plain.splitlines() if shown_date(day, lang) in x)
        assert line.startswith(">"), line
        assert re.search(r"\s\d+\s", line), line
        assert re.search(r"\d+\(\d\)\s*$|\d{3}\s*$", line), line


@pytest.mark.parametrize("width", [40, 60, 200])
def test_other_widths_never_overflow(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    for name, (args, _) in CASES.items():
        for lang in LANGS:
            text = draw(monkeypatch, args, lang, width, fancy=False)
            assert max(cell_len(line) for line in text.splitlines()) <= width, (name, lang)
            assert "…" not in QUOTED.sub("", text)


def test_wide_terminal_does_not_stretch_citations(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = draw(monkeypatch, CASES["seed"][0], "en", 200, fancy=False)
    line = next(x for x in wide.splitlines() if "Last day to appeal" in x)
    assert line.rstrip().endswith("APPC 168(2)")
    assert len(line.rstrip()) < 120


def test_no_screen_line_ends_in_a_citations_marker() -> None:
    """In every screen drawn (the goldens, which test_screen compares the output with), no
    line ends with "ст." or "п." whose number went to the next line."""
    markers = ("п.", "пп.", "ч.", "ст.", "гл.", "абз.", "art.", "arts.", "No.", "№", "para.")
    found = []
    for path in sorted(SCREENS.glob("*.txt")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            last = line.rstrip().rsplit(" ", 1)[-1].lstrip("(«")
            if last in markers:
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, found


def test_dates_and_citations_stay_on_one_line() -> None:
    from deadline_cli.render.screen import words, wrap_hanging

    assert words("по Пн 08.06.2026; (п. 1 ст. 18 Закона РК «О беженцах»)") == [
        "по",
        "Пн 08.06.2026;",
        "(п. 1 ст. 18",
        "Закона РК",
        "«О беженцах»)",
    ]
    assert words("to Wed 2 Dec 2026, arts. 18(1), No. 351-VI") == [
        "to",
        "Wed 2 Dec 2026,",
        "arts. 18(1),",
        "No. 351-VI",
    ]
    assert words("ҚР ӘРПК 151-бабының 2-бөлігі") == ["ҚР ӘРПК", "151-бабының 2-бөлігі"]
    # A list of citations: each whole ("пп. 5 п. 1 ст. 8" one citation), the list not one.
    assert words("(п. 1 ст. 18, пп. 5 п. 1 ст. 8, п. 2 ст. 18 Закона РК") == [
        "(п. 1 ст. 18,",
        "пп. 5 п. 1 ст. 8,",
        "п. 2 ст. 18",
        "Закона РК",
    ]
    # Wrapped at any width, a date is never split from its weekday or a part from its article.
    text = "a note about Wed 2 Dec 2026 and ч. 2 ст. 151 АППК РК, then Пн 08.06.2026 " * 3
    for width in range(16, 60):
        for line in wrap_hanging(text, width, width):
            assert not line.endswith(("Wed", "Wed 2", "Wed 2 Dec", "ч.", "ст.", "Пн"))
