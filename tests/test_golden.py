"""Golden transcripts: a seeded game of each shipped scenario, committed and compared.

A change to the rules shows up here as a reviewed diff. After a deliberate change,
regenerate with `RIPPLE_REGENERATE=1 make test` and read the diff before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from ripple.engine import Game
from ripple.paths import SCENARIOS
from ripple.report.record import play_out
from ripple.report.story import story
from ripple.scenario.load import load_scenario

GOLDEN = Path(__file__).parent / "golden"
SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", ["none", "customer"])
def test_transcript_matches_the_committed_one(path: Path, policy: str) -> None:
    game = Game(load_scenario(path))
    play_out(game, policy)
    text = story(game, policy)
    golden = GOLDEN / f"{path.stem}.{policy}.txt"
    if os.environ.get("RIPPLE_REGENERATE"):
        golden.write_text(text)
    assert golden.exists(), f"no transcript for {path.name}; run RIPPLE_REGENERATE=1 make test"
    expected = golden.read_text()
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            text.splitlines(keepends=True),
            str(golden),
            "this run",
        )
    )
    assert text == expected, f"the game changed; if that was meant, regenerate:\n{diff}"
