"""What must hold between the figures of one report before it is written: tables that show the same
count agree, parts add up to their totals. A broken invariant names the figure and both values; the
report is then not made (render/report.py), never written with tables that contradict each other."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from grantreports.common.i18n import tr
from grantreports.figures.context import BudgetLineExecution, ReportContext


class InconsistentReport(Exception):
    """The report's figures contradict each other; `broken` says which, one line each."""

    def __init__(self, broken: list[str]):
        super().__init__(tr("figures that do not agree: {figures}").format(figures="; ".join(broken)))
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
    if value == expected:
        return []
    return [
        tr("{name} is {value}, but {expected_name} is {expected}").format(
            name=name, value=value, expected_name=expected_name, expected=expected
        )
    ]


def _participation(c: ReportContext) -> Iterable[str]:
    total = c.target_groups_total
    in_period = sum(a.participants for a in c.activities)
    yield from _differ(
        tr("participants in the period (target groups total)"), total.participants_in_period, in_period, tr("the activity rows' sum")
    )
    yield from _differ(
        tr("participants in the period (sum of target groups)"),
        sum(g.participants_in_period for g in c.target_groups),
        in_period,
        tr("the rows' sum"),
    )
    yield from _differ(
        tr("participants in the period (sum of events)"), sum(e.participants for e in c.events), in_period, tr("the rows' sum")
    )
    yield from _differ(
        tr("participants in the period (sum of organisations)"),
        sum(o.participants_in_period for o in c.organisations),
        in_period,
        tr("the rows' sum"),
    )
    to_date = total.participants_to_date
    yield from _differ(
        tr("participants to date (sum of target groups)"),
        sum(g.participants_to_date for g in c.target_groups),
        to_date,
        tr("the total row"),
    )
    yield from _differ(
        tr("participants to date (sum of organisations)"),
        sum(o.participants_to_date for o in c.organisations),
        to_date,
        tr("the total row"),
    )
    monthly = c.participants_by_month
    yield from _differ(
        tr("participants to date (the monthly chart)"), sum(map(sum, monthly.counts)), to_date, tr("the target groups' total")
    )


def _events(c: ReportContext) -> Iterable[str]:
    count = len(c.events)
    yield from _differ(
        tr("events in the period (target groups total)"), c.target_groups_total.events_in_period, count, tr("the events listed")
    )
    for line in [*c.target_groups, *c.organisations]:
        if line.events_in_period > count:
            yield tr("events in the period of '{name}' is {events}, more than the {count} events of the period").format(
                name=line.name, events=line.events_in_period, count=count
            )


def _plan(c: ReportContext) -> Iterable[str]:
    """With a plan, every activity row has a planned code (inputs/validation.py), so the plan's lines add up to the whole."""
    for line in c.activity_plan:  # the rows the data extract traces each event count to
        traced = sum(1 for part in line.event_rows if part.in_period), len(line.event_rows)
        yield from _differ(
            f"activity {line.code}'s events (in period, to date)", (line.events_in_period, line.events_to_date), traced, "its events traced"
        )
    if not c.activity_plan:
        return
    yield from _differ(
        tr("events in the period (activity plan)"), sum(p.events_in_period for p in c.activity_plan), len(c.events), tr("the events listed")
    )
    yield from _differ(
        tr("participants in the period (activity plan)"),
        sum(p.participants_in_period for p in c.activity_plan),
        c.target_groups_total.participants_in_period,
        tr("the target groups' total"),
    )
    yield from _differ(
        tr("participants to date (activity plan)"),
        sum(p.participants_to_date for p in c.activity_plan),
        c.target_groups_total.participants_to_date,
        tr("the target groups' total"),
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
                _INDICATOR_ACHIEVED[when]().format(code=indicator.code),
                getattr(indicator, f"achieved_{when}"),
                Decimal(getattr(line, f"{kind}_{when}")),
                _ACTIVITY_COUNT[kind, when]().format(code=line.code),
            )


_INDICATOR_ACHIEVED = {
    "in_period": lambda: tr("indicator {code} achieved in period"),
    "to_date": lambda: tr("indicator {code} achieved to date"),
}
_ACTIVITY_COUNT = {
    ("participants", "in_period"): lambda: tr("activity {code}'s participants in period"),
    ("participants", "to_date"): lambda: tr("activity {code}'s participants to date"),
    ("events", "in_period"): lambda: tr("activity {code}'s events in period"),
    ("events", "to_date"): lambda: tr("activity {code}'s events to date"),
}


AMOUNTS = ("approved", "spent_in_period", "spent_to_date")


def _budget(c: ReportContext) -> Iterable[str]:
    for name in AMOUNTS:
        yield from _differ(
            tr("budget total {amount}").format(amount=_amount(name)),
            getattr(c.budget_total, name),
            _sum(c.budget, name),
            tr("the sum of the lines"),
        )
    for line in [*c.budget, c.budget_total]:
        label = tr("budget line {code}").format(code=line.code) if line.code else tr("budget total")
        if line.code and line.flat_rate is None:
            listed = sum((e.amount for e in line.expenses), Decimal(0))
            yield from _differ(
                tr("{line} spent in the period").format(line=label), line.spent_in_period, listed, tr("the sum of its expenses listed")
            )
        yield from _differ(
            tr("{line} remaining").format(line=label), line.remaining, line.approved - line.spent_to_date, tr("approved − spent to date")
        )
        yield from _differ(
            tr("{line} variance").format(line=label), line.variance, line.spent_to_date - line.approved, tr("spent to date − approved")
        )
        if line.spent_in_period > line.spent_to_date:
            yield tr("{line} spent in the period ({in_period}) is more than spent to date ({to_date})").format(
                line=label, in_period=line.spent_in_period, to_date=line.spent_to_date
            )


def _amount(name: str) -> str:
    """A budget amount's name in words: approved, spent in period, spent to date."""
    return {"approved": tr("approved"), "spent_in_period": tr("spent in period"), "spent_to_date": tr("spent to date")}[name]


def _sum(lines: list[BudgetLineExecution], name: str) -> Decimal:
    return sum((getattr(line, name) for line in lines), Decimal(0))


def _beneficiaries(c: ReportContext) -> Iterable[str]:
    """The statements per beneficiary split the budget's lines: line by line they add up to it."""
    for index, line in enumerate(c.budget):
        for name in ("spent_in_period", "spent_to_date"):
            split = sum((getattr(b.lines[index], name) for b in c.beneficiaries), Decimal(0))
            yield from _differ(
                tr("budget line {code} {amount} (sum of beneficiaries)").format(code=line.code, amount=_amount(name)),
                split,
                getattr(line, name),
                tr("the budget table"),
            )


def _financing(c: ReportContext) -> Iterable[str]:
    if not c.financing:
        return
    for name in ("spent_in_period", "spent_to_date"):
        split = sum((getattr(f, name) for f in c.financing), Decimal(0))
        yield from _differ(
            tr("{amount} (sum of the sources of financing)").format(amount=_amount(name)),
            split,
            getattr(c.budget_total, name),
            tr("the budget total"),
        )
