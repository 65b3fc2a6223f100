"""The play screen: the organisation fills the screen, decisions on the right, the turn log
below, the scoreboard on top. A turn resolves in the background while the previous one
animates; nothing here waits for it."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pygame

from ripple.engine import Decision
from ripple.play.session import Session
from ripple.report.hints import hint
from ripple.scenario.model import Intervention, parse_handoff
from ripple.ui import intents
from ripple.ui.app import App
from ripple.ui.draw.graph import GraphView
from ripple.ui.draw.panel_views import PanelsView, StillView, story_view
from ripple.ui.draw.panels import place_decisions
from ripple.ui.draw.story import StoryView, page_count
from ripple.ui.layout import graph_positions
from ripple.ui.reload import Watch, reload
from ripple.ui.scene import Scene, named
from ripple.ui.scenes.play_picture import PlayPicture
from ripple.ui.tutorial import Guide
from ripple.ui.widgets import Item, ListView

SPEEDS = (0.5, 1.0, 2.0, 4.0)
"""Animation speeds players can choose (+ and -); a turn plays in 2.4 s at speed 1."""

TURN_SECONDS = 2.4


@named("play")
class PlayScene(PlayPicture, Scene):
    """One game in play."""

    def __init__(self, app: App, session: Session, *, timer: float | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.timer = timer
        """Seconds each team has to choose (None: no limit); at 0 the turn ends as chosen."""
        self.time_left = timer
        self.paused = False
        self.scores_hidden = False
        self.banner = ""
        self.banner_time = 0.0
        self.watch = Watch(session.path)
        self.graph = GraphView(session.scenario, graph_positions(session.scenario))
        self.progress = 1.0
        self.speed = 1
        self.targeting: Intervention | None = None
        self.menu = ListView([], "intervention")
        self.targets = ListView([], "target")
        self.inspected: str | None = None
        self.message = ""
        self.story_open = False
        """True while the whole last turn is told over the graph (L)."""
        self.story_page = 0
        self._still: pygame.Surface | None = None
        self._still_view: StillView | None = None
        self._panels: pygame.Surface | None = None
        self._panels_view: PanelsView | None = None
        self.guide = Guide(session.scenario.tutorial) if session.scenario.tutorial else None
        """The tutorial's guide, when the scenario is a guided one."""
        self._refresh_menu()

    # --- layout -----------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        unit = self.theme.unit
        self.status = pygame.Rect(0, 0, w, round(unit * 2.6))
        log_height = round(unit * 5.4)
        self.log = pygame.Rect(0, h - log_height, w, log_height)
        side = max(round(w * 0.25), round(unit * 13.5))
        self.side = pygame.Rect(w - side, self.status.bottom, side, self.log.y - self.status.bottom)
        column = max(round(w * 0.16), round(unit * 7.5))
        self.column = pygame.Rect(
            self.side.x - column,
            self.status.bottom + unit // 2,
            column - unit // 2,
            self.side.height - unit,
        )
        self.area = pygame.Rect(0, self.status.bottom, self.column.x - unit // 2, self.side.height)
        self.hotspots = self.graph.place(self.area, self.column, self.theme)
        self.hotspots["log"] = self.log
        below = max((r.bottom for r in self.graph.customers.values()), default=self.column.y)
        top = below + unit // 2
        self.money = pygame.Rect(self.column.x, top, self.column.width, self.column.bottom - top)
        pad = unit // 2
        self.story = pygame.Rect(  # down to the log strip: the graph's legend is hidden too
            pad, self.status.bottom + pad, self.side.x - 2 * pad, self.side.height - pad
        )
        self._place_side()

    def _place_side(self) -> None:
        unit = self.theme.unit
        pad = unit // 2
        top = self.side.y + round(unit * 2.6)
        end = pygame.Rect(
            self.side.x + pad,
            self.side.bottom - round(unit * 2.8),
            self.side.width - 2 * pad,
            round(unit * 2.4),
        )
        # Every choice in view comes first; the preview of the highlighted one takes the rest.
        space = pygame.Rect(self.side.x + pad, top, self.side.width - 2 * pad, end.y - top - pad)
        rows = self.targets if self.targeting else self.menu
        self.hotspots = {
            k: v for k, v in self.hotspots.items() if not k.startswith(("intervention:", "target:"))
        }
        self.hotspots |= place_decisions(rows, space, self.theme)
        self.hotspots["end_turn"] = end
        self.preview = pygame.Rect(
            space.x, rows.bottom + pad, space.width, end.y - rows.bottom - 2 * pad
        )
        self._place_story()

    def _place_story(self) -> None:
        """The open story is clicked before anything under it: its hotspot comes last."""
        self.hotspots.pop("story", None)
        if self.story_open:
            self.hotspots["story"] = self.story

    # --- menu ---------------------------------------------------------------------

    def _refresh_menu(self) -> None:
        left = self.session.budget_left
        self.menu.items = [
            Item(
                i.id,
                i.name,
                f"cost {i.cost}",
                enabled=i.cost <= left and not self.session.resolving,
            )
            for i in self.session.interventions
        ]
        self.menu.focus = min(self.menu.focus, max(0, len(self.menu.items) - 1))

    def _start_targeting(self, intervention: Intervention) -> None:
        options = self.session.targets(intervention)
        if intervention.target == "everyone":
            self.choose(Decision(intervention.id, None))
            return
        self.targeting = intervention
        self.targets = ListView([Item(o.target or "", o.label) for o in options], "target")
        self._place_side()

    def choose(self, decision: Decision) -> None:
        """Add a decision to this turn, or say why it cannot be."""
        refused = self.guide.refuses(decision) if self.guide else None
        problem = refused or self.session.choose(decision)
        if problem:
            self.message = problem
            self.app.sound.play("error")
        else:
            self.message = ""
            self.app.sound.play("choose")
        self.targeting = None
        self._refresh_menu()
        self._place_side()

    # --- input --------------------------------------------------------------------

    def handle(self, intent: intents.Intent) -> None:
        if self.story_open and self._read_story(intent):
            return
        if self.guide and self.guide.handle(intent, self):
            return
        if isinstance(intent, intents.Back):
            self._back()
        elif isinstance(intent, intents.EndTurn):
            self._end_turn()
        elif isinstance(intent, intents.Skip):
            self.progress = 1.0
        elif isinstance(intent, intents.Speed):
            self.speed = max(0, min(len(SPEEDS) - 1, self.speed + intent.step))
        elif isinstance(intent, intents.Remove):
            if self.session.take_back():
                self._refresh_menu()
                self._place_side()
        elif isinstance(intent, intents.Debrief):
            self._debrief()
        elif isinstance(intent, intents.Pause):
            self.paused = not self.paused
        elif isinstance(intent, intents.HideScores):
            self.scores_hidden = not self.scores_hidden
        elif isinstance(intent, intents.Undo):
            self._undo()
        elif isinstance(intent, intents.Inject):
            self._inject()
        elif isinstance(intent, intents.AskHint):
            self._hint()
        elif isinstance(intent, intents.WhatIf):
            self._what_if()
        elif isinstance(intent, intents.TurnStory):
            self._tell_story(True)
        elif isinstance(intent, intents.Cycle):
            self._cycle(intent.step)
        elif isinstance(intent, intents.Click):
            self._click(intent.pos)
        elif isinstance(intent, (intents.Move, intents.Confirm, intents.Hover, intents.Scroll)):
            self._list_intent(intent)

    def _list_intent(self, intent: intents.Intent) -> None:
        rows = self.targets if self.targeting else self.menu
        chosen = rows.handle(intent)
        if chosen is None:
            return
        if self.targeting:
            self.choose(Decision(self.targeting.id, chosen.name))
        else:
            self._start_targeting(self.session.game.menu.interventions[chosen.name])

    def _click(self, pos: tuple[int, int]) -> None:
        name = self.hit(pos)
        if name is None:
            self.inspected = None  # a click on nothing closes the inspect card
            return
        kind, _, key = name.partition(":")
        if name == "end_turn":
            self._debrief() if self.session.over else self._end_turn()
        elif name == "log":
            self._tell_story(True)
        elif kind in ("intervention", "target"):
            self._list_intent(intents.Click(pos))
        elif self.targeting and kind in ("dept", "handoff"):
            if key in {item.name for item in self.targets.items}:
                self.choose(Decision(self.targeting.id, key))
        elif kind in ("dept", "handoff", "customer"):
            self.inspected = None if self.inspected == name else name
        else:
            self.inspected = None

    # --- the turn's story --------------------------------------------------------------

    def _tell_story(self, shown: bool) -> None:
        """Open the whole last turn's story over the graph at its first page, or close it."""
        self.story_open = shown
        self.story_page = 0
        self._place_story()

    def _read_story(self, intent: intents.Intent) -> bool:
        """Take the intents meant for the open story: L, Esc or a click on the log strip
        close it; arrows, Page Up / Down and the wheel turn its pages; a click on it turns to
        the next page, or closes it on the last. True when the intent was taken."""
        if isinstance(intent, (intents.TurnStory, intents.Back)):
            self._tell_story(False)
            return True
        pages = page_count(self.theme, self.story, story_view(self) or StoryView("", ()))
        step = None
        if isinstance(intent, intents.Move):
            step = intent.dy or intent.dx
        elif isinstance(intent, intents.Guide):
            step = intent.step
        elif isinstance(intent, intents.Scroll):
            step = -intent.dy
        elif isinstance(intent, intents.Click) and self.log.collidepoint(intent.pos):
            self._tell_story(False)
            return True
        elif isinstance(intent, intents.Click) and self.story.collidepoint(intent.pos):
            if self.story_page >= pages - 1:
                self._tell_story(False)
                return True
            step = 1
        if step is None:
            return False
        self.story_page = max(0, min(pages - 1, self.story_page + step))
        return True

    def _cycle(self, step: int) -> None:
        order = [k for k in self.hotspots if k.startswith(("dept:", "handoff:", "customer:"))]
        if not order:
            return
        index = order.index(self.inspected) if self.inspected in order else (-1 if step > 0 else 0)
        self.inspected = order[(index + step) % len(order)]

    def _back(self) -> None:
        if self.targeting:
            self.targeting = None
            self._place_side()
        elif self.inspected:
            self.inspected = None
        else:
            where = self.session.save_to or self.session.autosave_to
            self.app.open(
                "confirm",
                "Leave this game?",
                f"It is saved after every turn ({where}); continue it later with "
                f"ripple play --load {where}",
                self._leave,
            )

    def _leave(self) -> None:
        self.session.close()
        self.app.pop()

    def _end_turn(self) -> None:
        if self.session.over:
            self.message = "The game is over: press D for the debrief."
            return
        if self.session.end_turn():
            self.time_left = self.timer
            self.targeting = None
            self.story_open = False  # the next turn is watched on the graph, not read
            if not self.session.resolving:
                self._next_team()
            self._refresh_menu()
            self._place_side()

    def _debrief(self) -> None:
        if self.session.resolving:
            self.message = "The turn is being worked out: the debrief opens once it is done."
            return
        self.app.open("debrief", self.session)

    # --- time ---------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.watch.changed(dt) and not self.session.resolving:
            self._reload()
            return
        report = self.session.poll()
        if report is not None:
            self.progress = 0.0
            self.story_page = 0
            self.message = self.session.save_problem
            self._refresh_menu()
            self._place_side()
            self.app.sound.play("complaint" if report.complaints else "turn")
        if self.guide:
            self.guide.observe(self, report, dt)
        if self.paused:
            return
        self.banner_time = max(0.0, self.banner_time - dt)
        if self.progress < 1.0:
            self.progress = min(1.0, self.progress + dt * SPEEDS[self.speed] / TURN_SECONDS)
        elif not self.session.resolving and self.session.show_current():
            self._next_team()
        elif self.time_left is not None and not self.session.resolving and not self.session.over:
            self.time_left -= dt
            if self.time_left <= 0:
                self.message = (
                    f"Time is up: the turn ends with {len(self.session.chosen)} choice(s)."
                )
                self._end_turn()

    def _reload(self) -> None:
        """The scenario file was saved: play on with it, or show why it cannot be used."""
        outcome = reload(self.session)
        if outcome.session is None:
            self.message = outcome.message
            self.app.open("problems", outcome.problems)
            return
        self.session.close()
        fresh = PlayScene(self.app, outcome.session, timer=self.timer)
        fresh.message = outcome.message
        self.app.replace(fresh)

    def _next_team(self) -> None:
        """A new team chooses: say so, reset its clock and its menu."""
        self.time_left = self.timer
        self.targeting = None
        self._refresh_menu()
        self._place_side()
        if self.session.mode != "single":
            self.banner = f"{self.session.team}: your turn"
            self.banner_time = 2.5

    def _undo(self) -> None:
        if self.session.undo():
            self.progress = 1.0
            self.message = "The last turn was taken back: choose again, then End turn."
            self._next_team()

    def _hint(self) -> None:
        """Say where the harm customers felt started and what on the menu would help, from
        the trace, and inspect the hand-off (or department) it names."""
        if self.session.resolving:
            self.message = "The turn is being worked out: ask again in a moment."
            return
        found = hint(self.session.game)
        if found is None:
            self.message = "No customer has been hurt yet: watch the hand-offs with low ratings."
            return
        self.message = found.text
        kind = "handoff" if parse_handoff(found.target) else "dept"
        self.inspected = f"{kind}:{found.target}"

    def _what_if(self) -> None:
        """W: choose a turn to go back to and play on differently."""
        if self.session.mode != "single":
            self.message = "What if is for one player: a workshop's teams can undo a turn with U."
        elif self.session.resolving:
            self.message = "The turn is being worked out: try again in a moment."
        elif self.session.game.turn == 0:
            self.message = "Play a turn first: what if goes back to a turn already played."
        else:
            self.app.open("rewind", self.session, self.rewound)

    def rewound(self, turn: int) -> None:
        """Play went back to the end of `turn`: say so, and offer the choices again."""
        self.progress = 1.0
        self.inspected = None
        where = "the start" if turn == 0 else f"the end of turn {turn}"
        self.message = (
            f"What if: back at {where}. Choose differently and play on; "
            "the debrief (D) compares both timelines."
        )
        self._next_team()
        self.banner = f"What if: back at {where}"
        self.banner_time = 2.5

    def _inject(self) -> None:
        if not self.session.scenario.events:
            self.message = "This scenario has no events to set off."
            return
        self.app.open("event", self.session)

    def background(self) -> list[Future[Any]]:
        return self.session.background()

    @property
    def animating(self) -> bool:
        """True while the last turn is still playing out on screen."""
        return self.progress < 1.0

    # --- drawing ------------------------------------------------------------------
