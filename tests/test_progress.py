"""Progress for a learner on their own: the record of games played (best per scenario, a
damaged file set aside, at most 500 kept) and the saved-games screen (go on with a save;
a save whose scenario was edited offers a fresh start; one whose scenario is gone says so)."""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pygame
import pytest

from ripple.engine import Game
from ripple.paths import DEFAULT_SCENARIO, data_dir
from ripple.play.records import (
    KEPT,
    Record,
    add_record,
    best_by_scenario,
    read_records,
    records_file,
    write_atomic,
)
from ripple.play.save import save_of, write_save
from ripple.play.saved_games import autosaves, when
from ripple.scenario.load import load_scenario, scenario_hash
from ripple.ui.app import App
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.overlay import ConfirmOverlay
from ripple.ui.scenes.play import PlayScene
from ripple.ui.scenes.saved import SavedGamesScene
from ripple.ui.scenes.title import TitleScene
from ripple.ui.theme import Theme

START = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
SAMPLE = Record(
    scenario="/scenarios/claims.yaml",
    title="The Claims Ripple",
    finished="2025-03-10T09:30:00+00:00",
    seed=1,
    turns=12,
    satisfaction=0.5,
    on_time=0.5,
    complaints=3,
)


def played(turns: int, seed: int = 1) -> Game:
    game = Game(load_scenario(DEFAULT_SCENARIO), seed)
    for _ in range(turns):
        game.play_turn(())
    return game


# --- the record -------------------------------------------------------------------


def test_a_finished_game_is_recorded_and_read_back_newest_first() -> None:
    assert read_records() == []
    games = [played(4, seed) for seed in (1, 2, 3)]
    added = [
        add_record(DEFAULT_SCENARIO, game, now=START + timedelta(hours=hour))
        for hour, game in enumerate(games)
    ]
    assert read_records() == added[::-1]
    first, game = added[0], games[0]
    totals = game.totals()
    assert first.scenario == str(DEFAULT_SCENARIO.resolve())
    assert first.title == "The Claims Ripple"
    assert first.finished == "2025-03-10T09:30:00+00:00"
    assert (first.seed, first.turns) == (1, 4)
    assert first.satisfaction == pytest.approx(totals["satisfaction"])
    assert first.on_time == pytest.approx(totals["on_time"] / totals["completed"])
    assert first.complaints == sum(r.complaints for r in game.reports)
    assert (first.team, first.what_if) == ("", False)
    branch = add_record(DEFAULT_SCENARIO, games[1], team="Red", what_if=True)
    assert read_records()[0] == branch and (branch.team, branch.what_if) == ("Red", True)


def test_a_game_with_nothing_delivered_is_recorded_as_none_on_time() -> None:
    assert add_record(DEFAULT_SCENARIO, played(0)).on_time == 0.0


def test_the_best_game_of_each_scenario_is_the_most_satisfying_then_the_most_on_time() -> None:
    other = replace(SAMPLE, scenario="/scenarios/other.yaml")
    records = [
        replace(SAMPLE, satisfaction=0.6, on_time=0.2),
        replace(SAMPLE, satisfaction=0.8, on_time=0.1, what_if=True),
        replace(SAMPLE, satisfaction=0.8, on_time=0.4, seed=7),
        replace(other, satisfaction=0.3),
    ]
    best = best_by_scenario(records)
    assert best == {SAMPLE.scenario: records[2], other.scenario: records[3]}
    assert best_by_scenario(records[:2]) == {SAMPLE.scenario: records[1]}
    assert best_by_scenario([]) == {}


@pytest.mark.parametrize(
    "damage",
    [
        b"{ not json",
        b"\xff\xfe",
        b'["a list"]',
        b'{"format": "ripple-records", "version": 1, "records": [{"title": 3}]}',
        b'{"format": "ripple-records", "version": 1, "records": {}}',
    ],
)
def test_a_damaged_record_is_set_aside_and_a_new_one_begins(damage: bytes) -> None:
    target = records_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(damage)
    assert read_records() == []
    record = add_record(DEFAULT_SCENARIO, played(1))
    assert read_records() == [record]
    assert target.with_name("records.json.damaged").read_bytes() == damage


def test_the_record_keeps_only_the_last_500_games() -> None:
    old = [asdict(replace(SAMPLE, seed=n)) for n in range(KEPT)]
    data = {"format": "ripple-records", "version": 1, "records": old}
    write_atomic(records_file(), json.dumps(data))
    newest = add_record(DEFAULT_SCENARIO, played(1, seed=9999))
    records = read_records()
    assert len(records) == KEPT
    assert records[0] == newest
    assert records[-1].seed == 1, "the oldest game goes first"
    assert len(json.loads(records_file().read_text())["records"]) == KEPT


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.json"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_moments_are_said_as_a_person_would() -> None:
    now = datetime(2025, 3, 10, 12, 0).astimezone()
    assert when(now - timedelta(minutes=5), now) == "today 11:55"
    assert when(now - timedelta(days=1), now) == "yesterday 12:00"
    assert when(now - timedelta(days=3), now) == "3 days ago"
    assert when(now - timedelta(days=30), now) == "8 Feb"
    assert when(now - timedelta(days=400), now) == "4 Feb 2024"


