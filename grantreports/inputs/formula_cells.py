"""Cells calamine reads as empty though they are not: formulas an .xlsx saved without a value, and
formulas whose saved value is a spreadsheet error such as #DIV/0! (.xlsx, .ods). We name them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v>(.+?)</v>", re.DOTALL)

# What each error value a spreadsheet program shows means, in words for the person who wrote the formula.
ERROR_MEANINGS = {
    "#DIV/0!": "a division by zero",
    "#REF!": "the formula refers to cells that were deleted",
    "#N/A": "a lookup found no value",
    "#VALUE!": "a formula got a value of the wrong kind",
    "#NAME?": "the formula uses a name or function the program does not know",
    "#NUM!": "a calculation gave no valid number",
    "#NULL!": "two ranges that do not meet",
    "#SPILL!": "the result has no room to spill into",
    "#CALC!": "the calculation failed",
    "#GETTING_DATA": "the value was still being fetched",
}
_LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")  # LibreOffice's other errors, e.g. Err:502


class UncachedFormula(str):
    """A cell's formula text, standing in for the value the file did not save."""


class SpreadsheetError(str):
    """The error a cell shows instead of a value (#DIV/0!, #REF!, ...)."""

    def meaning(self) -> str:
        return ERROR_MEANINGS.get(self, "the formula failed")


def as_spreadsheet_error(value: object) -> SpreadsheetError | None:
    """The error a cell's value is: a saved error, or text that is one (as a CSV file writes it)."""
    if isinstance(value, SpreadsheetError):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in ERROR_MEANINGS or _LIBREOFFICE_ERROR.fullmatch(text):
            return SpreadsheetError(text.upper() if text.upper() in ERROR_MEANINGS else text)
    return None


def masked_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, (row, column) from 0 of every cell calamine reads as empty though it holds an
    UncachedFormula or a SpreadsheetError."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_cells(path)
    if suffix == ".ods":
        return _ods_errors(path)
    return {}


def _xlsx_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive).items():
            data = archive.read(part)
            if b"<f" not in data and b't="e"' not in data:
                continue
            for attributes, body in _CELL.findall(data):
                reference = _REFERENCE.search(attributes)
                if reference is None:
                    continue
                place = (int(reference.group(2)) - 1, _column_index(reference.group(1).decode()))
                value = _VALUE.search(body or b"")
                if _ERROR_TYPE.search(attributes) and value:
                    found.setdefault(name, {})[place] = SpreadsheetError(value.group(1).decode("utf-8", "replace"))
                    continue
                formula = _FORMULA.search(body or b"")
                if formula and not value:
                    found.setdefault(name, {})[place] = UncachedFormula("=" + (formula.group(1) or b"").decode("utf-8", "replace"))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in relations}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATION), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return {name: part for name, part in parts.items() if part in archive.namelist()}


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


def _ods_errors(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """LibreOffice saves an error cell with calcext:value-type="error" and the error as its text."""
    with zipfile.ZipFile(path) as archive:
        if "content.xml" not in archive.namelist():
            return {}
        with archive.open("content.xml") as content:
            if b'value-type="error"' not in content.read():
                return {}
        found: dict[str, dict[tuple[int, int], str]] = {}
        with archive.open("content.xml") as content:
            sheet, row = "", 0
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start" and tag == f"{_TABLE}table":
                    sheet, row = element.get(f"{_TABLE}name", ""), 0
                elif event == "end" and tag == f"{_TABLE}table-row":
                    column = 0
                    for cell in element:
                        repeated = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                        if cell.get(_CALCEXT_TYPE) == "error":
                            text = "".join(cell.itertext()).strip()
                            for offset in range(min(repeated, 1000)):
                                found.setdefault(sheet, {})[(row, column + offset)] = SpreadsheetError(text)
                        column += repeated
                    row += int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                    element.clear()
    return found
