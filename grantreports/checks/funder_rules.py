"""What a funder's format asks of a grant's data beyond the input format: checked before any rendering."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from grantreports.common.i18n import tr
from grantreports.common.problems import Problem
from grantreports.figures.budget import budget_execution, flat_rate_amount
from grantreports.figures.context import report_texts
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import Profile
from grantreports.inputs.cells import shown_number
from grantreports.inputs.model import GrantData, Period, Source
from grantreports.inputs.sheets import named


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
        _at(
            grant.source,
            tr("this cell is empty; the '{format}' report format needs it filled in").format(format=profile.key),
            grant.grant_number,
            name,
        )
        for name in list(profile.required_fields) + [c.key for c in profile.grant_columns if c.required]
        if getattr(grant, name, None) in (None, "", [])
    ]


def _unknown_sections(data: GrantData, profile: Profile) -> list[Problem]:
    known = [s.key for s in profile.narrative]
    return [
        _at(
            text.source,
            tr("the '{format}' report format has no such text; expected one of: {sections}").format(
                format=profile.key, sections=", ".join(known) or tr("(none)")
            ),
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
            tr(
                "the '{format}' format needs the text '{section}' ({description}) in the {report} report;"
                " expected a row in the {narrative} sheet with grant_number {grant}, period_to {period_to}"
                " (or empty, for every report) and section {section}"
            ).format(
                format=profile.key,
                section=section.key,
                description=section.description,
                report=period.slug,
                narrative=named("narrative"),
                grant=data.grant.grant_number,
                period_to=f"{period.period_to:%d.%m.%Y.}",
            ),
            data.grant.grant_number,
        )
        for section in profile.narrative
        if period.kind in section.required_for and not texts[section.key]
    ]


def _unexplained_overspend(data: GrantData, period: Period, profile: Profile) -> list[Problem]:
    lines = {line.line_code: line for line in data.budget}
    problems, formatter = [], Formatter.for_profile(profile)
    for execution in budget_execution(data, period, profile):
        facts = dict(  # what both messages say of the line
            period_to=f"{period.period_to:%d.%m.%Y.}",
            spent=formatter.money(execution.spent_to_date, data.grant.currency),
            over=formatter.percent(execution.deviation),
            format=profile.key,
            budget_notes=named("budget_notes"),
            grant=data.grant.grant_number,
            line=execution.code,
        )
        if execution.flagged and not execution.explanation:
            allowed = formatter.percent(profile.budget_line_overspend) if profile.budget_line_overspend else tr("no overspend")
            problems.append(
                _at(
                    lines[execution.code].source,
                    tr(
                        "by {period_to} the line has spent {spent}, {over} over its approved amount"
                        " (the '{format}' format allows {allowed}); expected an explanation in the {budget_notes} sheet"
                        " with grant_number {grant}, period_to {period_to}, line_code {line}"
                    ).format(**facts, allowed=allowed),
                    data.grant.grant_number,
                    "approved",
                    shown_number(execution.approved),
                )
            )
        if execution.needs_approval and not execution.approval_reference:
            problems.append(
                _at(
                    lines[execution.code].source,
                    tr(
                        "by {period_to} the line has spent {spent}, {over} over its approved amount; the '{format}' format needs the"
                        " funder's prior approval beyond {limit}: expected its reference in the {approval_reference} column of the"
                        " {budget_notes} row with grant_number {grant}, period_to {period_to}, line_code {line}"
                    ).format(**facts, limit=formatter.percent(profile.prior_approval_over), approval_reference=named("approval_reference")),
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
                    tr(
                        "line {line} is a flat rate of {rate} of the other lines in the '{format}' format; expected {expected} ({rate} of {base})"
                    ).format(
                        line=line.line_code,
                        rate=f"{shown_number(rate * 100)} %",
                        format=profile.key,
                        expected=shown_number(expected),
                        base=shown_number(base),
                    ),
                    data.grant.grant_number,
                    "approved",
                    shown_number(line.approved),
                )
            )
    codes = {line.line_code for line in rated}
    problems += [
        _at(
            expense.source,
            tr(
                "line {line} is a flat rate the report computes from the other lines' costs, so an expense booked on it"
                " would count twice; expected the expense on the line it was paid from (or delete the row)"
            ).format(line=expense.line_code),
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
    message = tr(
        "the '{format}' format splits the budget by source of financing; expected rows in the {financing} sheet with"
        " grant_number {grant}, one per source, adding up to its total_budget"
    ).format(format=profile.key, financing=named("financing"), grant=data.grant.grant_number)
    return [_at(data.grant.source, message, data.grant.grant_number, "grant_number", data.grant.grant_number)]


def _nothing_done(data: GrantData, final: Period) -> list[Problem]:
    """A final report with a budget but no expense, or a plan but no activity held: likely rows left out (warnings)."""
    found = []
    if data.budget and not data.expenses:
        found.append(
            tr(
                "the final report has budget lines but no expenses: every line would show nothing spent; expected rows in the"
                " {sheet} sheet with grant_number {grant}"
            ).format(sheet=named("expenses"), grant=data.grant.grant_number)
        )
    if data.activity_plan and not data.activities:
        found.append(
            tr(
                "the final report has activities planned but none held; expected rows in the {sheet} sheet with grant_number {grant}"
            ).format(sheet=named("activities"), grant=data.grant.grant_number)
        )
    return [_at(final.source, message, data.grant.grant_number, severity="warning") for message in found]


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
            tr(
                "falls in no reporting period, so no report would count it; expected a date inside one of: {spans} (or periods that cover it)"
            ).format(spans=spans),
            data.grant.grant_number,
            column,
            f"{day:%d.%m.%Y.}",
        )
        for row, column, day in dated
        if not any(p.contains(day) for p in data.periods)
    ]
