"""The start of `deadline compute` (issue 17): what it imports, the value classes that replace
dataclasses on it, and the compiled copies of the built-in TOML files."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tomllib
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deadline_cli import builtin
from deadline_cli.record import FrozenInstanceError, Record, field, fields, replace

# What a plain `deadline compute DATE` must not import: the full command line (typer, click,
# rich), the TOML parser (built-in data is read compiled), typing (types are for mypy only),
# the dataclasses machinery (inspect, ast), importlib.resources and what it drags in, pathlib,
# shutil, dateutil (months are added by periods.add_months) with six, contextlib and
# importlib.util, the renderers it does not use, and the heavy readers of other commands.
NOT_ON_THE_QUICK_PATH = (
    "typer",
    "click",
    "rich",
    "tomllib",
    "typing",
    "dataclasses",
    "inspect",
    "importlib.resources",
    "zipfile",
    "tempfile",
    "pathlib",
    "shutil",
    "holidays",
    "dateutil",
    "six",
    "contextlib",
    "importlib.util",
    "pypdf",
    "docx",
    "python_calamine",
    "xlsxwriter",
    "deadline_cli.cli",
    "deadline_cli.render.data",
    "deadline_cli.render.csvout",
    "deadline_cli.render.ics",
    "deadline_cli.render.json",
    "deadline_cli.batch",
)


def _imported(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    probe = (
        "import sys\n"
        f"sys.argv = ['deadline', *{list(argv)!r}]\n"
        "from deadline_cli.entry import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    return set(done.stderr.split())


@pytest.mark.parametrize(
    "argv",
    [
        ("compute", "2026-02-05"),
        ("compute", "2026-02-05", "--final-form", "2026-02-10", "--lang", "ru", "--explain"),
        ("compute", "2026-02-05", "-p", "civil", "--as-of", "2026-03-01"),
    ],
)
def test_the_quick_path_imports_only_what_it_needs(argv: tuple[str, ...]) -> None:
    found = _imported(*argv)
    assert "deadline_cli.timeline" in found  # the probe did run the computation
    assert sorted(found & set(NOT_ON_THE_QUICK_PATH)) == []


def test_a_batch_to_csv_starts_without_typer(tmp_path: Path) -> None:
    """`deadline batch FILE -f csv` (issue 17): read without Typer (its import and command
    tree were ~0.1 s of the start), its cases planned (deadline_cli.plan)."""
    cases = tmp_path / "cases.csv"
    cases.write_text("id,ruling,final_form\nK-1,2026-02-05,2026-02-09\n", encoding="utf-8")
    found = _imported("batch", str(cases), "-f", "csv", "-q")
    assert {"deadline_cli.batch", "deadline_cli.plan"} <= found
    heavy = {"typer", "click", "rich", "deadline_cli.cli", "pypdf", "docx", "xlsxwriter"}
    assert sorted(found & heavy) == []


def test_a_data_format_loads_only_its_own_renderer() -> None:
    found = _imported("compute", "2026-02-05", "-f", "json")
    assert "deadline_cli.render.data" in found
    assert not found & {"deadline_cli.render.ics", "deadline_cli.render.csvout", "tomllib"}


def test_a_calendar_file_of_ones_own_is_still_read_as_toml(tmp_path: Path) -> None:
    own = tmp_path / "calendar.toml"
    own.write_text('[[days_off]]\ndate = 2026-02-06\nname = "Office closed"\n')
    found = _imported("compute", "2026-02-05", "--calendar", str(own))
    assert {"tomllib", "pathlib"} <= found


# The compiled built-in data -----------------------------------------------------------------


def test_every_builtin_toml_file_is_listed_and_compiled_as_it_is_now() -> None:
    package = Path(builtin.HERE)
    on_disk = {str(p.relative_to(package)).replace("\\", "/") for p in package.rglob("*.toml")}
    assert on_disk == set(builtin.FILES)
    for relative in builtin.FILES:
        compiled = Path(
            builtin.COMPILED, relative.replace("/", "-").removesuffix(".toml") + ".json"
        )
        assert compiled.read_text(encoding="utf-8") == builtin.compile_file(relative), (
            f"{relative} changed: run python -m deadline_cli.builtin"
        )
        parsed = tomllib.loads(Path(builtin.path(relative)).read_text(encoding="utf-8"))
        assert builtin.load_toml(relative) == parsed


def test_dates_survive_the_json(tmp_path: Path) -> None:
    data = builtin.load_toml("rules/administrative.toml")
    assert str(type(data["valid_from"]).__name__) == "date"
    assert data == tomllib.loads(Path(builtin.path("rules/administrative.toml")).read_text("utf-8"))


def test_a_stale_or_broken_compiled_file_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited pack must never be read as it was: the CRC of the TOML decides."""
    (tmp_path / "rules").mkdir()
    toml = tmp_path / "rules" / "refugee.toml"
    toml.write_text('id = "edited"\n', encoding="utf-8")
    compiled = tmp_path / "_compiled"
    compiled.mkdir()
    stale = json.loads(Path(builtin.COMPILED, "rules-refugee.json").read_text("utf-8"))
    (compiled / "rules-refugee.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(builtin, "HERE", str(tmp_path))
    monkeypatch.setattr(builtin, "COMPILED", str(compiled))
    assert builtin.load_toml("rules/refugee.toml") == {"id": "edited"}
    (compiled / "rules-refugee.json").write_text("{not json", encoding="utf-8")
    assert builtin.load_toml("rules/refugee.toml") == {"id": "edited"}
    (compiled / "rules-refugee.json").unlink()
    assert builtin.load_toml("rules/refugee.toml") == {"id": "edited"}


# Record against dataclasses -----------------------------------------------------------------


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)

    @cached_property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


