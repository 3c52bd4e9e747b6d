"""A workbook saved again with only some of its data rows changed: those rows read alone, the others taken over.

Preview reads a workbook each time a person saves it. Calamine parses all of a 100,000-row sheet again in about
a second, though a save that changed one cell changed one row of the sheet's XML. So preview keeps, for an
.xlsx it has read, each read sheet's XML cut into its rows (a Snapshot). On the next save it compares the new
file with that; when only some data rows differ, calamine reads a small workbook of just those rows, with the
file's own styles and shared strings, so that each cell reads exactly as it does in the whole file, and the
other rows are taken over from the last read.

The whole file is read again, as before, whenever the rows read alone could read otherwise in the whole file:
- another part of the file changed (its styles, its sheets, its shared strings: a text no other cell had), but for
  the count of the cells that refer to the shared strings;
- rows were added, removed or moved, or the sheet's settings around its rows changed (only the view, the
  selected cell, may differ);
- a changed row is among the first rows, where the header is looked for, or was not a data row;
- a changed row holds a formula or an error value (what those read as is found in the whole file), is covered by
  a merge, or was emptied (an empty row is not a data row).
tests/unit/inputs/test_changed_rows.py reads each edit both ways and compares."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path

import python_calamine

from grantreports.inputs.headers import SEARCH_ROWS, filled
from grantreports.inputs.masked_cells import sheet_parts
from grantreports.inputs.reading import MAX_BYTES, SheetRows

_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"
_ROW = b"<row "
_VIEWS = re.compile(rb"<sheetViews>.*?</sheetViews>", re.DOTALL)
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_ROW_NUMBER = re.compile(rb'^[^>]*?\br="([0-9]+)"')
_REFERENCE = re.compile(rb'(<(?:row|c)\b[^>]*?\br=")([A-Z]*)[0-9]+"')
_FORMULA_OR_ERROR = re.compile(rb'<f[\s>/]|\bt="e"')
_MERGE = re.compile(rb'<mergeCell\s+ref="[A-Z]+([0-9]+)(?::[A-Z]+([0-9]+))?"')
_EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
_STRINGS = "xl/sharedStrings.xml"
_ANY_CHANGE = ("docProps/",)  # parts a save rewrites (its date) that no cell is read from


@dataclass(frozen=True)
class _SheetXml:
    part: str  # the sheet's part of the file, e.g. xl/worksheets/sheet1.xml
    head: bytes  # the XML before the rows, its view (selected cell) taken out
    rows: list[bytes]  # each row's XML, from after its '<row '
    tail: bytes  # the XML after the rows


@dataclass(frozen=True)
class Snapshot:
    """An .xlsx as read: the checksum and size of each of its parts, its shared strings' digest, and the XML of each
    sheet read, cut into rows."""

    parts: dict[str, tuple[int, int]]
    strings: str
    sheets: dict[str, _SheetXml]  # by sheet name


def snapshot(path: Path, sheets: list[SheetRows]) -> Snapshot | None:
    """The file's Snapshot, to compare its next save with; None for what is not an .xlsx or cannot be cut into rows."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not sheets:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
            cut = {sheet.sheet: _cut(parts[sheet.sheet], archive.read(parts[sheet.sheet])) for sheet in sheets}
            return Snapshot(_checksums(archive), _strings(archive), cut) if None not in cut.values() else None
    except Exception:  # noqa: BLE001  no snapshot: its next save is read whole
        return None


def read_again(path: Path, before: Snapshot, sheets: list[SheetRows]) -> tuple[list[SheetRows], dict[str, list[int]], Snapshot] | None:
    """The file's sheets as read_file would read them, given its Snapshot and its sheets as read `before`; with, per
    sheet name, the indexes of the data rows read again (the only ones that may differ), and the new Snapshot.
    None where the whole file must be read again (see the module's text)."""
    by_name = {sheet.sheet: sheet for sheet in sheets}
    try:
        with zipfile.ZipFile(path) as archive:
            parts, strings = _checksums(archive), _strings(archive)
            new = _changed_sheets(archive, parts, before) if strings == before.strings else None
            rows = new and {name: _changed_rows(before.sheets[name], xml, by_name[name]) for name, xml in new.items()}
            if new is None or None in rows.values():
                return None
            small = any(rows.values()) and _small_workbook(
                archive, [(new[name], [new[name].rows[at] for at, _ in rows[name]]) for name in new]
            )
        read, indexes = [], {sheet.sheet: [] for sheet in sheets}
        for sheet in sheets:
            if rows.get(sheet.sheet):
                grid = small.get_sheet_by_name(sheet.sheet).to_python(skip_empty_area=False)
                again = _rows_read_again(sheet, grid, [index for _, index in rows[sheet.sheet]])
                if again is None:
                    return None
                sheet, indexes[sheet.sheet] = again
            read.append(sheet)
    except Exception:  # noqa: BLE001  a file that cannot be read so is read whole, which says what is wrong with it
        return None
    return read, indexes, Snapshot(parts, strings, {**before.sheets, **new})


