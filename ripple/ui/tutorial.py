"""The guide of a guided scenario: which step the learner is on, and what finishes it.

Each step of a scenario's `tutorial` says one thing and points at one thing. It finishes
when the learner reads on (Enter, Page Down or Next), ends a turn, inspects what the step
points at, chooses the intervention it asks for, or plays on to the end of a turn. Page
Down on a step that waits for the learner does it for them ("Show me"), so the story the
later steps tell stays true; Page Up shows a step again from its start, taking back the
turns played and the choices made during it. Until the last step, the only choices the
guide lets through are the ones its steps ask for: the callouts' figures are those of the
game as the steps play it.

The play screen gives the guide the first look at every intent (`handle`) and shows it
every frame (`observe`). The guide keeps no pygame state of its own: the callout is drawn
by `ripple.ui.draw.callout`, and the game changes only through the play screen's own
intents, as if the learner had pressed the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ripple.engine import Decision, TurnReport
from ripple.scenario.model import SCREEN_PARTS, TutorialStep, handoff_key, parse_handoff
from ripple.ui import intents
from ripple.ui.draw.callout import place_callout, spot

if TYPE_CHECKING:
    from ripple.ui.scenes.play import PlayScene

BUTTONS = ("guide:again", "guide:next")
"""The hotspots of the callout's two buttons."""


def decision_target(point_at: str | None) -> str | None:
    """The target a decision names for what a step points at: 'desk', 'desk->bakery'."""
    if point_at is None or point_at in SCREEN_PARTS:
        return None
    pair = parse_handoff(point_at)
    return handoff_key(*pair) if pair else point_at


