"""Typed records of one grant's input rows, each carrying the spreadsheet cell it came from."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from functools import cache


def documented(text: str, example: str = ""):
    """A field's meaning and an example, for the generated list of template variables (input columns document themselves)."""
    return field(metadata={"doc": text, "example": example})


@dataclass(frozen=True)
class Source:
    """Where a record came from: file, sheet and row number as the spreadsheet shows them."""

    file: str = documented("Input file, relative to the working directory", "inputs/activities.xlsx")
    sheet: str = documented("Sheet name as in the file", "activities")
    row: int = documented("Row number as the spreadsheet program shows it", "18")


@dataclass(frozen=True)
class Grant:
    grant_number: str
    title: str
    funder: str
    programme: str | None
    grantee: str
    coordinator: str | None
    partner_country: str | None
    partners: list[str]
    locations: list[str]
    start_date: dt.date
    end_date: dt.date
    currency: str
    total_budget: Decimal
    contact_person: str
    signatory_name: str
    signatory_position: str
    signing_place: str
    slug: str = documented("Folder name of the grant's reports", "2023-lv-nvof-mac-041-58")
    source: Source = documented("Where the row came from")
    extra: dict[str, object] = field(
        default_factory=dict,
        metadata={"doc": "The format's own columns of the grants sheet (profile: grant_columns), by key: {{ grant.<key> }}", "example": ""},
    )

    def __getattr__(self, name: str) -> object:
        """A format's own column, as if it were a field: {{ grant.sector }}."""
        extra = self.__dict__.get("extra") or {}
        if name in extra:
            return extra[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class Period:
    grant_number: str
    kind: str
    period_from: dt.date
    period_to: dt.date
    due_date: dt.date
    submission_date: dt.date | None
    slug: str = documented("Report name: interim-1, interim-2, ... (by date) or final", "interim-1")
    number: int | None = documented("Number of an interim report; empty for the final one", "1")
    source: Source = documented("Where the row came from")

    def contains(self, day: dt.date) -> bool:
        """Whether `day` falls in the period, its first and last days included."""
        return self.period_from <= day <= self.period_to


@dataclass(frozen=True)
class NarrativeText:
    grant_number: str
    period_to: dt.date | None  # None: every report of the grant
    section: str
    text: str
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class PlannedActivity:
    grant_number: str
    activity_code: str
    title: str
    planned_events: int | None
    planned_participants: int | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class Activity:
    grant_number: str
    activity_code: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    location: str
    target_group: str
    participants: int
    organisation: str | None
    result: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class Indicator:
    grant_number: str
    indicator_code: str
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    measure: str
    activity_codes: list[str]
    target_group: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class IndicatorValue:
    grant_number: str
    indicator_code: str
    date: dt.date
    value: Decimal
    unit: str | None
    comment: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class BudgetLine:
    grant_number: str
    line_code: str
    category: str
    description: str | None
    approved: Decimal
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class BudgetNote:
    grant_number: str
    period_to: dt.date
    line_code: str
    explanation: str
    approval_reference: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class Expense:
    grant_number: str
    date: dt.date
    line_code: str
    amount: Decimal
    document_number: str
    description: str | None
    organisation: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class FinancingSource:
    grant_number: str
    funding_source: str
    amount: Decimal
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class WorkPlanItem:
    grant_number: str
    kind: str
    code: str
    title: str
    work_package: str | None
    due_date: dt.date | None
    done_date: dt.date | None
    comment: str | None
    source: Source = documented("Where the row came from")


@dataclass(frozen=True)
class GrantData:
    """Everything the inputs say about one grant: the content of its per-grant data file."""

    grant: Grant
    periods: list[Period] = field(default_factory=list)
    narrative: list[NarrativeText] = field(default_factory=list)
    activity_plan: list[PlannedActivity] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    indicator_values: list[IndicatorValue] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    budget_notes: list[BudgetNote] = field(default_factory=list)
    expenses: list[Expense] = field(default_factory=list)
    financing: list[FinancingSource] = field(default_factory=list)
    work_packages: list[WorkPlanItem] = field(default_factory=list)

    def period(self, slug: str) -> Period:
        return next(p for p in self.periods if p.slug == slug)

    def sources(self) -> list[Source]:
        """The row of every record of the grant, in every sheet."""
        records = [self.grant] + [r for f in fields(self) if f.name != "grant" for r in getattr(self, f.name)]
        return [record.source for record in records]

    def to_json(self) -> str:
        # Keys in field order, which is fixed: sorting them would cost a quarter of the writing.
        return json.dumps(self, default=_plain, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> GrantData:
        return _typed(cls, json.loads(text))


def _plain(value: object) -> object:
    """What JSON holds for a record (its fields), a date (ISO) and an amount (its exact digits).

    Called for every record, date and amount of a grant (400,000 times at 1,000 grants): exact types first."""
    kind = type(value)
    if kind is Decimal:
        return str(value)
    if kind is dt.date:
        return value.isoformat()
    if hasattr(kind, "__dataclass_fields__"):
        return vars(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to a data file")


@cache
def _field_types(kind: type) -> list[tuple[str, object]]:
    hints = typing.get_type_hints(kind)
    return [(f.name, hints[f.name]) for f in fields(kind)]


def _typed(kind: object, value: object) -> object:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return _typed(inner, value)
    if origin is list:
        (inner,) = typing.get_args(kind)
        return [_typed(inner, v) for v in value]
    if is_dataclass(kind):
        return kind(**{name: _typed(hint, value[name]) for name, hint in _field_types(kind)})
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    return value
