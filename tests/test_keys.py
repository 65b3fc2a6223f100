"""The help card and the keys the game reads agree: every key the game reads is on the card,
and every key the card names is one the game reads, doing what the card says."""

from __future__ import annotations

import re
import string

import pygame
import pytest

from ripple.ui import intents
from ripple.ui.input import _BINDINGS, _KEYS, KEY_HELP, translate

LETTERS = {getattr(pygame, f"K_{c}"): c.upper() for c in string.ascii_lowercase}
FUNCTIONS = {getattr(pygame, f"K_F{n}"): f"F{n}" for n in range(1, 13)}
NAMED = LETTERS | FUNCTIONS
"""Keys a card line names as they are printed on the keyboard: a letter, or F and a number."""


def pressed(key: int, *, mod: int = 0, unicode: str = "") -> intents.Intent | None:
    """What the game makes of a key going down."""
    return translate(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode))


def test_every_line_of_the_card_says_which_keys_and_what_they_do() -> None:
    assert KEY_HELP, "no lines on the help card"
    assert all(label and meaning for label, meaning in KEY_HELP), KEY_HELP
    assert len({label for label, _ in KEY_HELP}) == len(KEY_HELP), "a key is listed twice"


def test_every_key_the_game_reads_is_on_the_card_once() -> None:
    bound = [key for *_, keys in _BINDINGS for key in keys]
    assert bound, "no keys to check"
    assert len(bound) == len(set(bound)), "a key is on two lines of the card"
    assert set(bound) == set(_KEYS)


@pytest.mark.parametrize(("label", "meaning", "keys"), _BINDINGS, ids=[b[0] for b in _BINDINGS])
def test_each_line_names_the_keys_it_binds(
    label: str, meaning: str, keys: dict[int, intents.Intent]
) -> None:
    named = {token for token in re.split(r"[\s/+]+", label) if token in NAMED.values()}
    assert named == {NAMED[key] for key in keys if key in NAMED}, label
    assert keys or "Tab" in label, f"{label!r} names no key the game reads"
    for key, intent in keys.items():
        assert pressed(key) == intent, (label, pygame.key.name(key))


def test_tab_and_the_question_mark_are_read_as_the_card_says() -> None:
    """The two keys `translate` reads itself: Tab (with or without Shift) and ?, which is a
    different key on different keyboard layouts."""
    [tab] = [label for label, _ in KEY_HELP if "Tab" in label]
    assert "Shift+Tab" in tab
    assert pressed(pygame.K_TAB) == intents.Cycle(1)
    assert pressed(pygame.K_TAB, mod=pygame.KMOD_LSHIFT) == intents.Cycle(-1)
    [(question, keys)] = [(label, keys) for label, _, keys in _BINDINGS if "?" in label]
    assert pressed(pygame.K_SLASH, mod=pygame.KMOD_LSHIFT, unicode="?") == intents.Help()
    assert set(keys.values()) == {intents.Help()}, question


def test_l_tells_the_whole_turn_and_the_card_says_so() -> None:
    assert pressed(pygame.K_l) == intents.TurnStory()
    [meaning] = [meaning for label, meaning in KEY_HELP if label == "L"]
    assert "whole last turn" in meaning and "Esc" in meaning


def test_the_key_card_fits_at_1024x768_even_on_a_projector() -> None:
    """Every key and its whole meaning, at a size read from the back of a room."""
    from ripple.ui.app import App
    from ripple.ui.scenes.overlay import HelpOverlay, key_columns

    for projector in (False, True):
        app = App((1024, 768), sound=False, projector=projector)
        help_card = HelpOverlay(app)
        app.push(help_card)
        scale, columns = key_columns(app.theme, help_card.keys)
        shown = [row for column in columns for row in column]
        assert [key for key, _ in shown] == [key for key, _ in KEY_HELP], "a key is left off"
        for (_, lines), (_, meaning) in zip(shown, KEY_HELP, strict=True):
            assert " ".join(lines) == meaning, "a meaning is cut"
        assert scale >= 0.8, f"the keys are too small to read ({scale})"
