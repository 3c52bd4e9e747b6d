import datetime as dt

import pandas as pd

from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import SIF, sheets, write_workbook


def test_xlsx_rows_keep_spreadsheet_row_numbers_and_skip_blank_rows(tmp_path):
    tables = {"activities": sheets()["activities"]}
    tables["activities"].insert(0, [])  # header on row 2
    tables["activities"].insert(3, [None] * 3)  # a blank row between data rows
    path = write_workbook(tmp_path / "a.xlsx", tables)
    found, problems = read_file(path, "a.xlsx", sheet_specs())
    assert problems == []
    (activities,) = found
    assert [row for row, _ in activities.rows] == [3, 5, 6, 7]
    assert activities.rows[0][1]["title"] == "Mentoringa tikšanās"


def test_headers_match_regardless_of_case_spaces_and_underscores(tmp_path):
    rows = sheets()["budget"]
    rows[0] = ["Grant Number", " LINE  code", "Category", "description", "APPROVED"]
    found, problems = read_file(write_workbook(tmp_path / "b.xlsx", {"Budget": rows}), "b.xlsx", sheet_specs())
    assert problems == []
    assert found[0].rows[0][1]["approved"] == 2000


def test_missing_required_column_names_the_header_row_and_blocks_the_grants_in_the_sheet(tmp_path):
    rows = [r[:7] + r[8:] for r in sheets()["activities"]]  # no participants column
    found, problems = read_file(write_workbook(tmp_path / "a.xlsx", {"activities": rows}), "a.xlsx", sheet_specs())
    assert found[0].rows == []
    assert {p.grant for p in problems} == {SIF, "BC-LV-P2P-2023/04"}
    assert all("missing required column(s) 'participants'" in p.message and p.row == 1 for p in problems)


def test_ods_files_are_read(tmp_path):
    frame = pd.DataFrame(
        [[SIF, dt.date(2023, 3, 31), "1", 100.5, "D-1"]], columns=["grant_number", "date", "line_code", "amount", "document_number"]
    )
    frame.to_excel(tmp_path / "e.ods", sheet_name="expenses", index=False, engine="odf")
    found, problems = read_file(tmp_path / "e.ods", "e.ods", sheet_specs())
    assert problems == []
    assert found[0].rows[0] == (
        2,
        {"grant_number": SIF, "date": dt.date(2023, 3, 31), "line_code": "1", "amount": 100.5, "document_number": "D-1"},
    )


def test_csv_in_windows_1257_with_semicolons_named_by_sheet(tmp_path):
    path = tmp_path / "activities-daugavkrasts.csv"
    header = "grant_number;activity_code;title;start_date;location;target_group;participants"
    path.write_bytes(f"{header}\n{SIF};A3;Talka;22.07.2023.;Ķekava;iedzīvotāji;96\n".encode("cp1257"))
    found, problems = read_file(path, path.name, sheet_specs())
    assert problems == [] and found[0].spec.name == "activities"
    assert found[0].rows[0] == (
        2,
        dict(zip(header.split(";"), [SIF, "A3", "Talka", "22.07.2023.", "Ķekava", "iedzīvotāji", "96"], strict=True)),
    )


