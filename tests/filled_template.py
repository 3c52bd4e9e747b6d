"""The blank input workbook filled with openpyxl, as a user fills it: one grant's rows under the headers the
template has (Latvian or English), the rest of the workbook (validations, comments, instructions) kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl

from grantreports.inputs.sheets import normalise_name, sheet_specs
from tests.fixtures import SIF, sheets

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def one_grant() -> dict[str, list[list]]:
    """The fixture's Latvian SIF grant alone: a grant, two periods, texts, a plan, activities, indicators,
    budget lines, expenses."""
    return {name: [rows[0]] + [row for row in rows[1:] if row[0] == SIF] for name, rows in sheets().items()}


def fill_workbook(path: Path, tables: dict[str, list[list]]) -> Path:
    """Write each table's rows (its first row names the columns by key) under the workbook's headers."""
    workbook = openpyxl.load_workbook(path)
    specs = sheet_specs()
    by_name = {normalise_name(title): workbook[title] for title in workbook.sheetnames}
    for name, (keys, *rows) in tables.items():
        spec = specs[name]
        sheet = next(by_name[normalise_name(n)] for n in spec.names if normalise_name(n) in by_name)
        column_of = {spec.header_keys()[normalise_name(cell.value)]: cell.column for cell in sheet[1] if cell.value}
        for offset, row in enumerate(rows, start=2):
            for key, value in zip(keys, row, strict=True):
                if value is not None and value != "":
                    sheet.cell(row=offset, column=column_of[key], value=value)
    workbook.save(path)
    return path


def to_ods(xlsx: Path, folder: Path, profile: Path) -> Path:
    """The workbook converted by LibreOffice, as a user saving it as .ods would."""
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "ods", "--outdir", str(folder)]
    subprocess.run([*command, str(xlsx)], capture_output=True, check=True, timeout=180)
    return folder / (xlsx.stem + ".ods")
