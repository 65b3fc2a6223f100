"""Where the shipped scenarios and assets live.

A wheel carries them inside the package (ripple/scenarios, ripple/assets/fonts); a source
checkout, run in place or installed editable, keeps them at the top of the project folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""The folder of the ripple package."""

ROOT = PACKAGE.parent
"""The folder that holds the package: the project folder in a source checkout; in an install
from a wheel, site-packages (so only use it when IN_CHECKOUT)."""

IN_CHECKOUT = not (PACKAGE / "scenarios").is_dir()
"""True when the package runs from a source checkout (in place or installed editable), whose
top-level scenarios/, assets/ and docs/ folders are next to it; False when installed from a
wheel, which carries the scenarios and fonts inside the package and no docs."""

_DATA = ROOT if IN_CHECKOUT else PACKAGE

SCENARIOS = _DATA / "scenarios"
"""The folder of shipped scenarios (and their JSON Schema)."""

DEFAULT_SCENARIO = SCENARIOS / "claims.yaml"
"""The scenario every command uses when it is given no file."""

TUTORIAL_SCENARIO = SCENARIOS / "tutorial.yaml"
"""The guided first game for a learner on their own."""

FONTS = _DATA / "assets" / "fonts"
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
