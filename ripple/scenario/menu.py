"""The standard menu of interventions, offered when a scenario does not write its own.

It follows the habits of organisations that serve well: train and keep training, talk
with internal customers, recognise people, fix root causes, cut red tape, hire for
attitude, reward the right thing. Two items are tempting local optimisations that push
problems downstream: that temptation is the point of the game.

Every choice costs no more than the default budget of a turn, and every name is short
enough to show in full on the play screen at 1024x768.
"""

from __future__ import annotations

from ripple.scenario.model import Effects, Intervention

STANDARD_MENU: tuple[Intervention, ...] = (
    Intervention(
        id="train",
        name="Train the team",
        description="Skills training: fewer mistakes after two turns, fading unless refreshed.",
        cost=2,
        target="department",
        lag=2,
        fade=0.08,
        effects=Effects(quality=0.05, morale=0.05),
        log="{target} started training.",
    ),
    Intervention(
        id="talk",
        name="Talk it through",
        description="Two-way communication on a hand-off: fewer defects made, more caught early.",
        cost=1,
        target="handoff",
        lag=1,
        effects=Effects(communication=0.3),
        log="The two sides of {target} sat down together.",
    ),
    Intervention(
        id="thank",
        name="Recognise and thank",
        description="Say thank you for good work: morale rises.",
        cost=1,
        target="department",
        duration=4,
        effects=Effects(morale=0.15),
        log="{target} was thanked for its work.",
    ),
    Intervention(
        id="fix",
        name="Fix a root cause",
        description="Stop working around a recurring problem: slow to pay off, but it lasts.",
        cost=3,
        target="department",
        lag=3,
        effects=Effects(quality=0.08),
        log="{target} began fixing a root cause.",
    ),
    Intervention(
        id="red_tape",
        name="Cut red tape",
        description="A senior manager works the hand-off for a while: it gets faster.",
        cost=2,
        target="handoff",
        lag=1,
        duration=4,
        effects=Effects(lag=-1, communication=0.1),
        log="A senior manager is cutting red tape on {target}.",
    ),
    Intervention(
        id="hire",
        name="Hire for attitude",
        description="New people who care about the next person in line: more capacity, later.",
        cost=3,
        target="department",
        lag=4,
        effects=Effects(capacity=0.2, morale=0.05),
        log="{target} is hiring.",
    ),
    Intervention(
        id="reward",
        name="Reward right first time",
        description="Change a speed-only target into right-first-time: steadier, a bit slower.",
        cost=2,
        target="department",
        lag=1,
        effects=Effects(quality=0.04, morale=0.05, capacity=-0.05),
        log="{target} now rewards right first time.",
    ),
    Intervention(
        id="overtime",
        name="Push for throughput",
        description="Overtime and skipped checks: the queue shrinks now, defects go downstream.",
        cost=1,
        target="department",
        duration=3,
        effects=Effects(capacity=0.3, quality=-0.06, checks=-0.2, morale=-0.05),
        log="{target} is pushing for throughput.",
    ),
)
