"""Shared fixtures: every test runs with no display, no sound and a private data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def private_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosaves and records go to a fresh folder, never the user's."""
    monkeypatch.setenv("RIPPLE_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def app() -> Iterator[object]:
    """The app at 1024x768 with the title screen on top."""
    from ripple.ui.app import App
    from ripple.ui.scenes.title import TitleScene

    application = App((1024, 768), sound=False)
    application.push(TitleScene(application))
    yield application
    for scene in application.scenes:
        session = getattr(scene, "session", None)
        if session is not None:
            session.close()