# --- the screens ------------------------------------------------------------------


def saved_game(scenario: Path, turns: int, name: str | None = None) -> Path:
    """Play `turns` turns of a scenario file and autosave them, as a session would."""
    game = Game(load_scenario(scenario), 5)
    for _ in range(turns):
        game.play_turn(())
    target = data_dir() / "autosave" / f"{name or scenario.stem}.json"
    write_save(save_of(game, str(scenario.resolve()), scenario_hash(scenario)), target)
    return target


def my_scenario(tmp_path: Path) -> Path:
    scenario = tmp_path / "mine.yaml"
    scenario.write_text(DEFAULT_SCENARIO.read_text())
    return scenario


def title_of(app: App) -> TitleScene:
    title = app.top
    assert isinstance(title, TitleScene)
    title.resume()
    return title


def open_saved_games(app: App) -> SavedGamesScene:
    pilot = Pilot(app)
    title_of(app)
    pilot.click("title:saved")
    scene = app.top
    assert isinstance(scene, SavedGamesScene)
    return scene


def test_the_title_lists_saved_games_and_records_only_when_there_are_some(
    app: App, tmp_path: Path
) -> None:
    names = [item.name for item in title_of(app).menu.items]
    assert names == ["tutorial", "play", "choose", "help", "quit"]
    assert title_of(app).menu.current.name == "play"
    add_record(DEFAULT_SCENARIO, played(1))
    saved = next(i for i in title_of(app).menu.items if i.name == "saved")
    assert saved.note == "0 saved games · 1 played"
    saved_game(my_scenario(tmp_path), 2)
    title = title_of(app)
    names = [item.name for item in title.menu.items]
    assert names == ["continue", "tutorial", "play", "choose", "saved", "help", "quit"]
    assert title.menu.current.name == "continue"
    assert title.menu.items[4].note == "1 saved game · 1 played"


def test_the_tutorial_starts_from_the_title_or_says_it_is_not_installed(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = Pilot(app)
    monkeypatch.setattr("ripple.ui.scenes.title.TUTORIAL_SCENARIO", tmp_path / "none.yaml")
    tutorial = title_of(app).menu.items[0]
    assert (tutorial.name, tutorial.enabled, tutorial.note) == ("tutorial", False, "not installed")
    pilot.click("title:tutorial")
    assert isinstance(app.top, TitleScene)
    guided = my_scenario(tmp_path)
    monkeypatch.setattr("ripple.ui.scenes.title.TUTORIAL_SCENARIO", guided)
    assert title_of(app).menu.items[0].enabled
    pilot.click("title:tutorial")
    play = app.top
    assert isinstance(play, PlayScene) and play.session.path == guided


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_title_and_saved_games_fit_the_window(size: tuple[int, int], tmp_path: Path) -> None:
    scenario = my_scenario(tmp_path)
    for n in range(12):
        saved_game(scenario, n % 4, name=f"game{n}")
    add_record(DEFAULT_SCENARIO, played(2))
    app = App(size, sound=False)
    app.push(TitleScene(app))
    window = pygame.Rect((0, 0), size)
    for scene in (app.top, open_saved_games(app)):
        assert scene is not None
        rows = [r for name, r in scene.hotspots.items() if ":" in name]
        assert len(rows) >= 4
        assert all(window.contains(r) for r in scene.hotspots.values())
        assert not any(a.colliderect(b) for i, a in enumerate(rows) for b in rows[i + 1 :])
        Pilot(app).frames(2)


def test_a_saved_game_goes_on_from_its_turn(app: App, tmp_path: Path) -> None:
    scenario = my_scenario(tmp_path)
    older = saved_game(scenario, 2)
    os.utime(older, (1e9, 1e9))
    saved_game(DEFAULT_SCENARIO, 1)
    pilot = Pilot(app)
    screen = open_saved_games(app)
    assert [e.path.stem for e in screen.saves] == ["claims", "mine"]
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_RETURN)
    play = app.top
    assert isinstance(play, PlayScene)
    assert play.session.game.turn == 2
    assert play.session.path == scenario.resolve()


def test_a_save_whose_scenario_was_edited_offers_to_start_again(app: App, tmp_path: Path) -> None:
    scenario = my_scenario(tmp_path)
    saved_game(scenario, 3)
    scenario.write_text(scenario.read_text().replace("capacity: 44", "capacity: 45"))
    pilot = Pilot(app)
    screen = open_saved_games(app)
    assert [e.state for e in screen.saves] == ["edited"]
    pilot.click("save:mine")
    overlay = app.top
    assert isinstance(overlay, ConfirmOverlay)
    assert overlay.question == "Start again?" and "edited" in overlay.detail
    pilot.click("confirm:no")
    assert app.top is screen
    pilot.click("save:mine")
    pilot.click("confirm:yes")
    play = app.top
    assert isinstance(play, PlayScene)
    assert play.session.game.turn == 0
    assert play.session.hash == scenario_hash(scenario)


