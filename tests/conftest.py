from __future__ import annotations

import pytest

from deadline_cli.calendar import KazakhCalendar


@pytest.fixture(scope="session")
def calendar() -> KazakhCalendar:
    return KazakhCalendar()
