"""The blank input workbook (`python -m grantreports template`, `make template`), generated from the sheet
schemas so that it cannot drift from what the build reads.

A first sheet of instructions (Latvian; English first and Latvian after it when the language is English),
then one sheet per input sheet, in the order to fill them, named in the chosen language, with:

- the column names as headers (required ones darker), frozen, each with a comment: meaning, type,
  required or not, allowed values, example;
- dropdowns (list validations) for every closed list: the funder formats (the folders of the templates
  folder), report kind, measure, work package kind, narrative section (every format's sections); and for
  codes naming a row of another sheet (grant number, budget line, activity, indicator, work package), a
  list of that sheet's column, which warns but lets a value through (the row may be in another file);
- date, whole number and number validations and formats on typed columns, text format on text columns
  (so that a code 1.1 stays 1.1 and does not become 1 January);
- the same bytes for the same schemas, formats and language (fixed document and zip dates).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from grantreports.common import i18n
from grantreports.common.files import write_atomically
from grantreports.common.i18n import tr
from grantreports.common.reproducible import fixed_zip
from grantreports.funders.profiles import Profile, load_profiles
from grantreports.inputs.sheets import INSTRUCTIONS_SHEET_NAMES, Column, SheetSpec, sheet_specs, with_grant_columns

# The order to fill the sheets in: a grant and its periods first, as every other row names them; then
# what other rows name (budget lines, planned activities, indicators) before the rows naming them.
FILL_ORDER = (
    "grants",
    "periods",
    "budget",
    "expenses",
    "activity_plan",
    "activities",
    "indicators",
    "indicator_values",
    "narrative",
    "budget_notes",
    "financing",
    "work_packages",
)
LAST_ROW = 2000  # rows 2..LAST_ROW get the validations; the lists of codes are read from the same rows
# Codes that name a row of another sheet: (sheet, column) -> (sheet, column) whose values the dropdown offers.
# Every sheet's grant_number names a grant of the grants sheet (added in _reference).
REFERENCES = {
    ("expenses", "line_code"): ("budget", "line_code"),
    ("budget_notes", "line_code"): ("budget", "line_code"),
    ("activities", "activity_code"): ("activity_plan", "activity_code"),
    ("indicators", "activity_codes"): ("activity_plan", "activity_code"),
    ("indicator_values", "indicator_code"): ("indicators", "indicator_code"),
    ("work_packages", "work_package"): ("work_packages", "code"),
}
MONEY = {"total_budget", "approved", "amount"}  # number columns in the grant's currency: shown with two decimals
DATE_FORMAT = "DD.MM.YYYY"
FIRST_DATE, LAST_DATE = dt.date(1990, 1, 1), dt.date(2099, 12, 31)  # the grant years the checks accept
NUMBER_LIMIT = "1000000000000"  # a number column with no minimum: any number within ± this
INLINE_LIST_LIMIT = 255  # Excel's limit on a list written into the validation itself
MOMENT = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)  # the workbook's fixed created/modified date
AUTHOR = "grantreports"

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFB4C6E7")
_OPTIONAL_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_HEADING_FILL = PatternFill("solid", fgColor="FFD9E1F2")
_THIN = Side(style="thin", color="FF8EA9DB")
_HEADER_BORDER = Border(bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """tr() gives `language` inside the block, the language before it after."""
    before = os.environ.get(i18n.ENVIRONMENT)
    i18n.use(language)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(i18n.ENVIRONMENT, None)
        else:
            os.environ[i18n.ENVIRONMENT] = before


def sheet_title(spec: SheetSpec, language: str) -> str:
    return spec.latvian if language == "lv" else spec.name


def header(column: Column, language: str) -> str:
    return column.latvian if language == "lv" else column.key


@cache
def description(spec_or_column: SheetSpec | Column, language: str) -> str:
    if language == "lv":
        if isinstance(spec_or_column, SheetSpec):
            return spec_or_column.latvian_description or spec_or_column.description
        return spec_or_column.latvian_description or spec_or_column.description
    return spec_or_column.description


def closed_lists(profiles: dict[str, Profile]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(sheet, column) -> the values it may hold: the schema's enums, the funder formats, every format's sections."""
    lists = {(spec.name, c.key): c.enum for spec in sheet_specs().values() for c in spec.columns if c.enum}
    lists["grants", "funder"] = tuple(sorted(profiles))
    lists["narrative", "section"] = tuple(sorted({s.key for p in profiles.values() for s in p.narrative}))
    return lists


def references() -> dict[tuple[str, str], tuple[str, str]]:
    """(sheet, column) -> (sheet, column) of the rows it names."""
    grant = {(name, "grant_number"): ("grants", "grant_number") for name in FILL_ORDER if name != "grants"}
    return grant | REFERENCES


