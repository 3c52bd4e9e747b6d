"""The blank input workbook (`python -m grantreports template`, grantreports/starter/workbook.py): generated
from the sheet schemas, one sheet per input sheet after the instructions, a comment on every header, a
dropdown for every closed list and for every code naming another sheet's row, typed validations and formats;
the same bytes every time; filled with one grant, it builds a report, also when saved as .ods by LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.utils import get_column_letter, range_boundaries

from grantreports.__main__ import main
from grantreports.funders.profiles import load_profiles
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import INSTRUCTIONS_SHEET_NAMES, sheet_specs
from grantreports.starter import workbook as starter
from tests.filled_template import SOFFICE, fill_workbook, one_grant, to_ods
from tests.fixtures import REPO, SIF, TEMPLATES, pdf_text

SIF_DIR = "2023-lv-nvof-mac-041-58"
LANGUAGES = ("lv", "en")


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return {language: starter.template_workbook(TEMPLATES, language) for language in LANGUAGES}


def opened(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def validations(sheet) -> dict[str, object]:
    """Column letter -> its validation; each covers the rows below the header, to LAST_ROW, of one column."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            first_column, first_row, last_column, last_row = range_boundaries(cells.coord)
            assert (first_row, last_row, first_column) == (2, starter.LAST_ROW, last_column), (sheet.title, cells.coord)
            letter = get_column_letter(first_column)
            assert letter not in found, (sheet.title, letter)
            found[letter] = validation
    return found


def column_letter(spec, key: str) -> str:
    return get_column_letter([c.key for c in spec.columns].index(key) + 1)


def referenced_header(book: openpyxl.Workbook, formula: str) -> tuple[str, str]:
    """The sheet and the header of the column a reference like 'Aktivitāšu plāns'!$B$2:$B$2000 points at."""
    sheet_name, cells = formula.lstrip("=").rsplit("!", 1)
    sheet_name = sheet_name.strip("'").replace("''", "'")
    first_column, first_row, last_column, last_row = range_boundaries(cells.replace("$", ""))
    assert (first_row, last_row, first_column) == (2, starter.LAST_ROW, last_column)
    return sheet_name, book[sheet_name].cell(row=1, column=first_column).value


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_instructions_then_one_sheet_per_input_sheet_named_in_the_language(made, language):
    book = opened(made[language])
    specs = sheet_specs()
    assert sorted(starter.FILL_ORDER) == sorted(specs)
    names = [spec.latvian if language == "lv" else spec.name for spec in (specs[n] for n in starter.FILL_ORDER)]
    assert book.sheetnames[1:] == names
    instructions = "\n".join(str(cell.value) for row in book.worksheets[0].iter_rows() for cell in row if cell.value)
    for name in names:  # every sheet is explained, named as the workbook names it
        assert name in instructions
    for key in load_profiles(TEMPLATES)[0]:
        assert key in instructions
    assert "build.sh" in instructions and "outputs/validation.html" in instructions
    if language == "en":  # the English instructions, then the Latvian ones
        assert "Enter your project's data in this workbook" in instructions
        assert "Sabiedrības integrācijas fonds" in instructions


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_header_is_the_column_name_with_a_comment_saying_what_to_enter(made, language):
    book = opened(made[language])
    for spec in sheet_specs().values():
        sheet = book[spec.latvian if language == "lv" else spec.name]
        assert sheet.freeze_panes == "A2"
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            assert cell.value == (column.latvian if language == "lv" else column.key)
            assert cell.font.bold
            text = cell.comment.text
            other = column.key if language == "lv" else column.latvian
            meaning = (column.latvian_description if language == "lv" else column.description) or "no description"
            assert f"({other})" in text and meaning in text and column.example in text, (spec.name, column.key, text)
            assert cell.comment.author == starter.AUTHOR
            assert 12 <= sheet.column_dimensions[get_column_letter(index)].width <= 45
        assert sheet.max_row == 1  # blank: nothing below the headers


def test_every_column_and_sheet_has_a_latvian_description_in_its_schema():
    for spec in sheet_specs().values():
        assert spec.latvian_description, spec.name
        assert [c.key for c in spec.columns if not c.latvian_description] == [], spec.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_closed_list_is_a_dropdown_that_refuses_other_values(made, language):
    book = opened(made[language])
    specs = sheet_specs()
    profiles = load_profiles(TEMPLATES)[0]
    expected = {
        ("grants", "funder"): sorted(profiles),
        ("periods", "kind"): ["interim", "final"],
        ("indicators", "measure"): ["participants", "activities", "manual"],
        ("work_packages", "kind"): ["work_package", "deliverable", "milestone"],
        ("narrative", "section"): sorted({s.key for p in profiles.values() for s in p.narrative}),
    }
    assert set(starter.closed_lists(profiles)) == set(expected)
    assert "summary" in expected["narrative", "section"] and "horizontal_principles" in expected["narrative", "section"]
    for (name, key), values in expected.items():
        spec = specs[name]
        validation = validations(book[spec.latvian if language == "lv" else spec.name])[column_letter(spec, key)]
        assert validation.type == "list" and validation.formula1 == '"' + ",".join(values) + '"', (name, key)
        assert validation.errorStyle == "stop" and validation.showErrorMessage and validation.allow_blank
        assert len(validation.errorTitle) <= 32 and len(validation.error) <= 255