class Box(Record, frozen=False):
    items: list[int] = field(default_factory=list)
    name: str = "box"


@given(st.integers(), st.integers(), st.integers(), st.integers())
def test_records_compare_and_hash_as_frozen_dataclasses(a: int, b: int, c: int, d: int) -> None:
    assert (Point(a, b) == Point(c, d)) == (DataPoint(a, b) == DataPoint(c, d))
    if Point(a, b) == Point(c, d):
        assert hash(Point(a, b, ())) == hash(Point(c, d, ()))  # type: ignore[arg-type]
    assert repr(Point(a, b)) == repr(DataPoint(a, b)).replace("DataPoint", "Point")
    assert replace(Point(a, b), y=d) == Point(a, d)
    assert Point(a) == Point(x=a, y=0)


def test_records_are_frozen_unless_declared_otherwise() -> None:
    point = Point(3, -4)
    with pytest.raises(FrozenInstanceError):
        point.x = 1  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.y  # type: ignore[misc]
    assert point.norm == 7  # a cached property still works on a frozen record
    box = Box()
    box.name = "other"
    assert box.name == "other"
    with pytest.raises(TypeError):
        hash(box)  # mutable: unhashable, as a dataclass with eq


def test_each_record_gets_its_own_default_from_a_factory() -> None:
    first, second = Box(), Box()
    first.items.append(1)
    assert (first.items, second.items) == ([1], [])
    assert Point(1).tags is not Point(1).tags
    assert Point(1, 2, ["a"]).tags == ["a"]


def test_records_refuse_what_dataclasses_refuse() -> None:
    assert Point(1) != DataPoint(1)  # another class is never equal
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        replace(Point(1), z=2)
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(Record):  # pyright: ignore
            a: int = 0
            b: int  # type: ignore[misc]

    assert fields(Box) == ("items", "name")


def test_the_package_records_use_the_precompiled_inits() -> None:
    """deadline_cli/_inits.py is what `python -m deadline_cli.record` writes now, and every
    record of the package takes its __init__ from it (none is compiled at start)."""
    from deadline_cli import _inits, record

    path = Path(record.__file__).with_name("_inits.py")
    assert path.read_text(encoding="utf-8") == record.shapes_source(), (
        "records changed: run python -m deadline_cli.record"
    )
    stack, checked = list(Record.__subclasses__()), 0
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("deadline_cli."):
            shape = (fields(cls), cls._factories)
            assert cls.__init__.__code__ is _inits.SHAPES[shape], cls  # type: ignore[misc]
            checked += 1
    assert checked >= 40
