"""Input sheet definitions, read from schemas/sheets/*.schema.yaml, and typed conversion of one row."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from grantreports.common import i18n
from grantreports.common.i18n import tr
from grantreports.common.problems import EVERY_GRANT, Problem
from grantreports.common.project import SCHEMA_DIR, read_schema
from grantreports.funders.profiles import Profile
from grantreports.inputs import cells
from grantreports.inputs.masked_cells import MergedCell, UncachedFormula, as_spreadsheet_error

SHEETS_SCHEMA_DIR = SCHEMA_DIR / "sheets"

_CONVERTERS = {
    "text": cells.clean_text,
    "list": cells.to_text_list,
    "integer": cells.to_integer,
    "number": cells.to_decimal,
    "date": cells.to_date,
}


def normalise_name(name: object) -> str:
    """Header and sheet names match regardless of case, spaces and underscores."""
    return " ".join(str(name).replace("_", " ").split()).casefold()


@dataclass(frozen=True)
class Column:
    key: str
    latvian: str  # the header in Latvian, accepted as well as the key
    kind: str  # one of _CONVERTERS
    required: bool
    description: str
    example: str
    default: object = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    pattern: str | None = None
    latvian_description: str = ""  # the description in Latvian (x-lv-description), for the blank workbook's comments

    def expectation(self) -> str:
        """What a valid value looks like, in words."""
        if self.enum:
            return tr("expected one of: {values}").format(values=", ".join(self.enum))
        if self.kind == "text":
            return tr("expected text")
        if self.kind == "list":
            return tr("expected text, several values separated by ';'")
        if self.kind == "integer":
            return tr("expected a whole number")
        if self.kind == "number":
            return tr("expected a number, e.g. 1234,56")
        return tr("expected a date such as 28.11.2022. or 2022-11-28")


@dataclass(frozen=True)
class SheetSpec:
    name: str
    latvian: str  # the sheet's name in Latvian, accepted as well as `name`
    description: str
    columns: tuple[Column, ...]
    latvian_description: str = ""  # the description in Latvian (x-lv-description)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def names(self) -> tuple[str, str]:
        return (self.name, self.latvian)

    def header_keys(self) -> dict[str, str]:
        """Each header a column is known by (English key or Latvian name), normalised, to the column's key."""
        return {normalise_name(name): c.key for c in self.columns for name in (c.key, c.latvian)}


def _column(key: str, prop: dict, required: bool) -> Column:
    kind = {"string": "text", "array": "list", "integer": "integer", "number": "number"}[prop["type"]]
    if prop.get("format") == "date":
        kind = "date"
    return Column(
        key=key,
        latvian=prop["x-lv"],
        kind=kind,
        required=required,
        description=prop["description"],
        example=str(prop["examples"][0]),
        default=prop.get("default"),
        enum=tuple(prop.get("enum", ())),
        minimum=prop.get("minimum"),
        pattern=prop.get("pattern"),
        latvian_description=prop.get("x-lv-description", ""),
    )


# The instructions sheet of the blank input workbook (grantreports/starter), in each interface language: a
# workbook filled in place keeps it, and the build passes it over without a word.
INSTRUCTIONS_SHEET_NAMES = {"en": "Instructions", "lv": "Norādījumi"}
INSTRUCTION_SHEETS = frozenset(normalise_name(name) for name in INSTRUCTIONS_SHEET_NAMES.values())

# Every input sheet, in the order the documentation lists them: the grants, then the sheets of a grant's rows.
SHEET_NAMES = (
    "grants",
    "periods",
    "narrative",
    "activity_plan",
    "activities",
    "indicators",
    "indicator_values",
    "budget",
    "budget_notes",
    "expenses",
    "financing",
    "work_packages",
)


@cache
def sheet_specs() -> dict[str, SheetSpec]:
    """Every input sheet, by name, in the order of SHEET_NAMES."""
    specs = {}
    for name in SHEET_NAMES:
        schema = read_schema(SHEETS_SCHEMA_DIR / f"{name}.schema.yaml")
        required = set(schema["required"])
        columns = tuple(_column(k, p, k in required) for k, p in schema["properties"].items())
        specs[name] = SheetSpec(
            name=name,
            latvian=schema["x-lv"],
            description=schema["description"],
            columns=columns,
            latvian_description=schema.get("x-lv-description", ""),
        )
    return specs