def column_range(spec: SheetSpec, key: str, language: str) -> str:
    """The cells of a column below its header, as a reference from another sheet: 'Aktivitāšu plāns'!$B$2:$B$2000."""
    letter = get_column_letter([c.key for c in spec.columns].index(key) + 1)
    return f"{quote_sheetname(sheet_title(spec, language))}!${letter}$2:${letter}${LAST_ROW}"


def template_workbook(templates_dir: Path, language: str) -> bytes:
    """The blank input workbook for the formats in `templates_dir`, in `language` (lv or en), as .xlsx bytes."""
    profiles, _ = load_profiles(templates_dir)  # a format whose profile has errors offers no value; the build names its errors
    specs = with_grant_columns(sheet_specs(), profiles.values())  # the formats' own grants columns too
    workbook = openpyxl.Workbook()
    instructions = workbook.active
    with speaking(language):
        instructions.title = INSTRUCTIONS_SHEET_NAMES[language]
        list_cells = _write_instructions(instructions, specs, profiles, language)
        for name in FILL_ORDER:
            _write_sheet(workbook.create_sheet(sheet_title(specs[name], language)), specs[name], profiles, language, list_cells)
        workbook.properties.title = tr("grantreports: the project's input workbook")
    workbook.properties.creator = AUTHOR
    workbook.properties.created = workbook.properties.modified = MOMENT.replace(tzinfo=None)
    stream = io.BytesIO()
    workbook.save(stream)
    return fixed_zip(stream.getvalue(), MOMENT)


def write_template(path: Path, templates_dir: Path, language: str) -> Path:
    write_atomically(path, template_workbook(templates_dir, language))
    return path


# ---------------------------------------------------------------- input sheets


def _write_sheet(
    sheet: Worksheet, spec: SheetSpec, profiles: dict[str, Profile], language: str, list_cells: dict[tuple[str, str], str]
) -> None:
    lists, refs, specs = closed_lists(profiles), references(), sheet_specs()
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=header(column, language))
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(vertical="center")
        values = lists.get((spec.name, column.key))
        target = refs.get((spec.name, column.key))
        text = _comment_text(column, language, values, target)
        cell.comment = Comment(text, AUTHOR, width=320, height=max(100, 16 * (text.count("\n") + 1 + len(text) // 45)))
        sheet.column_dimensions[letter].width = _width(column, language, values)
        sheet.column_dimensions[letter].number_format = _number_format(column)
        cells = f"{letter}2:{letter}{LAST_ROW}"
        validation = None
        if values:
            validation = _list_validation(values, list_cells.get((spec.name, column.key)))
        elif target is not None:
            validation = _reference_validation(column, column_range(specs[target[0]], target[1], language), target, language)
        elif column.kind in ("date", "integer", "number"):
            validation = _typed_validation(column)
        if validation is not None:
            validation.add(cells)
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 20
    sheet.print_title_rows = "1:1"
    _fit_to_width(sheet)


def _fit_to_width(sheet: Worksheet) -> None:
    """Printed (or saved as PDF) landscape, every column on the page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _width(column: Column, language: str, values: tuple[str, ...] | None) -> float:
    longest = max([len(header(column, language)) + 3, len(column.example)] + [len(v) for v in values or ()])
    return float(min(max(longest + 2, 12), 45))


def _number_format(column: Column) -> str:
    if column.kind == "date":
        return DATE_FORMAT
    if column.kind == "integer":
        return "0"
    if column.kind == "number":
        return "#,##0.00" if column.key in MONEY else "General"
    return "@"  # text: what is typed stays as typed (1.1 is not 1 January, 007 keeps its zeros)


def _kind_line(column: Column) -> str:
    return {
        "text": tr("Type: text"),
        "list": tr("Type: text, several values separated by ';'"),
        "integer": tr("Type: whole number"),
        "number": tr("Type: number"),
        "date": tr("Type: date, e.g. 31.12.2024"),
    }[column.kind]


def _comment_text(column: Column, language: str, values: tuple[str, ...] | None, target: tuple[str, str] | None) -> str:
    specs = sheet_specs()
    other = column.key if language == "lv" else column.latvian
    lines = [f"{header(column, language)} ({other})", description(column, language), _kind_line(column)]
    lines.append(tr("Required: yes") if column.required else tr("Required: no, may be left empty"))
    if values:
        lines.append(tr("Pick from the list: {values}").format(values=", ".join(values)))
    elif target is not None:
        target_spec = specs[target[0]]
        lines.append(
            tr("Pick from the list: the values of the column {column} of the sheet {sheet}").format(
                column=header(target_spec.column(target[1]), language), sheet=sheet_title(target_spec, language)
            )
        )
    if column.minimum is not None:
        lines.append(tr("At least {minimum}").format(minimum=_shown(column.minimum)))
    lines.append(tr("Example: {example}").format(example=column.example))
    return "\n".join(line for line in lines if line)


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def _short(text: str, limit: int) -> str:
    """Excel refuses longer validation titles (32) and messages (255)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list_validation(values: tuple[str, ...], cells_on_instructions: str | None) -> DataValidation:
    inline = '"' + ",".join(values) + '"'
    source = inline if len(inline) - 2 <= INLINE_LIST_LIMIT or cells_on_instructions is None else cells_on_instructions
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        errorStyle="stop",
        showErrorMessage=True,
        errorTitle=_short(tr("Not in the list"), 32),
        error=_short(tr("Pick a value from the list (the arrow beside the cell): {values}").format(values=", ".join(values)), 255),
    )


def _reference_validation(column: Column, source: str, target: tuple[str, str], language: str) -> DataValidation:
    """A dropdown of the codes of another sheet. A value not there is let through after a warning (its row
    may be in another input file); for a list of codes (activity_codes: A1; A3) with no message at all."""
    target_spec = sheet_specs()[target[0]]
    message = tr("This value is not in the column {column} of the sheet {sheet}. Keep it only when its row is in another input file.")
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=column.kind != "list",
        errorTitle=_short(tr("Not in the list"), 32),
        error=_short(message.format(column=header(target_spec.column(target[1]), language), sheet=sheet_title(target_spec, language)), 255),
    )


def _typed_validation(column: Column) -> DataValidation:
    example = column.example
    if column.kind == "date":
        low, high = (str(int(to_excel(dt.datetime.combine(day, dt.time())))) for day in (FIRST_DATE, LAST_DATE))
        validation = DataValidation(type="date", operator="between", formula1=low, formula2=high)
        title, error = tr("Not a date"), tr("Enter a date between 01.01.1990 and 31.12.2099, e.g. {example}").format(example=example)
    elif column.minimum is not None:
        minimum = _shown(column.minimum)
        kind = "whole" if column.kind == "integer" else "decimal"
        validation = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(column.minimum).removesuffix(".0"))
        title = tr("Not a whole number") if kind == "whole" else tr("Not a number")
        message = tr("Enter a whole number of at least {minimum}, e.g. {example}") if kind == "whole" else None
        message = message or tr("Enter a number of at least {minimum}, e.g. {example}")
        error = message.format(minimum=minimum, example=example)
    else:
        kind = "whole" if column.kind == "integer" else "decimal"
        validation = DataValidation(type=kind, operator="between", formula1="-" + NUMBER_LIMIT, formula2=NUMBER_LIMIT)
        title, error = tr("Not a number"), tr("Enter a number, e.g. {example}").format(example=example)
    validation.allow_blank = True
    validation.errorStyle = "stop"
    validation.showErrorMessage = True
    validation.errorTitle, validation.error = _short(title, 32), _short(error, 255)
    return validation


