"""What a funder's format asks of a grant's data beyond the input format: checked before any rendering."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from grantreports.common.problems import Problem
from grantreports.figures.budget import budget_execution, flat_rate_amount
from grantreports.figures.context import report_texts
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import Profile
from grantreports.inputs.cells import shown_number
from grantreports.inputs.model import GrantData, Period, Source


def funder_problems(data: GrantData, profile: Profile, as_of: dt.date) -> list[Problem]:
    """Problems of one valid grant against its funder's profile, for the reports due by `as_of`."""
    due = [p for p in data.periods if p.period_to <= as_of]
    return (
        _required_fields(data, profile)
        + _unknown_sections(data, profile)
        + [problem for period in due for problem in _missing_texts(data, period, profile) + _unexplained_overspend(data, period, profile)]
        + _outside_periods(data)
        + _flat_rate_lines(data, profile)
        + _financing_needed(data, profile)
        + [problem for period in due if period.kind == "final" for problem in _nothing_done(data, period)]
    )


def _at(source: Source, message: str, grant: str, column: str = "", value: str = "", severity: str = "error") -> Problem:
    return Problem(
        message, file=source.file, sheet=source.sheet, row=source.row, column=column, value=value, grant=grant, severity=severity
    )


def _required_fields(data: GrantData, profile: Profile) -> list[Problem]:
    grant = data.grant
    return [
        _at(grant.source, f"this cell is empty; the '{profile.key}' report format needs it filled in", grant.grant_number, name)
        for name in profile.required_fields
        if not getattr(grant, name)
    ]


def _unknown_sections(data: GrantData, profile: Profile) -> list[Problem]:
    known = [s.key for s in profile.narrative]
    return [
        _at(
            text.source,
            f"the '{profile.key}' report format has no such text; expected one of: {', '.join(known) or '(none)'}",
            data.grant.grant_number,
            "section",
            text.section,
        )
        for text in data.narrative
        if text.section not in known
    ]


def _missing_texts(data: GrantData, period: Period, profile: Profile) -> list[Problem]:
    texts = report_texts(data, period, profile)
    return [
        _at(
            period.source,
            f"the '{profile.key}' format needs the text '{section.key}' ({section.description}) in the {period.slug} report;"
            f" expected a row in the narrative sheet with grant_number {data.grant.grant_number}, period_to {period.period_to:%d.%m.%Y.}"
            f" (or empty, for every report) and section {section.key}",
            data.grant.grant_number,
        )
        for section in profile.narrative
        if period.kind in section.required_for and not texts[section.key]
    ]


def _unexplained_overspend(data: GrantData, period: Period, profile: Profile) -> list[Problem]:
    lines = {line.line_code: line for line in data.budget}
    problems, formatter = [], Formatter.for_profile(profile)
    for execution in budget_execution(data, period, profile):
        if execution.flagged and not execution.explanation:
            allowed = formatter.percent(profile.budget_line_overspend) if profile.budget_line_overspend else "no overspend"
            problems.append(
                _at(
                    lines[execution.code].source,
                    f"by {period.period_to:%d.%m.%Y.} the line has spent {formatter.money(execution.spent_to_date, data.grant.currency)},"
                    f" {formatter.percent(execution.deviation)} over its approved amount"
                    f" (the '{profile.key}' format allows {allowed}); expected an explanation in the budget_notes sheet"
                    f" with grant_number {data.grant.grant_number}, period_to {period.period_to:%d.%m.%Y.}, line_code {execution.code}",
                    data.grant.grant_number,
                    "approved",
                    shown_number(execution.approved),
                )
            )
        if execution.needs_approval and not execution.approval_reference:
            problems.append(
                _at(
                    lines[execution.code].source,
                    f"by {period.period_to:%d.%m.%Y.} the line has spent {formatter.money(execution.spent_to_date, data.grant.currency)},"
                    f" {formatter.percent(execution.deviation)} over its approved amount; the '{profile.key}' format needs the funder's"
                    f" prior approval beyond {formatter.percent(profile.prior_approval_over)}: expected its reference in the"
                    f" approval_reference column of the budget_notes row with grant_number {data.grant.grant_number},"
                    f" period_to {period.period_to:%d.%m.%Y.}, line_code {execution.code}",
                    data.grant.grant_number,
                    "approved",
                    shown_number(execution.approved),
                )
            )
    return problems


