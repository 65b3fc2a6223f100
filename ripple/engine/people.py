"""People and hand-offs: what effects and morale make of a department's numbers this turn,
how morale moves with workload, failure demand and rework, and how internal customers
rate the service they get across each hand-off."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np

from ripple.engine.effects import ActiveEffect, Target
from ripple.engine.rules import (
    GAIN_CAPS,
    INTERNAL_DEFECT,
    INTERNAL_WAIT,
    LEAVE_AFTER,
    LEAVE_BELOW,
    LEAVE_SHARE,
    MEASURE_PRIDE,
    MORALE_NEUTRAL,
    MORALE_STEP,
    REFILL,
    SATISFACTION_STEP,
    STRESS_BACKLOG,
    STRESS_FAILURE,
    STRESS_REWORK,
    catch_chance,
    diminishing,
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
    """Set every department's, hand-off's and customer's numbers for this turn.

    Gains stacked on one target bring less each (`diminishing`); training reaches only the
    defects that are down to skill, never those a recurring problem makes; a department's
    measure changes how fast and how carefully it works.
    """
    world.effects = [e for e in world.effects if not e.finished(turn)]
    totals = effect_totals(world.effects, turn)
    departments, handoffs = world.departments, world.handoffs
    problems = departments.problems
    change = _changes(
        totals, "department", departments.index, ("capacity", "quality", "checks", "morale")
    )
    speed, carelessness, care = departments.measure_work.T
    departments.morale_shift = diminishing(change["morale"], GAIN_CAPS["morale"])
    skill = np.maximum(
        0.0, departments.skill - diminishing(change["quality"], GAIN_CAPS["quality"])
    )
    made = np.clip(skill + problems.defect_load(), 0.0, 1.0)
    departments.effective_quality = 1.0 - made
    departments.effective_checks = np.clip(
        (departments.checks + diminishing(change["checks"], GAIN_CAPS["checks"])) * care, 0.0, 1.0
    )
    departments.effective_capacity = (
        departments.capacity
        * np.maximum(0.0, 1.0 + diminishing(change["capacity"], GAIN_CAPS["capacity"]))
        * morale_capacity_factor(departments.morale)
        * speed
        * (1.0 - problems.delay_load())
    )
    departments.defect_chance = np.clip(
        own_defect_chance(departments.effective_quality, departments.morale) * carelessness,
        0.0,
        1.0,
    )
    change = _changes(totals, "handoff", handoffs.index, ("communication", "lag"))
    handoffs.effective_communication = np.clip(
        handoffs.communication + diminishing(change["communication"], GAIN_CAPS["communication"]),
        0.0,
        1.0,
    )
    handoffs.effective_lag = np.maximum(0, handoffs.lag + np.round(change["lag"]).astype(np.int64))
    handoffs.talk = talk_factor(handoffs.effective_communication)
    handoffs.catch = catch_chance(
        departments.effective_checks[handoffs.customer], handoffs.effective_communication
    )
    for segment in world.segments:
        sums = totals.get(("customer", segment.spec.id))
        segment.demand_factor = 1.0 if sums is None else max(0.0, 1.0 + sums["demand"])


def own_scores(world: World, satisfaction: float) -> np.ndarray:
    """Each department's own number this turn, 0 to 1, on the measure it is rewarded on:
    work finished against plan (throughput, handle time), against what it could do
    (utilisation), work not sent back (right first time), or the customers' satisfaction."""
    departments = world.departments
    processed = departments.processed.astype(float)
    busy = np.maximum(1.0, processed)
    by_measure = {
        "throughput": processed / np.maximum(1.0, departments.capacity),
        "handle_time": processed / np.maximum(1.0, departments.capacity),
        "utilisation": processed / np.maximum(1.0, departments.effective_capacity),
        "right_first_time": np.where(processed > 0, 1.0 - departments.sent_back / busy, 1.0),
        "customer_outcome": np.full(len(departments), satisfaction),
    }
    scores = [by_measure[m][d] for d, m in enumerate(departments.measure)]
    return np.clip(np.array(scores, dtype=float), 0.0, 1.0)


def update_morale(world: World, queued: np.ndarray, satisfaction: float) -> list[int]:
    """Morale drifts toward a target that workload, failure demand and rework pull down and
    a department's own number moves; after `LEAVE_AFTER` turns of low morale some people
    leave, taking capacity and training with them, and their places are filled only slowly
    (`REFILL`). Returns the departments people left."""
    departments = world.departments
    processed = departments.processed
    busy = np.maximum(1, processed)
    backlog = np.minimum(1.0, queued / np.maximum(1.0, departments.effective_capacity))
    failure = np.where(processed > 0, departments.failure_processed / busy, 0.0)
    rework = np.where(processed > 0, np.minimum(1.0, departments.sent_back / busy), 0.0)
    departments.score = own_scores(world, satisfaction)
    target = np.clip(
        MORALE_NEUTRAL
        + departments.morale_shift
        + MEASURE_PRIDE * (departments.score - 0.8)
        - STRESS_BACKLOG * backlog
        - STRESS_FAILURE * failure
        - STRESS_REWORK * rework,
        0.0,
        1.0,
    )
    departments.morale = np.clip(
        departments.morale + MORALE_STEP * (target - departments.morale), 0.0, 1.0
    )
    departments.capacity += REFILL * (departments.planned - departments.capacity)
    low = departments.morale < LEAVE_BELOW
    departments.low_turns = np.where(low, departments.low_turns + 1, 0)
    leaving = np.flatnonzero(departments.low_turns >= LEAVE_AFTER).tolist()
    for d in leaving:
        _people_leave(world, d)
    return leaving


def _people_leave(world: World, department: int) -> None:
    departments = world.departments
    departments.capacity[department] *= 1.0 - LEAVE_SHARE
    departments.low_turns[department] = 0
    departments.left[department] += 1
    target = ("department", departments.ids[department])
    world.effects = [
        replace(e, scale=e.scale * (1.0 - LEAVE_SHARE))
        if e.target == target and e.source == "intervention" and (e.effects.quality or 0) > 0
        else e
        for e in world.effects
    ]


def rate_handoffs(world: World) -> None:
    """Internal customers rate this turn's service, defects and rework far above waiting."""
    handoffs = world.handoffs
    handed = handoffs.handed
    faults = INTERNAL_DEFECT * handoffs.defective + INTERNAL_WAIT * handoffs.waited
    felt = 1.0 - faults / np.maximum(1, handed)
    step = np.where(handed > 0, SATISFACTION_STEP, 0.0)
    handoffs.satisfaction = handoffs.satisfaction + step * (felt - handoffs.satisfaction)
