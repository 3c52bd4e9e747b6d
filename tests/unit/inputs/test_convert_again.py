"""Converting a sheet again after an edit (preview): only the changed rows are converted, with the same result
as converting the whole sheet."""

import datetime as dt
import random
from dataclasses import replace

import pytest

from grantreports.inputs import validation
from grantreports.inputs.masked_cells import MergedCell, SpreadsheetError
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from grantreports.inputs.validation import convert_sheet, convert_sheet_again
from tests.fixtures import REPO

# What a person may type over a cell: other values and other types of the same value (1, 1.0, True and "1"
# are different cells), blanks, text a column cannot read, another grant's number, a failed formula.
TYPED_OVER = [
    None,
    "",
    " ",
    1,
    1.0,
    True,
    "1",
    0,
    -5,
    12.5,
    "abc",
    "31.02.2023.",
    dt.date(2024, 1, 31),
    dt.datetime(2024, 1, 31, 0, 0),
    "2023.LV/NVOF/MAC/041/58",
    "2023.LV/NVOF/MAC/041/59",
    SpreadsheetError("#DIV/0!"),
    MergedCell("A2:A3", "x"),
]


def example_sheets():
    found = []
    for name in ("grants.xlsx", "activities.xlsx"):
        sheets, _ = read_file(REPO / "inputs" / name, f"inputs/{name}", sheet_specs())
        found += sheets
    return found


def as_compared(converted):
    """Everything a conversion gives, with the types of the values (1 == True in Python, not here)."""
    rows = [(row.source, repr(row.values), row.headers) for row in converted.rows]
    partial = [(row.source, repr(row.values), row.headers) for row in converted.partial]
    return converted.name, rows, partial, [repr(p) for p in converted.problems], converted.named


def edited(sheet, rng, count):
    columns = {key: list(cells) for key, cells in sheet.columns.items()}
    for _ in range(count):
        key = rng.choice(list(columns))
        columns[key][rng.randrange(len(sheet.row_numbers))] = rng.choice(TYPED_OVER)
    return replace(sheet, columns=columns)


@pytest.fixture
def rows_converted(monkeypatch):
    """The row numbers of each convert_columns call, in order."""
    calls, real = [], validation.convert_columns
    monkeypatch.setattr(validation, "convert_columns", lambda spec, numbers, *a: (calls.append(numbers), real(spec, numbers, *a))[1])
    return calls


@pytest.mark.parametrize("seed", range(12))
def test_converting_the_changed_rows_gives_what_converting_the_whole_sheet_gives(seed):
    rng = random.Random(seed)
    for sheet in example_sheets():
        before = edited(sheet, rng, rng.randrange(3))  # the earlier state may have problems of its own
        after = edited(before, rng, rng.randrange(1, 6))
        assert as_compared(convert_sheet_again(after, before, convert_sheet(before))) == as_compared(convert_sheet(after)), sheet.sheet


def test_only_the_changed_rows_are_converted_again(rows_converted):
    sheet = next(s for s in example_sheets() if s.spec.name == "activities")
    converted = convert_sheet(sheet)
    after = edited(sheet, random.Random(1), 0)
    after.columns["participants"][3] = 977
    rows_converted.clear()
    again = convert_sheet_again(after, sheet, converted)
    assert rows_converted == [[sheet.row_numbers[3]]]
    assert next(r for r in again.rows if r.source.row == sheet.row_numbers[3]).values["participants"] == 977
    assert as_compared(again) == as_compared(convert_sheet(after))
    assert convert_sheet_again(after, after, again) is again  # nothing changed: nothing converted


def test_a_sheet_with_rows_added_or_its_header_changed_is_converted_whole(rows_converted):
    sheet = next(s for s in example_sheets() if s.spec.name == "activities")
    converted = convert_sheet(sheet)
    longer = replace(
        sheet,
        row_numbers=[*sheet.row_numbers, sheet.row_numbers[-1] + 1],
        columns={key: [*cells, cells[0]] for key, cells in sheet.columns.items()},
    )
    renamed = replace(sheet, headers={**sheet.headers, "participants": "Dalībnieki"})
    for after in (longer, renamed):
        rows_converted.clear()
        again = convert_sheet_again(after, sheet, converted)
        assert rows_converted == [after.row_numbers]
        assert as_compared(again) == as_compared(convert_sheet(after))


@pytest.mark.parametrize(("was", "is_now"), [(1, True), (1, 1.0), (0, False), (dt.datetime(2024, 1, 31), dt.date(2024, 1, 31))])
def test_a_cell_typed_over_with_an_equal_value_of_another_type_is_converted_again(was, is_now):
    sheet = next(s for s in example_sheets() if s.spec.name == "activities")
    before, after = edited(sheet, random.Random(1), 0), edited(sheet, random.Random(1), 0)
    for key in ("participants", "start_date"):
        before.columns[key][3], after.columns[key][3] = was, is_now
    assert as_compared(convert_sheet_again(after, before, convert_sheet(before))) == as_compared(convert_sheet(after))
