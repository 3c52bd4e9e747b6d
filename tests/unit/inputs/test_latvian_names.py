"""Every sheet and column has a Latvian name beside the English one, defined once in the sheet schemas; both are read."""

import csv

from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import normalise_name, sheet_specs
from tests.fixtures import group, sheets, write_workbook


def in_latvian(tables: dict[str, list[list]]) -> dict[str, list[list]]:
    specs = sheet_specs()
    translated = {}
    for name, rows in tables.items():
        spec = specs[name]
        header = [spec.column(key).latvian for key in rows[0]]
        translated[spec.latvian] = [header, *rows[1:]]
    return translated


def test_every_sheet_and_column_has_its_own_latvian_name():
    for spec in sheet_specs().values():
        names = [normalise_name(name) for c in spec.columns for name in (c.key, c.latvian)]
        assert len(names) == len(set(names)), spec.name  # no Latvian name is another column's name
        assert spec.latvian and all(c.latvian for c in spec.columns)
    sheet_names = [normalise_name(name) for spec in sheet_specs().values() for name in spec.names]
    assert len(sheet_names) == len(set(sheet_names))


def test_a_workbook_in_latvian_gives_the_same_grants_as_one_in_english(tmp_path):
    english, _ = read_file(write_workbook(tmp_path / "en.xlsx", sheets()), "in.xlsx", sheet_specs())
    latvian, problems = read_file(write_workbook(tmp_path / "lv.xlsx", in_latvian(sheets())), "in.xlsx", sheet_specs())
    assert problems == []
    assert sorted(s.sheet for s in latvian) == sorted(sheet_specs()[s.spec.name].latvian for s in english)
    english_grants, english_problems = group(english)
    latvian_grants, latvian_problems = group(latvian)
    assert english_problems == latvian_problems == []
    assert set(latvian_grants) == set(english_grants)
    for number, data in english_grants.items():
        # the same records, field by field; only the sheet each row came from is named as the workbook names it
        text = latvian_grants[number].to_json()
        for spec in sheet_specs().values():
            text = text.replace(f'"sheet":"{spec.latvian}"', f'"sheet":"{spec.name}"')
        assert text == data.to_json()
        assert '"sheet":"Pasākumi"' in latvian_grants[number].to_json()


def test_a_csv_file_named_and_headed_in_latvian_is_read(tmp_path):
    rows = in_latvian({"expenses": sheets()["expenses"]})["Izdevumi"]
    path = tmp_path / "izdevumi-partneris.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([[str(v) for v in row] for row in rows])
    found, problems = read_file(path, "izdevumi-partneris.csv", sheet_specs())
    assert problems == []
    (sheet,) = found
    assert sheet.spec.name == "expenses" and sheet.row_numbers == [2, 3, 4, 5]
    assert sheet.columns["document_number"] == ["AL-1", "AL-2", "PP-3", "S-1"]


def test_a_problem_names_the_column_as_the_sheet_heads_it(tmp_path):
    tables = in_latvian(sheets())
    tables["Izdevumi"][1][1] = "31.06.2024."  # the date cell of the first expense
    found, _ = read_file(write_workbook(tmp_path / "lv.xlsx", tables), "in.xlsx", sheet_specs())
    _, problems = group(found)
    (problem,) = [p for p in problems if p.sheet == "Izdevumi"]
    assert (problem.column, problem.header, problem.row) == ("date", "Datums", 2)  # the key for programs, the header for people
    assert str(problem).startswith("in.xlsx, sheet 'Izdevumi', row 2, column 'Datums': value '31.06.2024.'")
