"""The game's constants: how morale, communication and satisfaction move the numbers, where
the screen and the turn log draw their lines, and what the built-in players value.

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

INTERNAL_FAULT = 0.5
"""How far an internal customer's rating of a turn falls per share of items handed on with a
defect, and again per share that waited at the supplier. Both faults weigh alike, half each,
so a turn in which every item both waited and carried a defect rates 0, as a late and
defective delivery does for an external customer (`SCORE_LATE_AND_DEFECTIVE`)."""

DELIGHTED = 0.85
"""Satisfaction at or above which a customer segment with nothing late and no complaints this
turn shows as delighted rather than content. Just above the default starting satisfaction
(0.8), so a segment starts content and is delighted only once it has been served well: one
turn of everything on time and right lifts 0.8 to 0.87."""

CHURN_TOLD = 0.0005
"""Share of a segment's customers that must leave in one turn for the turn log to say so.
Below a twentieth of a percent the loss is too small for a room to act on, and would seldom
move the whole percent the line prints."""

CATCH_SILENT = 0.5
"""What a receiver's checks work with on a hand-off where nobody talks, in units of
communication: the catch chance is checks × (CATCH_SILENT + communication) / (CATCH_SILENT +
1), at most 1. Checks catch all they can at full communication and still a third of that when
nobody talks: knowing what to look for triples what checks find."""


def catch_chance(checks: np.ndarray, communication: np.ndarray) -> np.ndarray:
    """Chance that the receiving department catches a defect at a hand-off."""
    return np.clip(checks * (CATCH_SILENT + communication) / (CATCH_SILENT + 1.0), 0.0, 1.0)


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


# What the built-in players (ripple.engine.policies) value. Rough exchange rates between the
# effects of a choice, set by judgement so that each player plays its mindset plainly: they
# are not fitted, and docs/balance.md is measured with them.

SILO_MORALE = 0.25
"""What a point of morale is worth to the silo player, against a point of capacity: a
department minding only its own queue values morale just for the throughput it brings,
slowly and partly (`MORALE_ON_CAPACITY`)."""

CUSTOMER_QUALITY = 10.0
"""What a point of quality is worth to the customer-minded player, against a point of
checks, in defects prevented. Quality stops defects where they start, for every item, and
the menu moves it in steps of a few hundredths where checks move by tenths: ten to one puts
a step of each on a par."""

CUSTOMER_MORALE = 0.5
"""What a point of morale is worth to the customer-minded player against delay, against a
point of capacity: morale brings capacity (`MORALE_ON_CAPACITY`) and fewer defects too, so
it counts for more than it does to the silo player."""

CUSTOMER_TALK = 3.0
"""What a point of communication on a hand-off is worth to the customer-minded player, in
the supplier's defects prevented: talk lowers the defects the supplier makes
(`COMMUNICATION_ON_DEFECTS`) and raises what the receiver catches (`CATCH_SILENT`), so
it counts several times its size."""

CUSTOMER_CONTENT = 0.5
"""The worth of fixing a hand-off is the harm it prevents times (CUSTOMER_CONTENT + the
internal customer's unhappiness, 0 to 1): a fix where the customer is wholly satisfied still
counts half the harm it prevents, one where the customer is wholly unhappy one and a half
times, so unhappiness can triple a fix's worth."""
