"""Where the shipped scenarios and assets live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project folder (the project is installed in place, editable)."""

SCENARIOS = ROOT / "scenarios"
"""The folder of shipped scenarios."""

DEFAULT_SCENARIO = SCENARIOS / "claims.yaml"
"""The scenario every command uses when it is given no file."""

FONTS = ROOT / "assets" / "fonts"
"""The fonts every screen uses (with their licences)."""