@pytest.mark.parametrize("language", LANGUAGES)
def test_codes_naming_another_sheet_offer_that_sheets_column(made, language):
    book = opened(made[language])
    specs = sheet_specs()

    def title(name):
        return specs[name].latvian if language == "lv" else specs[name].name

    def head(name, key):
        return specs[name].column(key).latvian if language == "lv" else key

    expected = {(name, "grant_number"): ("grants", "grant_number") for name in specs if name != "grants"} | {
        ("expenses", "line_code"): ("budget", "line_code"),
        ("budget_notes", "line_code"): ("budget", "line_code"),
        ("activities", "activity_code"): ("activity_plan", "activity_code"),
        ("indicators", "activity_codes"): ("activity_plan", "activity_code"),
        ("indicator_values", "indicator_code"): ("indicators", "indicator_code"),
        ("work_packages", "work_package"): ("work_packages", "code"),
    }
    assert starter.references() == expected
    for (name, key), (target, target_key) in expected.items():
        validation = validations(book[title(name)])[column_letter(specs[name], key)]
        assert validation.type == "list", (name, key)
        assert referenced_header(book, validation.formula1) == (title(target), head(target, target_key)), (name, key)
        # A code whose row is in another input file is let through after a warning; a list of codes (A1; A3) silently.
        assert validation.errorStyle == "warning"
        assert validation.showErrorMessage == (specs[name].column(key).kind != "list")
    lv = opened(made["lv"])
    assert validations(lv["Izdevumi"])["A"].formula1 == "'Projekti'!$A$2:$A$2000"
    assert validations(lv["Pasākumi"])["B"].formula1 == "'Aktivitāšu plāns'!$B$2:$B$2000"
    assert validations(lv["Izdevumi"])["C"].formula1 == "'Budžets'!$B$2:$B$2000"
    assert validations(lv["Rādītāju vērtības"])["B"].formula1 == "'Rādītāji'!$B$2:$B$2000"


@pytest.mark.parametrize("language", LANGUAGES)
def test_typed_columns_have_their_validation_and_format(made, language):
    book = opened(made[language])
    closed, refs = starter.closed_lists(load_profiles(TEMPLATES)[0]), starter.references()
    for spec in sheet_specs().values():
        sheet = book[spec.latvian if language == "lv" else spec.name]
        found = validations(sheet)
        for column in spec.columns:
            letter = column_letter(spec, column.key)
            number_format = sheet.column_dimensions[letter].number_format
            validation = found.get(letter)
            where = (spec.name, column.key)
            if column.kind == "date":
                assert number_format == "DD.MM.YYYY", where
                assert (validation.type, validation.operator) == ("date", "between"), where
                assert (validation.formula1, validation.formula2) == ("32874", "73050")  # 01.01.1990, 31.12.2099
            elif column.kind == "integer":
                assert number_format == "0"
                assert (validation.type, validation.operator, validation.formula1) == ("whole", "greaterThanOrEqual", "0"), where
            elif column.kind == "number":
                assert number_format == ("#,##0.00" if column.key in starter.MONEY else "General"), where
                assert validation.type == "decimal", where
                if column.minimum is not None:
                    assert (validation.operator, validation.formula1) == ("greaterThanOrEqual", "0"), where
                else:  # an expense may be negative (a refund)
                    assert validation.operator == "between" and validation.formula1.startswith("-"), where
            else:
                assert number_format == "@", where  # a code 1.1 stays text, not 1 January
                assert (validation is not None) == (where in closed or where in refs), where
            if validation is not None and validation.type != "list":
                assert validation.errorStyle == "stop" and validation.allow_blank and validation.error


