"""Scenarios built in code for the engine's tests."""

from __future__ import annotations

from typing import Any

from ripple.scenario.model import Scenario


def chain(
    length: int = 4,
    *,
    capacity: float = 100,
    quality: float = 1.0,
    demand: float = 20,
    turns: int = 12,
    seed: int = 1,
    **extra: Any,
) -> Scenario:
    """A chain d0 -> d1 -> ... with one customer entering at d0 and served by the last."""
    data: dict[str, Any] = {
        "title": "Chain",
        "turns": turns,
        "seed": seed,
        "departments": [
            {"id": f"d{i}", "name": f"Dept {i}", "capacity": capacity, "quality": quality}
            for i in range(length)
        ],
        "dependencies": [{"from": f"d{i}", "to": f"d{i + 1}"} for i in range(length - 1)],
        "customers": [
            {
                "id": "people",
                "name": "People",
                "enters_at": "d0",
                "served_by": f"d{length - 1}",
                "demand": demand,
            }
        ],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def with_customer(scenario: Scenario, **changes: Any) -> Scenario:
    """The scenario with its first customer's keys changed."""
    data = scenario.model_dump(by_alias=True, exclude_unset=True)
    data["customers"][0].update(changes)
    return Scenario.model_validate(data)
