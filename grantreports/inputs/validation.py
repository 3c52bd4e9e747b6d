"""Check the rows against each other and group the valid ones into one GrantData per grant."""

from __future__ import annotations

import datetime as dt
import difflib
import pickle
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from itertools import pairwise

from babel.numbers import list_currencies

from grantreports.common.i18n import tr
from grantreports.common.problems import EVERY_GRANT, Problem
from grantreports.common.slugs import SlugError, slugify
from grantreports.inputs import cells
from grantreports.inputs.model import (
    Activity,
    BudgetLine,
    BudgetNote,
    Expense,
    FinancingSource,
    Grant,
    GrantData,
    Indicator,
    IndicatorValue,
    NarrativeText,
    Period,
    PlannedActivity,
    Source,
    WorkPlanItem,
)
from grantreports.inputs.reading import SheetRows
from grantreports.inputs.sheets import SHEET_NAMES, UNREADABLE, convert_columns, named, normalise_name


@dataclass
class _Row:
    values: dict
    source: Source
    headers: dict[str, str] = field(default_factory=dict)  # its sheet's column names as written, where not the keys

    def problem(self, message: str, column: str = "", value: object = "", grant: str | None = None, severity: str = "error") -> Problem:
        return Problem(
            message,
            file=self.source.file,
            sheet=self.source.sheet,
            row=self.source.row,
            column=column,
            value="" if value is None else str(value),
            grant=self.values.get("grant_number", "") if grant is None else grant,
            severity=severity,
            header=self.headers.get(column, ""),
        )


SHEETS_OF_A_GRANT = SHEET_NAMES[1:]  # all but the grants sheet


# Values no real grant has (inputs/README.md lists them): grants run within these years and for at
# most this long, and their reports are due and submitted at most this long after they end.
GRANT_YEARS = (1990, 2099)
LONGEST_GRANT_YEARS = 10
REPORTS_DUE_YEARS = 5
# ISO 4217 codes as Babel knows them (historic ones too: LVL), but for 'no currency' and 'testing'.
CURRENCIES = frozenset(list_currencies()) - {"XXX", "XTS"}
COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN")  # suggested first for a mistyped code


@dataclass
class SortedRows:
    """The inputs' valid rows, sorted to their grants: what can be checked one grant at a time.

    A grant's partial rows, those with a cell that could not be read (already a problem), are
    kept beside its rows: what they still tell (a budget line's code) spares the grant's other
    rows errors that would only follow from the unreadable cell."""

    grants: dict[str, Grant]  # by grant number: the grants whose own row is valid
    rows: dict[str, dict[str, list[_Row]]]  # by grant number, by sheet: the grant's other rows
    partial: dict[str, dict[str, list[_Row]]]  # by grant number, by sheet: its rows with an unreadable cell
    problems: list[Problem]  # of single cells, of the grants sheet, and of rows naming no known grant

    def read_by_check(self, number: str) -> tuple[Grant, list[tuple[str, list[_Row]]]]:
        """What the check of one grant reads: its grant, and its rows sheet by sheet (the readable ones, then the partial)."""
        places = [(sheet, rows.get(number, {}).get(sheet, [])) for rows in (self.rows, self.partial) for sheet in SHEETS_OF_A_GRANT]
        return self.grants[number], places

    def fingerprint(self, number: str) -> bytes:
        """Everything the check of one grant reads, serialised: equal bytes, equal outcome. The column names as
        the header writes them are in it too: the problems it finds name them.

        (Equal rows may give different bytes, when pickle shares one object in one and not
        in the other: that only costs a check that was not needed.)"""
        grant, places = self.read_by_check(number)
        # tuples, not Source records: pickled without Python code
        serialisable = [
            (sheet, [(r.source.file, r.source.sheet, r.source.row, r.values, r.headers) for r in rows]) for sheet, rows in places
        ]
        return pickle.dumps((grant, serialisable), protocol=5)


@dataclass
class ConvertedSheet:
    """One sheet's rows with typed values: those whose cells all fit, those with a cell that does not
    (UNREADABLE in its place), and a problem for each such cell."""

    name: str  # of the sheet's definition: grants, activities, ...
    rows: list[_Row]
    partial: list[_Row]
    problems: list[Problem]
    named: set[str]  # for the grants sheet, every grant number it names, valid or not


