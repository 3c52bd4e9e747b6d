"""The report context: every figure of one report, computed once, for both renderers and the charts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from grantreports.figures.budget import (
    BeneficiaryStatement,
    BudgetLineExecution,
    FinancingLine,
    beneficiary_statements,
    budget_execution,
    budget_total,
    financing_split,
)
from grantreports.figures.formatting import Formatter
from grantreports.figures.traceability import Contribution, SourceRange, source_ranges
from grantreports.figures.work_plan import WorkPackageLine, work_packages
from grantreports.funders.profiles import Profile
from grantreports.inputs.model import Activity, Grant, GrantData, Indicator, Period, Source, documented


@dataclass(frozen=True)
class CoverLine:
    label: str = documented("Label of a cover field, from the profile", "Projekta numurs")
    text: str = documented("Its value, already formatted", "2023.LV/NVOF/MAC/041/58")


@dataclass(frozen=True)
class PlanLine:
    code: str = documented("Activity code from the activity_plan sheet", "A4")
    title: str = documented("Planned activity", "Iedzīvotāju forumi „Ideju skrejceļš”")
    planned_events: int | None = documented("Events planned in the contract", "3")
    events_in_period: int = documented("Events held in the period (see EventLine: rows of one event count once)", "1")
    events_to_date: int = documented("Distinct events held from the grant's start to the period's end", "2")
    planned_participants: int | None = documented("Participations planned", "150")
    participants_in_period: int = documented("Participations in the period", "47")
    participants_to_date: int = documented("Participations to date", "105")
    progress: Decimal | None = documented("events_to_date ÷ planned_events; empty when nothing is planned", "0.6667")
    contributions: list[Contribution] = documented("The activity rows behind the participant figures", "")
    event_rows: list[Contribution] = documented("Each event behind the event figures, by its first activity row (value 1)", "")


@dataclass(frozen=True)
class IndicatorLine:
    code: str = documented("Indicator code", "R3")
    name: str = documented("Indicator", "Iedzīvotāju forumi")
    unit: str = documented("Unit", "forumi")
    baseline: Decimal = documented("Value before the project", "0")
    target: Decimal = documented("Planned value", "3")
    achieved_in_period: Decimal = documented("Achieved in the period", "1")
    achieved_to_date: Decimal = documented("Achieved from the grant's start to the period's end", "2")
    progress: Decimal | None = documented("achieved_to_date ÷ target; empty when the target is 0", "0.6667")
    measure: str = documented("How it is counted: participants or activities (events) of its activity rows, or manual values", "activities")
    activity_codes: list[str] = documented("The activity codes it counts (all when empty)", "A4")
    target_group: str | None = documented("The one target group it counts (all when empty)", "")
    contributions: list[Contribution] = documented("The rows behind achieved_in_period and achieved_to_date", "")


@dataclass(frozen=True)
class ParticipationLine:
    name: str = documented("Target group or organisation", "kopienu līderi")
    events_in_period: int = documented(
        "Events in the period this group or organisation took part in; in the total, the events of the period (each once)", "4"
    )
    participants_in_period: int = documented("Participations in the period", "38")
    participants_to_date: int = documented("Participations to date", "120")
    contributions: list[Contribution] = documented("The activity rows behind the participant figures", "")


@dataclass(frozen=True)
class EventLine:
    """One event: the activity rows with the same activity code, title, dates and place (one row per target group)."""

    code: str = documented("Activity code", "A4")
    title: str = documented("Event", "Iedzīvotāju forums Olainē")
    start_date: dt.date = documented("First day", "2024-03-16")
    end_date: dt.date = documented("Last day (the first when the rows give none)", "2024-03-16")
    location: str = documented("Place", "Olaine")
    target_groups: list[str] = documented("Target groups of its rows, in row order", "iedzīvotāji")
    participants: int = documented("Participations: the sum of its rows", "47")
    results: list[str] = documented("Results written in its rows, each once", "")
    rows: list[Source] = documented("Its activity rows", "")


@dataclass(frozen=True)
class MonthlyParticipants:
    months: list[dt.date] = documented("First day of each month from the grant's start to the period's end", "2023-02-01")
    groups: list[str] = documented("Target groups", "kopienu līderi")
    counts: list[list[int]] = documented("Participations per group (outer) and month (inner)", "[[9, 19, ...], ...]")


@dataclass(frozen=True)
class Charts:
    """The figures each chart draws; an empty chart is None. Templates place them with {{ charts.<name> }}."""

    indicators: list[IndicatorLine] | None = documented("Indicators planned vs achieved (progress to date against the target)", "")
    participants: MonthlyParticipants | None = documented("Participants per month by target group", "")
    budget: list[BudgetLineExecution] | None = documented("Budget execution by line: approved vs spent to date", "")


@dataclass(frozen=True)
class Signature:
    name: str = documented("Who signs (grants sheet: signatory_name)", "Anda Ozoliņa")
    position: str = documented("Their position", "valdes priekšsēdētāja")
    place: str = documented("Place of signing", "Mārupē")
    date: dt.date = documented("submission_date", "2024-11-26")


@dataclass(frozen=True)
class ReportContext:
    funder: str = documented("Funder's name, from the profile", "Sabiedrības integrācijas fonds")
    language: str = documented("Report language, from the profile", "lv")
    title: str = documented("Report title for the kind, from the profile", "Starpposma atskaite Nr. 1")
    grant: Grant = documented("The grant's row of the grants sheet", "")
    period: Period = documented("The report's row of the periods sheet", "")
    submission_date: dt.date = documented("submission_date, or due_date when empty", "2024-01-29")
    cover: list[CoverLine] = documented("The profile's cover fields, formatted", "")
    narrative: dict[str, str | None] = documented(
        "The report's texts by section (narrative sheet); every section of the profile is present, None when there is no text", ""
    )
    activity_plan: list[PlanLine] = documented("Planned activities against what was implemented", "")
    activities: list[Activity] = documented("Activity rows that start in the period, by date", "")
    events: list[EventLine] = documented("Events that start in the period, by date: the one count of events every table uses", "")
    indicators: list[IndicatorLine] = documented("Indicators planned vs achieved", "")
    target_groups: list[ParticipationLine] = documented("Participation by target group", "")
    target_groups_total: ParticipationLine = documented("Sum over target groups (name is empty)", "")
    organisations: list[ParticipationLine] = documented(
        "Participation by organisation that ran the activity (the grantee when the organisation column is empty)", ""
    )
    participants_by_month: MonthlyParticipants = documented("Participations per month and target group", "")
    budget: list[BudgetLineExecution] = documented("Budget execution by line", "")
    budget_total: BudgetLineExecution = documented("Sum over budget lines (code and category empty)", "")
    beneficiaries: list[BeneficiaryStatement] = documented("Each beneficiary's costs by budget line: the grantee, then partners", "")
    financing: list[FinancingLine] = documented("The spending split by source of financing (financing sheet); empty without it", "")
    work_packages: list[WorkPackageLine] = documented("The work plan (work_packages sheet) as of the period's end; empty without it", "")
    charts: Charts = documented("Chart data; in templates each is an image", "")
    signature: Signature = documented("The signature block", "")
    sources: list[SourceRange] = documented("The input rows the report is made from, by file and sheet: the sources annex", "")
    sources_printed: bool = documented("The profile prints the data-sources annex (sources_annex: printed)", "true")

    def as_template_variables(self) -> dict:
        """Top-level names a template uses: {{ grant.title }}, {% for line in budget %}, ..."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def build_context(data: GrantData, report_slug: str, profile: Profile) -> ReportContext:
    period = data.period(report_slug)
    grant = own_columns(data.grant, profile)
    submission = period.submission_date or period.due_date
    in_period = [a for a in data.activities if period.contains(a.start_date)]
    in_period.sort(key=lambda a: (a.start_date, a.activity_code, a.source.row))
    groups = _participation(data.activities, period, lambda a: a.target_group)
    lines = budget_execution(data, period, profile)
    total = budget_total(lines)
    indicators = [_indicator_line(i, data, period) for i in data.indicators]
    monthly = _monthly_participants(data.activities, grant, period)
    variables = dict(
        funder=profile.funder,
        language=profile.language,
        title=profile.title(period.kind, period.number),
        grant=grant,
        period=period,
        submission_date=submission,
        narrative=report_texts(data, period, profile),
        activity_plan=[_plan_line(p, data.activities, period) for p in data.activity_plan],
        activities=in_period,
        events=events(in_period),
        indicators=indicators,
        target_groups=groups,
        target_groups_total=_total(groups, data.activities, period),
        organisations=_participation(data.activities, period, lambda a: a.organisation or grant.grantee),
        participants_by_month=monthly,
        budget=lines,
        budget_total=total,
        beneficiaries=beneficiary_statements(data, period, profile),
        financing=financing_split(data.financing, total),
        work_packages=work_packages(data, period),
        charts=Charts(
            indicators=[i for i in indicators if i.target] or None,
            participants=monthly if any(map(any, monthly.counts)) else None,
            budget=[line for line in lines if line.approved or line.spent_to_date] or None,
        ),
        signature=Signature(grant.signatory_name, grant.signatory_position, grant.signing_place, submission),
    )
    cover = _cover(profile, variables)
    parts = [c.source for line in indicators + groups + lines for c in line.contributions]
    rows = [grant.source, period.source] + [a.source for a in in_period] + [line.source for line in lines] + parts
    rows += [i.source for i in data.indicators] + [p.source for p in data.activity_plan]
    rows += [t.source for t in data.narrative if t.period_to in (None, period.period_to)]
    rows += [n.source for n in data.budget_notes if n.period_to == period.period_to]
    rows += [f.source for f in data.financing] + [w.source for w in data.work_packages]
    return ReportContext(cover=cover, sources=source_ranges(rows), sources_printed=profile.sources_printed, **variables)


