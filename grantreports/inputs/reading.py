"""Read .xlsx, .ods and .csv files into header-keyed rows with their spreadsheet row numbers.

Every sheet of a file is accounted for: a sheet named as one of ours is read from its header row
(found among the first rows, below any title rows); a sheet with another name is an error when
its header holds one of our sheets' columns (it must be renamed to be read) and a note otherwise.
A file from which no sheet is read is an error that blocks every grant."""

from __future__ import annotations

import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import python_calamine

from grantreports.common.i18n import ntr, tr
from grantreports.common.problems import EVERY_GRANT, Problem
from grantreports.inputs import cells
from grantreports.inputs.csv_files import CsvError, ambiguous_rows, csv_rows
from grantreports.inputs.headers import SEARCH_ROWS, filled, grant_numbers, header_row, near_misses
from grantreports.inputs.masked_cells import cell_name, cover_merged, masked_cells
from grantreports.inputs.sheets import INSTRUCTION_SHEETS, SheetSpec, named, normalise_name

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
LOOK_ALIKE_COLUMNS = 3  # a sheet with another name but this many of one of our sheets' columns is meant as that sheet


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
    headers: dict[str, str] = field(default_factory=dict)  # column key -> its name as the header writes it, where that differs
    positions: dict[str, int] = field(default_factory=dict)  # column key -> its column in the sheet, from 0 (A)

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """Row by row: (row number, {column key: cell value}), without the cells a short row lacks."""
        keys = list(self.columns)
        return [
            (number, {k: v for k, v in zip(keys, cells, strict=True) if v is not None})
            for number, *cells in zip(self.row_numbers, *self.columns.values(), strict=True)
        ]


@dataclass(frozen=True)
class _Grid:
    """One sheet as read: its name, the sheet definition its name gives (None for another name), its cells."""

    name: str
    spec: SheetSpec | None
    cells: list[list]


def read_file(path: Path, shown_as: str, specs: dict[str, SheetSpec]) -> tuple[list[SheetRows], list[Problem]]:
    """Every recognised sheet of one input file; unreadable files and sheets, and sheets not read, become problems."""
    suffix = path.suffix.lower()
    try:
        _check_size(path)
        if suffix in WORKBOOK_SUFFIXES:
            grids, problems = _workbook_grids(path, specs), []
        elif suffix == ".csv":
            grids, problems = _csv_grid(path, specs, shown_as)
        else:
            message = tr("cannot read '{suffix}' files; expected .xlsx, .ods or .csv").format(suffix=suffix)
            return [], [Problem(message, file=shown_as, grant=EVERY_GRANT)]
    except _Unreadable as error:
        return [], [Problem(str(error), file=shown_as, sheet=error.sheet, grant=EVERY_GRANT)]
    sheets, read_as = [], {}
    for grid in grids:
        if grid.spec is not None and grid.spec.name in read_as:
            sheet_problems = _second_copy(grid, read_as[grid.spec.name], shown_as)
        elif grid.spec is not None:
            sheet, sheet_problems = _header_keyed(grid.spec, shown_as, grid.name, grid.cells)
            sheets.append(sheet)
            read_as[grid.spec.name] = grid.name
        else:
            sheet_problems = _not_read(grid, shown_as, specs, csv_file=suffix == ".csv")
        problems += sheet_problems
    if not sheets and not any(p.severity == "error" for p in problems):
        names = ", ".join(named(spec.name) for spec in specs.values())
        if suffix == ".csv":
            message = tr(
                "no sheet of this file is read, so no grant gets a report until it is; expected a file name starting with one of: {names}"
            ).format(names=names)
        elif grids:
            message = tr(
                "no sheet of this file is read (it has: {sheets}), so no grant gets a report until it is; expected a sheet named one of: {names}"
            ).format(sheets=", ".join(grid.name for grid in grids), names=names)
        else:
            message = tr(
                "no sheet of this file is read, so no grant gets a report until it is; expected a sheet named one of: {names}"
            ).format(names=names)
        problems = [Problem(message, file=shown_as, grant=EVERY_GRANT)]
    return sheets, problems


MAX_BYTES = 200 * 2**20  # on disk, or unpacked: far beyond any real grant workbook
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and .xls are OLE compound files


class _Unreadable(Exception):
    def __init__(self, message: str, sheet: str = ""):
        super().__init__(message)
        self.sheet = sheet  # the sheet that cannot be read, when the file itself can


