"""Where the shipped scenarios and assets live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project folder (the project is installed in place, editable)."""

SCENARIOS = ROOT / "scenarios"
"""The folder of shipped scenarios."""

DEFAULT_SCENARIO = SCENARIOS / "claims.yaml"
"""The scenario every command uses when it is given no file."""

TUTORIAL_SCENARIO = SCENARIOS / "tutorial.yaml"
"""The guided first game for a learner on their own."""

FONTS = ROOT / "assets" / "fonts"
"""The fonts every screen uses (with their licences)."""


def data_dir() -> Path:
    """Where autosaves and records go: the user's data folder (RIPPLE_DATA_DIR overrides)."""
    override = os.environ.get("RIPPLE_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "ripple-effect"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ripple-effect"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "ripple-effect"