def _cover(profile: Profile, variables: dict) -> list[CoverLine]:
    """Plain text: the templates escape it where they print it."""
    environment = Formatter.for_profile(profile).environment().overlay(autoescape=False)
    return [CoverLine(f.label, environment.from_string(f.value).render(variables)) for f in profile.cover]


def own_columns(grant: Grant, profile: Profile) -> Grant:
    """The grant with its format's own columns (profile: grant_columns), each typed again, since the data file holds
    dates and amounts as text; None where a grant leaves one empty, so that a template can test it."""
    return replace(grant, extra={c.key: _retyped(grant.extra.get(c.key), c.kind) for c in profile.grant_columns})


def _retyped(value: object, kind: str) -> object:
    if value is None or kind in ("text", "list"):
        return value
    if kind == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return int(value) if kind == "integer" else Decimal(str(value))


def report_texts(data: GrantData, period: Period, profile: Profile) -> dict[str, str | None]:
    """Each narrative section of the profile: the report's own text, else the grant-wide one, else None."""
    own = {t.section: t.text for t in data.narrative if t.period_to == period.period_to}
    grant_wide = {t.section: t.text for t in data.narrative if t.period_to is None}
    return {s.key: own.get(s.key, grant_wide.get(s.key)) for s in profile.narrative}


