"""Formula cells an .xlsx file holds without a saved value: calamine reads them as empty, we name them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v>(.+?)</v>", re.DOTALL)


class UncachedFormula(str):
    """A cell's formula text, standing in for the value the file did not save."""


def uncached_formulas(path: Path) -> dict[str, dict[tuple[int, int], UncachedFormula]]:
    """Per sheet name, (row, column) from 0 of every formula cell without a saved value."""
    found: dict[str, dict[tuple[int, int], UncachedFormula]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive).items():
            data = archive.read(part)
            if b"<f" not in data:
                continue
            for attributes, body in _CELL.findall(data):
                formula = _FORMULA.search(body or b"")
                reference = _REFERENCE.search(attributes)
                if formula and reference and not _VALUE.search(body):
                    row, column = int(reference.group(2)) - 1, _column_index(reference.group(1).decode())
                    text = (formula.group(1) or b"").decode("utf-8", "replace")
                    found.setdefault(name, {})[(row, column)] = UncachedFormula("=" + text)
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
