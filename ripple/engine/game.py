"""The game: a scenario, a seed and a sequence of decisions, played one turn at a time.

`Game(scenario, seed)` sets up; `play_turn(decisions)` resolves one turn and returns its
report; `snapshot()` freezes the organisation for drawing; `rewind(turn)` goes back to
the end of an earlier turn so play can go on differently; `play_recorded` plays the turns
of a record again (`ripple.engine.replay` builds a whole game from one). The same
scenario, seed and decisions always give the same game, bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence

from ripple.engine import trace
from ripple.engine.acts import begin_fixes, start_acts
from ripple.engine.customers import admit, react
from ripple.engine.events import due_events, start_event
from ripple.engine.flow import arrive, cancel_overdue, process
from ripple.engine.interventions import Decision, DecisionError, Menu
from ripple.engine.money import account
from ripple.engine.narrate import leavers, narrate
from ripple.engine.people import rate_handoffs, refresh, update_morale
from ripple.engine.rules import BUDGET_DOWN, BUDGET_UP
from ripple.engine.snapshot import Snapshot, TurnReport, take_snapshot
from ripple.engine.state import SECTIONS, Counters, World, build_world
from ripple.engine.voices import hear, trace_finds
from ripple.scenario.menu import STANDARD_MENU
from ripple.scenario.model import Scenario, handoff_key


def _sections(log: list[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A turn's log by part, in the order told, each part with its lines."""
    parts: dict[str, list[str]] = {}
    for part, line in log:
        parts.setdefault(part, []).append(line)
    return tuple((section, tuple(parts[section])) for section in SECTIONS if section in parts)


def _churned(world: World, remaining: list[float]) -> dict[str, float]:
    """Per segment, the share of its customers who left this turn (`remaining`: before)."""
    return {
        s.spec.id: before - s.remaining for s, before in zip(world.segments, remaining, strict=True)
    }


class GameOver(RuntimeError):
    """Raised when a turn is played after the last one."""


