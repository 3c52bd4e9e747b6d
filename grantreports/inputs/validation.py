"""Check the rows against each other and group the valid ones into one GrantData per grant."""

from __future__ import annotations

import difflib
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from grantreports.common.problems import Problem
from grantreports.common.slugs import SlugError, slugify
from grantreports.inputs import cells
from grantreports.inputs.model import (
    Activity,
    BudgetLine,
    BudgetNote,
    Expense,
    Grant,
    GrantData,
    Indicator,
    IndicatorValue,
    NarrativeText,
    Period,
    PlannedActivity,
    Source,
)
from grantreports.inputs.reading import SheetRows
from grantreports.inputs.sheets import convert_columns, normalise_name


@dataclass
class _Row:
    values: dict
    source: Source

    def problem(self, message: str, column: str = "", value: object = "", grant: str | None = None) -> Problem:
        return Problem(
            message,
            file=self.source.file,
            sheet=self.source.sheet,
            row=self.source.row,
            column=column,
            value="" if value is None else str(value),
            grant=self.values.get("grant_number", "") if grant is None else grant,
        )


SHEETS_OF_A_GRANT = (
    "periods",
    "narrative",
    "activity_plan",
    "activities",
    "indicators",
    "indicator_values",
    "budget",
    "budget_notes",
    "expenses",
)


@dataclass
class SortedRows:
    """The inputs' valid rows, sorted to their grants: what can be checked one grant at a time."""

    grants: dict[str, Grant]  # by grant number: the grants whose own row is valid
    rows: dict[str, dict[str, list[_Row]]]  # by grant number, by sheet: the grant's other rows
    problems: list[Problem]  # of single cells, of the grants sheet, and of rows naming no known grant

    def fingerprint(self, number: str) -> bytes:
        """Everything the check of one grant reads, serialised: equal bytes, equal outcome.

        (Equal rows may give different bytes, when pickle shares one object in one and not
        in the other: that only costs a check that was not needed.)"""
        rows = self.rows.get(number, {})
        places = [
            (sheet, [(r.source.file, r.source.sheet, r.source.row, r.values) for r in rows.get(sheet, ())]) for sheet in SHEETS_OF_A_GRANT
        ]
        return pickle.dumps((self.grants[number], places), protocol=5)  # tuples, not Source records: pickled without Python code


@dataclass
class ConvertedSheet:
    """One sheet's rows with typed values: those whose cells all fit, and a problem for each cell that does not."""

    name: str  # of the sheet's definition: grants, activities, ...
    rows: list[_Row]
    problems: list[Problem]
    named: set[str]  # for the grants sheet, every grant number it names, valid or not


def convert_sheet(sheet: SheetRows) -> ConvertedSheet:
    valid, problems = convert_columns(sheet.spec, sheet.row_numbers, sheet.columns, {"file": sheet.file, "sheet": sheet.sheet})
    rows = [_Row(values, Source(sheet.file, sheet.sheet, number)) for number, values in valid]
    named = (
        {cells.clean_text("" if n is None else n) for n in sheet.columns.get("grant_number", ())} if sheet.spec.name == "grants" else set()
    )
    return ConvertedSheet(sheet.spec.name, rows, problems, named)


def sort_rows(sheets: list[ConvertedSheet], funders: set[str], broken: frozenset[str] = frozenset()) -> SortedRows:
    """Check the grants sheet, and sort the other rows to their grants.

    `funders` are the usable funder formats; `broken` names formats whose profile has
    errors (reported on their own): their grants are blocked with a pointer to them."""
    rows: dict[str, list[_Row]] = defaultdict(list)
    problems: list[Problem] = []
    named = set()  # every grant number in the grants sheet, valid or not
    for sheet in sheets:
        named |= sheet.named
        problems += sheet.problems
        rows[sheet.name] += sheet.rows

    grants, grant_problems = _grants(rows["grants"], funders, broken)
    problems += grant_problems
    known = set(grants)
    # Rows of a grant whose own row has a problem go with the blocked grant; they are not 'unknown'.
    by_grant: dict[str, dict[str, list[_Row]]] = defaultdict(lambda: defaultdict(list))
    for sheet_name in SHEETS_OF_A_GRANT:
        for row in rows[sheet_name]:
            number = row.values["grant_number"]
            if number in known:
                by_grant[number][sheet_name].append(row)
            elif number not in named:
                problems.append(_unknown_grant(row, number, sorted(known)))
    return SortedRows(grants, by_grant, problems)


