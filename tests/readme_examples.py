"""The README's examples, run as they are written (issue 10: the README cannot drift).

Every ```console block of README.md is a session: a line starting with ``$ `` is a command, the
lines after it up to the next command are what it prints (stdout, then stderr). ``$ cat FILE``
defines FILE: its lines are written to the session's directory before the block runs, so the
files a block shows are the fixtures its commands read. ``$ echo $?`` prints the exit code of
the command before it. Commands run with bash in a fresh directory, with the installed
``deadline`` first on PATH, in a pipe 80 columns wide, in English unless a command says
otherwise, with no user configuration.

    python tests/readme_examples.py            # compare, print the differences
    python tests/readme_examples.py --update   # rewrite the outputs in README.md

``tests/test_readme.py`` runs the same comparison in the test suite.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```console\n(.*?)^```\n", re.DOTALL | re.MULTILINE)
CAT = re.compile(r"^cat ([\w.-]+)$")


@dataclass
class Command:
    line: str  # without the "$ "
    output: list[str] = field(default_factory=list)


@dataclass
class Block:
    start: int  # offset of the block's body in README.md
    end: int
    commands: list[Command]

    @property
    def name(self) -> str:
        return self.commands[0].line[:60] if self.commands else "(empty)"

    def text(self) -> str:
        lines: list[str] = []
        for command in self.commands:
            lines.append("$ " + command.line)
            lines.extend(command.output)
        return "".join(line + "\n" for line in lines)


def blocks(readme: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(readme):
        commands: list[Command] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                commands.append(Command(line[2:]))
            elif commands:
                commands[-1].output.append(line)
            else:
                raise ValueError(f"README console block starts without a command: {line!r}")
        found.append(Block(match.start(1), match.end(1), commands))
    return found


def environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DEADLINE_", "PYTEST", "COV_")) and key not in {"NO_COLOR", "TERM"}
    }
    bin_dir = str(Path(sys.executable).parent)
    env.update(
        PATH=bin_dir + os.pathsep + env.get("PATH", ""),
        COLUMNS="80",
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    return env


def run(block: Block) -> Block:
    """The block as it prints today: the same commands, their real output."""
    done: list[Command] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        work = home / "work"
        work.mkdir()
        for command in block.commands:
            match = CAT.match(command.line)
            if match:
                data = "".join(line + "\n" for line in command.output)
                (work / match.group(1)).write_text(data, encoding="utf-8")
        env = environment(home)
        code = 0
        for command in block.commands:
            if command.line == "echo $?":
                done.append(Command(command.line, [str(code)]))
                continue
            result = subprocess.run(
                ["bash", "-c", command.line],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=120,
                check=False,
            )
            code = result.returncode
            printed = result.stdout + result.stderr
            done.append(Command(command.line, printed.splitlines()))
    return Block(block.start, block.end, done)


def update(readme: str) -> str:
    parts = []
    last = 0
    for block in blocks(readme):
        parts.append(readme[last : block.start])
        parts.append(run(block).text())
        last = block.end
    parts.append(readme[last:])
    return "".join(parts)


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    if "--update" in sys.argv[1:]:
        README.write_text(update(readme), encoding="utf-8")
        return 0
    failed = 0
    for block in blocks(readme):
        expected, got = block.text(), run(block).text()
        if expected != got:
            failed += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    got.splitlines(keepends=True),
                    "README.md",
                    "as it prints",
                )
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
