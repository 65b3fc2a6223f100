"""The pack written from the debrief (X): its files are written aside from the frames, yet
pygame's fonts and pictures are used only on the main thread, which goes on drawing with the
same fonts meanwhile (SDL_ttf is not thread-safe)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from ripple.commands.export import export_pack
from ripple.paths import DEFAULT_SCENARIO
from ripple.play.save import read_save
from ripple.report.charts import CHARTS
from ripple.scenario.load import load_scenario
from ripple.ui import theme
from ripple.ui.scenes.debrief import DebriefScene
from ripple.ui.scenes.debrief_charts import draw_charts
from tests.test_export import single_save
from tests.test_workshop import open_game, settle

Uses = list[tuple[str, threading.Thread]]
"""What touched pygame's fonts or pictures, and on which thread."""


def watching(uses: Uses, name: str, use: Callable[..., Any]) -> Callable[..., Any]:
    """`use`, noting the thread of every call in `uses`."""

    def watched(*args: Any, **kwargs: Any) -> Any:
        uses.append((name, threading.current_thread()))
        return use(*args, **kwargs)

    return watched


@pytest.fixture
def uses(monkeypatch: pytest.MonkeyPatch) -> Iterator[Uses]:
    """Every font rendered or measured, and every picture saved or read, from now on."""
    noted: Uses = []

    class WatchedFont(pygame.font.Font):
        """A font that notes where it is used."""

        render = watching(noted, "render", pygame.font.Font.render)
        size = watching(noted, "size", pygame.font.Font.size)

    monkeypatch.setattr(pygame.font, "Font", WatchedFont)
    monkeypatch.setattr(theme, "_FONTS", {})  # fonts loaded from now on are watched
    for name in ("save", "tobytes"):
        monkeypatch.setattr(pygame.image, name, watching(noted, name, getattr(pygame.image, name)))
    yield noted


@pytest.mark.parametrize("teams", [(), ("Red", "Blue")], ids=["one game", "two teams"])
def test_x_uses_fonts_and_pictures_only_on_the_main_thread(
    tmp_path: Path, teams: tuple[str, ...], uses: Uses
) -> None:
    save = tmp_path / "room.json"
    app, pilot, scene = open_game(teams=teams, save_to=save)
    for _ in range(3):
        pilot.press(pygame.K_e)
        settle(pilot, scene)
    pilot.press(pygame.K_d)
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    uses.clear()
    debrief.export()
    pilot.settle()
    assert debrief.note.startswith("Pack written"), debrief.note
    assert any(name == "render" for name, _ in uses), "the pack drew no words"
    main = threading.main_thread()
    elsewhere = {f"{name} on {thread.name}" for name, thread in uses if thread is not main}
    assert not elsewhere, sorted(elsewhere)
    scene.session.close()

    # The pictures are those `ripple export` draws from the save, to the byte.
    pack = tmp_path / "room"
    exported = export_pack(read_save(save), load_scenario(DEFAULT_SCENARIO), tmp_path / "again")
    pictures = [path for path in exported if path.suffix == ".png"]
    assert len(pictures) == (2 * len(CHARTS) + 1 if teams else len(CHARTS))
    for picture in pictures:
        assert (pack / picture.name).read_bytes() == picture.read_bytes(), picture.name


def test_pictures_drawn_beforehand_are_checked_then_written_without_loss(tmp_path: Path) -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    saved = single_save(scenario, DEFAULT_SCENARIO)
    pictures = draw_charts(saved.games(scenario), (320, 180))
    assert len(pictures) == len(CHARTS)
    with pytest.raises(ValueError, match="not those of the saved game"):
        export_pack(saved, scenario, tmp_path / "wrong", pictures=pictures)  # another size
    assert list((tmp_path / "wrong").iterdir()) == []
    export_pack(saved, scenario, tmp_path / "pack", size=(320, 180), pictures=pictures)
    for picture in pictures:
        loaded = pygame.image.load(tmp_path / "pack" / picture.file)
        assert loaded.get_size() == picture.size, picture.file
        assert pygame.image.tobytes(loaded, "RGB") == picture.rgb, picture.file
