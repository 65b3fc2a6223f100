"""Where departments go on screen: from where demand enters (left) to where customers are
served (right), or where the scenario puts them."""

from __future__ import annotations

from ripple.scenario.model import Scenario
from ripple.scenario.organisation import Organisation


def _columns(organisation: Organisation, entries: list[str]) -> dict[str, int]:
    """Each department's column: the longest chain of hand-offs from an entry to it,
    ignoring the hand-offs that close a loop (so rework loops point back left)."""
    forward: list[tuple[str, str]] = []
    seen: set[str] = set()
    on_path: set[str] = set()

    def visit(department: str) -> None:
        stack = [(department, iter(organisation.customers_of(department)))]
        seen.add(department)
        on_path.add(department)
        while stack:
            node, following = stack[-1]
            step = next(following, None)
            if step is None:
                on_path.discard(node)
                stack.pop()
                continue
            if step in on_path:
                continue
            forward.append((node, step))
            if step not in seen:
                seen.add(step)
                on_path.add(step)
                stack.append((step, iter(organisation.customers_of(step))))

    for start in [*entries, *organisation.departments]:
        if start not in seen:
            visit(start)
    column = dict.fromkeys(organisation.departments, 0)
    for _ in range(len(organisation.departments)):
        changed = False
        for supplier, customer in forward:
            if column[customer] < column[supplier] + 1:
                column[customer] = column[supplier] + 1
                changed = True
        if not changed:
            break
    return column


def graph_positions(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Each department's position, both coordinates from 0 to 1.

    Columns follow the longest chain of hand-offs from where demand enters; within a
    column, departments sit near the average height of their suppliers. Departments with
    no hand-offs at all go in the last column. `position` in the scenario overrides this.
    """
    organisation = Organisation(scenario)
    entries = sorted({c.enters_at for c in scenario.customers} & set(organisation.departments))
    column = _columns(organisation, entries)
    linked = {d for d in organisation.departments if organisation.customers_of(d)}
    linked |= {c for d in organisation.departments for c in organisation.customers_of(d)}
    loose = [d for d in organisation.departments if d not in linked]
    columns = max((column[d] for d in linked), default=0) + 1
    order = {d.id: i for i, d in enumerate(scenario.departments)}
    suppliers: dict[str, list[str]] = {d: [] for d in organisation.departments}
    for department in organisation.departments:
        for customer in organisation.customers_of(department):
            suppliers[customer].append(department)
    positions: dict[str, tuple[float, float]] = {}
    for index in range(columns):
        members = [d for d in organisation.departments if column[d] == index and d in linked]

        def height(department: str) -> float:
            above = [positions[s][1] for s in suppliers[department] if s in positions]
            return sum(above) / len(above) if above else order[department] / 100

        members.sort(key=lambda d: (height(d), order[d]))
        for row, department in enumerate(members):
            x = index / (columns - 1) if columns > 1 else 0.5
            y = row / (len(members) - 1) if len(members) > 1 else 0.5
            positions[department] = (x, y)
    for row, department in enumerate(sorted(loose, key=order.__getitem__)):
        positions[department] = (0.5, row / (len(loose) - 1) if len(loose) > 1 else 0.5)
    for department in scenario.departments:
        if department.position is not None:
            x, y = department.position
            positions[department.id] = (min(1.0, max(0.0, x)), min(1.0, max(0.0, y)))
    return positions