def _flat_rate_lines(data: GrantData, profile: Profile) -> list[Problem]:
    """A flat-rate line is computed, never paid: its approved amount must be the rate of the other lines',
    and no expense may be booked on it (it would be counted twice)."""
    problems = []
    rated = [line for line in data.budget if line.line_code in profile.flat_rate_lines]
    base = sum((line.approved for line in data.budget if line.line_code not in profile.flat_rate_lines), Decimal(0))
    for line in rated:
        rate = profile.flat_rate_lines[line.line_code]
        expected = flat_rate_amount(rate, base)
        if line.approved != expected:
            problems.append(
                _at(
                    line.source,
                    f"line {line.line_code} is a flat rate of {shown_number(rate * 100)} % of the other lines in the '{profile.key}'"
                    f" format; expected {shown_number(expected)} ({shown_number(rate * 100)} % of {shown_number(base)})",
                    data.grant.grant_number,
                    "approved",
                    shown_number(line.approved),
                )
            )
    codes = {line.line_code for line in rated}
    problems += [
        _at(
            expense.source,
            f"line {expense.line_code} is a flat rate the report computes from the other lines' costs, so an expense booked on it"
            " would count twice; expected the expense on the line it was paid from (or delete the row)",
            data.grant.grant_number,
            "line_code",
            expense.line_code,
        )
        for expense in data.expenses
        if expense.line_code in codes
    ]
    return problems


def _financing_needed(data: GrantData, profile: Profile) -> list[Problem]:
    if not profile.co_financing or data.financing:
        return []
    message = (
        f"the '{profile.key}' format splits the budget by source of financing; expected rows in the financing sheet with"
        f" grant_number {data.grant.grant_number}, one per source, adding up to its total_budget"
    )
    return [_at(data.grant.source, message, data.grant.grant_number, "grant_number", data.grant.grant_number)]


def _nothing_done(data: GrantData, final: Period) -> list[Problem]:
    """A final report with a budget but no expense, or a plan but no activity held: likely rows left out (warnings)."""
    found = []
    if data.budget and not data.expenses:
        found.append(("budget lines but no expenses: every line would show nothing spent", "rows in the expenses sheet"))
    if data.activity_plan and not data.activities:
        found.append(("activities planned but none held", "rows in the activities sheet"))
    return [
        _at(
            final.source,
            f"the final report has {what}; expected {expected} with grant_number {data.grant.grant_number}",
            data.grant.grant_number,
            severity="warning",
        )
        for what, expected in found
    ]


def _outside_periods(data: GrantData) -> list[Problem]:
    """Rows dated in no reporting period would be counted by no report (an expense after the last period
    would be missing from the final totals): an error at each, as at periods that leave them out."""
    if not data.periods:
        return []
    spans = ", ".join(f"{p.period_from:%d.%m.%Y.}–{p.period_to:%d.%m.%Y.}" for p in sorted(data.periods, key=lambda p: p.period_from))
    dated = [(a, "start_date", a.start_date) for a in data.activities]
    dated += [(e, "date", e.date) for e in data.expenses] + [(v, "date", v.date) for v in data.indicator_values]
    return [
        _at(
            row.source,
            f"falls in no reporting period, so no report would count it; expected a date inside one of: {spans} (or periods that cover it)",
            data.grant.grant_number,
            column,
            f"{day:%d.%m.%Y.}",
        )
        for row, column, day in dated
        if not any(p.period_from <= day <= p.period_to for p in data.periods)
    ]
