"""A workbook saved again: the rows read alone (changed_rows.read_again) must be what reading the whole file gives."""

import datetime as dt
import io
import random
import sys
import zipfile

import openpyxl
import pytest

from grantreports.inputs.changed_rows import read_again, snapshot
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import REPO, SIF, sheets

sys.path.insert(0, str(REPO / "bench"))
from generate import with_shared_strings

HEADER = sheets()["activities"][0]
TITLE = ["Projekta aktivitātes", None, None]  # a title row above the header, merged across A1:C1


def activity_rows(count: int) -> list[list]:
    places = ["Mārupe", "Olaine", "Ādaži", "Ķekava", ""]
    return [
        [SIF, f"A{n % 7}", f"Pasākums {n % 11}", dt.date(2023, 1 + n % 12, 1 + n % 28), None, places[n % 5], "jaunieši", 5 + n, "", ""]
        for n in range(count)
    ]


def save(path, rows, number_formats=None, merges=("A1:C1",), formulas=None, notes="Aizpildiet lapu 'activities'.", shared=None):
    """The workbook as a spreadsheet program would save it: a title row, the header on row 2, the rows; an
    instructions sheet after it. Its texts inline (as openpyxl writes them) or, with `shared` (the default: as the
    file was first saved), in a table of shared strings (as Excel and LibreOffice write them)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    for row in [TITLE, HEADER, *rows]:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    for cell, number_format in (number_formats or {}).items():
        sheet[cell].number_format = number_format
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    workbook.create_sheet("Instructions").append([notes])
    if shared is None:
        shared = path.is_file() and "xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist()
    if shared:
        written = io.BytesIO()
        workbook.save(written)
        with_shared_strings(written, path)
    else:
        workbook.save(path)
    return path


def as_read(found):
    """Everything read, each cell with its type (1, 1.0 and True are equal in Python, not as cells)."""
    return [
        (s.spec.name, s.file, s.sheet, s.row_numbers, s.headers, s.positions, {k: [(type(v), v) for v in c] for k, c in s.columns.items()})
        for s in found
    ]


@pytest.fixture(params=[False, True], ids=["inline texts", "shared strings"])
def workbook(tmp_path, request):
    rows = activity_rows(60)
    path = save(tmp_path / "activities.xlsx", rows, shared=request.param)
    found, problems = read_file(path, "inputs/activities.xlsx", sheet_specs())
    assert problems == [] and [s.sheet for s in found] == ["activities"] and len(found[0].row_numbers) == 60
    return path, rows, found, snapshot(path, found)


def read_both_ways(path, found, before):
    """The file read again from its snapshot `before` it was saved again, and read whole."""
    again = read_again(path, before, found)
    whole, _ = read_file(path, "inputs/activities.xlsx", sheet_specs())
    return again, whole


def test_changed_figures_and_dates_are_read_alone_as_the_whole_file_reads_them(workbook):
    path, rows, found, before = workbook
    chance = random.Random(17)
    for _ in range(12):
        edited = [list(row) for row in rows]
        for index in chance.sample(range(25, 60), chance.randint(1, 4)):
            if chance.random() < 0.5:
                edited[index][7] = chance.choice([0, 3, 41, 1234, 2.5])  # participants: whole, decimal
            else:
                edited[index][3] = dt.date(2024, chance.randint(1, 12), chance.randint(1, 28))  # start date
        save(path, edited)
        again = read_again(path, before, found)
        whole, _ = read_file(path, "inputs/activities.xlsx", sheet_specs())
        assert again is not None, "figures and dates changed: only those rows need reading"
        sheets_again, indexes, before = again
        assert as_read(sheets_again) == as_read(whole)
        differing = {i for key, cells in whole[0].columns.items() for i, cell in enumerate(cells) if found[0].columns[key][i] != cell}
        assert differing <= set(indexes["activities"]), "every row that changed is one of the rows read again"
        found, rows = whole, edited


def test_a_cell_emptied_reads_as_an_empty_cell(workbook):
    path, rows, found, before = workbook
    rows[40][5] = None  # location
    save(path, rows)
    again, whole = read_both_ways(path, found, before)
    assert again is not None
    assert as_read(again[0]) == as_read(whole)
    assert whole[0].columns["location"][40] == ""


def test_a_save_that_changed_nothing_reads_nothing_again(workbook):
    path, rows, found, before = workbook
    save(path, rows)
    again = read_again(path, before, found)
    assert again is not None and again[1] == {"activities": []} and as_read(again[0]) == as_read(found)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda rows: {"rows": rows[:-1]}, id="a row removed"),
        pytest.param(lambda rows: {"rows": [*rows, rows[0]]}, id="a row added"),
        pytest.param(lambda rows: {"rows": rows[1:] + rows[:1]}, id="rows moved"),
        pytest.param(lambda rows: {"rows": [rows[0][:7] + [99] + rows[0][8:], *rows[1:]]}, id="a row among the first 20"),
        pytest.param(lambda rows: {"rows": rows[:39] + [[None] * 10] + rows[40:]}, id="a row emptied"),
        pytest.param(lambda rows: {"rows": rows, "formulas": {"H42": "=2+3"}}, id="a formula"),
        pytest.param(lambda rows: {"rows": rows, "formulas": {"H42": "#DIV/0!"}}, id="an error value"),
        pytest.param(lambda rows: {"rows": rows, "number_formats": {"H45": "0.00"}}, id="a cell's format"),
        pytest.param(lambda rows: {"rows": rows, "notes": "Cita instrukcija"}, id="another sheet"),
    ],
)
def test_the_whole_file_is_read_when_rows_read_alone_could_read_otherwise(workbook, edit):
    path, rows, found, before = workbook
    save(path, **edit([list(row) for row in rows]))
    assert read_again(path, before, found) is None


def test_a_new_text_is_read_alone_unless_it_is_added_to_the_shared_strings(workbook):
    """Rows that did not change refer to the table of shared strings by place: when it changed, they may read otherwise."""
    path, rows, found, before = workbook
    rows[39][2] = "Jauns nosaukums „Ķekavas vakars”"
    save(path, rows)
    again, whole = read_both_ways(path, found, before)
    assert whole[0].columns["title"][39] == "Jauns nosaukums „Ķekavas vakars”"
    if "xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist():
        assert again is None
    else:
        assert again is not None and as_read(again[0]) == as_read(whole)


def test_a_text_changed_in_the_shared_strings_alone_is_read_with_the_whole_file(tmp_path):
    """A text only one cell had, replaced by another: the new text takes the old one's place in the table, and
    the row's own XML, which refers to that place, stays as it was."""
    rows = activity_rows(60)
    rows[45][9] = "Vienīgais rezultāts A"
    path = save(tmp_path / "activities.xlsx", rows, shared=True)
    found, _ = read_file(path, "inputs/activities.xlsx", sheet_specs())
    before = snapshot(path, found)
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    rows[45][9] = "Vienīgais rezultāts B"
    save(path, rows)
    assert zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml") == sheet_xml
    assert read_again(path, before, found) is None
    assert read_file(path, "inputs/activities.xlsx", sheet_specs())[0][0].columns["result"][45] == "Vienīgais rezultāts B"


