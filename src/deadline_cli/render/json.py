"""JSON: the contract scripts rely on (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_line(data: Any) -> str:
    """One JSON object on one line (JSON Lines)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
