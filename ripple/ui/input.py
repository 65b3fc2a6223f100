"""The one module that reads pygame events: it turns them into intents.

Keyboard and mouse are equal: everything a click does, some key does too.
"""

from __future__ import annotations

import pygame

from ripple.ui import intents as i

_BINDINGS: tuple[tuple[str, str, dict[int, i.Intent]], ...] = (
    (
        "Arrows",
        "move the highlight: interventions, targets, lists",
        {
            pygame.K_UP: i.Move(0, -1),
            pygame.K_DOWN: i.Move(0, 1),
            pygame.K_LEFT: i.Move(-1, 0),
            pygame.K_RIGHT: i.Move(1, 0),
        },
    ),
    (
        "Enter",
        "choose the highlighted item",
        {pygame.K_RETURN: i.Confirm(), pygame.K_KP_ENTER: i.Confirm()},
    ),
    ("E", "end the turn", {pygame.K_e: i.EndTurn()}),
    (
        "Backspace",
        "take back the last decision",
        {pygame.K_BACKSPACE: i.Remove(), pygame.K_DELETE: i.Remove()},
    ),
    ("Tab / Shift+Tab", "inspect the next / previous thing on the graph", {}),
    ("L", "the whole last turn, part by part (L or Esc closes it)", {pygame.K_l: i.TurnStory()}),
    ("H", "a hint: where most harm started, and what would help", {pygame.K_h: i.AskHint()}),
    ("W", "what if: go back to an earlier turn and choose differently", {pygame.K_w: i.WhatIf()}),
    (
        "Page Down / Up",
        "tutorial: next step / this step again",
        {pygame.K_PAGEDOWN: i.Guide(1), pygame.K_PAGEUP: i.Guide(-1)},
    ),
    ("Space", "skip the animation", {pygame.K_SPACE: i.Skip()}),
    (
        "+ / -",
        "animate faster / slower",
        {
            pygame.K_PLUS: i.Speed(1),
            pygame.K_EQUALS: i.Speed(1),
            pygame.K_KP_PLUS: i.Speed(1),
            pygame.K_MINUS: i.Speed(-1),
            pygame.K_KP_MINUS: i.Speed(-1),
        },
    ),
    ("D", "open the debrief (any time; Esc comes back)", {pygame.K_d: i.Debrief()}),
    ("P", "facilitator: pause / resume (animation and timer)", {pygame.K_p: i.Pause()}),
    ("U", "facilitator: undo the last turn and play it again", {pygame.K_u: i.Undo()}),
    ("I", "facilitator: set off one of the scenario's events", {pygame.K_i: i.Inject()}),
    ("S", "facilitator: hide / show the scoreboard", {pygame.K_s: i.HideScores()}),
    ("X", "on the debrief: write the pack (charts, CSV, summary)", {pygame.K_x: i.Export()}),
    ("M", "sound cues on / off", {pygame.K_m: i.Mute()}),
    ("F11", "fullscreen on / off", {pygame.K_F11: i.Fullscreen()}),
    ("F1 or ?", "this help", {pygame.K_F1: i.Help()}),
    ("Esc", "back (asks first if a game would be lost)", {pygame.K_ESCAPE: i.Back()}),
)
"""The keys as the help card lists them, in its order: how the card names them, what they do,
and the keys themselves with what each means. The card and the key table are both made from
this one list, so neither can leave out a key the other has. Tab and ? bind nothing here:
`translate` reads them, as they depend on Shift and on the keyboard's layout."""

_KEYS: dict[int, i.Intent] = {key: intent for *_, keys in _BINDINGS for key, intent in keys.items()}
"""Keys and what they mean (Tab and ? aside: `translate` reads those)."""

KEY_HELP: tuple[tuple[str, str], ...] = tuple((label, meaning) for label, meaning, _ in _BINDINGS)
"""The help card's lines: the keys as players know them, and what they do."""


class Pointer:
    """Where the mouse pointer was last seen, to tell a hand on the mouse from a pointer that
    merely happens to be over the window: SDL reports the pointer's place as a move when the
    window opens or the pointer enters it, and that must not move a highlight (Enter on the
    title screen would then start whatever sat under the pointer)."""

    def __init__(self) -> None:
        self.at: tuple[int, int] | None = None

    def moved(self, pos: tuple[int, int]) -> bool:
        """Note the pointer at `pos`; True if it was seen before somewhere else."""
        before, self.at = self.at, pos
        return before is not None and before != pos

    def left(self) -> None:
        """The pointer left the window: where it comes back in is no move."""
        self.at = None


def translate(event: pygame.event.Event, pointer: Pointer | None = None) -> i.Intent | None:
    """The intent a pygame event stands for, or None when it means nothing to the game.
    With a `pointer`, a mouse move is a hover only once the pointer has really moved."""
    if event.type == pygame.QUIT:
        return i.Quit()
    if event.type == pygame.KEYDOWN:
        if event.key == pygame.K_TAB:
            return i.Cycle(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        if event.unicode == "?":
            return i.Help()
        return _KEYS.get(event.key)
    if event.type == pygame.TEXTINPUT:
        return i.Type(event.text)
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return i.Click(tuple(event.pos))
    if event.type == pygame.MOUSEMOTION:
        pos = (int(event.pos[0]), int(event.pos[1]))
        return i.Hover(pos) if pointer is None or pointer.moved(pos) else None
    if event.type == pygame.WINDOWLEAVE and pointer is not None:
        pointer.left()
    if event.type == pygame.MOUSEWHEEL:
        return i.Scroll(int(event.y))
    if event.type == pygame.WINDOWSIZECHANGED:
        return i.Resize((int(event.x), int(event.y)))
    return None
