"""Cells calamine reads as empty though a person sees something there: formulas saved without a value
(.xlsx, .ods), formulas whose saved value is a spreadsheet error such as #DIV/0! (.xlsx, .ods), and the
cells a merge covers, which show the merged value but hold none (.xlsx, .ods). We name them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from grantreports.common.i18n import tr

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v>(.+?)</v>", re.DOTALL)


def error_meanings() -> dict[str, str]:
    """What each error value a spreadsheet program shows means, in words for the person who wrote the formula,
    in the interface language."""
    return {
        "#DIV/0!": tr("a division by zero"),
        "#REF!": tr("the formula refers to cells that were deleted"),
        "#N/A": tr("a lookup found no value"),
        "#VALUE!": tr("a formula got a value of the wrong kind"),
        "#NAME?": tr("the formula uses a name or function the program does not know"),
        "#NUM!": tr("a calculation gave no valid number"),
        "#NULL!": tr("two ranges that do not meet"),
        "#SPILL!": tr("the result has no room to spill into"),
        "#CALC!": tr("the calculation failed"),
        "#GETTING_DATA": tr("the value was still being fetched"),
    }


# The error values spreadsheet programs show (error_meanings says what each means).
ERRORS = frozenset(("#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"))
_LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")  # LibreOffice's other errors, e.g. Err:502


class UncachedFormula(str):
    """A cell's formula text, standing in for the value the file did not save."""


class SpreadsheetError(str):
    """The error a cell shows instead of a value (#DIV/0!, #REF!, ...)."""

    def meaning(self) -> str:
        return error_meanings().get(self) or tr("the formula failed")


@dataclass(frozen=True)
class MergedCell:
    """A cell covered by a merge whose first cell holds a value: it shows that value, but holds none."""

    cells: str  # the merge, e.g. A2:A4
    value: object  # what its first cell holds


def cell_name(row: int, column: int) -> str:
    """B2 for row 1, column 1 (counted from 0)."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{letters}{row + 1}"


def cover_merged(cells: list[list], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Put a MergedCell in each cell a merge covers, where the merge's first cell holds a value."""
    for (top, left), (bottom, right) in ranges:
        value = cells[top][left] if top < len(cells) and left < len(cells[top]) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        marker = MergedCell(f"{cell_name(top, left)}:{cell_name(bottom, right)}", value)
        for row in range(top, min(bottom + 1, len(cells))):
            cells[row] = list(cells[row]) + [""] * (right + 1 - len(cells[row]))
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    cells[row][column] = marker


def as_spreadsheet_error(value: object) -> SpreadsheetError | None:
    """The error a cell's value is: a saved error, or text that is one (as a CSV file writes it)."""
    if isinstance(value, SpreadsheetError):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in ERRORS or _LIBREOFFICE_ERROR.fullmatch(text):
            return SpreadsheetError(text.upper() if text.upper() in ERRORS else text)
    return None


def masked_cells(path: Path) -> tuple[dict[str, dict[tuple[int, int], str]], dict[str, list] | None]:
    """Per sheet name, (row, column) from 0 of every cell calamine reads as empty though it holds an
    UncachedFormula or a SpreadsheetError; and, for an .ods workbook, per sheet name its merged ranges
    ((top, left), (bottom, right)), from 0 (None otherwise: calamine gives those of an .xlsx)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_cells(path), None
    if suffix == ".ods":
        return _ods_cells(path)
    return {}, None


def _xlsx_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in sheet_parts(archive).items():
            if not _holds(archive, part, (b"<f", b't="e"')):
                continue
            data = archive.read(part)
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


_PIECE = 2**20  # bytes of a sheet looked at at once


def _holds(archive: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    """Whether the part holds any of `needles`, read a piece at a time: a sheet without formulas (most are) is not
    held in memory whole beside calamine's reading of it (65 MB for 100,000 rows of inline texts)."""
    overlap = max(map(len, needles)) - 1
    with archive.open(part) as stream:
        tail = b""
        while piece := stream.read(_PIECE):
            data = tail + piece
            if any(needle in data for needle in needles):
                return True
            tail = data[-overlap:]
    return False


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and its part of an .xlsx, e.g. xl/worksheets/sheet1.xml."""
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
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_VALUE_KINDS = ("value", "date-value", "time-value", "boolean-value", "string-value")
_CALCEXT_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


def _ods_cells(path: Path) -> tuple[dict[str, dict[tuple[int, int], str]], dict[str, list]]:
    """LibreOffice saves an error cell with calcext:value-type="error" and the error as its text, and a merge
    as the number of rows and columns its first cell spans; a program that does not calculate saves a formula
    with no value at all."""
    errors: dict[str, dict[tuple[int, int], str]] = {}
    merges: dict[str, list] = {}
    with zipfile.ZipFile(path) as archive:
        if "content.xml" not in archive.namelist():
            return errors, merges
        with archive.open("content.xml") as content:
            data = content.read()
        if b'value-type="error"' not in data and b"-spanned=" not in data and b"table:formula=" not in data:
            return errors, merges
        sheet, row = "", 0
        for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == f"{_TABLE}table":
                sheet, row = element.get(f"{_TABLE}name", ""), 0
            elif event == "end" and tag == f"{_TABLE}table-row":
                column = 0
                for cell in element:
                    repeated = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                    formula = cell.get(f"{_TABLE}formula")
                    if cell.get(_CALCEXT_TYPE) == "error":
                        errors.setdefault(sheet, {})[(row, column)] = SpreadsheetError("".join(cell.itertext()).strip())
                    elif (
                        formula and not any(cell.get(f"{_OFFICE}{kind}") for kind in _VALUE_KINDS) and not "".join(cell.itertext()).strip()
                    ):
                        errors.setdefault(sheet, {})[(row, column)] = UncachedFormula(formula.removeprefix("of:"))
                    rows_spanned = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
                    columns_spanned = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
                    if rows_spanned > 1 or columns_spanned > 1:
                        merges.setdefault(sheet, []).append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
                    column += repeated
                row += int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                element.clear()
    return errors, merges
