"""The game's constants: how morale, communication and satisfaction move the numbers.

They live in one place so the rules can be read (and tuned) at a glance; docs/scenarios.md
explains them in players' words. The functions work on numbers and on numpy arrays alike.
"""

import numpy as np

MORALE_NEUTRAL = 0.7
"""Morale at which a department works exactly at its stated capacity and quality."""

MORALE_STEP = 0.2
"""Share of the distance to its target that morale moves each turn."""

MORALE_ON_CAPACITY = 0.4
"""Capacity changes by this share per unit of morale above or below neutral."""

MORALE_ON_DEFECTS = 1.5
"""Defect chance grows by this share per unit of morale below neutral (and shrinks above)."""

STRESS_BACKLOG = 0.25
"""How far a full turn's backlog pulls the morale target down."""

STRESS_FAILURE = 0.2
"""How far doing only failure demand (complaints) pulls the morale target down."""

STRESS_REWORK = 0.15
"""How far having all of one's work sent back pulls the morale target down."""

COMMUNICATION_NEUTRAL = 0.5
"""Communication on a hand-off at which defects are made at the supplier's own rate."""

COMMUNICATION_ON_DEFECTS = 0.5
"""Defect chance shrinks by this share per unit of communication above neutral."""

SATISFACTION_STEP = 0.35
"""Share of the distance to this turn's experience that satisfaction moves each turn."""

SCORE_LATE = 0.5
"""How a late but right delivery feels, where on time and right is 1."""

SCORE_DEFECTIVE = 0.25
"""How an on-time but defective delivery feels."""

SCORE_LATE_AND_DEFECTIVE = 0.0
"""How a late and defective delivery feels (and a cancelled one)."""

COMPLAINT_PROMISE = 2
"""Turns within which a complaint should be answered."""

INTERNAL_SATISFACTION_START = 0.8
"""Internal customer satisfaction on every hand-off before any work crossed it."""


def catch_chance(checks: np.ndarray, communication: np.ndarray) -> np.ndarray:
    """Chance that the receiving department catches a defect at a hand-off."""
    return np.clip(checks * (0.5 + communication) / 1.5, 0.0, 1.0)


def own_defect_chance(quality: np.ndarray, morale: np.ndarray) -> np.ndarray:
    """Chance that a department adds a defect to an item, before the hand-off's talk factor."""
    morale_factor = np.maximum(0.0, 1.0 + MORALE_ON_DEFECTS * (MORALE_NEUTRAL - morale))
    return np.clip((1.0 - quality) * morale_factor, 0.0, 1.0)


def talk_factor(communication: np.ndarray) -> np.ndarray:
    """How a hand-off's communication scales the defects its supplier makes."""
    return np.maximum(0.0, 1.0 - COMMUNICATION_ON_DEFECTS * (communication - COMMUNICATION_NEUTRAL))


def morale_capacity_factor(morale: np.ndarray) -> np.ndarray:
    """Capacity multiplier for a department's morale."""
    return np.maximum(0.0, 1.0 + MORALE_ON_CAPACITY * (morale - MORALE_NEUTRAL))
