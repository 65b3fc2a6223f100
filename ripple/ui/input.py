"""The one module that reads pygame events: it turns them into intents.

Keyboard and mouse are equal: everything a click does, some key does too.
"""

from __future__ import annotations

import pygame

from ripple.ui import intents as i

_KEYS: dict[int, i.Intent] = {
    pygame.K_ESCAPE: i.Back(),
    pygame.K_RETURN: i.Confirm(),
    pygame.K_KP_ENTER: i.Confirm(),
    pygame.K_UP: i.Move(0, -1),
    pygame.K_DOWN: i.Move(0, 1),
    pygame.K_LEFT: i.Move(-1, 0),
    pygame.K_RIGHT: i.Move(1, 0),
    pygame.K_F1: i.Help(),
    pygame.K_e: i.EndTurn(),
    pygame.K_SPACE: i.Skip(),
    pygame.K_PLUS: i.Speed(1),
    pygame.K_EQUALS: i.Speed(1),
    pygame.K_KP_PLUS: i.Speed(1),
    pygame.K_MINUS: i.Speed(-1),
    pygame.K_KP_MINUS: i.Speed(-1),
    pygame.K_BACKSPACE: i.Remove(),
    pygame.K_DELETE: i.Remove(),
    pygame.K_m: i.Mute(),
    pygame.K_F11: i.Fullscreen(),
    pygame.K_d: i.Debrief(),
    pygame.K_p: i.Pause(),
    pygame.K_u: i.Undo(),
    pygame.K_i: i.Inject(),
    pygame.K_s: i.HideScores(),
    pygame.K_x: i.Export(),
    pygame.K_h: i.AskHint(),
    pygame.K_w: i.WhatIf(),
    pygame.K_PAGEDOWN: i.Guide(1),
    pygame.K_PAGEUP: i.Guide(-1),
}
"""Keys and what they mean; `help` lists them for players from the same table."""

KEY_HELP: tuple[tuple[str, str], ...] = (
    ("Arrows", "move the highlight: interventions, targets, lists"),
    ("Enter", "choose the highlighted item"),
    ("E", "end the turn"),
    ("Backspace", "take back the last decision"),
    ("Tab / Shift+Tab", "inspect the next / previous thing on the graph"),
    ("H", "a hint: the hand-off hurting customers most, and why"),
    ("W", "what if: go back to an earlier turn and choose differently"),
    ("Page Down / Up", "tutorial: next step / this step again"),
    ("Space", "skip the animation"),
    ("+ / -", "animate faster / slower"),
    ("D", "open the debrief (any time; Esc comes back)"),
    ("P", "facilitator: pause / resume (animation and timer)"),
    ("U", "facilitator: undo the last turn and play it again"),
    ("I", "facilitator: set off one of the scenario's events"),
    ("S", "facilitator: hide / show the scoreboard"),
    ("X", "on the debrief: write the pack (charts, CSV, summary)"),
    ("M", "sound cues on / off"),
    ("F11", "fullscreen on / off"),
    ("F1 or ?", "this help"),
    ("Esc", "back (asks first if a game would be lost)"),
)


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
