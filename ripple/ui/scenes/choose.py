"""Choose a scenario: the shipped ones with a one-line summary, or a file of your own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from ripple.paths import DEFAULT_SCENARIO, IN_CHECKOUT, ROOT, SCENARIOS
from ripple.play.save import SavedGame
from ripple.play.session import Session
from ripple.scenario.load import load_scenario
from ripple.scenario.model import Scenario
from ripple.scenario.problems import ScenarioError
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.scene import Scene, named
from ripple.ui.widgets import Item, ListView, blit, panel, screen_title

OPEN = "open"


DIFFICULTY = {"introductory": 0, "intermediate": 1, "advanced": 2}
"""The order scenarios are listed in: the gentlest first."""


def shipped() -> list[tuple[Path, Scenario, str]]:
    """(path, scenario, "Difficulty · summary") of every shipped scenario that loads, the
    gentlest first, then by title."""
    found = []
    for path in SCENARIOS.glob("*.yaml"):
        try:
            scenario = load_scenario(path)
        except ScenarioError:
            continue
        found.append((path, scenario, f"{scenario.difficulty.capitalize()} · {_summary(scenario)}"))
    return sorted(found, key=lambda f: (DIFFICULTY[f[1].difficulty], f[1].title))


def _summary(scenario: Scenario) -> str:
    return " ".join(scenario.summary.split()) or f"{len(scenario.departments)} departments"


def facts(scenario: Scenario) -> str:
    """The size of a scenario in one line: departments, customers, turns."""
    kinds = len(scenario.customers)
    return (
        f"{len(scenario.departments)} departments · {kinds} kind{'s' if kinds > 1 else ''} of "
        f"customer · {scenario.turns} turns" + (" · guided" if scenario.tutorial else "")
    )


@dataclass(frozen=True)
class NewGame:
    """A game to start: a scenario and how it is played (teams, roles, timer, seed, a save
    file); what `ripple play` was asked for, and what the title screen's Play starts."""

    path: Path = DEFAULT_SCENARIO
    seed: int | None = None
    save_to: Path | None = None
    teams: tuple[str, ...] = ()
    roles: bool = False
    timer: float | None = None

    def describe(self) -> str:
        """How the title screen's Play names this game."""
        if self == NewGame():
            return "The Claims Ripple: the default scenario"
        how = f", teams {', '.join(self.teams)}" if self.teams else ""
        how += " sharing one organisation" if self.roles and self.teams else ""
        how += f", {self.timer:g} s a turn" if self.timer else ""
        return f"{self.path.name}{how}"

    def start(
        self,
        app: App,
        *,
        saved: SavedGame | None = None,
        autosave_to: Path | None = None,
        scenario: Scenario | None = None,
    ) -> list[str]:
        """Open the play screen on this game (going on with `saved`, if given, writing to
        `autosave_to`; `scenario` when the file is loaded already); returns the problems if
        it cannot."""
        return start_game(
            app,
            self.path,
            seed=self.seed,
            save_to=self.save_to,
            saved=saved,
            teams=self.teams,
            roles=self.roles,
            timer=self.timer,
            autosave_to=autosave_to,
            scenario=scenario,
        )


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
    autosave_to: Path | None = None,
    scenario: Scenario | None = None,
) -> list[str]:
    """Open the play screen on a new game of `path`; returns the problems if it cannot.

    With `teams`, they take turns on their own copies of the organisation, or, with
    `roles`, share one organisation, each running a block of departments. A saved game goes
    on writing to `autosave_to`, the save it came from, when given; `scenario` is the file
    already loaded, when the caller has it.
    """
    if scenario is None:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            return [str(problem) for problem in error.problems]
    owned = split_roles(scenario, teams) if roles and len(teams) > 1 else None
    session = Session(
        scenario,
        path,
        seed=seed,
        save_to=save_to,
        saved=saved,
        teams=teams,
        roles=owned,
        autosave_to=autosave_to,
    )
    app.open("play", session, timer=timer)
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


@named("choose")
class ChooseScene(Scene):
    """A list of scenarios; Enter or a click starts one. 'Open a file' takes a typed path."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.scenarios = shipped()
        items = [Item(p.stem, s.title, detail) for p, s, detail in self.scenarios]
        items.append(Item(OPEN, "Open a file…", "type the path of a scenario file, then Enter"))
        self.list = ListView(items, "scenario")
        self.typing = False
        self.typed = ""
        self.problems: list[str] = []

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        theme = self.theme
        gap = theme.unit
        width = min(round((w - 3 * gap) * 0.55), theme.unit * 34)
        row = round(theme.unit * 3.0)
        top = round(theme.unit * 5)
        area = pygame.Rect(gap, top, width, h - top - 2 * gap)
        self.about = pygame.Rect(area.right + gap, top, w - area.right - 2 * gap, h - top - 2 * gap)
        self.hotspots = self.list.place(area, row, theme.unit // 2, theme)
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
        path = next(p for p, _, _ in self.scenarios if p.stem == chosen.name)
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
        screen_title(surface, theme, "Choose a scenario", self.hotspots["back"])
        self.list.draw(surface, theme)
        self._draw_about(surface)
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

    def _draw_about(self, surface: pygame.Surface) -> None:
        """The highlighted scenario in full: difficulty, size, the whole summary."""
        current = self.list.current
        found = [s for p, s, _ in self.scenarios if current and p.stem == current.name]
        if not found or self.about.width < self.theme.unit * 8:
            return
        scenario = found[0]
        theme = self.theme
        palette = theme.palette
        panel(surface, self.about, palette.panel, edge=palette.edge)
        pad = theme.unit
        width = self.about.width - 2 * pad
        x, y = self.about.x + pad, self.about.y + pad // 2
        for line in theme.wrap(scenario.title, width, 1.3, "bold"):
            y = blit(surface, theme, line, (x, y), scale=1.3, face="bold").bottom
        level = scenario.difficulty.capitalize()
        y = blit(surface, theme, level, (x, y + pad // 4), colour=palette.info, face="bold").bottom
        y = (
            blit(
                surface,
                theme,
                theme.fit(facts(scenario), width, 0.85),
                (x, y),
                scale=0.85,
                colour=palette.muted,
            ).bottom
            + pad // 2
        )
        bottom = self.about.bottom - 2 * pad
        for line in theme.wrap(_summary(scenario), width):
            if y + theme.size(1.0) > bottom:
                break
            y = blit(surface, theme, line, (x, y)).bottom
        if scenario.debrief and y + 3 * theme.size(0.85) < bottom:
            y = blit(surface, theme, "The debrief asks", (x, y + pad), face="bold").bottom
            for question in scenario.debrief:
                for k, line in enumerate(theme.wrap(question, width - pad, 0.85)):
                    if y + theme.size(0.85) > bottom:
                        break
                    shown = ("· " if k == 0 else "  ") + line
                    y = blit(surface, theme, shown, (x, y), scale=0.85, colour=palette.muted).bottom
        path = next(p for p, s, _ in self.scenarios if s is scenario)
        # The notes are in the project's docs/, which a wheel does not carry.
        note = ROOT / "docs" / "scenarios" / f"{path.stem}.md"
        if IN_CHECKOUT and note.is_file():
            where = f"Facilitator note: {note.relative_to(ROOT)}"
            bottom = (x, self.about.bottom - pad // 2)
            blit(
                surface,
                theme,
                theme.fit(where, width, 0.8),
                bottom,
                scale=0.8,
                colour=palette.muted,
                anchor="bottomleft",
            )