def convert_sheet(sheet: SheetRows) -> ConvertedSheet:
    where = {"file": sheet.file, "sheet": sheet.sheet}
    valid, partial, problems = convert_columns(sheet.spec, sheet.row_numbers, sheet.columns, where, sheet.headers)
    rows = [_Row(values, Source(sheet.file, sheet.sheet, number), sheet.headers) for number, values in valid]
    partial_rows = [_Row(values, Source(sheet.file, sheet.sheet, number), sheet.headers) for number, values in partial]
    return ConvertedSheet(sheet.spec.name, rows, partial_rows, problems, _named(sheet))


def _named(sheet: SheetRows) -> set[str]:
    if sheet.spec.name != "grants":
        return set()
    return {cells.clean_text("" if n is None else n) for n in sheet.columns.get("grant_number", ())}


def convert_sheet_again(sheet: SheetRows, before: SheetRows, converted: ConvertedSheet, rows: list[int] | None = None) -> ConvertedSheet:
    """convert_sheet(sheet), given the sheet as read `before` and its conversion: only the rows with a changed
    cell are converted again, the others' rows and problems are taken over. The result is the same: a row's
    values and problems depend on its own cells and row number alone (sheets.convert_columns), and the rows
    keep the sheet's order, which is that of their row numbers. A sheet whose rows, columns or header changed
    is converted whole. `rows`, when given, are the indexes of the only rows whose cells may differ from
    `before` (the rows read again alone, inputs/changed_rows.py): the others are not compared."""
    if (
        (sheet.spec, sheet.file, sheet.sheet, sheet.headers) != (before.spec, before.file, before.sheet, before.headers)
        or list(sheet.columns) != list(before.columns)
        or sheet.row_numbers != before.row_numbers
        or not all(a < b for a, b in pairwise(sheet.row_numbers))
    ):
        return convert_sheet(sheet)
    if rows is None:
        changed = sorted({index for key, cells_ in sheet.columns.items() for index in _changed_cells(before.columns[key], cells_)})
    else:
        changed = [i for i in sorted(set(rows)) if any(_differ(before.columns[key][i], cells_[i]) for key, cells_ in sheet.columns.items())]
    if not changed:
        return converted
    numbers = [sheet.row_numbers[index] for index in changed]
    columns = {key: [cells_[index] for index in changed] for key, cells_ in sheet.columns.items()}
    again = convert_sheet(SheetRows(sheet.spec, sheet.file, sheet.sheet, numbers, columns, sheet.headers))
    return ConvertedSheet(
        sheet.spec.name,
        _spliced(converted.rows, again.rows, numbers, lambda r: r.source.row),
        _spliced(converted.partial, again.partial, numbers, lambda r: r.source.row),
        _spliced(converted.problems, again.problems, numbers, lambda p: p.row),
        _named(sheet),
    )


def _changed_cells(before: list, after: list) -> list[int]:
    """The indexes of the cells that differ in value or type (1, 1.0 and True are equal in Python, not as cells)."""
    if before == after and list(map(type, before)) == list(map(type, after)):
        return []
    return [index for index, (old, new) in enumerate(zip(before, after, strict=True)) if _differ(old, new)]


def _differ(old: object, new: object) -> bool:
    return type(old) is not type(new) or old != new


def _spliced(old: list, new: list, numbers: list[int], row: Callable) -> list:
    """`old` with the items of the rows `numbers` (ascending) replaced by `new`, the items converted again of those
    rows: all three in row order. Each row's place is found by bisection, not by a look at every item."""
    spliced, start, taken = [], 0, 0
    for number in numbers:
        low = bisect_left(old, number, start, key=row)
        end = bisect_right(new, number, taken, key=row)
        spliced += old[start:low]
        spliced += new[taken:end]
        start, taken = bisect_right(old, number, low, key=row), end
    return spliced + old[start:]