def _to_date(day: dt.date, period: Period) -> bool:
    return day <= period.period_to


def _participants(activity: Activity, period: Period) -> Contribution:
    note = f"{activity.start_date:%d.%m.%Y} {activity.title}, {activity.location}"
    return Contribution(activity.source, Decimal(activity.participants), period.contains(activity.start_date), note)


def _participation(activities: list[Activity], period: Period, group_of) -> list[ParticipationLine]:
    rows: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        if _to_date(activity.start_date, period):
            rows[group_of(activity)].append(activity)
    lines = []
    for name in sorted(rows):
        in_period = [a for a in rows[name] if period.contains(a.start_date)]
        lines.append(
            ParticipationLine(
                name,
                len(set(map(event_key, in_period))),
                sum(a.participants for a in in_period),
                sum(a.participants for a in rows[name]),
                [_participants(a, period) for a in rows[name]],
            )
        )
    return lines


def _total(lines: list[ParticipationLine], activities: list[Activity], period: Period) -> ParticipationLine:
    """Participations add up over the lines; events do not (one event may have several groups), so they are counted."""
    return ParticipationLine(
        name="",
        events_in_period=len({event_key(a) for a in activities if period.contains(a.start_date)}),
        participants_in_period=sum(g.participants_in_period for g in lines),
        participants_to_date=sum(g.participants_to_date for g in lines),
        contributions=[c for g in lines for c in g.contributions],
    )


def event_key(activity: Activity) -> tuple:
    """What makes an activity row part of an event: one event may have several rows (one per target group)."""
    return (activity.activity_code, activity.title, activity.start_date, activity.end_date or activity.start_date, activity.location)


