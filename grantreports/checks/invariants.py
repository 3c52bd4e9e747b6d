"""What must hold between the figures of one report before it is written: tables that show the same
count agree, parts add up to their totals. A broken invariant names the figure and both values; the
report is then not made (render/report.py), never written with tables that contradict each other."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from grantreports.figures.context import BudgetLineExecution, ReportContext


class InconsistentReport(Exception):
    """The report's figures contradict each other; `broken` says which, one line each."""

    def __init__(self, broken: list[str]):
        super().__init__("figures that do not agree: " + "; ".join(broken))
        self.broken = broken


def check_invariants(context: ReportContext) -> None:
    broken = broken_invariants(context)
    if broken:
        raise InconsistentReport(broken)


def broken_invariants(context: ReportContext) -> list[str]:
    """Every invariant the report breaks, as 'figure: value ≠ value (what it should equal)'."""
    return [
        *_participation(context),
        *_events(context),
        *_plan(context),
        *_indicators(context),
        *_budget(context),
        *_beneficiaries(context),
        *_financing(context),
    ]


def _differ(name: str, value: object, expected: object, expected_name: str) -> list[str]:
    return [] if value == expected else [f"{name} is {value}, but {expected_name} is {expected}"]


def _participation(c: ReportContext) -> Iterable[str]:
    total = c.target_groups_total
    in_period = sum(a.participants for a in c.activities)
    yield from _differ(
        "participants in the period (target groups total)", total.participants_in_period, in_period, "the activity rows' sum"
    )
    yield from _differ(
        "participants in the period (sum of target groups)",
        sum(g.participants_in_period for g in c.target_groups),
        in_period,
        "the rows' sum",
    )
    yield from _differ("participants in the period (sum of events)", sum(e.participants for e in c.events), in_period, "the rows' sum")
    yield from _differ(
        "participants in the period (sum of organisations)",
        sum(o.participants_in_period for o in c.organisations),
        in_period,
        "the rows' sum",
    )
    to_date = total.participants_to_date
    yield from _differ(
        "participants to date (sum of target groups)", sum(g.participants_to_date for g in c.target_groups), to_date, "the total row"
    )
    yield from _differ(
        "participants to date (sum of organisations)", sum(o.participants_to_date for o in c.organisations), to_date, "the total row"
    )
    monthly = c.participants_by_month
    yield from _differ("participants to date (the monthly chart)", sum(map(sum, monthly.counts)), to_date, "the target groups' total")


def _events(c: ReportContext) -> Iterable[str]:
    count = len(c.events)
    yield from _differ("events in the period (target groups total)", c.target_groups_total.events_in_period, count, "the events listed")
    for line in [*c.target_groups, *c.organisations]:
        if line.events_in_period > count:
            yield f"events in the period of '{line.name}' is {line.events_in_period}, more than the {count} events of the period"


def _plan(c: ReportContext) -> Iterable[str]:
    """With a plan, every activity row has a planned code (inputs/validation.py), so the plan's lines add up to the whole."""
    if not c.activity_plan:
        return
    yield from _differ(
        "events in the period (activity plan)", sum(p.events_in_period for p in c.activity_plan), len(c.events), "the events listed"
    )
    yield from _differ(
        "participants in the period (activity plan)",
        sum(p.participants_in_period for p in c.activity_plan),
        c.target_groups_total.participants_in_period,
        "the target groups' total",
    )
    yield from _differ(
        "participants to date (activity plan)",
        sum(p.participants_to_date for p in c.activity_plan),
        c.target_groups_total.participants_to_date,
        "the target groups' total",
    )


def _indicators(c: ReportContext) -> Iterable[str]:
    """An indicator counting one planned activity, all its target groups, shows what the plan's line shows."""
    plan = {p.code: p for p in c.activity_plan}
    for indicator in c.indicators:
        if indicator.measure == "manual" or indicator.target_group or len(indicator.activity_codes) != 1:
            continue
        line = plan.get(indicator.activity_codes[0])
        if line is None:
            continue
        kind = "participants" if indicator.measure == "participants" else "events"
        for when in ("in_period", "to_date"):
            yield from _differ(
                f"indicator {indicator.code} achieved {when.replace('_', ' ')}",
                getattr(indicator, f"achieved_{when}"),
                Decimal(getattr(line, f"{kind}_{when}")),
                f"activity {line.code}'s {kind} {when.replace('_', ' ')}",
            )


AMOUNTS = ("approved", "spent_in_period", "spent_to_date")


def _budget(c: ReportContext) -> Iterable[str]:
    for name in AMOUNTS:
        yield from _differ(
            f"budget total {name.replace('_', ' ')}", getattr(c.budget_total, name), _sum(c.budget, name), "the sum of the lines"
        )
    for line in [*c.budget, c.budget_total]:
        label = f"budget line {line.code}" if line.code else "budget total"
        if line.code and line.flat_rate is None:
            listed = sum((e.amount for e in line.expenses), Decimal(0))
            yield from _differ(f"{label} spent in the period", line.spent_in_period, listed, "the sum of its expenses listed")
        yield from _differ(f"{label} remaining", line.remaining, line.approved - line.spent_to_date, "approved − spent to date")
        yield from _differ(f"{label} variance", line.variance, line.spent_to_date - line.approved, "spent to date − approved")
        if line.spent_in_period > line.spent_to_date:
            yield f"{label} spent in the period ({line.spent_in_period}) is more than spent to date ({line.spent_to_date})"


def _sum(lines: list[BudgetLineExecution], name: str) -> Decimal:
    return sum((getattr(line, name) for line in lines), Decimal(0))


def _beneficiaries(c: ReportContext) -> Iterable[str]:
    """The statements per beneficiary split the budget's lines: line by line they add up to it."""
    for index, line in enumerate(c.budget):
        for name in ("spent_in_period", "spent_to_date"):
            split = sum((getattr(b.lines[index], name) for b in c.beneficiaries), Decimal(0))
            yield from _differ(
                f"budget line {line.code} {name.replace('_', ' ')} (sum of beneficiaries)", split, getattr(line, name), "the budget table"
            )


def _financing(c: ReportContext) -> Iterable[str]:
    if not c.financing:
        return
    for name in ("spent_in_period", "spent_to_date"):
        split = sum((getattr(f, name) for f in c.financing), Decimal(0))
        yield from _differ(
            f"{name.replace('_', ' ')} (sum of the sources of financing)", split, getattr(c.budget_total, name), "the budget total"
        )
