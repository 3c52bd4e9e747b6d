"""The report context: every figure of one report, computed once, for both renderers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal

from .model import Activity, Grant, GrantData, Indicator, Period
from .profiles import Profile


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    achieved_in_period: Decimal
    achieved_to_date: Decimal
    progress: Decimal | None  # achieved_to_date / target; None when the target is 0


@dataclass(frozen=True)
class TargetGroupLine:
    name: str
    events_in_period: int
    participants_in_period: int
    participants_to_date: int


@dataclass(frozen=True)
class BudgetLineExecution:
    code: str
    category: str
    description: str | None
    approved: Decimal
    spent_in_period: Decimal
    spent_to_date: Decimal
    remaining: Decimal
    used: Decimal | None  # spent_to_date / approved; None when nothing was approved
    over_budget: bool


@dataclass(frozen=True)
class Signature:
    name: str
    position: str
    place: str
    date: dt.date


@dataclass(frozen=True)
class ReportContext:
    funder: str
    language: str
    title: str
    grant: Grant
    period: Period
    submission_date: dt.date
    activities: list[Activity]
    indicators: list[IndicatorLine]
    target_groups: list[TargetGroupLine]
    target_groups_total: TargetGroupLine
    budget: list[BudgetLineExecution]
    budget_total: BudgetLineExecution
    comments: str | None
    signature: Signature

    def as_template_variables(self) -> dict:
        """Top-level names a template uses: {{ grant.title }}, {% for line in budget %}, ..."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def build_context(data: GrantData, report_slug: str, profile: Profile) -> ReportContext:
    period = data.period(report_slug)
    grant = data.grant
    submission = period.submission_date or period.due_date
    title = profile.report_titles[period.kind].format(number=period.number or "")
    in_period = [a for a in data.activities if _within(a.start_date, period)]
    groups = _target_groups(data.activities, period)
    lines = [_budget_line(line, data, period) for line in data.budget]
    return ReportContext(
        funder=profile.funder,
        language=profile.language,
        title=title,
        grant=grant,
        period=period,
        submission_date=submission,
        activities=sorted(in_period, key=lambda a: (a.start_date, a.activity_code, a.source.row)),
        indicators=[_indicator_line(i, data, period) for i in data.indicators],
        target_groups=groups,
        target_groups_total=TargetGroupLine(
            name="",
            events_in_period=sum(g.events_in_period for g in groups),
            participants_in_period=sum(g.participants_in_period for g in groups),
            participants_to_date=sum(g.participants_to_date for g in groups),
        ),
        budget=lines,
        budget_total=_budget_total(lines),
        comments=period.comments,
        signature=Signature(grant.signatory_name, grant.signatory_position, grant.signing_place, submission),
    )


def _within(day: dt.date, period: Period) -> bool:
    return period.period_from <= day <= period.period_to


def _to_date(day: dt.date, period: Period) -> bool:
    return day <= period.period_to


def _target_groups(activities: list[Activity], period: Period) -> list[TargetGroupLine]:
    events: dict[str, int] = defaultdict(int)
    in_period: dict[str, int] = defaultdict(int)
    to_date: dict[str, int] = defaultdict(int)
    for activity in activities:
        if _within(activity.start_date, period):
            events[activity.target_group] += 1
            in_period[activity.target_group] += activity.participants
        if _to_date(activity.start_date, period):
            to_date[activity.target_group] += activity.participants
    return [TargetGroupLine(name, events[name], in_period[name], to_date[name]) for name in sorted(to_date)]


def _matches(indicator: Indicator, activity: Activity) -> bool:
    return (not indicator.activity_codes or activity.activity_code in indicator.activity_codes) and (
        not indicator.target_group or activity.target_group == indicator.target_group
    )


def _indicator_line(indicator: Indicator, data: GrantData, period: Period) -> IndicatorLine:
    if indicator.measure == "manual":
        entries = [
            (v.date, v.value)
            for v in data.indicator_values
            if v.indicator_code == indicator.indicator_code
        ]
    else:
        entries = [
            (a.start_date, Decimal(a.participants if indicator.measure == "participants" else 1))
            for a in data.activities
            if _matches(indicator, a)
        ]
    in_period = sum((value for day, value in entries if _within(day, period)), Decimal(0))
    to_date = sum((value for day, value in entries if _to_date(day, period)), Decimal(0))
    return IndicatorLine(
        code=indicator.indicator_code,
        name=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        achieved_in_period=in_period,
        achieved_to_date=to_date,
        progress=to_date / indicator.target if indicator.target else None,
    )


def _execution(code: str, category: str, description: str | None, approved: Decimal, in_period: Decimal, to_date: Decimal) -> BudgetLineExecution:
    return BudgetLineExecution(
        code=code,
        category=category,
        description=description,
        approved=approved,
        spent_in_period=in_period,
        spent_to_date=to_date,
        remaining=approved - to_date,
        used=to_date / approved if approved else None,
        over_budget=to_date > approved,
    )


def _budget_line(line, data: GrantData, period: Period) -> BudgetLineExecution:
    paid = [e for e in data.expenses if e.line_code == line.line_code]
    in_period = sum((e.amount for e in paid if _within(e.date, period)), Decimal(0))
    to_date = sum((e.amount for e in paid if _to_date(e.date, period)), Decimal(0))
    return _execution(line.line_code, line.category, line.description, line.approved, in_period, to_date)


def _budget_total(lines: list[BudgetLineExecution]) -> BudgetLineExecution:
    def total(name: str) -> Decimal:
        return sum((getattr(line, name) for line in lines), Decimal(0))

    return _execution("", "", None, total("approved"), total("spent_in_period"), total("spent_to_date"))