def sort_rows(sheets: list[ConvertedSheet], funders: set[str], broken: frozenset[str] = frozenset()) -> SortedRows:
    """Check the grants sheet, and sort the other rows to their grants.

    `funders` are the usable funder formats; `broken` names formats whose profile has
    errors (reported on their own): their grants are blocked with a pointer to them."""
    rows: dict[str, list[_Row]] = defaultdict(list)
    partial: dict[str, list[_Row]] = defaultdict(list)
    problems: list[Problem] = []
    named = set()  # every grant number in the grants sheet, valid or not
    for sheet in sheets:
        named |= sheet.named
        problems += sheet.problems
        rows[sheet.name] += sheet.rows
        partial[sheet.name] += sheet.partial

    grants, grant_problems = _grants(rows["grants"], funders, broken)
    problems += grant_problems
    known = set(grants)
    # A grants row whose number cannot be read may be the grant an unknown number names, or not.
    numberless = [row for row in partial["grants"] if row.values["grant_number"] is UNREADABLE]
    # Rows of a grant whose own row has a problem go with the blocked grant; they are not 'unknown'.
    by_grant: dict[str, dict[str, list[_Row]]] = defaultdict(lambda: defaultdict(list))
    partial_by_grant: dict[str, dict[str, list[_Row]]] = defaultdict(lambda: defaultdict(list))
    for sheet_name in SHEETS_OF_A_GRANT:
        for kept, sheet_rows in ((by_grant, rows[sheet_name]), (partial_by_grant, partial[sheet_name])):
            for row in sheet_rows:
                number = row.values["grant_number"]
                if number in known:
                    kept[number][sheet_name].append(row)
                elif number not in named and number is not UNREADABLE:
                    problems += _unknown_grant(row, number, sorted(known), numberless)
    return SortedRows(grants, by_grant, partial_by_grant, problems)


def grant_data(sorted_rows: SortedRows, number: str) -> tuple[GrantData, list[Problem]]:
    """One grant's data and the problems of its own rows (the funder's rules are checked after: grantreports.checks)."""
    rows, partial = (defaultdict(list, by_grant.get(number, {})) for by_grant in (sorted_rows.rows, sorted_rows.partial))
    return _grant_data(sorted_rows.grants[number], rows, partial)


def _unknown_grant(row: _Row, number: str, known: list[str], numberless: list[_Row]) -> list[Problem]:
    """A row naming a grant the grants sheet does not have: it blocks the grants its number
    may be a mistyped form of, and every grant when it looks like none, or when a grants row without a
    readable number could be its grant (its rows belong in some report)."""
    if numberless:
        message = tr(
            "no grant with this number in the grants sheet; it may be the grant of grants row {row}, whose number"
            " cannot be read, so no grant gets a report until that is fixed: expected the number of a grant"
        ).format(row=numberless[0].source.row)
        return [row.problem(message, "grant_number", number, grant=EVERY_GRANT)]
    close = difflib.get_close_matches(number, known, n=max(1, len(known)))
    if close:
        message = tr("no grant with this number in the grants sheet (did you mean '{number}'?); expected the number of a grant").format(
            number=close[0]
        )
        return [row.problem(message, "grant_number", number, grant=grant) for grant in close]
    message = tr(
        "no grant with this number in the grants sheet; since the row may belong to any grant under a mistyped number,"
        " no grant gets a report until it is fixed: expected the number of a grant (or delete the row)"
    )
    return [row.problem(message, "grant_number", number, grant=EVERY_GRANT)]


def _grants(rows: list[_Row], funders: set[str], broken: frozenset[str]) -> tuple[dict[str, Grant], list[Problem]]:
    problems = []
    counts = Counter(row.values["grant_number"] for row in rows)
    slug_owner: dict[str, _Row] = {}
    grants = {}
    for row in rows:
        v = row.values
        number = v["grant_number"]
        if counts[number] > 1:
            problems.append(row.problem(tr("this grant number is listed more than once; expected each grant once"), "grant_number", number))
            continue
        found = []
        if v["funder"] in broken:
            found.append(
                row.problem(
                    tr("the report format has errors (in its folder {folder}/ of the templates; they are listed with the problems)").format(
                        folder=v["funder"]
                    ),
                    "funder",
                    v["funder"],
                )
            )
        elif v["funder"] not in funders:
            found.append(
                row.problem(
                    tr("no report format with this name; expected one of: {formats} (folders under templates/)").format(
                        formats=", ".join(sorted(funders))
                    ),
                    "funder",
                    v["funder"],
                )
            )
        found += _grant_values(row)
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
            fields_, extra = _split(v, GRANT_FIELDS)
            grants[number] = Grant(**fields_, slug=slug, source=row.source, extra=extra)
    return grants, problems