def _changed_sheets(archive: zipfile.ZipFile, parts: dict[str, tuple[int, int]], before: Snapshot) -> dict[str, _SheetXml] | None:
    """The sheets read before whose XML changed, cut into rows; None if any other part that cells are read from changed."""
    if parts.keys() != before.parts.keys() or sum(size for _, size in parts.values()) > MAX_BYTES:
        return None  # other parts, or too big to unpack: the whole read says why
    free = {xml.part for xml in before.sheets.values()} | {_STRINGS}  # the shared strings are compared by their digest
    if any(parts[p] != before.parts[p] for p in parts if p not in free and not p.startswith(_ANY_CHANGE)):
        return None
    new = {name: _cut(xml.part, archive.read(xml.part)) for name, xml in before.sheets.items() if parts[xml.part] != before.parts[xml.part]}
    return None if None in new.values() else new


def _checksums(archive: zipfile.ZipFile) -> dict[str, tuple[int, int]]:
    return {info.filename: (info.CRC, info.file_size) for info in archive.infolist()}


def _strings(archive: zipfile.ZipFile) -> str:
    """The digest of the shared strings themselves: the table's opening tag, which counts the cells that refer to
    it, changes whenever a text cell is added or emptied, with every string still in its place."""
    if _STRINGS not in archive.namelist():
        return ""
    table = archive.read(_STRINGS)
    start = table.find(b"<sst")
    return hashlib.sha256(table[table.find(b">", start) + 1 :] if start >= 0 else table).hexdigest()


def _cut(part: str, xml: bytes) -> _SheetXml | None:
    start, end = xml.find(_SHEET_DATA), xml.rfind(_SHEET_DATA_END)
    if start < 0 or end < start:
        return None
    body = xml[start + len(_SHEET_DATA) : end]
    rows = body.split(_ROW)
    if rows[0].strip():
        return None  # something other than rows in the sheet's data
    return _SheetXml(part, _VIEWS.sub(b"", xml[: start + len(_SHEET_DATA)]), rows[1:], xml[end:])


def _changed_rows(old: _SheetXml, new: _SheetXml, sheet: SheetRows) -> list[tuple[int, int]] | None:
    """Each changed row's index in the sheet's XML and among the sheet's data rows, if each may be read alone; else None."""
    if (old.head, old.tail, len(old.rows)) != (new.head, new.tail, len(new.rows)):
        return None
    merged = [(int(top), int(bottom or top)) for top, bottom in _MERGE.findall(new.tail)]
    if len(merged) != new.tail.count(b"<mergeCell "):
        return None  # a merge written otherwise: which rows it covers is not known
    changed = []
    for index, (was, now) in enumerate(zip(old.rows, new.rows, strict=True)):
        if was == now:
            continue
        number = _row_number(now)
        at = None if number is None else _index(sheet, number)
        if (
            at is None
            or number != _row_number(was)
            or number <= SEARCH_ROWS
            or _FORMULA_OR_ERROR.search(now)
            or _FORMULA_OR_ERROR.search(was)
            or any(top <= number <= bottom for top, bottom in merged)
        ):
            return None
        changed.append((index, at))
    return changed


def _row_number(row: bytes) -> int | None:
    found = _ROW_NUMBER.match(row)
    return int(found.group(1)) if found else None


def _index(sheet: SheetRows, number: int) -> int | None:
    """The index of the data row with this row number in the sheet as read, if it is one."""
    at = bisect_left(sheet.row_numbers, number)
    return at if at < len(sheet.row_numbers) and sheet.row_numbers[at] == number else None


def _small_workbook(archive: zipfile.ZipFile, rows: list[tuple[_SheetXml, list[bytes]]]) -> python_calamine.CalamineWorkbook:
    """The file with each changed sheet's changed rows alone, numbered from 1, and every other sheet empty."""
    sheet_xml = {
        xml.part: _DIMENSION.sub(b"", xml.head)
        + b"".join(_REFERENCE.sub(lambda m, n=number: m[1] + m[2] + b"%d" % n + b'"', _ROW + row) for number, row in enumerate(changed, 1))
        + xml.tail
        for xml, changed in rows
    }
    worksheets = set(sheet_parts(archive).values())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as small:
        for info in archive.infolist():
            if info.filename in sheet_xml:
                small.writestr(info.filename, sheet_xml[info.filename])
            elif info.filename in worksheets:
                small.writestr(info.filename, _EMPTY_SHEET)
            else:
                small.writestr(info.filename, archive.read(info.filename))
    buffer.seek(0)
    return python_calamine.CalamineWorkbook.from_filelike(buffer)


def _rows_read_again(sheet: SheetRows, grid: list[list], indexes: list[int]) -> tuple[SheetRows, list[int]] | None:
    """The sheet with its data rows of these indexes as `grid` holds them (in their order), and those indexes; None
    if one of them is now empty, so no longer a data row."""
    if len(grid) != len(indexes) or not all(any(map(filled, cells)) for cells in grid):
        return None
    columns = {key: list(cells) for key, cells in sheet.columns.items()}
    for index, cells in zip(indexes, grid, strict=True):
        for key, position in sheet.positions.items():
            columns[key][index] = cells[position] if position < len(cells) else ""
    return replace(sheet, columns=columns), indexes
