"""The checks of a guided game's steps: each points at something on the play screen, and a
step that asks for a choice names an intervention on offer that can be aimed there.

`check_meaning` in `ripple.scenario.check` calls `check_tutorial`.
"""

from __future__ import annotations

from ripple.scenario.check_parts import Parts, Report, after_the_end, check_handoff
from ripple.scenario.model import SCREEN_PARTS, TutorialStep, parse_handoff
from ripple.scenario.spelling import did_you_mean
from ripple.scenario.yamlsafe import Location


def check_tutorial(parts: Parts, report: Report) -> None:
    """Each step points at something on the screen, and asks for a choice on the menu."""
    for index, step in parts.tutorial:
        here = ("tutorial", index)
        kind = None
        if step.point_at is not None:
            kind = _point_at(report, (*here, "point_at"), step.point_at, parts)
        if step.until == "inspect" and kind == "screen":
            report.error(
                (*here, "point_at"),
                f"{report.name(here)}: until: inspect needs a department, a hand-off or a "
                f"customer to inspect, but '{step.point_at}' is a part of the screen",
            )
        elif step.until == "choose" and step.intervention is not None:
            _check_choice(report, here, step, kind, parts)
        elif step.until == "turn" and step.turn is not None:
            after_the_end(report, (*here, "turn"), step.turn, parts.turns)


def _point_at(report: Report, location: Location, text: str, parts: Parts) -> str | None:
    """What `text` names: 'department', 'customer', 'handoff' or 'screen'; None (and an
    error) when it names nothing."""
    if text in parts.department_ids:
        return "department"
    if text in parts.customer_ids:
        return "customer"
    if text in SCREEN_PARTS:
        return "screen"
    pair = parse_handoff(text)
    if pair is not None:
        if pair in parts.handoffs:
            return "handoff"
        check_handoff(report, location, text, parts)
        return None
    known = parts.department_ids | parts.customer_ids | set(SCREEN_PARTS)
    report.error(
        location,
        f"{report.name(location)} is '{text}', which is not a department, a customer, a "
        f"hand-off 'a -> b' or a part of the screen ({', '.join(SCREEN_PARTS)})"
        + did_you_mean(text, known),
    )
    return None


def _check_choice(
    report: Report, here: Location, step: TutorialStep, kind: str | None, parts: Parts
) -> None:
    """The intervention a step asks for is on the menu and can be aimed at `point_at`."""
    name = step.intervention or ""
    where = (*here, "intervention")
    if name not in parts.intervention_ids:
        report.error(
            where,
            f"{report.name(where)} is '{name}', which is not an intervention on offer"
            + did_you_mean(name, parts.intervention_ids),
        )
        return
    intervention = parts.menu.get(name)
    if intervention is None or kind not in ("department", "handoff", "customer"):
        return
    aim = (*here, "point_at")
    target = step.point_at or ""
    if intervention.target == "everyone":
        report.error(
            aim,
            f"{report.name(here)}: '{name}' is for everyone and takes no aim; point at "
            f"'menu' rather than '{target}'",
        )
    elif kind != intervention.target:
        wanted = "a department" if intervention.target == "department" else "a hand-off"
        report.error(
            aim,
            f"{report.name(here)}: '{name}' is aimed at {wanted}, but '{target}' is a "
            f"{'hand-off' if kind == 'handoff' else kind}",
        )
    elif intervention.only is not None and _aim(target) not in map(_aim, intervention.only):
        listed = ", ".join(f"'{entry}'" for entry in intervention.only)
        report.error(
            aim, f"{report.name(here)}: '{name}' can only be aimed at {listed}, not '{target}'"
        )


def _aim(text: str) -> str | tuple[str, str]:
    """A department id, or a hand-off as its pair of ids (however it is spaced)."""
    return parse_handoff(text) or text.strip()