def with_grant_columns(specs: dict[str, SheetSpec], profiles: Iterable[Profile]) -> dict[str, SheetSpec]:
    """The sheet definitions with the grants sheet reading the formats' own columns too (profile: grant_columns),
    each optional here: a format that needs one filled in says so in its rules (checks/funder_rules.py)."""
    own = {c.key: c for profile in profiles for c in profile.grant_columns}
    if not own:
        return specs
    extra = tuple(
        Column(key=c.key, latvian=c.latvian, kind=c.kind, required=False, description=c.description, example=c.example)
        for c in sorted(own.values(), key=lambda c: c.key)
    )
    grants = specs["grants"]
    return {**specs, "grants": replace(grants, columns=grants.columns + extra)}


def named(name: str) -> str:
    """A sheet's or column's name as a message gives it for the user to type: the English key, and in a Latvian
    interface its Latvian name beside it (periods (Periodi)); the key itself when it is no sheet's or column's."""
    if i18n.language() != "lv":
        return name
    latvian = _latvian_names().get(name)
    return f"{name} ({latvian})" if latvian else name


@cache
def _latvian_names() -> dict[str, str]:
    """Each sheet's Latvian name, and each column's whose key has one Latvian name in every sheet (a title is a
    'Projekta nosaukums' in grants and a 'Pasākums' in activities: those are left out), by key."""
    columns: dict[str, set[str]] = {}
    for spec in sheet_specs().values():
        for column in spec.columns:
            columns.setdefault(column.key, set()).add(column.latvian)
    names = {key: latvian.pop() for key, latvian in columns.items() if len(latvian) == 1}
    return names | {spec.name: spec.latvian for spec in sheet_specs().values()}


def no_grant_number() -> str:
    """What a row of a grant's sheet with no grant number is told."""
    return tr(
        "this row names no grant, and could be any grant's row, so no grant gets a report until it names one;"
        " expected the grant number (a totals row, such as 'Kopā', must go: the reports add up their own totals)"
    )


class _Unreadable:
    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()  # in a partial row, a cell whose value could not be read


def convert_columns(
    spec: SheetSpec, row_numbers: list[int], columns: dict[str, list], where: dict, headers: dict[str, str] | None = None
) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]], list[Problem]]:
    """The typed values of every row whose cells all fit, as (row number, {column key: value}); the
    partial rows, those with a cell that does not fit, with UNREADABLE for such cells; and a problem
    for every cell that does not fit, in row and column order.

    `columns` maps column key to the cells of the rows (absent when the sheet lacks the
    optional column); `where` holds the file and sheet for the problems, `headers` the columns' names as the
    sheet's header writes them, where they differ from the keys. Work is done
    per column and per distinct value: 100,000 rows hold few distinct dates and codes."""
    count = len(row_numbers)
    typed_columns, bad_cells = [], []
    for index, (column, (typed_memo, message_memo)) in enumerate(_outcome_memos(spec)):
        cells_ = columns.get(column.key) or [None] * count
        keyed = list(zip(map(type, cells_), cells_, strict=True))  # 1, 1.0 and True are different cells
        distinct = set(keyed)
        for key in distinct.difference(typed_memo):
            typed_memo[key], message_memo[key] = _cell_outcome(column, key[1])
        typed = list(map(typed_memo.__getitem__, keyed))
        typed_columns.append([None if t is None else list(t) for t in typed] if column.kind == "list" else typed)
        wrong = {key for key in distinct if message_memo[key] is not None}
        if wrong:
            bad_cells += [(row, index, message_memo[key], key[1]) for row, key in enumerate(keyed) if key in wrong]
    keys = [column.key for column in spec.columns]
    rows = list(zip(row_numbers, [dict(zip(keys, values, strict=True)) for values in zip(*typed_columns, strict=True)], strict=True))
    if not bad_cells:
        return rows, [], []
    grant_column = keys.index("grant_number") if "grant_number" in keys else None
    unreadable_grant = {row for row, index, _, _ in bad_cells if index == grant_column}
    problems = []
    for row, index, message, value in sorted(bad_cells, key=lambda cell: cell[:2]):
        rows[row][1][keys[index]] = UNREADABLE
        if index == grant_column and cells.is_blank(value) and spec.name != "grants":
            message = no_grant_number()
        if grant_column is not None and row not in unreadable_grant:
            grant = rows[row][1]["grant_number"]
        else:
            grant = _unknown_owner(spec, columns.get("grant_number", [None] * count)[row])
        header = (headers or {}).get(keys[index], "")
        problems.append(
            Problem(message, column=keys[index], value=shown_value(value), grant=grant, row=row_numbers[row], header=header, **where)
        )
    bad_rows = {cell[0] for cell in bad_cells}
    complete = [row for index, row in enumerate(rows) if index not in bad_rows]
    partial = [row for index, row in enumerate(rows) if index in bad_rows]
    return complete, partial, problems