# ---------------------------------------------------------------- instructions


def _when(sheet_name: str) -> str:
    """When a sheet is needed, in the interface language."""
    return {
        "grants": tr("Always: one row per grant."),
        "periods": tr("Always: one row per report the grant owes."),
        "budget": tr("Always: the approved budget, line by line."),
        "expenses": tr("Always: what was paid, one row per accounting document."),
        "activity_plan": tr("When the contract plans activities with codes."),
        "activities": tr("Always: what took place."),
        "indicators": tr("When the contract sets indicators (results)."),
        "indicator_values": tr("For indicators counted by hand (measure manual)."),
        "narrative": tr("Always: the texts the report format asks for (the table below)."),
        "budget_notes": tr("When a budget line is spent beyond what the funder allows."),
        "financing": tr("For formats that split the budget by source of financing (ESF)."),
        "work_packages": tr("For EU action grants: work packages, deliverables, milestones."),
    }[sheet_name]


def _write_instructions(
    sheet: Worksheet, specs: dict[str, SheetSpec], profiles: dict[str, Profile], language: str
) -> dict[tuple[str, str], str]:
    """The instructions in `language` (and in Latvian after them when that is English), naming the sheets and
    columns as the workbook does; returns, for the closed lists too long to write into a validation, the cells
    of the instructions holding their values."""
    for letter, width in zip("ABCD", (5, 30, 70, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    _fit_to_width(sheet)
    list_cells: dict[tuple[str, str], str] = {}
    row = 1
    for block, block_language in enumerate(["lv"] if language == "lv" else ["en", "lv"]):
        with speaking(block_language):
            row = _instructions_block(sheet, row, specs, profiles, language, list_cells if block == 0 else {})
        row += 2
    return list_cells


def _instructions_block(
    sheet: Worksheet,
    row: int,
    specs: dict[str, SheetSpec],
    profiles: dict[str, Profile],
    language: str,
    list_cells: dict[tuple[str, str], str],
) -> int:
    """One block of instructions, in the interface language in use; sheets and columns named in `language`."""

    def name(sheet_name: str) -> str:
        return sheet_title(specs[sheet_name], language)

    def column_name(sheet_name: str, key: str) -> str:
        return header(specs[sheet_name].column(key), language)

    def title(text: str, size: int = 12) -> None:
        nonlocal row
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=True, size=size)
        row += 1

    def paragraph(text: str, number: str = "") -> None:
        nonlocal row
        if number:
            sheet.cell(row=row, column=1, value=number).alignment = _WRAP
        sheet.cell(row=row, column=2, value=text).alignment = _WRAP
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 15 * (len(text) // 130 + 1)
        row += 1

    def table_row(values: list[str], heading: bool = False) -> None:
        nonlocal row
        lines = 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment = _WRAP
            if heading:
                cell.font, cell.fill = _BOLD, _HEADING_FILL
            width = sheet.column_dimensions["ABCD"[column - 1]].width
            lines = max(lines, len(value) // int(width) + 1)
        sheet.row_dimensions[row].height = 15 * lines
        row += 1

    title(tr("grantreports: the project's input workbook"), 14)
    paragraph(
        tr(
            "Enter your project's data in this workbook: grantreports makes the funder's report from it, as Word and PDF files."
            " Each sheet is one table. Its first row holds the column names: leave them as they are, since the tool finds the"
            " columns by them. Add your rows below them; leave a sheet you do not need empty."
        )
    )
    paragraph(
        tr(
            "Point at a column name to read its comment: what to enter, the kind of value, whether it is required, and an example."
            " Required columns have a darker heading. Where a column has a list, select a cell and pick the value from the arrow"
            " beside it. Write dates like 31.12.2024 and amounts like 1234,56; codes (budget lines 1.1, activities A1) stay as typed."
        )
    )
    paragraph(
        tr(
            "One workbook may hold several grants: every row names its grant in the column {column}, picked from the list once"
            " the grant has its row in the sheet {sheet}."
        ).format(column=column_name("periods", "grant_number"), sheet=name("grants"))
    )
    row += 1
    title(tr("The sheets, in the order to fill them"))
    table_row(["", tr("Sheet"), tr("What it holds"), tr("When it is needed")], heading=True)
    for number, sheet_name in enumerate(FILL_ORDER, start=1):
        table_row([str(number), name(sheet_name), description(specs[sheet_name], i18n.language()), _when(sheet_name)])
    row += 1
    title(tr("Making the reports"))
    steps = [
        tr("Save this workbook in the project's inputs folder, as .xlsx or .ods: the build reads every workbook there."),
        tr("In config/config.yaml set as_of: reports are made for every period that has ended by that date."),
        tr("Run the build in the project folder: ./build.sh (or snakemake -s <grantreports>/Snakefile --cores all)."),
        tr(
            "Open outputs/index.html: the reports made, and for those not made, why. The problems found in this workbook are"
            " listed in outputs/validation.html, each with its sheet, row and column."
        ),
        tr("Fix the rows named there and run the build again: only the reports whose data changed are made again."),
    ]
    for number, step in enumerate(steps, start=1):
        paragraph(step, f"{number}.")
    row += 1
    title(
        tr("Report formats (the column {column} of the sheet {sheet})").format(column=column_name("grants", "funder"), sheet=name("grants"))
    )
    table_row(
        [
            "",
            tr("Format"),
            tr("Funder"),
            tr("Texts (the column {column} of the sheet {sheet})").format(
                column=column_name("narrative", "section"), sheet=name("narrative")
            ),
        ],
        heading=True,
    )
    first = row
    for key in sorted(profiles):
        profile = profiles[key]
        table_row(["", key, profile.funder, ", ".join(_section_note(s.key, s.required_for) for s in profile.narrative)])
    if profiles:
        list_cells["grants", "funder"] = f"{quote_sheetname(sheet.title)}!$B${first}:$B${row - 1}"
    row += 1
    title(tr("Texts: the sections of every format"))
    table_row(["", tr("Section"), tr("Formats that have it"), ""], heading=True)
    first = row
    sections = sorted({s.key for p in profiles.values() for s in p.narrative})
    for section in sections:
        table_row(["", section, ", ".join(k for k in sorted(profiles) if any(s.key == section for s in profiles[k].narrative)), ""])
    if sections:
        list_cells["narrative", "section"] = f"{quote_sheetname(sheet.title)}!$B${first}:$B${row - 1}"
    return row


def _section_note(key: str, required_for: tuple[str, ...]) -> str:
    if set(required_for) >= {"interim", "final"}:
        return tr("{section} (required)").format(section=key)
    if "final" in required_for:
        return tr("{section} (required in the final report)").format(section=key)
    if required_for:
        return tr("{section} (required in interim reports)").format(section=key)
    return key