GRANT_FIELDS = frozenset(f.name for f in fields(Grant))


def _split(values: dict, known: frozenset[str]) -> tuple[dict, dict]:
    """A row's values for the record's own fields, and the rest (a format's own columns), with what they hold."""
    own = {k: v for k, v in values.items() if k in known}
    return own, {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if k not in known and v is not None}


def _grant_values(row: _Row) -> list[Problem]:
    """A grant's own dates and currency, against what real grants have."""
    v, found = row.values, []
    for column in ("start_date", "end_date"):
        if not GRANT_YEARS[0] <= v[column].year <= GRANT_YEARS[1]:
            message = tr("expected a date in the years {first}–{last}").format(first=GRANT_YEARS[0], last=GRANT_YEARS[1])
            found.append(row.problem(message, column, f"{v[column]:%d.%m.%Y.}"))
    if v["end_date"] < v["start_date"]:
        found.append(
            row.problem(
                tr("the grant ends before it starts; expected a date on or after start_date {start}").format(
                    start=f"{v['start_date']:%d.%m.%Y.}"
                ),
                "end_date",
                f"{v['end_date']:%d.%m.%Y.}",
            )
        )
    elif v["end_date"] > _years_after(v["start_date"], LONGEST_GRANT_YEARS):
        found.append(
            row.problem(
                tr("the grant would last more than {years} years; expected an end date by {latest} (is the year mistyped?)").format(
                    years=LONGEST_GRANT_YEARS, latest=f"{_years_after(v['start_date'], LONGEST_GRANT_YEARS):%d.%m.%Y.}"
                ),
                "end_date",
                f"{v['end_date']:%d.%m.%Y.}",
            )
        )
    if v["currency"] not in CURRENCIES:
        close = _likely_currency(v["currency"])
        if close:
            message = tr("not a currency code (did you mean {code}?); expected an ISO 4217 code such as EUR").format(code=close)
        else:
            message = tr("not a currency code; expected an ISO 4217 code such as EUR")
        found.append(row.problem(message, "currency", v["currency"]))
    return found


def _likely_currency(code: str) -> str | None:
    """The currency a mistyped code most likely means: the same letters in another order (ERU: EUR), the
    currencies our grants use first; else the closest spelling."""
    anagrams = sorted((c for c in CURRENCIES if sorted(c) == sorted(code)), key=lambda c: (c not in COMMON_CURRENCIES, c))
    close = anagrams or difflib.get_close_matches(code, COMMON_CURRENCIES, n=1) or difflib.get_close_matches(code, sorted(CURRENCIES), n=1)
    return close[0] if close else None


def _same_folder(row: _Row, other: _Row, slug: str) -> Problem:
    message = tr(
        "gives the same folder name '{folder}' as grant '{grant}' (row {row}); expected grant numbers that differ in more than punctuation"
    ).format(folder=slug, grant=other.values["grant_number"], row=other.source.row)
    return row.problem(message, "grant_number", row.values["grant_number"])


def _in_grant(grant: Grant, row: _Row, column: str) -> list[Problem]:
    day = row.values[column]
    if day is None or grant.start_date <= day <= grant.end_date:
        return []
    expected = tr("expected a date within the grant period {start}–{end}").format(
        start=f"{grant.start_date:%d.%m.%Y.}", end=f"{grant.end_date:%d.%m.%Y.}"
    )
    return [row.problem(expected, column, f"{day:%d.%m.%Y.}")]


def _not_before(row: _Row, first: str, last: str) -> list[Problem]:
    if row.values[last] is None or row.values[last] >= row.values[first]:
        return []
    return [
        row.problem(
            tr("ends before it starts; expected a date on or after {column} {date}").format(
                column=first, date=f"{row.values[first]:%d.%m.%Y.}"
            ),
            last,
            f"{row.values[last]:%d.%m.%Y.}",
        )
    ]


