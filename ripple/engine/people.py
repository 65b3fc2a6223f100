"""People and hand-offs: what effects and morale make of a department's numbers this turn,
how morale moves with workload, failure demand and rework, and how internal customers
rate the service they get across each hand-off."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from ripple.engine.effects import MOVED
from ripple.engine.kept import read_only
from ripple.engine.rules import (
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
    morale_capacity_factor,
    own_defect_chance,
)
from ripple.engine.standing import effect_totals, standing
from ripple.engine.state import World
from ripple.engine.ufuncs import clip

DEMAND = MOVED.index("demand")
"""Where the change of demand is among an effect's sums."""


def refresh(world: World, turn: int) -> None:
    """Set every department's, hand-off's and customer's numbers for this turn.

    Gains stacked on one target bring less each (`diminishing`); training reaches only the
    defects that are down to skill, never those a recurring problem makes; a department's
    measure changes how fast and how carefully it works. What does not move with morale is
    kept from turn to turn while it stays the same (`ripple.engine.standing`).
    """
    world.effects, totals = effect_totals(world.effects, turn)
    departments, handoffs = world.departments, world.handoffs
    kept = standing(world, totals)
    on_departments, on_handoffs = kept.departments, kept.handoffs
    speed, carelessness = departments.measure_work[:, 0], departments.measure_work[:, 1]
    departments.morale_shift = on_departments.morale_shift
    departments.effective_quality = on_departments.quality
    departments.effective_checks = on_departments.checks
    departments.effective_capacity = (
        departments.capacity
        * on_departments.capacity_gain
        * morale_capacity_factor(departments.morale)
        * speed
        * on_departments.undelayed
    )
    departments.defect_chance = clip(
        own_defect_chance(departments.effective_quality, departments.morale) * carelessness,
        0.0,
        1.0,
    )
    handoffs.effective_communication = on_handoffs.communication
    handoffs.effective_lag = on_handoffs.lag
    handoffs.slowed = on_handoffs.slowed
    handoffs.talk = on_handoffs.talk
    handoffs.talk_or_one = on_handoffs.talk_or_one
    handoffs.catch = kept.catch
    on_customers = totals["customer"]
    for segment in world.segments:
        sums = on_customers.get(segment.spec.id)
        segment.demand_factor = 1.0 if sums is None else max(0.0, 1.0 + sums[DEMAND])


@lru_cache(maxsize=256)
def _rewarded_on(measures: tuple[str, ...]) -> dict[str, np.ndarray]:
    """For each measure some departments are rewarded on, which they are (a mask)."""
    named = np.array(measures)
    masks = {measure: named == measure for measure in set(measures)}
    read_only(*masks.values())
    return masks


def own_scores(world: World, satisfaction: float, returned: np.ndarray) -> np.ndarray:
    """Each department's own number this turn, 0 to 1, on the measure it is rewarded on:
    work finished against plan (throughput, handle time), against what it could do
    (utilisation), work not sent back (right first time; `returned` is the share of its
    work sent back), or the customers' satisfaction."""
    departments = world.departments
    rewarded_on = _rewarded_on(tuple(departments.measure))
    against = departments.capacity
    if "utilisation" in rewarded_on:
        against = np.where(rewarded_on["utilisation"], departments.effective_capacity, against)
    scores = departments.processed / np.maximum(1.0, against)
    if "right_first_time" in rewarded_on:
        scores = np.where(rewarded_on["right_first_time"], 1.0 - returned, scores)
    if "customer_outcome" in rewarded_on:
        scores = np.where(rewarded_on["customer_outcome"], satisfaction, scores)
    return clip(scores, 0.0, 1.0)


def update_morale(world: World, queued: np.ndarray, satisfaction: float) -> list[int]:
    """Morale drifts toward a target that workload, failure demand and rework pull down and
    a department's own number moves; after `LEAVE_AFTER` turns of low morale some people
    leave, taking capacity and training with them, and their places are filled only slowly
    (`REFILL`). Returns the departments people left."""
    departments = world.departments
    processed = departments.processed
    busy = np.maximum(1, processed)
    backlog = np.minimum(1.0, queued / np.maximum(1.0, departments.effective_capacity))
    failure = departments.failure_processed / busy  # none without work processed
    returned = departments.sent_back * (processed > 0) / busy  # share sent back, none if none
    departments.score = own_scores(world, satisfaction, returned)
    target = clip(
        MORALE_NEUTRAL
        + departments.morale_shift
        + MEASURE_PRIDE * (departments.score - 0.8)
        - STRESS_BACKLOG * backlog
        - STRESS_FAILURE * failure
        - STRESS_REWORK * np.minimum(1.0, returned),
        0.0,
        1.0,
    )
    departments.morale = clip(
        departments.morale + MORALE_STEP * (target - departments.morale), 0.0, 1.0
    )
    departments.capacity += REFILL * (departments.planned - departments.capacity)
    low = departments.morale < LEAVE_BELOW
    departments.low_turns = (departments.low_turns + 1) * low  # back to 0 once not low
    leaving = (departments.low_turns >= LEAVE_AFTER).nonzero()[0].tolist()
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
    step = SATISFACTION_STEP * (handed > 0)  # no step where nothing was handed over
    handoffs.satisfaction = handoffs.satisfaction + step * (felt - handoffs.satisfaction)
