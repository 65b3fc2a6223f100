"""Reference screenshots, compared with a tolerance.

When a screen differs, a side-by-side picture (expected | now | difference) is saved under
tests/screens/failed/. After a deliberate change to a screen, look at the new pictures and
regenerate them with `RIPPLE_REGENERATE_SCREENS=1 make test`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from ripple.cli import main

SCREENS = Path(__file__).parent / "screens"
CASES = {
    "title-1024x768": ["--autoplay", "0", "--size", "1024x768"],
    "play-1024x768": ["--autoplay", "5", "--policy", "customer", "--size", "1024x768"],
    "play-1920x1080": ["--autoplay", "5", "--policy", "customer", "--size", "1920x1080"],
}


def pixels(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(np.int16)


def save_comparison(expected: np.ndarray, actual: np.ndarray, target: Path) -> None:
    difference = np.clip(np.abs(expected - actual) * 4, 0, 255)
    strip = np.concatenate([expected, actual, difference], axis=0).astype(np.uint8)
    target.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(pygame.surfarray.make_surface(strip), str(target))


@pytest.mark.parametrize("name", sorted(CASES))
def test_screen_matches_its_reference(name: str, tmp_path: Path) -> None:
    shot = tmp_path / f"{name}.png"
    args = CASES[name]
    if name.startswith("title"):
        args = [*args, "--screen", "title"]
    assert main(["play", *args, "--screenshot", str(shot)]) == 0
    assert_like_reference(name, shot)


def assert_like_reference(name: str, shot: Path) -> None:
    """The screenshot matches tests/screens/NAME.png: at most 0.5% of pixels off by more than
    40 in a channel; else a side-by-side comparison lands in failed/."""
    reference = SCREENS / f"{name}.png"
    if os.environ.get("RIPPLE_REGENERATE_SCREENS"):
        reference.write_bytes(shot.read_bytes())
    assert reference.exists(), f"no reference for {name}: RIPPLE_REGENERATE_SCREENS=1 make test"
    expected, actual = pixels(reference), pixels(shot)
    assert expected.shape == actual.shape
    changed = np.abs(expected - actual).max(axis=2) > 40
    if changed.mean() > 0.005:
        failed = SCREENS / "failed" / f"{name}.png"
        save_comparison(expected, actual, failed)
        pytest.fail(f"{name}: {changed.mean():.1%} of pixels differ; see {failed}")
