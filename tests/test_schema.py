"""The JSON Schema shipped for editors matches the model."""

from __future__ import annotations

import json
from pathlib import Path

from ripple.scenario.schema import scenario_schema, schema_text

COMMITTED = Path(__file__).resolve().parent.parent / "scenarios" / "scenario.schema.json"


def test_the_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "scenarios/scenario.schema.json is out of date; regenerate it with "
        "`ripple schema > scenarios/scenario.schema.json`"
    )


def test_the_schema_describes_the_core_keys() -> None:
    schema = json.loads(schema_text())
    assert schema == scenario_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    top = {"title", "turns", "seed", "departments", "dependencies", "customers"}
    assert top <= set(schema["properties"])
    assert {"title", "turns", "departments", "customers"} <= set(schema["required"])
    definitions = schema["$defs"]
    assert {"id", "name", "capacity", "quality"} <= set(definitions["Department"]["properties"])
    assert {"from", "to"} <= set(definitions["Dependency"]["properties"])
    customer = {"id", "name", "enters_at", "served_by", "demand"}
    assert customer <= set(definitions["Customer"]["properties"])
    assert all(
        d.get("additionalProperties") is False for d in definitions.values() if "properties" in d
    )
