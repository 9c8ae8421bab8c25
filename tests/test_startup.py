"""The start of `deadline compute` (issue 17): what it imports, the value classes that replace
dataclasses on it, and the compiled copies of the built-in TOML files."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import tomllib
import zlib
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from deadline_cli import builtin
from deadline_cli.record import FrozenInstanceError, Record, field, fields, replace

# What a plain `deadline compute DATE` must not import: the full command line (typer, click,
# rich), the TOML parser (built-in data is read compiled), typing (types are for mypy only),
# the dataclasses machinery (inspect, ast), importlib.resources and what it drags in, pathlib,
# shutil, dateutil (months are added by periods.add_months) with six, contextlib and
# importlib.util, re and json (data is read from compiled modules), enum and signal, the
# renderers it does not use, and the heavy readers of other commands.
NOT_ON_THE_QUICK_PATH = (
    "re",
    "json",
    "enum",
    "signal",
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


# What replaced regular expressions on the start-up path ------------------------------------

# Characters the shapes are made of, with Unicode digits and letters, marks and spaces that
# \d, \w, \W and \s treat in their own ways.
_SHAPE_CHARS = "0123456789٣۵-.:T ()–,;«»_бабөлітармақзцпст\u00a0\t²"
_MIDNIGHT = r"(?:[ T]0{1,2}:00(?::00)?)?"
_DATE_SHAPES = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT), (0, 1, 2)),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _MIDNIGHT), (2, 1, 0)),
)


def _date_by_regex(raw: str) -> tuple[int, int, int] | None:
    """dates.parse_date's fields as its regular expressions read them before."""
    if len(raw) > 32 or not raw.isascii():
        return None
    for pattern, order in _DATE_SHAPES:
        m = pattern.fullmatch(raw)
        if m:
            groups = m.groups()
            return int(groups[order[0]]), int(groups[order[1]]), int(groups[order[2]])
    return None


_DATE_TEXT = st.one_of(
    st.text(alphabet="0123456789-.: T", max_size=24),
    st.builds(
        lambda a, b, c, sep, tail: f"{a}{sep}{b}{sep}{c}{tail}",
        st.text("0123456789٣", min_size=1, max_size=5),
        st.text("0123456789", min_size=0, max_size=3),
        st.text("0123456789", min_size=1, max_size=5),
        st.sampled_from("-.:"),
        st.sampled_from(
            ["", " 00:00:00", "T00:00", " 0:00", " 0:00:00", "T0:00:00", " 00:0", "  00:00"]
        ),
    ),
)


@settings(max_examples=1000)
@given(_DATE_TEXT)
@example("2026-02-05T00:00 00:00")  # one time only
@example("5.2.2026 0:00")
def test_dates_are_read_as_the_regular_expressions_read_them(text: str) -> None:
    from deadline_cli import dates

    assert dates._fields(text) == _date_by_regex(text)


_PERIOD = re.compile(r"\s*(\d{1,6})\s+(\w+(?:\s+\w+)?)\s*")


@settings(max_examples=1000)
@example("30 рабочих  дней ")
@example("1234567 days")
@given(
    st.one_of(
        st.text(alphabet="0123456789٣ \t\u00a0abdysmonthwrkig_.рабочихдней", max_size=30),
        st.builds(
            lambda n, gap, unit, end: f"{n}{gap}{unit}{end}",
            st.text("0123456789٣", min_size=0, max_size=8),
            st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
            st.sampled_from(
                ["days", "Working  Days", "месяца", "жұмыс күні", "day.", "years x", "week"]
            ),
            st.sampled_from(["", " ", "\n"]),
        ),
    )
)
def test_periods_are_read_as_the_regular_expression_read_them(text: str) -> None:
    from deadline_cli.errors import DeadlineError
    from deadline_cli.periods import _UNITS, Period

    m = _PERIOD.fullmatch(text) if len(text) < 100 else None
    unit = _UNITS.get(" ".join(m.group(2).lower().split())) if m else None
    expected = None
    if m is not None and unit is not None and m.group(1).isascii():
        expected = Period(int(m.group(1)), unit)
    try:
        found: Period | None = Period.parse(text)
    except DeadlineError:
        found = None
    assert found == expected


_GLUE_SHAPES = {
    "_dotted": r"\d{2}\.\d{2}\.\d{4}\W*",
    "_day": r"\d{1,2}",
    "_year": r"\d{4}\W*",
    "_number": r"\d[\w().,–-]*",
    "_kk_article": r"\d[\w()–-]*-баб\w*",
    "_kk_part": r"\d[\w()–-]*-(бөлі|тармақ|абзац)\w*\W*",
}
_GLUE_WORDS = st.one_of(
    st.text(alphabet=_SHAPE_CHARS, max_size=14),
    st.builds(
        lambda *parts: "".join(parts),
        st.text("0123456789٣(", min_size=0, max_size=3),
        st.sampled_from(["", "-", ".", "-баб", "-бабының", "-бөлігі", "-тармағы", "-абзац", "(2)"]),
        st.text(_SHAPE_CHARS, max_size=4),
        st.sampled_from(["", "-баб", "-бөлігі", "-тармақ", ".2026", ",", "),"]),
        st.text(_SHAPE_CHARS, max_size=3),
    ),
)