class Guide:
    """Where a learner is in a guided scenario."""

    def __init__(self, steps: Sequence[TutorialStep]) -> None:
        self.steps = tuple(steps)
        self.index = 0
        """The step on screen, counted from 0."""
        self.started: int | None = None
        """The turn on screen when the step began (None until the screen shows the step)."""
        self.chosen_at_start = 0
        """How many choices had been made this turn when the step began."""
        self.done = not self.steps
        """True once the last step has finished."""
        self.hidden = False
        """True once the learner closed the last callout (Page Down brings it back)."""
        self.age = 0.0
        """Seconds the step has been on screen: the highlight pulses at first."""

    @property
    def step(self) -> TutorialStep | None:
        """The step on screen (None once the tutorial is done)."""
        return None if self.done else self.steps[self.index]

    # --- what the learner does ----------------------------------------------------------

    def handle(self, intent: intents.Intent, scene: PlayScene) -> bool:
        """Take the intents meant for the guide: Page Down / Page Up, clicks on the callout,
        and Enter while a step only asks to read on. True when the intent was taken."""
        if isinstance(intent, intents.Guide):
            self.show_me(scene) if intent.step > 0 else self.replay(scene)
            return True
        if not self.done and isinstance(intent, (intents.Inject, intents.WhatIf)):
            scene.message = "Events and what-if wait until the tutorial's last step."
            return True
        if self.hidden:
            return False
        if isinstance(intent, intents.Click):
            return self._click(intent.pos, scene)
        step = self.step
        if (
            isinstance(intent, intents.Confirm)
            and step is not None
            and step.until == "next"
            and scene.targeting is None
        ):
            self.skip()
            return True
        return False

    def _click(self, pos: tuple[int, int], scene: PlayScene) -> bool:
        for name in BUTTONS:
            rect = scene.hotspots.get(name)
            if rect is not None and rect.collidepoint(pos):
                self.handle(intents.Guide(1 if name == "guide:next" else -1), scene)
                return True
        box = scene.hotspots.get("guide:box")
        return box is not None and box.collidepoint(pos)  # a click on the text does nothing

    def show_me(self, scene: PlayScene) -> None:
        """Page Down: a step waiting for the learner to act is acted for them (it then
        finishes as if they had); any other step moves on."""
        step = self.step
        session = scene.session
        if step is None or step.until == "next" or session.over:
            self.skip()
        elif session.resolving:
            return
        elif step.until in ("end_turn", "turn"):
            scene.handle(intents.EndTurn())
        elif step.until == "inspect":
            scene.inspected = spot(step.point_at, session.scenario)
        elif step.until == "choose" and step.intervention is not None:
            if scene.targeting is not None:
                scene.handle(intents.Back())  # stop aiming, as Esc would
            scene.choose(Decision(step.intervention, decision_target(step.point_at)))
        else:
            self.skip()

    def refuses(self, decision: Decision) -> str | None:
        """Why the tutorial does not take this choice now, or None if it does: until its
        last step, only the choice a step asks for."""
        step = self.step
        if step is None or (
            step.until == "choose"
            and step.intervention in (None, decision.intervention)
            and decision_target(step.point_at) in (None, decision.target)
        ):
            return None
        return (
            "The tutorial keeps your budget for what its steps ask: follow the callout "
            "(Page Down shows you). After the last step, choose whatever you like."
        )

    def skip(self) -> None:
        """On to the next step, whether or not this one was finished; after the last step,
        close the callout (or open it again)."""
        if self.done:
            self.hidden = not self.hidden
        elif self.index + 1 == len(self.steps):
            self.done = True  # the last step stays noted, for Page Up
        else:
            self.index += 1
            self.started = None
            self.age = 0.0

    def replay(self, scene: PlayScene) -> None:
        """This step again from its start: the turns played and the choices made during it
        are taken back. Once the tutorial is done, its last step again."""
        self.hidden = False
        self.done = False
        self.age = 0.0
        session = scene.session
        if self.started is None or session.resolving:
            return
        if scene.targeting is not None:
            scene.handle(intents.Back())  # stop aiming, as Esc would
        while session.after.turn > self.started:
            before = session.after.turn
            scene.handle(intents.Undo())
            if session.after.turn == before:
                break
        while len(session.chosen) > self.chosen_at_start:
            before = len(session.chosen)
            scene.handle(intents.Remove())
            if len(session.chosen) == before:
                break
        scene.message = f"Step {self.index + 1} again, from its start."

    # --- what the game does -----------------------------------------------------------

    def observe(self, scene: PlayScene, report: TurnReport | None, dt: float) -> None:
        """See the screen once a frame, with the report of a turn that has just resolved
        (if one has): finish the step when the learner has done what it asks, and place
        the callout's buttons among the screen's hotspots."""
        self.age += dt
        step = self.step
        if step is not None and self.started is None:
            self._begin(scene)
        elif step is not None and self._finished(step, scene, report):
            self.skip()
            if self.step is not None:
                self._begin(scene)
        for name in (*BUTTONS, "guide:box"):
            scene.hotspots.pop(name, None)
        callout = None if self.hidden else place_callout(scene.theme, scene, self)
        if callout is not None:
            scene.hotspots["guide:box"] = callout.box
            scene.hotspots["guide:again"] = callout.again
            scene.hotspots["guide:next"] = callout.next

    def _begin(self, scene: PlayScene) -> None:
        """A step comes on screen: note where the game is, and close the card of whatever
        was inspected (unless the step before asked for it, or this one points at it)."""
        session = scene.session
        self.started = session.after.turn
        self.chosen_at_start = len(session.chosen)
        step = self.steps[self.index]
        asked = self.index > 0 and self.steps[self.index - 1].until == "inspect"
        shown = scene.inspected
        pointed = spot(step.point_at, session.scenario)
        if shown and not asked and shown != pointed and scene.targeting is None:
            scene.handle(intents.Back())  # as Esc would, it closes the card

    def _finished(self, step: TutorialStep, scene: PlayScene, report: TurnReport | None) -> bool:
        session = scene.session
        if step.until == "end_turn":
            return report is not None or session.over
        if step.until == "turn":
            done = not session.resolving and session.after.turn >= (step.turn or 0)
            return done or session.over
        if step.until == "inspect":
            return scene.inspected == spot(step.point_at, session.scenario)
        if step.until == "choose":
            target = decision_target(step.point_at)
            return any(
                (step.intervention is None or d.intervention == step.intervention)
                and (target is None or d.target == target)
                for d in session.chosen
            )
        return False