def _check_size(path: Path) -> None:
    """Refuse, with a reason, what cannot be a workbook or would take the machine down when opened."""
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable(tr("the file is empty; expected a workbook or CSV file with a header row"))
    if size > MAX_BYTES:
        raise _Unreadable(
            tr("the file is {size} MB; expected at most {largest} MB (split it, or remove pictures)").format(
                size=size // 2**20, largest=MAX_BYTES // 2**20
            )
        )
    with path.open("rb") as stream:
        start = stream.read(8)
    if start == _OLE_SIGNATURE and path.suffix.lower() in (".xlsx", ".xlsm", ".ods"):
        raise _Unreadable(
            tr(
                "the workbook is password-protected (encrypted) or in the old .xls format; expected an .xlsx or .ods saved without a password"
            )
        )
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(entry.file_size for entry in archive.infolist())
        except (zipfile.BadZipFile, OSError) as error:
            raise _Unreadable(_cannot_open(error)) from None
        if unpacked > MAX_BYTES:
            raise _Unreadable(
                tr(
                    "the workbook unpacks to {size} MB; expected at most {largest} MB"
                    " (a damaged or deliberately inflated file, or one with very large pictures)"
                ).format(size=unpacked // 2**20, largest=MAX_BYTES // 2**20)
            )


def _cannot_open(error: Exception) -> str:
    return tr("cannot open as a spreadsheet ({error}); expected an .xlsx or .ods workbook").format(error=error)


def _workbook_grids(path: Path, specs: dict[str, SheetSpec]) -> list[_Grid]:
    """Every sheet of the workbook, named or not, with the cells calamine reads as empty filled in.

    Our own look for those cells (masked_cells) runs while calamine parses the first sheet, which it does without
    holding the interpreter: with two cores, it costs nothing. A damaged sheet is a problem of the file, as a damaged
    file is, named. One sheet is parsed at a time, so that only one is in calamine's memory beside the cells read."""
    by_name = {normalise_name(name): spec for spec in specs.values() for name in spec.names}
    grids = []
    with ThreadPoolExecutor(1) as pool:
        look = pool.submit(masked_cells, path)
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as error:  # noqa: BLE001  calamine raises several unrelated types for damaged files
            raise _Unreadable(_cannot_open(error)) from None
        for sheet_name in workbook.sheet_names:
            try:
                # A sheet with another name is read whole too: when its header is like ours, every grant it names is blocked.
                sheet = workbook.get_sheet_by_name(sheet_name)
            except Exception as error:  # noqa: BLE001
                message = tr(
                    "cannot read this sheet ({error}); expected a sheet as a spreadsheet program saves it (open the file and save it again)"
                )
                raise _Unreadable(message.format(error=error), sheet_name) from None
            try:
                masked, merges = look.result()
            except Exception as error:  # noqa: BLE001
                raise _Unreadable(_cannot_open(error)) from None
            cells = sheet.to_python(skip_empty_area=False)
            for (row, column), value in masked.get(sheet_name, {}).items():
                if row < len(cells):  # calamine reads the cell as empty; the formula or error takes its place
                    cells[row] = list(cells[row]) + [""] * (column + 1 - len(cells[row]))
                    cells[row][column] = value
            cover_merged(cells, merges.get(sheet_name, []) if merges is not None else sheet.merged_cell_ranges or [])
            grids.append(_Grid(sheet_name, by_name.get(normalise_name(sheet_name)), cells))
    return grids


def _csv_grid(path: Path, specs: dict[str, SheetSpec], shown_as: str) -> tuple[list[_Grid], list[Problem]]:
    """A CSV file holds one sheet, named by the start of the file name (activities-partner.csv); rows it
    cannot read with certainty are problems (csv_files.py)."""
    stem = normalise_name(path.stem)
    matching = [
        (len(name), spec)
        for spec in specs.values()
        for name in map(normalise_name, spec.names)
        if re.match(re.escape(name) + r"($|[ .-])", stem)
    ]
    spec = max(matching, key=lambda n: n[0])[1] if matching else None  # 'indicator values' over a shorter name
    try:
        rows, separator = csv_rows(path.read_bytes(), [spec] if spec else list(specs.values()), MAX_BYTES)
    except CsvError as error:
        raise _Unreadable(str(error)) from None
    if spec is None:
        return [_Grid(path.name, None, rows)], []
    problems = ambiguous_rows(rows, spec, separator, shown_as, path.name)  # empties those rows
    return [_Grid(path.name, spec, rows)], problems


def _second_copy(grid: _Grid, first: str, file: str) -> list[Problem]:
    """A second sheet of one workbook that names the same input sheet (a hidden copy 'Indicator values_'): not
    read, since its rows would count twice; the grants it names are blocked."""
    message = tr(
        "this sheet would be read as '{sheet}', as the sheet '{first}' is, so its rows would count twice; expected one"
        " such sheet in a workbook (delete or rename the copy)"
    ).format(sheet=grid.spec.name, first=first)
    header_index, _ = header_row(grid.cells, grid.spec)
    grants = grant_numbers(grid.cells, header_index) if header_index is not None else []
    return [Problem(message, file=file, sheet=grid.name, grant=grant) for grant in grants or [EVERY_GRANT]]


def _not_read(grid: _Grid, file: str, specs: dict[str, SheetSpec], csv_file: bool) -> list[Problem]:
    """A sheet whose name is none of ours: an error when its header has one of our sheets' columns, else a note."""
    scored = [(spec, *header_row(grid.cells, spec)) for spec in specs.values()]
    spec, header_index, count = max(scored, key=lambda s: s[2])
    required = {c.key for c in spec.columns if c.required}
    if count and (count >= LOOK_ALIKE_COLUMNS or count >= len(required)):
        header = {normalise_name(v) for v in grid.cells[header_index] if filled(v)}
        found = [
            c.latvian if normalise_name(c.latvian) in header else c.key
            for c in spec.columns
            if {normalise_name(c.key), normalise_name(c.latvian)} & header
        ]
        if csv_file:
            message = tr(
                "this sheet is not read: its name is not one of the input sheets, but its header (row {row}) has the columns"
                " of the '{sheet}' sheet ({columns}); expected a file name starting with '{sheet}' or '{latvian}': rename it so that"
                " its rows are used"
            )
        else:
            message = tr(
                "this sheet is not read: its name is not one of the input sheets, but its header (row {row}) has the columns"
                " of the '{sheet}' sheet ({columns}); expected the sheet name '{sheet}' or '{latvian}': rename it so that its rows are used"
            )
        message = message.format(row=header_index + 1, sheet=spec.name, columns=", ".join(found), latvian=spec.latvian)
        where = {"file": file, "sheet": grid.name, "row": header_index + 1}
        return [Problem(message, grant=g, **where) for g in grant_numbers(grid.cells, header_index)] or [
            Problem(message, grant=EVERY_GRANT, **where)
        ]
    if normalise_name(grid.name) in INSTRUCTION_SHEETS or not any(filled(v) for row in grid.cells for v in row):
        return []  # the blank workbook's own instructions, or an empty sheet: nothing to say
    return [
        Problem(
            tr("not an input sheet: its name and header match none of them, so it is not read"), file=file, sheet=grid.name, severity="note"
        )
    ]


def _header_keyed(spec: SheetSpec, file: str, sheet: str, grid: list[list]) -> tuple[SheetRows, list[Problem]]:
    result = SheetRows(spec=spec, file=file, sheet=sheet)
    header_index, _ = header_row(grid, spec)
    if header_index is None:
        if not any(filled(v) for row in grid for v in row):
            return result, []  # an empty sheet: nothing to read
        names = ", ".join(tr("{key} or {latvian}").format(key=c.key, latvian=c.latvian) for c in spec.columns if c.required)
        message = tr(
            "no header row in the first {count} rows, so no row of this sheet is read and no grant gets a report;"
            " expected a row with the column names ({names})"
        ).format(count=SEARCH_ROWS, names=names)
        return result, [Problem(message, file=file, sheet=sheet, grant=EVERY_GRANT)]
    keys = spec.header_keys()
    positions, header_problems, strangers = {}, [], []
    for position, header in enumerate(grid[header_index]):
        key = keys.get(normalise_name(header)) if filled(header) else None
        if key is None:
            if filled(header):
                strangers.append((position, normalise_name(header)))
        elif key in positions:
            header_problems.append(
                tr(
                    "two columns are headed '{key}' ({first} and {second}), and only the first would be read; expected each column once"
                ).format(key=key, first=cell_name(header_index, positions[key]), second=cell_name(header_index, position))
            )
        else:
            positions[key] = position
    header_problems += near_misses(strangers, [c for c in spec.columns if c.key not in positions], header_index)
    first = header_index + 2  # the spreadsheet's number of the row below the header
    # A row whose first cell is filled is kept on that cell alone, without a generator per row; only the others are
    # looked at cell by cell. The 100,000 rows of bench activities.xlsx: 0.26 s instead of 0.55 s (median of 7).
    kept = [
        (first + offset, row) for offset, row in enumerate(grid[header_index + 1 :]) if (row and filled(row[0])) or any(map(filled, row))
    ]
    result.row_numbers = [number for number, _ in kept]
    by_position = list(zip_longest(*(row for _, row in kept), fillvalue=None))  # the grid's columns
    result.columns = {key: list(by_position[p]) if p < len(by_position) else [None] * len(kept) for key, p in positions.items()}
    written = {key: cells.clean_text(grid[header_index][p]) for key, p in positions.items()}
    result.headers = {key: name for key, name in written.items() if name != key}
    result.positions = positions
    missing = [c.key for c in spec.columns if c.required and c.key not in positions]
    if missing:
        header_problems.insert(
            0,
            ntr(
                "missing required column(s) {columns} in the header (row {row})",
                "missing required column(s) {columns} in the header (row {row})",
                len(missing),
            ).format(columns=", ".join(f"'{m}' ('{spec.column(m).latvian}')" for m in missing), row=header_index + 1),
        )
    if not header_problems:
        return result, []
    # The rows of a sheet whose header is not right are not used; block the grants they name, or every grant.
    where = {"file": file, "sheet": sheet, "row": header_index + 1}
    grants = grant_numbers(grid, header_index) or [EVERY_GRANT]
    return SheetRows(spec=spec, file=file, sheet=sheet), [Problem(message, grant=g, **where) for message in header_problems for g in grants]
