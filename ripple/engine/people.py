"""People and hand-offs: what effects and morale make of a department's numbers this turn,
how morale moves with workload, failure demand and rework, and how internal customers
rate the service they get across each hand-off."""

from __future__ import annotations

from collections import defaultdict

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.rules import (
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


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


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


def refresh(world: World, turn: int) -> None:
    """Set every department's, hand-off's and customer's numbers for this turn."""
    if world.effects:
        world.effects = [e for e in world.effects if not e.finished(turn)]
    totals = effect_totals(world.effects, turn) if world.effects else {}
    for department in world.departments.values():
        change = totals.get(("department", department.id))
        if change is None:
            capacity = department.capacity
            department.morale_shift = 0.0
            department.effective_quality = department.quality
            department.effective_checks = department.checks
        else:
            capacity = department.capacity * max(0.0, 1.0 + change["capacity"])
            department.morale_shift = change["morale"]
            department.effective_quality = _clip(department.quality + change["quality"])
            department.effective_checks = _clip(department.checks + change["checks"])
        department.effective_capacity = capacity * morale_capacity_factor(department.morale)
        department.defect_chance = own_defect_chance(
            department.effective_quality, department.morale
        )
    for key, handoff in world.handoffs.items():
        change = totals.get(("handoff", key))
        if change is None:
            handoff.effective_communication = handoff.communication
            handoff.effective_lag = handoff.lag
        else:
            handoff.effective_communication = _clip(handoff.communication + change["communication"])
            handoff.effective_lag = max(0, handoff.lag + round(change["lag"]))
        handoff.talk_factor = talk_factor(handoff.effective_communication)
        handoff.catch = catch_chance(
            world.departments[handoff.customer].effective_checks, handoff.effective_communication
        )
    for segment in world.segments:
        change = totals.get(("customer", segment.spec.id))
        segment.demand_factor = 1.0 if change is None else max(0.0, 1.0 + change["demand"])


def update_morale(world: World) -> None:
    """Morale drifts toward a target that workload, failure demand and rework pull down."""
    for department in world.departments.values():
        processed = department.processed
        backlog = min(1.0, department.queued / max(1.0, department.effective_capacity))
        failure = department.failure_processed / processed if processed else 0.0
        rework = min(1.0, department.sent_back / processed) if processed else 0.0
        target = (
            MORALE_NEUTRAL
            + department.morale_shift
            - STRESS_BACKLOG * backlog
            - STRESS_FAILURE * failure
            - STRESS_REWORK * rework
        )
        department.morale = _clip(
            department.morale + MORALE_STEP * (_clip(target) - department.morale)
        )


def rate_handoffs(world: World) -> None:
    """Internal customers rate this turn's service: on time and right first time."""
    for handoff in world.handoffs.values():
        if not handoff.handed:
            continue
        felt = 1.0 - 0.5 * (handoff.defective + handoff.waited) / handoff.handed
        handoff.satisfaction += SATISFACTION_STEP * (felt - handoff.satisfaction)
