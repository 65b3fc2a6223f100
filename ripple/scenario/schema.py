"""The JSON Schema of scenario files, so editors can complete and check them as people type.

`ripple schema` prints `schema_text()`; scenarios/scenario.schema.json holds the same text.
"""

from __future__ import annotations

import json
from typing import Any

from ripple.scenario.model import Scenario


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file, written from the typed model."""
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "The Ripple Effect scenario",
        "description": "A scenario for The Ripple Effect: departments, the hand-offs between "
        "them, external customers, and the interventions and events of a game. See "
        "docs/scenarios.md for every key.",
    }


def schema_text() -> str:
    """The schema as committed in scenarios/scenario.schema.json: indented JSON and a newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
