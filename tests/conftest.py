from __future__ import annotations

import pytest

from deadline_cli.calendar import KazakhCalendar


@pytest.fixture(scope="session")
def calendar() -> KazakhCalendar:
    return KazakhCalendar()


@pytest.fixture(autouse=True)
def _no_user_calendar(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read the developer's own calendar overrides or language."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("DEADLINE_CALENDAR", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