def _unknown_owner(spec: SheetSpec, cell: object) -> str:
    """Whom a row whose grant number cannot be read blocks: in the grants sheet, only the grant of that row
    (which has no number, so none); in another sheet the grant a merged cell shows, else any grant, since
    the row could be any grant's."""
    if spec.name == "grants":
        return ""
    return cells.clean_text(cell.value) if isinstance(cell, MergedCell) else EVERY_GRANT


def shown_value(value: object) -> str:
    """A cell's value as a problem shows it: text as typed, numbers as Latvian users write them (1387,6)."""
    if cells.is_blank(value) or isinstance(value, MergedCell):  # a merged cell holds nothing; its message says what it shows
        return ""
    if (isinstance(value, Decimal) and value.is_finite()) or (isinstance(value, float) and math.isfinite(value)):
        return cells.shown_number(value)
    return cells.clean_text(value)


# Per sheet definition (by identity) and interface language (the messages are in it), per column, the
# outcome of every distinct (type, value) met so far, as two maps: to the typed value, and to what is
# wrong with it (None when nothing is).
_MEMOS: dict[tuple[int, str], tuple[SheetSpec, tuple[tuple[Column, tuple[dict, dict]], ...]]] = {}


def _outcome_memos(spec: SheetSpec) -> tuple[tuple[Column, tuple[dict, dict]], ...]:
    key = (id(spec), i18n.language())
    entry = _MEMOS.get(key)
    if entry is None or entry[0] is not spec:
        entry = _MEMOS[key] = (spec, tuple((column, ({}, {})) for column in spec.columns))
    return entry[1]


def _cell_outcome(column: Column, value: object) -> tuple[object, str | None]:
    """(typed value, None), or (None, what is wrong with the cell)."""
    if isinstance(value, UncachedFormula):
        return None, tr(
            "this cell holds a formula with no saved value (the file was written by a program that"
            " does not calculate); expected a value: open the file in Excel or LibreOffice and save it"
        )
    if isinstance(value, MergedCell):
        return None, tr(
            "this cell is one of the merged cells {cells}: it shows '{value}' but holds no value"
            " (only the first cell of a merge does); expected each row to have its own value: unmerge the cells and fill each one"
        ).format(cells=value.cells, value=cells.clean_text(value.value))
    error = as_spreadsheet_error(value)
    if error is not None:
        return (
            None,
            tr(
                "this cell shows the spreadsheet error {error} ({meaning}) instead of a value; expected a value: correct the formula"
            ).format(error=error, meaning=error.meaning()),
        )
    if column.kind in ("text", "list") and isinstance(value, bool):
        return None, tr("a TRUE/FALSE cell where text is expected; expected text (format the cell as text and type the value again)")
    if column.kind in ("text", "list") and isinstance(value, dt.date):
        return None, tr(
            "a date cell (a spreadsheet turns 1.3 into 1 March) where text is expected;"
            " expected text (format the cell as text and type the value again)"
        )
    if column.kind in ("text", "list") and isinstance(value, float) and not value.is_integer():
        return None, tr(
            "a number cell where text is expected: {number} may show as {rounded} or {number},"
            " so its text is not certain; expected text (format the cell as text and type the value again)"
        ).format(number=cells.shown_number(value), rounded=f"{value:.2f}")
    if cells.is_blank(value):
        if column.required:
            return None, tr("this cell is empty; {expected}").format(expected=column.expectation())
        return ([] if column.kind == "list" else column.default), None
    try:
        typed = _CONVERTERS[column.kind](value)
    except cells.CellError as error:
        return None, str(error)
    if column.enum and typed not in column.enum:
        return None, column.expectation()
    if column.minimum is not None and typed < column.minimum:
        return None, tr("expected a value of at least {minimum}").format(minimum=cells.shown_number(column.minimum))
    if column.pattern and not re.fullmatch(column.pattern, typed):
        return None, tr("expected a value like '{example}'").format(example=column.example)
    return (tuple(typed) if column.kind == "list" else typed), None
