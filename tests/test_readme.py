"""The README says what the tool does, and cannot drift from it (issue 10).

Each console example of README.md is run and compared with what it shows (see
``tests/readme_examples.py``; ``python tests/readme_examples.py --update`` rewrites the outputs
after a deliberate change). The quick start is the two commands CI runs.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import readme_examples as examples

README = examples.README.read_text(encoding="utf-8")
BLOCKS = examples.blocks(README)


def test_the_readme_has_examples_to_run() -> None:
    assert len(BLOCKS) >= 8
    lines = [c.line for b in BLOCKS for c in b.commands]
    for wanted in ("deadline compute 2026-02-05", "deadline agenda", "deadline batch"):
        assert any(line.startswith(wanted) for line in lines), wanted


@pytest.mark.skipif(shutil.which("bash") is None, reason="the examples are bash sessions")
@pytest.mark.parametrize("block", BLOCKS, ids=[b.name for b in BLOCKS])
def test_example_prints_what_the_readme_shows(block: examples.Block) -> None:
    if not (Path(sys.executable).parent / "deadline").exists():
        pytest.skip("the deadline command is not installed beside this Python")
    assert examples.run(block).text() == block.text(), (
        "README example differs: run `python tests/readme_examples.py` to see how, "
        "`--update` to rewrite it"
    )


def test_quick_start_is_what_ci_runs() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in quick.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "venv" in commands[0] or "pipx" in commands[0]
    assert "deadline compute" in commands[0] and "pytest" in commands[1]
    ci = (examples.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci.splitlines(), command


def test_exit_code_table_matches_the_code() -> None:
    from deadline_cli import errors

    table = README.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    shown = {int(m) for m in re.findall(r"^\| `(\d+)` \|", table, re.MULTILINE)}
    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_") and isinstance(v, int)}
    assert shown == codes


def test_batch_columns_listed_are_the_inputs() -> None:
    from deadline_cli.rules import INPUTS

    section = README.split("### Many cases", 1)[1].split("\n### ", 1)[0]
    for name in INPUTS:
        assert f"`{name}`" in section, name


def test_column_aliases_listed_are_the_locales() -> None:
    import tomllib
    from importlib import resources

    section = README.split("### Files from Excel", 1)[1].split("\n### ", 1)[0]
    for code in ("ru", "kk"):
        text = resources.files("deadline_cli.locales").joinpath(f"{code}.toml").read_text("utf-8")
        for alias in tomllib.loads(text)["columns"]:
            assert f"`{alias}`" in section, (code, alias)