def test_the_same_bytes_every_time_with_fixed_dates(made):
    assert starter.template_workbook(TEMPLATES, "lv") == made["lv"]
    with zipfile.ZipFile(io.BytesIO(made["lv"])) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {entry.date_time for entry in archive.infolist()} == {(2020, 1, 1, 0, 0, 0)}
    assert "2020-01-01T00:00:00Z" in core and core.count("2020-01-01T00:00:00Z") == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_blank_workbook_is_read_with_no_problem_and_its_instructions_passed_over_without_a_word(made, language, tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(made[language])
    found, problems = read_file(path, path.name, sheet_specs())
    assert sorted(sheet.spec.name for sheet in found) == sorted(sheet_specs())
    assert all(sheet.row_numbers == [] for sheet in found)
    assert opened(made[language]).sheetnames[0] == INSTRUCTIONS_SHEET_NAMES[language]
    assert problems == []  # not even a note: the instructions sheet is the workbook's own


def test_a_list_too_long_for_a_validation_refers_to_the_instructions(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    profile = templates / "sif-nvo-fonds" / "profile.yaml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["narrative"] |= {f"a_rather_long_section_name_{letter}": {"description": "x"} for letter in "abcdefghijkl"}
    profile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    profiles = load_profiles(templates)[0]
    sections = sorted({s.key for p in profiles.values() for s in p.narrative})
    assert len(",".join(sections)) > starter.INLINE_LIST_LIMIT
    book = opened(starter.template_workbook(templates, "lv"))
    spec = sheet_specs()["narrative"]
    validation = validations(book[spec.latvian])[column_letter(spec, "section")]
    sheet_name, cells = validation.formula1.rsplit("!", 1)
    assert sheet_name.strip("'") == book.sheetnames[0]
    assert [row[0].value for row in book[book.sheetnames[0]][cells.replace("$", "")]] == sections


def test_the_command_writes_the_workbook_and_refuses_a_folder_with_no_formats(tmp_path, capsys):
    out = tmp_path / "sub" / "veidne.xlsx"
    assert main(["template", "--language", "en", "--out", str(out)]) == 0
    assert out.read_bytes() == starter.template_workbook(TEMPLATES, "en")
    assert str(out) in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["template", "--templates", str(empty), "--out", str(tmp_path / "x.xlsx")]) == 1
    assert str(empty) in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()
    assert main(["check-templates", str(empty)]) == 1  # zero formats is no success
    assert str(empty) in capsys.readouterr().out


def test_the_example_build_does_not_read_the_default_template_path():
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert all(pattern.startswith("inputs/") for pattern in config["inputs"])  # template.xlsx lies beside inputs/, unread


# ---------------------------------------------------------------- filled in, built


def build(folder: Path, workbook: Path) -> subprocess.CompletedProcess:
    """A project in `folder` with `workbook` as its only input; only the interim report is due by as_of."""
    (folder / "inputs").mkdir(parents=True)
    shutil.copyfile(workbook, folder / "inputs" / workbook.name)
    (folder / "config").mkdir()
    (folder / "config" / "config.yaml").write_text(
        f'inputs: ["inputs/**/*.{{xlsx,ods}}"]\nas_of: "2024-06-30"\ntemplates: "{TEMPLATES}"\ngrants: []\nlanguage: en\nrender_batches: 1\n',
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(folder), "--cores", "2"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, made) -> Path:
    path = tmp_path_factory.mktemp("filled") / "projekts.xlsx"
    path.write_bytes(made["lv"])
    return fill_workbook(path, one_grant())


def assert_built(folder: Path, run: subprocess.CompletedProcess) -> None:
    assert run.returncode == 0, run.stderr[-3000:]
    pdf = folder / "outputs" / SIF_DIR / "interim-1.pdf"
    assert pdf.is_file() and (folder / "outputs" / SIF_DIR / "interim-1.docx").is_file()
    text = pdf_text(pdf)
    assert SIF in text and "Kaimiņu kopienu kopspēks" in text
    assert "ERROR" not in (folder / "outputs" / "validation.txt").read_text(encoding="utf-8")


def test_the_template_filled_with_one_grant_builds_its_report(tmp_path, filled):
    book = openpyxl.load_workbook(filled)  # the filling kept what the template had
    assert validations(book["Izdevumi"])["C"].formula1 == "'Budžets'!$B$2:$B$2000"
    assert book["Projekti"]["A1"].comment is not None and book["Projekti"]["A2"].value == SIF
    assert_built(tmp_path, build(tmp_path, filled))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: the template saved as .ods is not built")
def test_the_filled_template_saved_as_ods_by_libreoffice_builds_its_report(tmp_path, filled):
    ods = to_ods(filled, tmp_path / "converted", tmp_path / "lo-profile")
    with zipfile.ZipFile(ods) as archive:  # LibreOffice kept the dropdowns, those naming another sheet included
        content = archive.read("content.xml").decode()
    assert "of:cell-content-is-in-list([$Projekti.$A$2:.$A$2000])" in content
    assert "of:cell-content-is-in-list([$'Aktivitāšu plāns'.$B$2:.$B$2000])" in content.replace("&apos;", "'")
    assert "of:cell-content-is-in-list(&quot;british-council&quot;;" in content
    assert_built(tmp_path / "project", build(tmp_path / "project", ods))
