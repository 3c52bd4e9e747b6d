"""Input sheet definitions, read from schemas/sheets/*.schema.yaml, and typed conversion of one row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from . import cells
from .formulas import UncachedFormula
from .problems import Problem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "sheets"

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
    kind: str  # one of _CONVERTERS
    required: bool
    description: str
    example: str
    default: object = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    pattern: str | None = None

    def expectation(self) -> str:
        """What a valid value looks like, in words."""
        if self.enum:
            return "expected one of: " + ", ".join(self.enum)
        return {
            "text": "expected text",
            "list": "expected text, several values separated by ';'",
            "integer": "expected a whole number",
            "number": "expected a number, e.g. 1234,56",
            "date": "expected a date such as 28.11.2022. or 2022-11-28",
        }[self.kind]


@dataclass(frozen=True)
class SheetSpec:
    name: str
    description: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _column(key: str, prop: dict, required: bool) -> Column:
    kind = {"string": "text", "array": "list", "integer": "integer", "number": "number"}[prop["type"]]
    if prop.get("format") == "date":
        kind = "date"
    return Column(
        key=key,
        kind=kind,
        required=required,
        description=prop["description"],
        example=str(prop["examples"][0]),
        default=prop.get("default"),
        enum=tuple(prop.get("enum", ())),
        minimum=prop.get("minimum"),
        pattern=prop.get("pattern"),
    )


@cache
def sheet_specs() -> dict[str, SheetSpec]:
    """Every input sheet, by name, in the order the documentation lists them."""
    order = ["grants", "periods", "narrative", "activity_plan", "activities", "indicators", "indicator_values", "budget", "budget_notes", "expenses"]
    specs = {}
    for name in order:
        schema = yaml.safe_load((SCHEMA_DIR / f"{name}.schema.yaml").read_text(encoding="utf-8"))
        required = set(schema["required"])
        columns = tuple(_column(k, p, k in required) for k, p in schema["properties"].items())
        specs[name] = SheetSpec(name=name, description=schema["description"], columns=columns)
    return specs


def convert_row(spec: SheetSpec, raw: dict[str, object], where: dict) -> tuple[dict, list[Problem]]:
    """Typed values of one row, keyed by column, and a problem for every cell that does not fit.

    `raw` maps column key to the cell value (absent when the sheet lacks the optional
    column); `where` holds file, sheet and row for the problems.
    """
    values: dict[str, object] = {}
    problems = []
    for column, outcomes in _outcome_memos(spec):
        value = raw.get(column.key)
        try:
            key = (type(value), value)
            outcome = outcomes.get(key)
            if outcome is None:
                outcome = outcomes[key] = _cell_outcome(column, value)
        except TypeError:  # an unhashable value: not remembered
            outcome = _cell_outcome(column, value)
        typed, message = outcome
        if message is None:
            values[column.key] = list(typed) if column.kind == "list" else typed
        else:
            grant = cells.clean_text(raw.get("grant_number", ""))
            shown = "" if cells.is_blank(value) else cells.clean_text(value)
            problems.append(Problem(message, column=column.key, value=shown, grant=grant, **where))
    return values, problems


# Per sheet definition (by identity), per column, the outcome of every distinct value met so far:
# the same texts, codes and dates repeat across thousands of rows, and each is converted and checked once.
_MEMOS: dict[int, tuple[SheetSpec, tuple[tuple[Column, dict], ...]]] = {}


def _outcome_memos(spec: SheetSpec) -> tuple[tuple[Column, dict], ...]:
    entry = _MEMOS.get(id(spec))
    if entry is None or entry[0] is not spec:
        entry = _MEMOS[id(spec)] = (spec, tuple((column, {}) for column in spec.columns))
    return entry[1]


def _cell_outcome(column: Column, value: object) -> tuple[object, str | None]:
    """(typed value, None), or (None, what is wrong with the cell)."""
    if isinstance(value, UncachedFormula):
        return None, ("this cell holds a formula with no saved value (the file was written by a program that"
                      " does not calculate); expected a value: open the file in Excel or LibreOffice and save it")
    if cells.is_blank(value):
        if column.required:
            return None, f"this cell is empty; {column.expectation()}"
        return ([] if column.kind == "list" else column.default), None
    try:
        typed = _CONVERTERS[column.kind](value)
    except cells.CellError as error:
        return None, str(error)
    if column.enum and typed not in column.enum:
        return None, column.expectation()
    if column.minimum is not None and typed < column.minimum:
        return None, f"expected a value of at least {column.minimum:g}"
    if column.pattern and not re.fullmatch(column.pattern, typed):
        return None, f"expected a value like '{column.example}'"
    return (tuple(typed) if column.kind == "list" else typed), None