class Game:
    """One game of a scenario."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        *,
        turns: int | None = None,
        keep_snapshots: bool = True,
        told: bool = True,
        budget: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.turns = turns if turns is not None else scenario.turns
        self.keep_snapshots = keep_snapshots
        self.told = told
        """False: turns are played for their numbers only and their reports carry no log (many
        games played to be summed up, where nobody reads one)."""
        self._budget = scenario.budget if budget is None else budget
        menu = scenario.interventions if scenario.interventions is not None else STANDARD_MENU
        self.events = {e.id: e for e in scenario.events}
        departments = {d.id: d.name for d in sorted(scenario.departments, key=lambda d: d.id)}
        handoffs = sorted(handoff_key(d.supplier, d.customer) for d in scenario.dependencies)
        self.menu = Menu(tuple(menu), departments, handoffs)
        weights = [c.demand for c in scenario.customers]
        if sum(weights) <= 0:
            weights = [1.0] * len(weights)
        self._weights = (weights, sum(weights))
        """How much each segment counts in `satisfaction`: its demand (all alike without any)."""
        self._begin()

    def _begin(self) -> None:
        self._world: World = build_world(self.scenario, self.seed)
        self.turn = 0
        self.reports: list[TurnReport] = []
        self.decisions: list[tuple[Decision, ...]] = []
        self.injected: list[tuple[str, ...]] = []
        self._bonus = 0
        refresh(self._world, 1)
        self._snapshots: list[Snapshot] = [self._freeze(None)] if self.keep_snapshots else []
        self._latest: Snapshot | None = None
        """The latest turn's snapshot when they are not kept, once one was asked for."""

    @property
    def over(self) -> bool:
        """True once every turn has been played."""
        return self.turn >= self.turns

    @property
    def budget(self) -> int:
        """What may be spent on the next turn (unspent budget does not carry over): the
        scenario's budget, or the budget the game was set up with (teams sharing one
        organisation each bring their own), one more or less when the scenario's budget
        follows results."""
        return self._budget + self._bonus

    def play_turn(
        self, decisions: Sequence[Decision] = (), inject: Sequence[str] = ()
    ) -> TurnReport:
        """Resolve the next turn with these decisions (and events a facilitator injects)."""
        if self.over:
            raise GameOver(f"the game has {self.turns} turns and all have been played")
        chosen = tuple(decisions)
        self.menu.check(list(chosen), self.budget)
        unknown = [e for e in inject if e not in self.events]
        if unknown:
            raise DecisionError(f"no event called '{unknown[0]}' in this scenario")
        turn = self.turn + 1
        world = self._world
        self._clear_turn(world)
        for decision in chosen:
            effects = self.menu.effects(decision, turn)
            world.effects.extend(effects)
            world.log.append(("decisions", self._decided(decision)))
            world.log.extend(("decisions", line) for line in begin_fixes(world, effects))
        for event in due_events(world, self.scenario.events, turn):
            start_event(world, event, turn)
        for event_id in inject:
            start_event(world, self.events[event_id], turn)
        found = start_acts(world, turn)
        refresh(world, turn)
        arrive(world, turn)
        process(world, turn)
        cancel_overdue(world, turn)
        remaining = [s.remaining for s in world.segments]
        react(world)
        admit(world, turn)
        queued = world.queued()
        satisfaction = self.satisfaction()
        leaving = update_morale(world, queued, satisfaction)
        rate_handoffs(world)
        words = self.scenario.item
        if self.told:  # told before anything below comes to light
            customers, work = narrate(world, turn, words, queued, _churned(world, remaining))
        said = hear(world, turn, words)
        world.ripples += world.turn_ripples
        found += trace_finds(world, turn, words)
        if self.told:
            for section, lines in (
                ("customers", customers),
                ("voices", said),
                ("people", leavers(world, leaving)),
                ("found", found),
                ("work", work),
            ):
                world.log.extend((section, line) for line in lines)
        account(world, self.scenario.costs)
        world.work.compact()
        report = self._report(world, turn, satisfaction)
        self.turn = turn
        self.reports.append(report)
        self.decisions.append(chosen)
        self.injected.append(tuple(inject))
        self._bonus = self._next_bonus(satisfaction)
        if self.keep_snapshots:
            self._snapshots.append(self._freeze(report))
        return report

    def _decided(self, decision: Decision) -> str:
        """The log's line for a decision."""
        intervention = self.menu.interventions[decision.intervention]
        template = intervention.log or "{target}: " + intervention.name + "."
        return template.format(target=self.menu.target_name(decision.target))

    def _next_bonus(self, satisfaction: float) -> int:
        """What results add to (or take from) the next turn's budget."""
        if not self.scenario.budget_follows_results:
            return 0
        if satisfaction >= BUDGET_UP:
            return 1
        if satisfaction < BUDGET_DOWN and self._budget > 1:
            return -1
        return 0

    def _clear_turn(self, world: World) -> None:
        world.log = []
        world.departments.problems.fade_relief()
        world.turn_ripples.fill(0.0)
        world.turn_counts = Counters()
        world.departments.new_turn()
        world.handoffs.new_turn()
        for segment in world.segments:
            segment.new_turn()

    def _report(self, world: World, turn: int, satisfaction: float) -> TurnReport:
        counts = world.turn_counts
        world.totals.add(counts)
        return TurnReport(
            turn=turn,
            created=counts.created,
            completed=counts.completed,
            scrapped=counts.scrapped,
            wip=world.work_in_progress(),
            on_time=counts.on_time,
            late=counts.late,
            defective=counts.defective,
            complaints=sum(s.complaints for s in world.segments),
            satisfaction=satisfaction,
            lead_time_sum=counts.lead_time_sum,
            log=tuple(line for _, line in world.log) if self.told else (),
            sections=_sections(world.log) if self.told else (),
        )

    def satisfaction(self) -> float:
        """External satisfaction now: the segments' satisfaction weighted by their demand."""
        segments = self._world.segments
        weights, weight = self._weights
        return sum(w * s.satisfaction for w, s in zip(weights, segments, strict=True)) / weight

    def kept(self) -> list[float]:
        """Each customer segment's share of its customers still with the organisation, in
        the scenario's order (what the snapshot's customers say, without making one)."""
        return [s.remaining for s in self._world.segments]

    def finished(self) -> dict[str, tuple[int, float]]:
        """Per department: the work it has finished so far and its capacity now (what the
        snapshot's departments say, without making one)."""
        d = self._world.departments
        done = (d.total_processed + d.processed).tolist()
        return dict(zip(d.ids, zip(done, d.capacity.tolist(), strict=True), strict=True))

    def _freeze(self, report: TurnReport | None) -> Snapshot:
        return take_snapshot(self._world, self.turn, self.turns, self.budget, report)

    def snapshot(self, turn: int | None = None) -> Snapshot:
        """The organisation after `turn` (default: the latest), frozen."""
        if turn is None or turn == self.turn:
            if len(self._snapshots) > self.turn:
                return self._snapshots[self.turn]
            if self._latest is None or self._latest.turn != self.turn:
                self._latest = self._freeze(self.reports[-1] if self.reports else None)
            return self._latest
        if not 0 <= turn < len(self._snapshots):
            raise IndexError(f"no snapshot kept for turn {turn}")
        return self._snapshots[turn]

    def rewind(self, turn: int) -> None:
        """Go back to the end of `turn` (0: the start), forgetting the decisions after it."""
        if not 0 <= turn <= self.turn:
            raise ValueError(f"can only rewind to a turn from 0 to {self.turn}")
        # The world cannot be wound back, so set up afresh and play the kept turns again.
        decisions, injected = self.decisions[:turn], self.injected[:turn]
        self._begin()
        self.play_recorded(decisions, injected)

    def play_recorded(
        self,
        decisions: Sequence[Sequence[Decision]],
        injected: Sequence[Sequence[str]] = (),
    ) -> None:
        """Play on from a record of the game from its first turn: each turn not played yet
        with its recorded decisions and the events injected on it (none once `injected` runs
        out), until the record or the game ends.

        Raises DecisionError, naming the turn, when a recorded turn does not fit the scenario
        (the scenario was changed after the game was played).
        """
        while not self.over and self.turn < len(decisions):
            turn = self.turn
            inject = injected[turn] if turn < len(injected) else ()
            try:
                self.play_turn(decisions[turn], inject)
            except DecisionError as error:
                raise DecisionError(f"turn {turn + 1}: {error}") from error

    def ripples(
        self,
        *,
        customer: str | None = None,
        department: str | None = None,
        this_turn: bool = False,
    ) -> list[trace.Ripple]:
        """The ripple trace: harm by root-cause department and customer, biggest first."""
        return trace.ripples(
            self._world, customer=customer, department=department, this_turn=this_turn
        )

    def attribution(self) -> dict[tuple[str, str], float]:
        """Weight of harm per (department, kind): late, defective or lost."""
        return trace.attribution(self._world)

    def totals(self) -> dict[str, int | float]:
        """The game so far, under the names of the JSON output's `totals`."""
        totals = self._world.totals
        return {
            "created": totals.created,
            "completed": totals.completed,
            "scrapped": totals.scrapped,
            "wip": self._world.work_in_progress(),
            "on_time": totals.on_time,
            "late": totals.late,
            "defective": totals.defective,
            "mean_lead_time": round(totals.lead_time_sum / totals.completed, 6)
            if totals.completed
            else 0.0,
            "satisfaction": round(self.satisfaction(), 6),
        }
