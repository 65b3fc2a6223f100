"""People and hand-offs: what effects and morale make of a department's numbers this turn,
how morale moves with workload, failure demand and rework, and how internal customers
rate the service they get across each hand-off."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.rules import (
    INTERNAL_FAULT,
    MORALE_NEUTRAL,
    MORALE_STEP,
    SATISFACTION_STEP,
    STRESS_BACKLOG,
    STRESS_FAILURE,
    STRESS_REWORK,
    catch_chance,
    morale_capacity_factor,
    own_defect_chance,
    talk_factor,
)
from ripple.engine.state import World

_FIELDS = ("capacity", "quality", "morale", "checks", "communication", "lag", "demand")


def effect_totals(effects: list[ActiveEffect], turn: int) -> dict[Target, dict[str, float]]:
    """For each target, the sum of every active effect's fields on `turn`."""
    totals: dict[Target, dict[str, float]] = defaultdict(lambda: dict.fromkeys(_FIELDS, 0.0))
    for effect in effects:
        strength = effect.strength(turn)
        if strength == 0.0:
            continue
        sums = totals[effect.target]
        for name in _FIELDS:
            value = getattr(effect.effects, name)
            if value is not None:
                sums[name] += value * strength
    return totals


def _changes(
    totals: dict[Target, dict[str, float]], kind: str, index: dict[str, int], names: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Per field, an array of the effects' sums for every target of one kind."""
    arrays = {name: np.zeros(len(index)) for name in names}
    for (target_kind, key), sums in totals.items():
        if target_kind == kind and key in index:
            for name in names:
                arrays[name][index[key]] = sums[name]
    return arrays


def refresh(world: World, turn: int) -> None:
    """Set every department's, hand-off's and customer's numbers for this turn."""
    world.effects = [e for e in world.effects if not e.finished(turn)]
    totals = effect_totals(world.effects, turn)
    departments, handoffs = world.departments, world.handoffs
    change = _changes(
        totals, "department", departments.index, ("capacity", "quality", "checks", "morale")
    )
    departments.morale_shift = change["morale"]
    departments.effective_quality = np.clip(departments.quality + change["quality"], 0.0, 1.0)
    departments.effective_checks = np.clip(departments.checks + change["checks"], 0.0, 1.0)
    departments.effective_capacity = (
        departments.capacity
        * np.maximum(0.0, 1.0 + change["capacity"])
        * morale_capacity_factor(departments.morale)
    )
    departments.defect_chance = own_defect_chance(departments.effective_quality, departments.morale)
    change = _changes(totals, "handoff", handoffs.index, ("communication", "lag"))
    handoffs.effective_communication = np.clip(
        handoffs.communication + change["communication"], 0.0, 1.0
    )
    handoffs.effective_lag = np.maximum(0, handoffs.lag + np.round(change["lag"]).astype(np.int64))
    handoffs.talk = talk_factor(handoffs.effective_communication)
    handoffs.catch = catch_chance(
        departments.effective_checks[handoffs.customer], handoffs.effective_communication
    )
    for segment in world.segments:
        sums = totals.get(("customer", segment.spec.id))
        segment.demand_factor = 1.0 if sums is None else max(0.0, 1.0 + sums["demand"])


def update_morale(world: World, queued: np.ndarray) -> None:
    """Morale drifts toward a target that workload, failure demand and rework pull down."""
    departments = world.departments
    processed = departments.processed
    busy = np.maximum(1, processed)
    backlog = np.minimum(1.0, queued / np.maximum(1.0, departments.effective_capacity))
    failure = np.where(processed > 0, departments.failure_processed / busy, 0.0)
    rework = np.where(processed > 0, np.minimum(1.0, departments.sent_back / busy), 0.0)
    target = np.clip(
        MORALE_NEUTRAL
        + departments.morale_shift
        - STRESS_BACKLOG * backlog
        - STRESS_FAILURE * failure
        - STRESS_REWORK * rework,
        0.0,
        1.0,
    )
    departments.morale = np.clip(
        departments.morale + MORALE_STEP * (target - departments.morale), 0.0, 1.0
    )


def rate_handoffs(world: World) -> None:
    """Internal customers rate this turn's service: on time and right first time."""
    handoffs = world.handoffs
    handed = handoffs.handed
    felt = 1.0 - INTERNAL_FAULT * (handoffs.defective + handoffs.waited) / np.maximum(1, handed)
    step = np.where(handed > 0, SATISFACTION_STEP, 0.0)
    handoffs.satisfaction = handoffs.satisfaction + step * (felt - handoffs.satisfaction)
