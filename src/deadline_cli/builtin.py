"""The built-in data files (procedure packs, locales, sources, quotes), read fast.

Each TOML file under the package is shipped together with its parsed form as a Python module
in ``_compiled/`` (regenerate with ``python -m deadline_cli.builtin``): its bytecode, compiled
once when the package is installed, loads without importing ``tomllib`` (with the parsing
~15 ms of a start of ``deadline compute``) or ``json`` (which imports ``re``: ~4 ms). A
compiled module is used only when it was made from the TOML file as it is now (its CRC-32 is
stored beside the data); otherwise the TOML is parsed, so an edited pack is never read stale.
A test compares every compiled module with its TOML. A user's own files (a pack, calendar
overrides) are always parsed as TOML.

Paths are built from this module's own location rather than through ``importlib.resources``,
which imports zipfile, tempfile and shutil (~8 ms) for files that sit in a plain directory.
"""

from __future__ import annotations

import os
from binascii import crc32
from functools import cache

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
COMPILED = "deadline_cli._compiled"  # the package of the compiled modules
# Every built-in TOML file, relative to the package.
FILES = (
    *(f"locales/{code}.toml" for code in ("en", "ru", "kk")),
    *(
        f"rules/{name}.toml"
        for name in (
            "admin-suit",
            "administrative",
            "civil",
            "criminal",
            "detention",
            "offence",
            "private-complaint",
            "quotes",
            "refugee-path",
            "refugee",
            "restore",
            "sources",
        )
    ),
)


def path(relative: str) -> str:
    """The file's path inside the installed package."""
    return os.path.join(HERE, *relative.split("/"))


def read_text(relative: str) -> str:
    with open(path(relative), encoding="utf-8") as f:
        return f.read()


def module_name(relative: str) -> str:
    """The compiled module of a built-in file: ``rules/admin-suit.toml`` -> ``rules_admin_suit``."""
    return relative.removesuffix(".toml").replace("/", "_").replace("-", "_")


def load_toml(relative: str) -> dict[str, Any]:
    """A built-in TOML file, parsed (from its compiled module when that is current). Read
    once a process: a locale serves messages, --help, column and procedure names. Shared, so
    its callers read it and never change it."""
    return _load(path(relative), f"{COMPILED}.{module_name(relative)}")


@cache
def _load(source: str, module: str) -> dict[str, Any]:
    with open(source, "rb") as f:
        raw = f.read()
    try:
        compiled = __import__(module, fromlist=["DATA"])
        if crc32(raw) == compiled.CRC32:
            found: dict[str, Any] = compiled.DATA
            return found
    except Exception:  # missing, broken or of another layout: the TOML itself decides
        pass
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def compile_file(relative: str) -> str:
    """The compiled module of one built-in TOML file, as text."""
    import datetime
    import tomllib

    with open(path(relative), "rb") as f:
        raw = f.read()
    data = tomllib.loads(raw.decode("utf-8"))

    def check(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        elif type(value) not in (str, int, float, bool, datetime.date):
            raise TypeError(f"{relative}: a TOML value the compiled module cannot hold: {value!r}")

    check(data)
    body = _literal(data, "")
    return (
        f"# Compiled from {relative} by `python -m deadline_cli.builtin`: do not edit.\n"
        "import datetime\n\n"
        f"CRC32 = {crc32(raw)}\n"
        f"DATA = {body}\n"
    )


def _literal(value: object, indent: str) -> str:
    """A Python literal of parsed TOML, a key or an item a line (as JSON with indent would)."""
    inner = indent + " "
    if isinstance(value, dict) and value:
        items = (f"{inner}{key!r}: {_literal(item, inner)}" for key, item in value.items())
        return "{\n" + ",\n".join(items) + ",\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        items = (inner + _literal(item, inner) for item in value)
        return "[\n" + ",\n".join(items) + ",\n" + indent + "]"
    return repr(value)


def compiled_file(relative: str) -> str:
    """Where the compiled module of a built-in file is written."""
    return os.path.join(HERE, "_compiled", module_name(relative) + ".py")


def write_compiled() -> None:
    os.makedirs(os.path.join(HERE, "_compiled"), exist_ok=True)
    with open(os.path.join(HERE, "_compiled", "__init__.py"), "w", encoding="utf-8") as f:
        f.write('"""Compiled built-in data (deadline_cli.builtin)."""\n')
    for relative in FILES:
        with open(compiled_file(relative), "w", encoding="utf-8", newline="\n") as f:
            f.write(compile_file(relative))


if __name__ == "__main__":
    write_compiled()