def _duplicates(rows: list[_Row], columns: tuple[str, ...], message: str) -> list[Problem]:
    def key(row: _Row) -> tuple:
        return tuple(row.values[c] for c in columns)

    counts = Counter(key(row) for row in rows)
    shown = columns[-1]
    return [row.problem(message, shown, row.values[shown]) for row in rows if counts[key(row)] > 1]


def _place(source: Source) -> str:
    """Where another row is, for a message: file, sheet 'x', row 5."""
    return tr("{file}, sheet '{sheet}', row {row}").format(file=source.file, sheet=source.sheet, row=source.row)


def _spelling_variants(rows: list[_Row], columns: dict[str, str]) -> list[Problem]:
    """A name written two ways (capitals, spaces) would make two lines of the report's tables: an error at each
    row that spells it otherwise than the first row does."""
    problems = []
    for column, written in columns.items():
        first: dict[str, _Row] = {}
        for row in rows:
            value = row.values[column]
            earlier = first.setdefault(normalise_name(value), row) if value else row
            if earlier.values[column] != value:
                message = written.format(value=earlier.values[column], place=_place(earlier.source))
                problems.append(row.problem(message, column, value))
    return problems


def _indicator_filters(row: _Row, groups: set[str], codes: set[str], planned: bool) -> list[Problem]:
    """An indicator whose filters would make it count nothing, or be ignored, would show a wrong figure without
    a word: filters on a manual indicator, a target group or activity code written otherwise than in the
    activities, a code the plan does not have, are errors; a group or code no activity has yet, a warning."""
    v, problems = row.values, []
    if v["measure"] == "manual" and (v["activity_codes"] or v["target_group"]):
        message = tr(
            "the measure is 'manual' (also when empty), which sums indicator_values and ignores activity_codes and target_group;"
            " expected measure participants or activities, or those cells empty"
        )
        return [row.problem(message, "measure", v["measure"])]
    group = v["target_group"]
    if group and group not in groups:
        spelled = [g for g in sorted(groups) if normalise_name(g) == normalise_name(group)]
        if spelled:
            problems.append(
                row.problem(
                    tr("the activities write this target group '{group}'; expected the same spelling").format(group=spelled[0]),
                    "target_group",
                    group,
                )
            )
        else:
            problems.append(
                row.problem(
                    tr("no activity row has this target group (yet), so the indicator counts nothing"),
                    "target_group",
                    group,
                    severity="warning",
                )
            )
    missing = [code for code in v["activity_codes"] if code not in codes]
    if missing and planned:
        message = tr("no planned activity with the code(s) {missing}; expected codes from the activity_plan sheet: {codes}").format(
            missing=", ".join(missing), codes=", ".join(sorted(codes))
        )
        problems.append(row.problem(message, "activity_codes", "; ".join(v["activity_codes"])))
    elif missing:
        spelled = {code: [c for c in sorted(codes) if normalise_name(c) == normalise_name(code)] for code in missing}
        for code, others in spelled.items():
            if others:
                problems.append(
                    row.problem(
                        tr("the activities write the code '{code}'; expected the same spelling").format(code=others[0]),
                        "activity_codes",
                        code,
                    )
                )
            else:
                problems.append(
                    row.problem(
                        tr("no activity row has the code {code} (yet), so it counts nothing").format(code=code),
                        "activity_codes",
                        code,
                        severity="warning",
                    )
                )
    return problems


def _repeated_rows(rows: list[_Row]) -> list[Problem]:
    """A row whose every value another row of the grant repeats would be counted twice: an error when the two
    come from different files (a partner's file read twice, an old copy left among the inputs), a warning
    within one file (two equal rows may be two equal events, but seldom are)."""
    first: dict[tuple, _Row] = {}
    problems = []
    for row in rows:
        key = tuple(row.values.values())  # in the sheet's column order; these sheets have no list cells
        earlier = first.setdefault(key, row)
        if earlier is row:
            continue
        if earlier.source.file != row.source.file:
            message = tr(
                "the same row as in {place}, so it would be counted twice; expected each row once (is a copy of that file among the inputs?)"
            ).format(place=_place(earlier.source))
            problems.append(row.problem(message))
        else:
            message = tr("the same values as row {row}, so both are counted; expected each row once, unless they are two events").format(
                row=earlier.source.row
            )
            problems.append(row.problem(message, severity="warning"))
    return problems


