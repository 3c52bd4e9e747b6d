"""The data extract: formula-like text from the inputs stays inert text in the .xlsx."""

import datetime as dt
import io

import openpyxl

from grantreports.audit.data_extract import extract_workbook
from grantreports.figures.context import build_context
from grantreports.figures.traceability import source_ranges
from grantreports.funders.profiles import load_profile
from grantreports.inputs.model import Source
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import SIF, TEMPLATES, group, sheets, write_workbook


def test_formula_like_text_in_the_inputs_is_inert_in_the_extract(tmp_path):
    tables = sheets()
    tables["activities"][1][2] = "@SUM(1+1)*cmd|' /C calc'!A0"  # (text starting with = is a formula cell in .xlsx)
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    data = group(found)[0][SIF]
    context = build_context(data, "final", load_profile(TEMPLATES, "sif-nvo-fonds"))
    workbook = openpyxl.load_workbook(io.BytesIO(extract_workbook(context, dt.datetime(2024, 11, 30, tzinfo=dt.UTC))))
    notes = [row[5] for row in workbook["rows"].iter_rows(min_row=2, values_only=True)]
    assert any((note or "").startswith("16.02.2023 @SUM(1+1)") for note in notes)  # after the date, never at the start
    formulas = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []


def test_source_ranges_join_consecutive_rows():
    rows = [Source("a.xlsx", "s", n) for n in (2, 3, 4, 9, 11, 12)] + [Source("a.xlsx", "t", 5)]
    assert [(r.sheet, r.rows, r.count) for r in source_ranges(rows)] == [("s", "2–4, 9, 11–12", 6), ("t", "5", 1)]


def test_safe_cell_makes_every_formula_start_inert():
    from grantreports.common.spreadsheet_safety import safe_cell

    assert [safe_cell(t) for t in ("=1+2", "+372", "-5", "@SUM(A1)", "\tx", "Rīga")] == [
        "'=1+2",
        "'+372",
        "'-5",
        "'@SUM(A1)",
        "'\tx",
        "Rīga",
    ]


def test_each_event_count_is_traced_to_one_row_per_event(tmp_path):
    """An event entered once per target group counts once, and the extract names its first row."""
    tables = sheets()
    tables["activities"].append([SIF, "A4", "Forums „Ideju skrejceļš”", dt.date(2024, 4, 20), None, "Ķekava", "jaunieši", 12, "", ""])
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    context = build_context(group(found)[0][SIF], "final", load_profile(TEMPLATES, "sif-nvo-fonds"))
    workbook = openpyxl.load_workbook(io.BytesIO(extract_workbook(context, dt.datetime(2024, 11, 30, tzinfo=dt.UTC))))
    totals = {figure: total for figure, total, _ in workbook["figures"].iter_rows(min_row=2, values_only=True)}
    forums = next(p for p in context.activity_plan if p.code == "A4")
    assert (forums.events_in_period, forums.events_to_date) == (1, 2)
    assert totals[f"activity A4 {forums.title}: events: in period"] == 1
    assert totals[f"activity A4 {forums.title}: events: to date"] == 2
    rows = [r for r in workbook["rows"].iter_rows(min_row=2, values_only=True) if r[0] == f"activity A4 {forums.title}: events: in period"]
    assert [(r[3], r[4]) for r in rows] == [("activities", 4)]  # the Ķekava forum's first row, not its second