def grant_data(sorted_rows: SortedRows, number: str) -> tuple[GrantData, list[Problem]]:
    """One grant's data and the problems of its own rows (the funder's rules are checked after: grantreports.checks)."""
    return _grant_data(sorted_rows.grants[number], defaultdict(list, sorted_rows.rows.get(number, {})))


def _unknown_grant(row: _Row, number: str, known: list[str]) -> Problem:
    close = difflib.get_close_matches(number, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return row.problem(f"no grant with this number in the grants sheet{hint}", "grant_number", number, grant="")


def _grants(rows: list[_Row], funders: set[str], broken: frozenset[str]) -> tuple[dict[str, Grant], list[Problem]]:
    problems = []
    counts = Counter(row.values["grant_number"] for row in rows)
    slug_owner: dict[str, _Row] = {}
    grants = {}
    for row in rows:
        v = row.values
        number = v["grant_number"]
        if counts[number] > 1:
            problems.append(row.problem("this grant number is listed more than once; expected each grant once", "grant_number", number))
            continue
        found = []
        if v["funder"] in broken:
            found.append(
                row.problem(
                    f"the report format has errors; see the problems of templates/{v['funder']}/profile.yaml", "funder", v["funder"]
                )
            )
        elif v["funder"] not in funders:
            found.append(
                row.problem(
                    f"no report format with this name; expected one of: {', '.join(sorted(funders))} (folders under templates/)",
                    "funder",
                    v["funder"],
                )
            )
        if v["end_date"] < v["start_date"]:
            found.append(
                row.problem(
                    f"the grant ends before it starts; expected a date on or after start_date {v['start_date']:%d.%m.%Y.}",
                    "end_date",
                    f"{v['end_date']:%d.%m.%Y.}",
                )
            )
        try:
            slug = slugify(number)
        except SlugError as error:
            found.append(row.problem(str(error), "grant_number", number))
            slug = None
        if slug in slug_owner:
            other = slug_owner[slug]
            found.append(_same_folder(row, other, slug))
            found.append(_same_folder(other, row, slug))
        elif slug:
            slug_owner[slug] = row
        problems += found
        if not found:
            grants[number] = Grant(**v, slug=slug, source=row.source)
    return grants, problems


def _same_folder(row: _Row, other: _Row, slug: str) -> Problem:
    message = (
        f"gives the same folder name '{slug}' as grant '{other.values['grant_number']}' (row {other.source.row});"
        " expected grant numbers that differ in more than punctuation"
    )
    return row.problem(message, "grant_number", row.values["grant_number"])


def _in_grant(grant: Grant, row: _Row, column: str) -> list[Problem]:
    day = row.values[column]
    if day is None or grant.start_date <= day <= grant.end_date:
        return []
    expected = f"expected a date within the grant period {grant.start_date:%d.%m.%Y.}–{grant.end_date:%d.%m.%Y.}"
    return [row.problem(expected, column, f"{day:%d.%m.%Y.}")]


def _not_before(row: _Row, first: str, last: str) -> list[Problem]:
    if row.values[last] is None or row.values[last] >= row.values[first]:
        return []
    return [
        row.problem(
            f"ends before it starts; expected a date on or after {first} {row.values[first]:%d.%m.%Y.}",
            last,
            f"{row.values[last]:%d.%m.%Y.}",
        )
    ]


def _duplicates(rows: list[_Row], columns: tuple[str, ...], what: str) -> list[Problem]:
    def key(row: _Row) -> tuple:
        return tuple(row.values[c] for c in columns)

    counts = Counter(key(row) for row in rows)
    shown = columns[-1]
    return [
        row.problem(f"this {what} appears more than once for the grant; expected each once", shown, row.values[shown])
        for row in rows
        if counts[key(row)] > 1
    ]


def _names_period(row: _Row, period_ends: set) -> list[Problem]:
    day = row.values["period_to"]
    if day in period_ends:
        return []
    ends = ", ".join(f"{d:%d.%m.%Y.}" for d in sorted(period_ends)) or "(no periods)"
    return [
        row.problem(
            f"no reporting period of the grant ends on this date; expected the period_to of one of its reports: {ends}",
            "period_to",
            f"{day:%d.%m.%Y.}",
        )
    ]


def _grant_data(grant: Grant, rows: dict[str, list[_Row]]) -> tuple[GrantData, list[Problem]]:
    problems = []
    for row in rows["periods"]:
        problems += _not_before(row, "period_from", "period_to") + _in_grant(grant, row, "period_from") + _in_grant(grant, row, "period_to")
    finals = [row for row in rows["periods"] if row.values["kind"] == "final"]
    if len(finals) > 1:
        problems += [row.problem("a grant has one final report; expected one row with kind 'final'", "kind", "final") for row in finals]
    ordered = sorted(rows["periods"], key=lambda r: r.values["period_from"])
    for before, after in pairwise(ordered):
        if after.values["period_from"] <= before.values["period_to"]:
            problems.append(
                after.problem(
                    f"overlaps the period in row {before.source.row}; expected periods that do not overlap",
                    "period_from",
                    f"{after.values['period_from']:%d.%m.%Y.}",
                )
            )
    periods, interim_count = [], 0
    for row in ordered:
        number = None
        if row.values["kind"] == "interim":
            interim_count += 1
            number = interim_count
        slug = f"interim-{number}" if number else "final"
        periods.append(Period(**row.values, slug=slug, number=number, source=row.source))

    period_ends = {p.period_to for p in periods}
    narrative = []
    problems += _duplicates(rows["narrative"], ("period_to", "section"), "text (section and period_to)")
    for row in rows["narrative"]:
        if row.values["period_to"] is not None:
            problems += _names_period(row, period_ends)
        narrative.append(NarrativeText(**row.values, source=row.source))

    problems += _duplicates(rows["activity_plan"], ("activity_code",), "planned activity code")
    plan = [PlannedActivity(**row.values, source=row.source) for row in rows["activity_plan"]]
    planned = {p.activity_code for p in plan}
    activities = []
    for row in rows["activities"]:
        problems += _not_before(row, "start_date", "end_date") + _in_grant(grant, row, "start_date") + _in_grant(grant, row, "end_date")
        if planned and row.values["activity_code"] not in planned:
            problems.append(
                row.problem(
                    f"no activity with this code in the grant's activity_plan; expected one of: {', '.join(sorted(planned))}",
                    "activity_code",
                    row.values["activity_code"],
                )
            )
        activities.append(Activity(**row.values, source=row.source))

    problems += _duplicates(rows["indicators"], ("indicator_code",), "indicator code")
    indicators = [Indicator(**row.values, source=row.source) for row in rows["indicators"]]
    manual = {i.indicator_code: i for i in indicators if i.measure == "manual"}
    values = []
    for row in rows["indicator_values"]:
        indicator = manual.get(row.values["indicator_code"])
        if indicator is None:
            problems.append(
                row.problem(
                    "no indicator with this code and measure 'manual' for the grant; expected a manual indicator_code from the indicators sheet",
                    "indicator_code",
                    row.values["indicator_code"],
                )
            )
        elif row.values["unit"] and normalise_name(row.values["unit"]) != normalise_name(indicator.unit):
            problems.append(
                row.problem(
                    f"not the unit of indicator {indicator.indicator_code}; expected '{indicator.unit}' (indicators sheet, row {indicator.source.row})",
                    "unit",
                    row.values["unit"],
                )
            )
        problems += _in_grant(grant, row, "date")
        values.append(IndicatorValue(**row.values, source=row.source))

    problems += _duplicates(rows["budget"], ("line_code",), "budget line code")
    budget = [BudgetLine(**row.values, source=row.source) for row in rows["budget"]]
    lines = {line.line_code for line in budget}
    notes = []
    problems += _duplicates(rows["budget_notes"], ("period_to", "line_code"), "explanation (line_code and period_to)")
    for row in rows["budget_notes"]:
        problems += _names_period(row, period_ends)
        if row.values["line_code"] not in lines:
            problems.append(
                row.problem(
                    f"no budget line with this code for the grant; expected one of: {', '.join(sorted(lines)) or '(no budget lines)'}",
                    "line_code",
                    row.values["line_code"],
                )
            )
        notes.append(BudgetNote(**row.values, source=row.source))
    expenses = []
    for row in rows["expenses"]:
        if row.values["line_code"] not in lines:
            problems.append(
                row.problem(
                    f"no budget line with this code for the grant; expected one of: {', '.join(sorted(lines)) or '(no budget lines)'}",
                    "line_code",
                    row.values["line_code"],
                )
            )
        problems += _in_grant(grant, row, "date")
        expenses.append(Expense(**row.values, source=row.source))

    approved = sum((line.approved for line in budget), start=0)
    if budget and approved != grant.total_budget:
        problems.append(
            Problem(
                f"the budget lines add up to {approved}, the grant's total_budget is {grant.total_budget}; expected them to be equal",
                file=grant.source.file,
                sheet=grant.source.sheet,
                row=grant.source.row,
                column="total_budget",
                value=str(grant.total_budget),
                grant=grant.grant_number,
                severity="warning",
            )
        )
    data = GrantData(grant, periods, narrative, plan, activities, indicators, values, budget, notes, expenses)
    return data, problems
