"""The built-in data files (procedure packs, locales, sources, quotes), read fast.

Each TOML file under the package is shipped together with its parsed form as JSON in
``_compiled/`` (regenerate with ``python -m deadline_cli.builtin``). JSON loads in C without
importing ``tomllib``, which with the parsing cost a start of ``deadline compute`` about
15 ms. A compiled file is used only when it was made from the TOML file as it is now (its
CRC-32 is stored beside the data); otherwise the TOML is parsed, so an edited pack is never
read stale. A test compares every compiled file with its TOML. A user's own files (a pack,
calendar overrides) are always parsed as TOML.

Paths are built from this module's own location rather than through ``importlib.resources``,
which imports zipfile, tempfile and shutil (~8 ms) for files that sit in a plain directory.
"""

from __future__ import annotations

import json
import os
from binascii import crc32
from datetime import date
from functools import cache

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
COMPILED = os.path.join(HERE, "_compiled")
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
_DATE = "$date"  # a TOML date, in JSON: {"$date": "2021-07-01"}


def path(relative: str) -> str:
    """The file's path inside the installed package."""
    return os.path.join(HERE, *relative.split("/"))


def read_text(relative: str) -> str:
    with open(path(relative), encoding="utf-8") as f:
        return f.read()


def _compiled_path(relative: str) -> str:
    return os.path.join(COMPILED, relative.replace("/", "-").removesuffix(".toml") + ".json")


def load_toml(relative: str) -> dict[str, Any]:
    """A built-in TOML file, parsed (from its compiled JSON when that is current). Read once
    a process: a locale serves messages, --help, column and procedure names. Shared, so its
    callers read it and never change it."""
    return _load(path(relative), _compiled_path(relative))


@cache
def _load(source: str, compiled_path: str) -> dict[str, Any]:
    with open(source, "rb") as f:
        raw = f.read()
    try:
        with open(compiled_path, "rb") as f:
            compiled = json.loads(f.read())
        if compiled["crc32"] == crc32(raw):
            found: dict[str, Any] = _dated(compiled["data"])
            return found
    except (OSError, ValueError, KeyError, TypeError):
        pass
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def _dated(value: Any) -> Any:
    """JSON's values back into TOML's: {"$date": "2021-07-01"} becomes a date."""
    if isinstance(value, dict):
        if len(value) == 1 and _DATE in value:
            return date.fromisoformat(value[_DATE])
        return {k: _dated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dated(v) for v in value]
    return value


def _undated(value: Any) -> Any:
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"a TOML value JSON cannot hold: {value!r}")


def compile_file(relative: str) -> str:
    """The compiled JSON of one built-in TOML file, as text."""
    import tomllib

    with open(path(relative), "rb") as f:
        raw = f.read()
    data = tomllib.loads(raw.decode("utf-8"))
    body = {"source": relative, "crc32": crc32(raw), "data": data}
    return json.dumps(body, ensure_ascii=False, indent=0, default=_undated) + "\n"


def write_compiled() -> None:
    os.makedirs(COMPILED, exist_ok=True)
    for relative in FILES:
        with open(_compiled_path(relative), "w", encoding="utf-8", newline="\n") as f:
            f.write(compile_file(relative))


if __name__ == "__main__":
    write_compiled()