def events(activities: list[Activity]) -> list[EventLine]:
    """The events of `activities` (already in report order), each once, in the order of their first row."""
    rows: dict[tuple, list[Activity]] = defaultdict(list)
    for activity in activities:
        rows[event_key(activity)].append(activity)
    return [
        EventLine(
            code=code,
            title=title,
            start_date=start,
            end_date=end,
            location=location,
            target_groups=list(dict.fromkeys(a.target_group for a in group)),
            participants=sum(a.participants for a in group),
            results=list(dict.fromkeys(a.result for a in group if a.result)),
            rows=[a.source for a in group],
        )
        for (code, title, start, end, location), group in rows.items()
    ]


def _plan_line(planned, activities: list[Activity], period: Period) -> PlanLine:
    rows = [a for a in activities if a.activity_code == planned.activity_code]
    in_period = [a for a in rows if period.contains(a.start_date)]
    to_date = [a for a in rows if _to_date(a.start_date, period)]
    events_to_date = len(set(map(event_key, to_date)))
    return PlanLine(
        code=planned.activity_code,
        title=planned.title,
        planned_events=planned.planned_events,
        events_in_period=len(set(map(event_key, in_period))),
        events_to_date=events_to_date,
        planned_participants=planned.planned_participants,
        participants_in_period=sum(a.participants for a in in_period),
        participants_to_date=sum(a.participants for a in to_date),
        progress=Decimal(events_to_date) / planned.planned_events if planned.planned_events else None,
        contributions=[_participants(a, period) for a in to_date],
        event_rows=[_event_row(a, period) for a in {event_key(a): a for a in reversed(to_date)}.values()][::-1],
    )


def _event_row(first: Activity, period: Period) -> Contribution:
    """An event's part in an event count: 1, traced to its first activity row."""
    note = f"{first.start_date:%d.%m.%Y} {first.title}, {first.location}"
    return Contribution(first.source, Decimal(1), period.contains(first.start_date), note)


def _matches(indicator: Indicator, activity: Activity) -> bool:
    return (not indicator.activity_codes or activity.activity_code in indicator.activity_codes) and (
        not indicator.target_group or activity.target_group == indicator.target_group
    )


def _indicator_line(indicator: Indicator, data: GrantData, period: Period) -> IndicatorLine:
    if indicator.measure == "manual":
        entries = [
            (v.date, v.value, v.source, v.comment or "") for v in data.indicator_values if v.indicator_code == indicator.indicator_code
        ]
    elif indicator.measure == "participants":
        entries = [
            (a.start_date, Decimal(a.participants), a.source, f"{a.title}, {a.location}") for a in data.activities if _matches(indicator, a)
        ]
    else:  # activities: each event once, however many rows (target groups) it has; its first row stands for it
        first_rows = {}
        for activity in data.activities:
            if _matches(indicator, activity):
                first_rows.setdefault(event_key(activity), activity)
        entries = [(a.start_date, Decimal(1), a.source, f"{a.title}, {a.location}") for a in first_rows.values()]
    parts = [
        Contribution(source, value, period.contains(day), f"{day:%d.%m.%Y} {note}".strip())
        for day, value, source, note in entries
        if _to_date(day, period)
    ]
    in_period = sum((part.value for part in parts if part.in_period), Decimal(0))
    to_date = sum((part.value for part in parts), Decimal(0))
    return IndicatorLine(
        code=indicator.indicator_code,
        name=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        achieved_in_period=in_period,
        achieved_to_date=to_date,
        progress=to_date / indicator.target if indicator.target else None,
        measure=indicator.measure,
        activity_codes=indicator.activity_codes,
        target_group=indicator.target_group,
        contributions=parts,
    )


def _monthly_participants(activities: list[Activity], grant: Grant, period: Period) -> MonthlyParticipants:
    months = []
    month = grant.start_date.replace(day=1)
    while month <= period.period_to:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    counted = [a for a in activities if _to_date(a.start_date, period)]
    groups = sorted({a.target_group for a in counted})
    counts = {g: [0] * len(months) for g in groups}
    for activity in counted:
        counts[activity.target_group][months.index(activity.start_date.replace(day=1))] += activity.participants
    return MonthlyParticipants(months, groups, [counts[g] for g in groups])