def test_csv_utf8_with_bom(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_bytes('\ufeffgrant_number,line_code,category,approved\nX,1,Ēdināšana,"1 234,50"\n'.encode("utf-8"))  # BOM as Excel writes
    found, _ = read_file(path, path.name, sheet_specs())
    assert found[0].rows[0][1] == {"grant_number": "X", "line_code": "1", "category": "Ēdināšana", "approved": "1 234,50"}


def test_a_file_that_is_not_a_spreadsheet_is_a_clear_problem(tmp_path):
    path = tmp_path / "activities.xlsx"
    path.write_text("this is not a workbook")
    found, problems = read_file(path, "inputs/activities.xlsx", sheet_specs())
    assert found == []
    assert problems[0].file == "inputs/activities.xlsx"
    assert "cannot open as a spreadsheet" in problems[0].message and "expected an .xlsx or .ods" in problems[0].message


def test_a_workbook_whose_sheet_is_damaged_is_a_clear_problem_not_a_crash(tmp_path):
    import zipfile

    whole = write_workbook(tmp_path / "whole.xlsx", {"activities": sheets()["activities"]})
    path = tmp_path / "activities.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as damaged:
        for entry in source.infolist():
            data = source.read(entry)
            damaged.writestr(entry, data[: len(data) // 2] if entry.filename.startswith("xl/worksheets/") else data)
    found, problems = read_file(path, "inputs/activities.xlsx", sheet_specs())
    assert found == []
    assert [(p.file, p.sheet, p.severity, p.grant) for p in problems] == [("inputs/activities.xlsx", "activities", "error", "*")]
    assert problems[0].message.startswith("cannot read this sheet (") and "open the file and save it again" in problems[0].message


def test_a_workbook_without_known_sheets_lists_the_sheet_names_expected(tmp_path):
    path = write_workbook(tmp_path / "x.xlsx", {"Aktivitātes": [["a"], [1]]})
    _, problems = read_file(path, "x.xlsx", sheet_specs())
    assert "expected a sheet named one of: grants, periods, narrative, activity_plan, activities" in problems[0].message


def test_a_formula_is_read_by_its_saved_value_and_one_without_a_value_is_named(tmp_path):
    import io
    import zipfile

    import openpyxl

    from grantreports.inputs.masked_cells import UncachedFormula

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "budget"
    sheet.append(["grant_number", "line_code", "category", "approved"])
    sheet.append(["G", "1", "Staff", "=1000+500"])
    sheet.append(["G", "2", "Travel", "=SUM(D2:D2)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(tmp_path / "b.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":  # as Excel saves it: the first formula with its value
                data = data.replace(b"<f>1000+500</f><v></v>", b"<f>1000+500</f><v>1500</v>")
            target.writestr(name, data)
    (found,), problems = read_file(tmp_path / "b.xlsx", "b.xlsx", sheet_specs())
    assert problems == []
    values = {row: cells["approved"] for row, cells in found.rows}
    assert values[2] == 1500 and values[3] == UncachedFormula("=SUM(D2:D2)")


def test_cells_a_merge_covers_are_named_and_hidden_rows_are_read(tmp_path):
    import openpyxl

    from grantreports.inputs.masked_cells import MergedCell

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "budget"
    sheet.append(["grant_number", "line_code", "category", "approved"])
    sheet.append(["G", "1", "Staff", 100])
    sheet.append(["G", "2", None, 200])
    sheet.append(["G", "3", None, 300])
    sheet.merge_cells("C2:C3")  # 'Staff' shown over two rows: the lower cell holds nothing, as in Excel's own data model
    sheet.merge_cells("E2:F3")  # a merge whose first cell is empty shows nothing, so there is nothing to name
    sheet.row_dimensions[3].hidden = True
    workbook.save(tmp_path / "m.xlsx")
    (found,), problems = read_file(tmp_path / "m.xlsx", "m.xlsx", sheet_specs())
    assert problems == []
    assert {row: (cells.get("category"), cells["approved"]) for row, cells in found.rows} == {
        2: ("Staff", 100),
        3: (MergedCell("C2:C3", "Staff"), 200),
        4: ("", 300),
    }


def test_a_formula_is_found_wherever_the_pieces_the_sheet_is_read_in_cut_it(tmp_path, monkeypatch):
    import zipfile

    from grantreports.inputs import masked_cells

    monkeypatch.setattr(masked_cells, "_PIECE", 4)
    path = tmp_path / "w.zip"
    for offset in range(9):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("with.xml", b"x" * offset + b'<c t="e">' + b"y" * 5)
            archive.writestr("without.xml", b"x" * offset + b'<c t="n"><v>1</v>' + b"t=e <g" * 3)
        with zipfile.ZipFile(path) as archive:
            assert masked_cells._holds(archive, "with.xml", (b"<f", b't="e"')), offset
            assert not masked_cells._holds(archive, "without.xml", (b"<f", b't="e"')), offset
