"""The game's constants: how morale, communication and satisfaction move the numbers, where
the screen and the turn log draw their lines, and what the built-in players value.

They live in one place so the rules can be read (and tuned) at a glance; docs/scenarios.md
explains them in players' words. The functions work on numbers and on numpy arrays alike.
"""

import numpy as np

from ripple.engine.ufuncs import clip

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

INTERNAL_DEFECT = 0.8
"""How far an internal customer's rating of a turn falls per share of items it received with
a defect (whether it caught them and sent them back, or had to work around them)."""

INTERNAL_WAIT = 0.2
"""How far the rating falls per share of items that waited at the supplier. Waiting weighs a
quarter of a defect: a late file can still be worked, a wrong one has to be done twice, so
an internal customer minds defects and rework most, and a supplier who pushes work on fast
and wrong is rated low however quick it is."""

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
    return clip(checks * (CATCH_SILENT + communication) / (CATCH_SILENT + 1.0), 0.0, 1.0)


def own_defect_chance(quality: np.ndarray, morale: np.ndarray) -> np.ndarray:
    """Chance that a department adds a defect to an item, before the hand-off's talk factor."""
    morale_factor = np.maximum(0.0, 1.0 + MORALE_ON_DEFECTS * (MORALE_NEUTRAL - morale))
    return clip((1.0 - quality) * morale_factor, 0.0, 1.0)


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

SILO_QUALITY = 10.0
"""What a point of quality is worth to a silo department rewarded on right first time,
against relief from firefighting: a step of quality (a few hundredths) is on a par with a
tenth of relief."""

CUSTOMER_REWORK = 2.0
"""What a defect prevented is worth to the customer-minded player, in items spared: the item
itself, and again the rework, complaints and waiting it sets off downstream."""

CUSTOMER_HIDDEN = 0.5
"""What the customer-minded player expects from asking about defects nothing known explains:
half of them down to a problem it can then fix, the rest to skill."""


# Recurring problems, firefighting and diminishing returns.

DEFAULT_PROBLEM_SHARE = 0.5
"""Share of a department's defects that its one default recurring problem makes, when the
scenario names none: the other half is skill, which training can reach."""

RELIEF_KEEP = 0.5
"""Share of firefighting's relief that is left a turn later: the symptom comes back, because
the problem is still there."""

TRACE_FINDS = 25.0
"""Weight of harm to external customers, traced back to a department, that brings one of its
hidden problems to light: the complaints pile up until somebody follows them home."""

GAIN_CAPS = {
    "capacity": 0.5,
    "quality": 0.08,
    "checks": 0.3,
    "morale": 0.3,
    "communication": 0.8,
}
"""The most a field can gain from effects stacked on one target: each more of the same
brings less (`diminishing`), so nothing stacks without limit. Losses count in full."""


def diminishing(total: np.ndarray | float, cap: float) -> np.ndarray:
    """What a stacked gain is worth: about the sum while it is small, never more than `cap`.
    Losses (negative sums) are kept as they are."""
    gain = cap * (1.0 - np.exp(-np.maximum(total, 0.0) / cap))
    return np.where(np.asarray(total) > 0, gain, total)


# What departments are rewarded on.

MEASURE_WORK = {
    "throughput": (1.1, 1.3, 0.8),
    "handle_time": (1.15, 1.4, 0.7),
    "utilisation": (1.05, 1.15, 0.9),
    "right_first_time": (0.95, 0.75, 1.2),
    "customer_outcome": (1.0, 0.8, 1.1),
}
"""How each measure shapes the way a department works: (capacity, defect chance, checks)
multipliers. Rewarded on its own speed, a team rushes and waves work through; rewarded on
right first time or on the customer's outcome, it slows a little and gets it right. A
scenario's numbers describe a department under the measure it states, so only a change of
measure moves them, by the ratio of the new multipliers to the stated ones."""

MEASURE_PRIDE = 0.15
"""How far a department's own score (0 to 1, see `people.own_scores`) above or below 0.8
pulls its morale target: people feel what they are rewarded on."""

# People.

LEAVE_BELOW = 0.4
"""Morale under which people start looking for another job."""

LEAVE_AFTER = 3
"""Turns in a row under `LEAVE_BELOW` after which some of a department's people leave."""

LEAVE_SHARE = 0.12
"""Share of a department's people (its capacity, and the training they carried) that leave
at once."""

REFILL = 0.1
"""Share of the empty places (capacity under plan) filled each turn: hiring takes time, so a
department that lost people is short for many turns."""

# Money and the budget.

BUDGET_UP = 0.85
"""External satisfaction at or above which a scenario whose budget follows results gives one
more to spend next turn."""

BUDGET_DOWN = 0.65
"""External satisfaction under which it gives one less (never less than one)."""