def test_a_save_whose_scenario_is_gone_says_so_and_offers_nothing(app: App, tmp_path: Path) -> None:
    scenario = my_scenario(tmp_path)
    saved_game(scenario, 1)
    scenario.unlink()
    pilot = Pilot(app)
    screen = open_saved_games(app)
    assert [e.state for e in screen.saves] == ["gone"]
    pilot.press(pygame.K_RETURN)
    assert app.top is screen
    assert "gone" in screen.message
    pilot.press(pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)


def test_unreadable_saves_are_left_out(tmp_path: Path) -> None:
    saved_game(my_scenario(tmp_path), 1)
    (data_dir() / "autosave" / "broken.json").write_text("{ not json")
    assert [e.path.stem for e in autosaves()] == ["mine"]


# --- the record panel, whatever it holds --------------------------------------------------


class Drawn(pygame.Surface):
    """A window-sized surface that notes each text drawn on it, and where its ink went."""

    def __init__(self, size: tuple[int, int], made: dict[int, str]) -> None:
        super().__init__(size)
        self.made = made
        self.texts: list[tuple[str, pygame.Rect]] = []

    def blit(  # type: ignore[override]
        self, source: pygame.Surface, dest: Any, area: Any = None, special_flags: int = 0
    ) -> pygame.Rect:
        rect = super().blit(source, dest, area, special_flags)
        ink = source.get_bounding_rect()
        if id(source) in self.made and area is None and ink.width:
            self.texts.append((self.made[id(source)], ink.move(rect.topleft)))
        return rect


NOW = datetime(2025, 3, 10, 12, 0).astimezone()


def recorded(scenario: str, title: str, hour: int, minute: int, **rest: Any) -> Record:
    """A game of `scenario` that ended yesterday (local time) at hour:minute."""
    moment = (NOW - timedelta(days=1)).replace(hour=hour, minute=minute)
    return replace(
        SAMPLE, scenario=scenario, title=title, finished=moment.astimezone(UTC).isoformat(), **rest
    )


def test_the_record_panel_keeps_wide_dates_and_long_names_whole_and_apart(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'yesterday 23:58' is about the widest date there is; a long title, a team, a what-if tag
    and a copy's file name make the widest scenario cells. A tall window's large text leaves
    the panel narrow, where the table's columns once ran into each other."""
    long_title = "The Long Weekend Backlog at the Regional Claims Office"
    records = [
        replace(SAMPLE, finished="2023-09-28T10:00:00+00:00", satisfaction=0.42),
        recorded("/s/onboarding.yaml", "Onboarding Overload", 18, 5),
        recorded("/s/hotline.yaml", "Hotline Havoc", 19, 0, satisfaction=0.07),
        recorded("/s/a-copy-of-the-claims-ripple-being-edited.yaml", SAMPLE.title, 20, 8),
        recorded("/s/weekend.yaml", long_title, 21, 47, satisfaction=1.0, on_time=1.0),
        recorded("/s/audit.yaml", "Audit Season", 22, 38, team="Blue"),
        recorded("/s/hotline.yaml", "Hotline Havoc", 23, 8, on_time=0.0),
        *(
            recorded("/s/weekend.yaml", long_title, 23, 56 + n, team="Night shift", what_if=True)
            for n in range(3)
        ),
    ]
    data = {"format": "ripple-records", "version": 1, "records": [asdict(r) for r in records]}
    write_atomic(records_file(), json.dumps(data))
    made: dict[int, str] = {}
    render = Theme.text

    def noted(self: Theme, text: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        image = render(self, text, *args, **kwargs)
        made[id(image)] = text
        return image

    monkeypatch.setattr(Theme, "text", noted)
    scene = SavedGamesScene(app)
    scene.now = NOW
    app.push(scene)
    for size in [(1000, 1400), (1024, 768), (800, 600), (1280, 720), (1920, 1080), (3840, 2160)]:
        app.resize(size)
        surface = Drawn(size, made)
        scene.draw(surface)
        window = pygame.Rect((0, 0), size)
        outside = [text for text, rect in surface.texts if not window.contains(rect)]
        assert not outside, f"at {size}: text leaves the window: {outside}"
        touching = [
            (a, b)
            for (a, ra), (b, rb) in itertools.combinations(surface.texts, 2)
            if ra.colliderect(rb)
        ]
        assert not touching, f"at {size}: texts overlap: {touching}"
        shown = [text for text, _ in surface.texts]
        assert not [t for t in shown if t.endswith("…")], f"at {size}: text cut: {shown}"
        said = " ".join(shown)
        assert "10 games played" in said, f"at {size}: the count is left out"
        # the newest game, the widest row, is always shown whole; a note counts the rest
        for words in ("yesterday 23:58", "Night shift", "what-if", "earlier games"):
            assert words in said, f"at {size}: {words!r} is left out of {shown}"
