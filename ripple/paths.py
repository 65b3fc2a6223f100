"""Where the shipped scenarios live."""

from __future__ import annotations

from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
"""The folder of shipped scenarios (the project is installed in place, editable)."""

DEFAULT_SCENARIO = SCENARIOS / "claims.yaml"
"""The scenario every command uses when it is given no file."""