def _names_period(row: _Row, period_ends: set) -> list[Problem]:
    day = row.values["period_to"]
    if day in period_ends:
        return []
    ends = ", ".join(f"{d:%d.%m.%Y.}" for d in sorted(period_ends)) or tr("(no periods)")
    return [
        row.problem(
            tr("no reporting period of the grant ends on this date; expected the period_to of one of its reports: {ends}").format(
                ends=ends
            ),
            "period_to",
            f"{day:%d.%m.%Y.}",
        )
    ]


def _known(rows: list[_Row], partial: list[_Row], column: str) -> tuple[set, bool]:
    """The values of `column` in a sheet's rows, partial rows included, and whether they are all known
    (False when a partial row's cell in that column could not be read)."""
    values = {row.values[column] for row in rows} | {row.values[column] for row in partial if row.values[column] is not UNREADABLE}
    return values, not any(row.values[column] is UNREADABLE for row in partial)


def _grant_data(grant: Grant, rows: dict[str, list[_Row]], partial: dict[str, list[_Row]]) -> tuple[GrantData, list[Problem]]:
    """The grant's data and the problems of its rows. A check that compares with another sheet (a budget line
    code, a period's end) is left out where that sheet has a row with an unreadable cell: the row is reported
    already, and what it would have said is unknown."""
    problems = []
    if not rows["periods"] and not partial["periods"]:
        problems.append(_no_periods(grant))
    for row in rows["periods"]:
        problems += _not_before(row, "period_from", "period_to") + _in_grant(grant, row, "period_from") + _in_grant(grant, row, "period_to")
        problems += _report_dates(grant, row)
    finals = [row for row in rows["periods"] if row.values["kind"] == "final"]
    if len(finals) > 1:
        message = tr("a grant has one final report; expected one row with kind 'final'")
        problems += [row.problem(message, "kind", "final") for row in finals]
    ordered = sorted(rows["periods"], key=lambda r: r.values["period_from"])
    for before, after in pairwise(ordered):
        if after.values["period_from"] <= before.values["period_to"]:
            problems.append(
                after.problem(
                    tr("overlaps the period in row {row}; expected periods that do not overlap").format(row=before.source.row),
                    "period_from",
                    f"{after.values['period_from']:%d.%m.%Y.}",
                )
            )
    if finals and ordered and ordered[-1] is not finals[0] and len(finals) == 1:
        last = ordered[-1]
        problems.append(
            finals[0].problem(
                tr("the final report's period comes before the one in row {row}; expected the final period to be the last").format(
                    row=last.source.row
                ),
                "kind",
                "final",
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

    period_ends, periods_known = _known(rows["periods"], partial["periods"], "period_to")
    narrative = []
    problems += _duplicates(
        rows["narrative"],
        ("period_to", "section"),
        tr("this text (section and period_to) appears more than once for the grant; expected each once"),
    )
    for row in rows["narrative"]:
        if row.values["period_to"] is not None and periods_known:
            problems += _names_period(row, period_ends)
        narrative.append(NarrativeText(**row.values, source=row.source))

    problems += _duplicates(
        rows["activity_plan"], ("activity_code",), tr("this planned activity code appears more than once for the grant; expected each once")
    )
    plan = [PlannedActivity(**row.values, source=row.source) for row in rows["activity_plan"]]
    planned, plan_known = _known(rows["activity_plan"], partial["activity_plan"], "activity_code")
    activities = []
    for row in rows["activities"]:
        problems += _not_before(row, "start_date", "end_date") + _in_grant(grant, row, "start_date") + _in_grant(grant, row, "end_date")
        if planned and plan_known and row.values["activity_code"] not in planned:
            problems.append(
                row.problem(
                    tr("no activity with this code in the grant's activity_plan; expected one of: {codes}").format(
                        codes=", ".join(sorted(planned))
                    ),
                    "activity_code",
                    row.values["activity_code"],
                )
            )
        activities.append(Activity(**row.values, source=row.source))

    problems += _spelling_variants(
        rows["activities"],
        {
            "target_group": tr("written '{value}' in {place}: the report would show two target groups; expected one spelling"),
            "organisation": tr("written '{value}' in {place}: the report would show two organisations; expected one spelling"),
            "activity_code": tr("written '{value}' in {place}: the report would show two activity codes; expected one spelling"),
        },
    )
    problems += _duplicates(
        rows["indicators"], ("indicator_code",), tr("this indicator code appears more than once for the grant; expected each once")
    )
    # What the activities hold, their partial rows included; where one of those hides it, nothing is said.
    groups, groups_known = _known(rows["activities"], partial["activities"], "target_group")
    codes, codes_known = (planned, plan_known) if planned else _known(rows["activities"], partial["activities"], "activity_code")
    if groups_known and codes_known:
        for row in rows["indicators"]:
            problems += _indicator_filters(row, groups, codes, bool(planned))
    indicators = [Indicator(**row.values, source=row.source) for row in rows["indicators"]]
    manual = {i.indicator_code: i for i in indicators if i.measure == "manual"}
    unsure, indicators_known = _known([], partial["indicators"], "indicator_code")  # codes of indicators with an unreadable cell
    values = []
    for row in rows["indicator_values"]:
        indicator = manual.get(row.values["indicator_code"])
        if indicator is None and indicators_known and row.values["indicator_code"] not in unsure:
            problems.append(
                row.problem(
                    tr(
                        "no indicator with this code and measure 'manual' for the grant; expected a manual indicator_code from the {indicators} sheet"
                    ).format(indicators=named("indicators")),
                    "indicator_code",
                    row.values["indicator_code"],
                )
            )
        elif indicator is not None and row.values["unit"] and normalise_name(row.values["unit"]) != normalise_name(indicator.unit):
            problems.append(
                row.problem(
                    tr("not the unit of indicator {code}; expected '{unit}' (indicators sheet, row {row})").format(
                        code=indicator.indicator_code, unit=indicator.unit, row=indicator.source.row
                    ),
                    "unit",
                    row.values["unit"],
                )
            )
        problems += _in_grant(grant, row, "date")
        values.append(IndicatorValue(**row.values, source=row.source))

    problems += [problem for sheet in ("activities", "indicator_values", "expenses") for problem in _repeated_rows(rows[sheet])]
    problems += _duplicates(
        rows["budget"], ("line_code",), tr("this budget line code appears more than once for the grant; expected each once")
    )
    budget = [BudgetLine(**row.values, source=row.source) for row in rows["budget"]]
    lines, lines_known = _known(rows["budget"], partial["budget"], "line_code")
    notes = []
    problems += _duplicates(
        rows["budget_notes"],
        ("period_to", "line_code"),
        tr("this explanation (line_code and period_to) appears more than once for the grant; expected each once"),
    )
    for row in rows["budget_notes"]:
        if periods_known:
            problems += _names_period(row, period_ends)
        if lines_known:
            problems += _names_line(row, lines)
        notes.append(BudgetNote(**row.values, source=row.source))
    expenses = []
    for row in rows["expenses"]:
        if lines_known:
            problems += _names_line(row, lines)
        problems += _in_grant(grant, row, "date")
        expenses.append(Expense(**row.values, source=row.source))

    approved = sum((line.approved for line in budget), start=Decimal(0))
    if budget and not partial["budget"] and approved != grant.total_budget:
        problems.append(
            Problem(
                tr("the budget lines add up to {sum}, the grant's total_budget is {total}; expected them to be equal").format(
                    sum=cells.shown_number(approved), total=cells.shown_number(grant.total_budget)
                ),
                file=grant.source.file,
                sheet=grant.source.sheet,
                row=grant.source.row,
                column="total_budget",
                value=cells.shown_number(grant.total_budget),
                grant=grant.grant_number,
                severity="warning",
            )
        )
    financing, found = _financing(grant, rows["financing"], partial["financing"])
    work_plan, more = _work_plan(grant, rows["work_packages"], partial["work_packages"])
    problems += found + more
    data = GrantData(grant, periods, narrative, plan, activities, indicators, values, budget, notes, expenses, financing, work_plan)
    return data, problems


def _financing(grant: Grant, rows: list[_Row], partial: list[_Row]) -> tuple[list[FinancingSource], list[Problem]]:
    """Each source once, and the sources adding up to the grant's total_budget: a report splits the spending by their shares."""
    problems = _duplicates(
        rows, ("funding_source",), tr("this source of financing appears more than once for the grant; expected each once")
    )
    total = sum((row.values["amount"] for row in rows), Decimal(0))
    if rows and not partial and total != grant.total_budget:
        message = tr(
            "the financing rows of the grant add up to {sum}, its total_budget (grants sheet, row {row}) is {total}; expected them"
            " to be equal: each source's share of the spending is its share of the total"
        ).format(sum=cells.shown_number(total), row=grant.source.row, total=cells.shown_number(grant.total_budget))
        problems.append(rows[0].problem(message, "amount", cells.shown_number(rows[0].values["amount"])))
    return [FinancingSource(**row.values, source=row.source) for row in rows], problems


def _work_plan(grant: Grant, rows: list[_Row], partial: list[_Row]) -> tuple[list[WorkPlanItem], list[Problem]]:
    """Codes once each; a deliverable or milestone has a due date and names a work package the sheet has."""
    problems = _duplicates(rows, ("code",), tr("this work plan code appears more than once for the grant; expected each once"))
    packages = {row.values["code"] for row in rows if row.values["kind"] == "work_package"}
    known = not any(row.values["kind"] in ("work_package", UNREADABLE) for row in partial)  # else a package may be unread
    for row in rows:
        problems += _in_grant(grant, row, "due_date")
        if row.values["kind"] == "work_package":
            continue
        if row.values["due_date"] is None:
            message = tr("a {kind} has a due date in the grant agreement; expected that date").format(kind=row.values["kind"])
            problems.append(row.problem(message, "due_date"))
        package = row.values["work_package"]
        if package is not None and known and package not in packages:
            expected = ", ".join(sorted(packages)) or tr("(no work_package rows)")
            message = tr("no work package with this code for the grant; expected one of: {codes}").format(codes=expected)
            problems.append(row.problem(message, "work_package", package))
    return [WorkPlanItem(**row.values, source=row.source) for row in rows], problems


def _names_line(row: _Row, lines: set[str]) -> list[Problem]:
    if row.values["line_code"] in lines:
        return []
    expected = ", ".join(sorted(lines)) or tr("(no budget lines)")
    message = tr("no budget line with this code for the grant; expected one of: {codes}").format(codes=expected)
    return [row.problem(message, "line_code", row.values["line_code"])]


def _no_periods(grant: Grant) -> Problem:
    message = tr(
        "the grant has no reporting periods, so it gets no report; expected rows in the {periods} sheet"
        " with grant_number {grant} (one per report)"
    ).format(periods=named("periods"), grant=grant.grant_number)
    return Problem(
        message,
        file=grant.source.file,
        sheet=grant.source.sheet,
        row=grant.source.row,
        column="grant_number",
        value=grant.grant_number,
        grant=grant.grant_number,
    )


def _report_dates(grant: Grant, row: _Row) -> list[Problem]:
    """A report is due, and submitted, after its period ends (or, submitted, at least after it starts) and
    within REPORTS_DUE_YEARS of the grant's end."""
    latest = _years_after(grant.end_date, REPORTS_DUE_YEARS)
    problems = []
    for column, earliest, message in (
        (
            "due_date",
            row.values["period_to"],
            tr("expected a date on or after the period's end {earliest} and at most {years} years after the grant ends ({latest})"),
        ),
        (
            "submission_date",
            row.values["period_from"],
            tr("expected a date on or after the period's start {earliest} and at most {years} years after the grant ends ({latest})"),
        ),
    ):
        day = row.values[column]
        if day is not None and not earliest <= day <= latest:
            problems.append(
                row.problem(
                    message.format(earliest=f"{earliest:%d.%m.%Y.}", years=REPORTS_DUE_YEARS, latest=f"{latest:%d.%m.%Y.}"),
                    column,
                    f"{day:%d.%m.%Y.}",
                )
            )
    return problems


def _years_after(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + years)