@settings(max_examples=3000)
@given(word=_GLUE_WORDS)
@example(word="123")
@example(word="1-бөлі-бөлі")  # only the last name can end the word
@example(word="2-бөлігі-тармақ")
@example(word="2-баб-бабы")
def test_words_are_glued_as_the_regular_expressions_glued_them(word: str) -> None:
    from deadline_cli.render import screen

    for name, pattern in _GLUE_SHAPES.items():
        expected = re.fullmatch(pattern, word) is not None
        assert getattr(screen, name)(word) is expected, (name, word)


def test_the_shapes_hold_on_the_words_of_a_table() -> None:
    from deadline_cli.render import screen

    assert screen.words("Пн 08.06.2026, Thu 5 Feb 2026; п. 1 ст. 18 Закона РК") == [
        "Пн 08.06.2026,",
        "Thu 5 Feb 2026;",
        "п. 1 ст. 18",
        "Закона РК",
    ]
    assert screen.words("18-бабының 2-бөлігі, 2-бабының") == ["18-бабының 2-бөлігі,", "2-бабының"]


# The compiled built-in data -----------------------------------------------------------------


def test_every_builtin_toml_file_is_listed_and_compiled_as_it_is_now() -> None:
    package = Path(builtin.HERE)
    on_disk = {str(p.relative_to(package)).replace("\\", "/") for p in package.rglob("*.toml")}
    assert on_disk == set(builtin.FILES)
    compiled = {p.name for p in Path(builtin.HERE, "_compiled").glob("*.py")}
    expected = {builtin.module_name(r) + ".py" for r in builtin.FILES}
    assert compiled == {*expected, "__init__.py"}
    for relative in builtin.FILES:
        text = Path(builtin.compiled_file(relative)).read_text(encoding="utf-8")
        assert text == builtin.compile_file(relative), (
            f"{relative} changed: run python -m deadline_cli.builtin"
        )
        parsed = tomllib.loads(Path(builtin.path(relative)).read_text(encoding="utf-8"))
        assert builtin.load_toml(relative) == parsed


def test_dates_survive_the_compiled_module() -> None:
    data = builtin.load_toml("rules/administrative.toml")
    assert str(type(data["valid_from"]).__name__) == "date"
    assert data == tomllib.loads(Path(builtin.path("rules/administrative.toml")).read_text("utf-8"))


@pytest.mark.parametrize(
    "module",
    [
        None,  # the module made from the TOML as it was
        "CRC32 = 1\nDATA = {'id': 'stale'}\n",  # made from another text
        "DATA = {\n",  # broken
        "raise RuntimeError('bad')\n",  # fails when run
        "DATA = {'id': 'no crc'}\n",  # of another layout
    ],
)
def test_a_stale_or_broken_compiled_module_is_not_used(
    module: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited pack must never be read as it was: the CRC of the TOML decides."""
    (tmp_path / "rules").mkdir()
    toml = tmp_path / "rules" / "refugee.toml"
    toml.write_text('id = "edited"\n', encoding="utf-8")
    name = f"compiled_{tmp_path.name.replace('-', '_')}"  # a package of its own per case
    compiled = tmp_path / name
    compiled.mkdir()
    (compiled / "__init__.py").write_text("")
    if module is None:
        module = Path(builtin.compiled_file("rules/refugee.toml")).read_text("utf-8")
    (compiled / "rules_refugee.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builtin, "HERE", str(tmp_path))
    monkeypatch.setattr(builtin, "COMPILED", name)
    assert builtin.load_toml("rules/refugee.toml") == {"id": "edited"}


def test_a_missing_compiled_module_is_not_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "refugee.toml").write_text('id = "as is"\n', encoding="utf-8")
    monkeypatch.setattr(builtin, "HERE", str(tmp_path))
    monkeypatch.setattr(builtin, "COMPILED", "no_such_package_here")
    assert builtin.load_toml("rules/refugee.toml") == {"id": "as is"}


def test_a_current_compiled_module_is_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the tests above: a module made from the TOML as it is is used."""
    (tmp_path / "rules").mkdir()
    raw = b'id = "edited"\n'
    (tmp_path / "rules" / "refugee.toml").write_bytes(raw)
    name = f"compiled_{tmp_path.name.replace('-', '_')}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    module = f"CRC32 = {zlib.crc32(raw)}\nDATA = {{'id': 'from the module'}}\n"
    (tmp_path / name / "rules_refugee.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builtin, "HERE", str(tmp_path))
    monkeypatch.setattr(builtin, "COMPILED", name)
    assert builtin.load_toml("rules/refugee.toml") == {"id": "from the module"}


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
