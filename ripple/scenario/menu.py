"""The standard menu of interventions, offered when a scenario does not write its own.

It follows the habits of organisations that serve well: ask internal customers what they
need (talk, survey), go and see (visit), fix root causes once they are known, train,
recognise people, hire for attitude, reward the right thing. Two items are tempting: a
rework blitz relieves the symptoms of a problem it leaves in place, and pushing for
throughput shrinks one queue by sending defects downstream.

Every choice costs no more than the default budget of a turn, and every name is short
enough to show in full on the play screen at 1024x768.
"""

from __future__ import annotations

from ripple.scenario.model import Effects, Intervention

STANDARD_MENU: tuple[Intervention, ...] = (
    Intervention(
        id="talk",
        name="Talk it through",
        description="Ask the internal customer what it needs: for three turns it says what "
        "went wrong and names the cause; defects fall and more are caught.",
        cost=1,
        target="handoff",
        fade=0.1,
        effects=Effects(communication=0.3, listen=3),
        log="The two sides of {target} sat down together.",
    ),
    Intervention(
        id="survey",
        name="Survey internal customers",
        description="Every internal customer rates its supplier this turn and says what "
        "went wrong.",
        cost=1,
        target="everyone",
        duration=1,
        effects=Effects(listen=1),
        log="Every internal customer was asked to rate the service it gets.",
    ),
    Intervention(
        id="visit",
        name="Visit the front line",
        description="A senior manager works a shift there: every hidden problem comes to light.",
        cost=1,
        target="department",
        duration=1,
        effects=Effects(discover=True, morale=0.05),
        log="A senior manager spent a shift at {target}.",
    ),
    Intervention(
        id="fix",
        name="Fix a root cause",
        description="Fix the worst known problem for good, in two turns. Needs a known problem.",
        cost=2,
        target="department",
        lag=2,
        duration=1,
        effects=Effects(fix=True),
        log="{target} set out to fix a root cause.",
    ),
    Intervention(
        id="train",
        name="Train the team",
        description="Skills training: fewer slips after two turns, fading unless refreshed. "
        "It cannot fix a broken process.",
        cost=2,
        target="department",
        lag=2,
        fade=0.08,
        effects=Effects(quality=0.04, morale=0.05),
        log="{target} started training.",
    ),
    Intervention(
        id="thank",
        name="Recognise and thank",
        description="Say thank you for good work: morale rises for four turns, and people stay.",
        cost=1,
        target="department",
        duration=4,
        effects=Effects(morale=0.15),
        log="{target} was thanked for its work.",
    ),
    Intervention(
        id="hire",
        name="Hire for attitude",
        description="New people who care about the next person in line: more capacity in "
        "three turns.",
        cost=2,
        target="department",
        lag=3,
        effects=Effects(capacity=0.2, morale=0.05),
        log="{target} is hiring.",
    ),
    Intervention(
        id="reward",
        name="Reward right first time",
        description="Reward the department on right first time instead of its own speed.",
        cost=2,
        target="department",
        duration=1,
        effects=Effects(measure="right_first_time", morale=0.05),
        log="{target} is now rewarded on right first time.",
    ),
    Intervention(
        id="blitz",
        name="Rework blitz",
        description="Everyone chases this turn's errors: fewer defects now, but the "
        "problems behind them come back.",
        cost=1,
        target="department",
        duration=1,
        effects=Effects(relief=0.8, morale=-0.05),
        log="{target} ran a rework blitz.",
    ),
    Intervention(
        id="overtime",
        name="Push for throughput",
        description="Overtime and skipped checks: the queue shrinks now, defects go downstream.",
        cost=1,
        target="department",
        duration=3,
        effects=Effects(capacity=0.3, quality=-0.06, checks=-0.2, morale=-0.08),
        log="{target} is pushing for throughput.",
    ),
)