def test_a_row_under_a_merge_is_read_with_the_whole_file(tmp_path):
    rows = activity_rows(60)
    path = save(tmp_path / "activities.xlsx", rows, merges=("A1:C1", "J40:J42"))
    found, _ = read_file(path, "inputs/activities.xlsx", sheet_specs())
    before = snapshot(path, found)
    rows[39][7] = 77  # row 41, under the merge J40:J42
    save(path, rows, merges=("A1:C1", "J40:J42"))
    assert read_again(path, before, found) is None
    rows[39][7], rows[50][7] = rows[39][7] - 77 + 5 + 39, 500  # row 41 as it was; row 53, under no merge
    save(path, rows, merges=("A1:C1", "J40:J42"))
    again = read_again(path, before, found)
    assert again is not None and as_read(again[0]) == as_read(read_file(path, "inputs/activities.xlsx", sheet_specs())[0])


def test_the_sheets_view_may_change(workbook):
    """Where the cursor was when the file was saved is no part of what is read."""
    path, rows, found, before = workbook
    rows[50][7] = 500
    save(path, rows)
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'activeCell="A1"' in data
                data = data.replace(b'activeCell="A1" sqref="A1"', b'activeCell="H53" sqref="H53"')
            archive.writestr(info, data)
    again, whole = read_both_ways(path, found, before)
    assert again is not None and as_read(again[0]) == as_read(whole)
    assert whole[0].columns["participants"][50] == 500


def test_only_xlsx_files_get_a_snapshot(tmp_path, workbook):
    _, _, found, before = workbook
    assert before is not None
    csv = tmp_path / "activities.csv"
    csv.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    assert snapshot(csv, found) is None


def test_a_file_too_big_to_unpack_is_left_to_the_whole_read_which_refuses_it(workbook, monkeypatch):
    from grantreports.inputs import changed_rows, reading

    path, rows, found, before = workbook
    rows[50][7] = 500
    save(path, rows)
    monkeypatch.setattr(changed_rows, "MAX_BYTES", 20_000)
    monkeypatch.setattr(reading, "MAX_BYTES", 20_000)
    assert read_again(path, before, found) is None
    assert "the workbook unpacks to" in read_file(path, "inputs/activities.xlsx", sheet_specs())[1][0].message
