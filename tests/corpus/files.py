"""Writing the fixture tables as the other formats people send: .ods (as LibreOffice saves it) and .csv."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


class Error(str):
    """A cell LibreOffice saved as an error: its formula failed (#DIV/0!, #REF!, ...)."""


class Formula(str):
    """A formula cell saved with no value, as programs that do not calculate write it."""


def write_ods(path: Path, tables: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """The tables as an .ods workbook, one sheet each; an Error value is saved as LibreOffice saves a failed formula,
    and `merges` (A2:A4 per sheet) as LibreOffice saves merged cells: the first spans, the others are covered."""
    sheets = "".join(
        f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}">'
        + "".join(_row(row, index, (merges or {}).get(name, [])) for index, row in enumerate(rows))
        + "</table:table>"
        for name, rows in tables.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NAMESPACES}>'
        f"<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body></office:document-content>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _row(values: list, index: int, merges: list[str]) -> str:
    cells = []
    for column, value in enumerate(values):
        spanned = [_span(cells_range) for cells_range in merges]
        first = next(((rows, columns) for (top, left, rows, columns) in spanned if (top, left) == (index, column)), None)
        covered = any(top <= index < top + rows and left <= column < left + columns for top, left, rows, columns in spanned)
        if first:
            cells.append(
                _cell(value).replace(
                    "<table:table-cell",
                    f'<table:table-cell table:number-rows-spanned="{first[0]}" table:number-columns-spanned="{first[1]}"',
                    1,
                )
            )
        elif covered:
            cells.append("<table:covered-table-cell/>")
        else:
            cells.append(_cell(value))
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def _span(cells_range: str) -> tuple[int, int, int, int]:
    """A2:A4 -> (top row, left column, rows, columns), from 0."""
    (top, left), (bottom, right) = (_place(name) for name in cells_range.split(":"))
    return top, left, bottom - top + 1, right - left + 1


def _place(name: str) -> tuple[int, int]:
    return int(name[1:]) - 1, ord(name[0]) - ord("A")


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Error):
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value=""'
            f' calcext:value-type="error"><text:p>{escape(value)}</text:p></table:table-cell>'
        )
    if isinstance(value, Formula):
        return f'<table:table-cell table:formula="of:{escape(value)}"/>'
    if isinstance(value, dt.date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value:%d.%m.%Y}</text:p></table:table-cell>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def csv_text(rows: list[list], separator: str = ";", quote_commas: bool = True) -> str:
    """Rows as a CSV file's text, dates as 28.11.2022., numbers with a decimal comma as Latvian Excel writes them.

    `quote_commas=False` writes values holding the separator unquoted, as careless programs do."""

    def shown(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return f"{value:%d.%m.%Y.}"
        text = str(value).replace(".", ",") if isinstance(value, float) else str(value)
        if quote_commas and (separator in text or '"' in text):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(separator.join(shown(v) for v in row) + "\r\n" for row in rows)
