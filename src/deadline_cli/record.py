"""Value classes for the start-up path, without the ``dataclasses`` module.

``@dataclass`` costs about 0.8 ms for each frozen class it makes (it compiles six methods from
source) and its import pulls in ``inspect``, ``ast`` and ``dis``: for the 37 classes that
``deadline compute`` needs, about 45 ms of a start that is otherwise ~60 ms. A class that
inherits from :class:`Record` gets what the code here uses of a dataclass — fields from its
annotations, in order, with defaults and ``field(default_factory=...)``; ``__init__``;
equality and hashing by the fields' values; a ``repr``; immutability unless declared
``class X(Record, frozen=False)`` (then, as a dataclass, it is not hashable) — and
:func:`replace`. Each class gets its own ``__init__``, made from code compiled with the package
(``_inits.py``, generated from the package's records by ``python -m deadline_cli.record``);
the other methods are shared. Type checkers read these classes as dataclasses
(``dataclass_transform``).
"""

from __future__ import annotations

from operator import attrgetter
from types import FunctionType

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar, TypeVar, dataclass_transform

    _T = TypeVar("_T", bound="Record")
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A default made afresh for each instance (a list, a dict), as ``dataclasses.field``."""
    return _Factory(default_factory)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _factories: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls._fields)
        defaults: dict[str, Any] = {}
        for base in reversed(cls.__mro__[1:]):  # inherited defaults
            for name in getattr(base, "_fields", ()):
                if name in base.__dict__:
                    defaults[name] = base.__dict__[name]
        for name, kind in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if str(kind).startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name not in names:
                names.append(name)
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                if isinstance(defaults[name], _Factory):
                    delattr(cls, name)  # a factory is no default value to read on the class
        cls._fields = tuple(names)
        cls._factories = tuple(n for n in names if isinstance(defaults.get(n), _Factory))
        cls._values = _getter(names)
        cls.__init__ = _make_init(cls.__qualname__, names, defaults)  # type: ignore[method-assign]
        if not frozen:  # mutable: unhashable, as a dataclass, and assigned at full speed
            cls.__hash__ = None  # type: ignore[assignment,method-assign]
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign,assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    if not names:
        return lambda self: ()
    many = attrgetter(*names)
    # A lambda, not the attrgetter itself: only a function becomes a method on the class.
    return lambda self: many(self)  # noqa: PLW0108


# The functions' shared globals: the generated code calls these two by name.
_SCOPE: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _Factory}
_SHAPES: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] | None = None


def init_source(names: tuple[str, ...], factories: tuple[str, ...]) -> str:
    """The source of ``__init__`` for fields ``names`` (those in ``factories`` made by a
    factory when not given). Defaults are set on the function, not written in its code, so
    the code depends on this shape alone."""
    body = []
    for name in names:
        value = name
        if name in factories:
            value = f"({name}.make() if {name}.__class__ is _FACTORY else {name})"
        body.append(f"    _set(self, {name!r}, {value})")
    return f"def __init__({', '.join(('self', *names))}):\n" + ("\n".join(body) or "    pass")


def _code(shape: tuple[tuple[str, ...], tuple[str, ...]]) -> Any:
    """The compiled code of ``__init__`` for a shape: from ``deadline_cli._inits``, which is
    generated from the package's own records and compiled with the package (compiling ~37 of
    them at every start cost ~5 ms), else compiled here (a record of a test)."""
    global _SHAPES  # noqa: PLW0603
    if _SHAPES is None:
        try:
            from deadline_cli._inits import SHAPES
        except ImportError:
            SHAPES = {}
        _SHAPES = SHAPES
    code = _SHAPES.get(shape)
    if code is None:
        scope: dict[str, Any] = {}
        exec(init_source(*shape), scope)  # as dataclasses builds __init__
        code = scope["__init__"].__code__
    return code


def _make_init(qualname: str, names: list[str], defaults: dict[str, Any]) -> Callable[..., None]:
    """``__init__(self, a, b=<default>, c=<factory>)`` setting each field in order."""
    for i, name in enumerate(names):
        if name not in defaults and any(n in defaults for n in names[:i]):
            raise TypeError(f"{qualname}: field {name!r} without a default follows one with it")
    factories = tuple(n for n in names if isinstance(defaults.get(n), _Factory))
    code = _code((tuple(names), factories))
    argdefs = tuple(defaults[n] for n in names if n in defaults)
    init: Callable[..., None] = FunctionType(code, _SCOPE, "__init__", argdefs)
    init.__qualname__ = f"{qualname}.__init__"
    return init


def shapes_source() -> str:
    """deadline_cli/_inits.py: the ``__init__`` of every record the package defines."""
    import importlib
    import pkgutil

    import deadline_cli

    for module in pkgutil.walk_packages(deadline_cli.__path__, "deadline_cli."):
        if module.name != "deadline_cli.__main__":
            importlib.import_module(module.name)
    found: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    stack = list(Record.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("deadline_cli."):
            found.add((cls._fields, cls._factories))
    lines = [
        "# Generated by `python -m deadline_cli.record` from the package's records: do not edit.",
        "# The __init__ of each record, compiled with the package (see deadline_cli.record).",
        "# ruff: noqa",
        "# mypy: ignore-errors",
        "",
    ]
    table = []
    for n, shape in enumerate(sorted(found)):
        lines += ["", init_source(*shape).replace("def __init__", f"def _{n}"), ""]
        table.append(f"    {shape!r}: _{n}.__code__,")
    lines += ["", "SHAPES = {", *table, "}", ""]
    return "\n".join(lines)


def replace(obj: _T, **changes: Any) -> _T:
    """A copy of ``obj`` with some fields changed, as ``dataclasses.replace``."""
    values = {name: getattr(obj, name) for name in obj._fields}
    for name in changes:
        if name not in values:
            raise TypeError(f"{obj.__class__.__qualname__} has no field {name!r}")
    values.update(changes)
    return obj.__class__(**values)


def fields(cls: type[Record]) -> tuple[str, ...]:
    """The field names of a record class, in order."""
    return cls._fields


if __name__ == "__main__":
    from deadline_cli import record as _record  # noqa: PLW0406  # the module the records know

    with open(_record.__file__.replace("record.py", "_inits.py"), "w", encoding="utf-8") as f:
        f.write(_record.shapes_source())
