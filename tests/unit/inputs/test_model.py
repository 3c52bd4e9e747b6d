from dataclasses import fields

from grantreports.inputs.model import Activity, BudgetLine, Expense, Grant, GrantData, Indicator, IndicatorValue, Period
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import SIF, group, sheets, write_workbook

DERIVED = {"source", "slug", "number", "extra"}
RECORD_OF_SHEET = {
    "grants": Grant,
    "periods": Period,
    "activities": Activity,
    "indicators": Indicator,
    "indicator_values": IndicatorValue,
    "budget": BudgetLine,
    "expenses": Expense,
}


def test_every_record_has_exactly_the_columns_of_its_sheet_schema():
    for name, record in RECORD_OF_SHEET.items():
        columns = {c.key for c in sheet_specs()[name].columns}
        assert {f.name for f in fields(record)} - DERIVED == columns, name


def test_grant_data_survives_its_json_file_unchanged(tmp_path):
    found, _ = read_file(write_workbook(tmp_path / "in.xlsx", sheets()), "in.xlsx", sheet_specs())
    grants, _ = group(found)
    data = grants[SIF]
    assert GrantData.from_json(data.to_json()) == data
