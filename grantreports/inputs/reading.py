"""Read .xlsx, .ods and .csv files into header-keyed rows with their spreadsheet row numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import python_calamine

from grantreports.common.problems import Problem
from grantreports.inputs.formulas import uncached_formulas
from grantreports.inputs.sheets import SheetSpec, normalise_name

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_ENCODINGS = ("utf-8-sig", "cp1257")  # Excel on Baltic Windows saves CSV as Windows-1257.


@dataclass
class SheetRows:
    """The data rows of one recognised sheet, column by column.

    `columns` maps the key of each column the sheet has to its cells, one per data row,
    in the order of `row_numbers` (as the spreadsheet shows them); a row shorter than
    the header has None for the cells it lacks."""

    spec: SheetSpec
    file: str
    sheet: str
    row_numbers: list[int] = field(default_factory=list)
    columns: dict[str, list] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """Row by row: (row number, {column key: cell value}), without the cells a short row lacks."""
        keys = list(self.columns)
        return [
            (number, {k: v for k, v in zip(keys, cells, strict=True) if v is not None})
            for number, *cells in zip(self.row_numbers, *self.columns.values(), strict=True)
        ]


def read_file(path: Path, shown_as: str, specs: dict[str, SheetSpec]) -> tuple[list[SheetRows], list[Problem]]:
    """Every recognised sheet of one input file; unreadable files and sheets become problems."""
    suffix = path.suffix.lower()
    try:
        _check_size(path)
        if suffix in WORKBOOK_SUFFIXES:
            grids = _workbook_grids(path, specs)
        elif suffix == ".csv":
            grids = _csv_grids(path, specs)
        else:
            return [], [Problem(f"cannot read '{suffix}' files; expected .xlsx, .ods or .csv", file=shown_as)]
    except _Unreadable as error:
        return [], [Problem(str(error), file=shown_as)]
    if not grids:
        names = ", ".join(specs)
        return [], [Problem(f"no sheet this tool reads; expected a sheet named one of: {names}", file=shown_as)]
    sheets, problems = [], []
    for spec, sheet_name, grid in grids:
        sheet, sheet_problems = _header_keyed(spec, shown_as, sheet_name, grid)
        sheets.append(sheet)
        problems.extend(sheet_problems)
    return sheets, problems


MAX_BYTES = 200 * 2**20  # on disk, or unpacked: far beyond any real grant workbook
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and .xls are OLE compound files


class _Unreadable(Exception):
    pass


def _check_size(path: Path) -> None:
    """Refuse, with a reason, what cannot be a workbook or would take the machine down when opened."""
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable("the file is empty; expected a workbook or CSV file with a header row")
    if size > MAX_BYTES:
        raise _Unreadable(f"the file is {size // 2**20} MB; expected at most {MAX_BYTES // 2**20} MB (split it, or remove pictures)")
    with path.open("rb") as stream:
        start = stream.read(8)
    if start == _OLE_SIGNATURE and path.suffix.lower() in (".xlsx", ".xlsm", ".ods"):
        raise _Unreadable(
            "the workbook is password-protected (encrypted) or in the old .xls format; expected an .xlsx or .ods saved without a password"
        )
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(entry.file_size for entry in archive.infolist())
        except (zipfile.BadZipFile, OSError) as error:
            raise _Unreadable(f"cannot open as a spreadsheet ({error}); expected an .xlsx or .ods workbook") from None
        if unpacked > MAX_BYTES:
            raise _Unreadable(
                f"the workbook unpacks to {unpacked // 2**20} MB; expected at most {MAX_BYTES // 2**20} MB"
                " (a damaged or deliberately inflated file, or one with very large pictures)"
            )


def _workbook_grids(path: Path, specs: dict[str, SheetSpec]) -> list[tuple[SheetSpec, str, list[list]]]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # noqa: BLE001  calamine raises several unrelated types for damaged files
        raise _Unreadable(f"cannot open as a spreadsheet ({error}); expected an .xlsx or .ods workbook") from None
    by_name = {normalise_name(name): spec for name, spec in specs.items()}
    formulas = uncached_formulas(path) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    grids = []
    for sheet_name in workbook.sheet_names:
        spec = by_name.get(normalise_name(sheet_name))
        if spec is not None:
            grid = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            for (row, column), formula in formulas.get(sheet_name, {}).items():
                if row < len(grid):  # calamine reads the cell as empty; the formula takes its place
                    grid[row] = list(grid[row]) + [""] * (column + 1 - len(grid[row]))
                    grid[row][column] = formula
            grids.append((spec, sheet_name, grid))
    return grids


def _csv_grids(path: Path, specs: dict[str, SheetSpec]) -> list[tuple[SheetSpec, str, list[list]]]:
    """A CSV file holds one sheet, named by the start of the file name (activities-partner.csv)."""
    stem = normalise_name(path.stem)
    matches = [spec for name, spec in specs.items() if re.match(re.escape(normalise_name(name)) + r"($|[ .-])", stem)]
    if not matches:
        return []
    spec = max(matches, key=lambda s: len(s.name))  # 'indicator values' over a shorter name
    data = path.read_bytes()
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else CSV_ENCODINGS  # Excel's "Unicode text"
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1257 decodes almost anything, so this is rare
        raise _Unreadable("cannot decode the text; expected UTF-8 or Windows-1257")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return [(spec, path.name, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))]


def _header_keyed(spec: SheetSpec, file: str, sheet: str, grid: list[list]) -> tuple[SheetRows, list[Problem]]:
    result = SheetRows(spec=spec, file=file, sheet=sheet)
    header_index = next((i for i, row in enumerate(grid) if any(_filled(v) for v in row)), None)
    if header_index is None:
        return result, []
    keys = {normalise_name(c.key): c.key for c in spec.columns}
    positions = {}
    for position, header in enumerate(grid[header_index]):
        key = keys.get(normalise_name(header)) if _filled(header) else None
        if key is not None:
            positions.setdefault(key, position)
    first = header_index + 2  # the spreadsheet's number of the row below the header
    kept = [(first + offset, row) for offset, row in enumerate(grid[header_index + 1 :]) if any(_filled(v) for v in row)]
    result.row_numbers = [number for number, _ in kept]
    by_position = list(zip_longest(*(row for _, row in kept), fillvalue=None))  # the grid's columns
    result.columns = {key: list(by_position[p]) if p < len(by_position) else [None] * len(kept) for key, p in positions.items()}
    missing = [c.key for c in spec.columns if c.required and c.key not in positions]
    if not missing:
        return result, []
    # Rows of a sheet that lacks a required column are not used; block the grants they name.
    message = "missing required column(s) " + ", ".join(f"'{m}'" for m in missing) + f" in the header (row {header_index + 1})"
    grants = sorted({str(value).strip() for value in result.columns.get("grant_number", []) if value is not None} - {""})
    where = {"file": file, "sheet": sheet, "row": header_index + 1}
    problems = [Problem(message, grant=g, **where) for g in grants] or [Problem(message, **where)]
    return SheetRows(spec=spec, file=file, sheet=sheet), problems


def _filled(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and value.strip() == ""))
