"""Choose a scenario: the shipped ones with a one-line summary, or a file of your own."""

from __future__ import annotations

from pathlib import Path

import pygame

from ripple.paths import SCENARIOS
from ripple.save import SavedGame
from ripple.scenario.load import load_scenario
from ripple.scenario.model import Scenario
from ripple.scenario.problems import ScenarioError
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.scene import Scene
from ripple.ui.scenes.play import PlayScene
from ripple.ui.session import Session
from ripple.ui.widgets import Item, ListView, blit, panel

OPEN = "open"


def shipped() -> list[tuple[Path, str, str]]:
    """(path, title, "Difficulty · summary") of every shipped scenario that loads, by file
    name."""
    found = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        try:
            scenario = load_scenario(path)
        except ScenarioError:
            continue
        summary = " ".join(scenario.summary.split()) or f"{len(scenario.departments)} departments"
        found.append((path, scenario.title, f"{scenario.difficulty.capitalize()} · {summary}"))
    return found


def start_game(
    app: App,
    path: Path,
    *,
    seed: int | None = None,
    save_to: Path | None = None,
    saved: SavedGame | None = None,
    teams: tuple[str, ...] = (),
    roles: bool = False,
    timer: float | None = None,
) -> list[str]:
    """Open the play screen on a new game of `path`; returns the problems if it cannot.

    With `teams`, they take turns on their own copies of the organisation, or, with
    `roles`, share one organisation, each running a block of departments.
    """
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        return [str(problem) for problem in error.problems]
    owned = split_roles(scenario, teams) if roles and len(teams) > 1 else None
    session = Session(
        scenario, path, seed=seed, save_to=save_to, saved=saved, teams=teams, roles=owned
    )
    app.push(PlayScene(app, session, timer=timer))
    return []


def split_roles(scenario: Scenario, teams: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Departments shared out among teams in scenario order, in blocks as even as can be:
    each team runs a stretch of the organisation, as real departments sit together."""
    ids = [d.id for d in scenario.departments]
    share, extra = divmod(len(ids), len(teams))
    owned, start = {}, 0
    for index, team in enumerate(teams):
        end = start + share + (1 if index < extra else 0)
        owned[team] = tuple(ids[start:end])
        start = end
    return owned


class ChooseScene(Scene):
    """A list of scenarios; Enter or a click starts one. 'Open a file' takes a typed path."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.scenarios = shipped()
        items = [Item(p.stem, title, summary) for p, title, summary in self.scenarios]
        items.append(Item(OPEN, "Open a file…", "type the path of a scenario file, then Enter"))
        self.list = ListView(items, "scenario")
        self.typing = False
        self.typed = ""
        self.problems: list[str] = []

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        theme = self.theme
        width = min(w - 2 * theme.unit, theme.unit * 40)
        row = round(theme.unit * 3.0)
        top = round(theme.unit * 5)
        area = pygame.Rect((w - width) // 2, top, width, h - top)
        self.hotspots = self.list.place(area, row, theme.unit // 2)
        last = self.list.rects[max(self.list.rects)]
        self.field = pygame.Rect(
            last.x, last.bottom + theme.unit // 2, last.width, round(theme.unit * 2)
        )
        self.hotspots["back"] = pygame.Rect(theme.unit, theme.unit, theme.unit * 6, theme.unit * 2)

    def handle(self, intent: intents.Intent) -> None:
        if self.typing and self._type(intent):
            return
        if isinstance(intent, intents.Back) or (
            isinstance(intent, intents.Click) and self.hit(intent.pos) == "back"
        ):
            self.app.pop()
            return
        chosen = self.list.handle(intent)
        if chosen is None:
            return
        if chosen.name == OPEN:
            self.typing = True
            return
        path = next(p for p in (s[0] for s in self.scenarios) if p.stem == chosen.name)
        self.problems = start_game(self.app, path)

    def _type(self, intent: intents.Intent) -> bool:
        """Text entry for 'Open a file'; True when the intent was used."""
        if isinstance(intent, intents.Type):
            self.typed += intent.text
        elif isinstance(intent, intents.Remove):
            self.typed = self.typed[:-1]
        elif isinstance(intent, intents.Back):
            self.typing = False
        elif isinstance(intent, intents.Confirm):
            path = Path(self.typed.strip()).expanduser()
            self.problems = start_game(self.app, path)
        else:
            return isinstance(
                intent, (intents.EndTurn, intents.Skip, intents.Mute, intents.Debrief)
            )
        return True

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        surface.fill(palette.background)
        w, _ = surface.get_size()
        blit(
            surface,
            theme,
            "Choose a scenario",
            (w // 2, theme.unit),
            scale=1.8,
            face="bold",
            anchor="midtop",
        )
        blit(surface, theme, "◀ Esc", self.hotspots["back"].topleft, colour=palette.muted)
        self.list.draw(surface, theme)
        if self.typing:
            panel(surface, self.field, palette.panel, edge=palette.focus, width=theme.line * 2)
            shown = theme.fit(self.typed + "|", self.field.width - theme.unit)
            blit(
                surface,
                theme,
                shown,
                (self.field.x + theme.unit // 2, self.field.centery),
                anchor="midleft",
            )
        y = self.field.bottom + theme.unit
        for problem in self.problems[:6]:
            for line in theme.wrap(problem, self.field.width, 0.85):
                y = blit(
                    surface, theme, line, (self.field.x, y), scale=0.85, colour=palette.warn
                ).bottom
