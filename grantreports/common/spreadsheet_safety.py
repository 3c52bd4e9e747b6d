"""Cells the tool writes to spreadsheets: text a spreadsheet program would run as a formula is made inert, and
every text fits a cell."""

from __future__ import annotations

# Excel, LibreOffice and Google Sheets start a formula (or DDE call) with these; tab and CR hide one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Excel holds at most this many characters in a cell, and repairs (cuts) a file with more.
CELL_LENGTH = 32767


def safe_cell(text: str) -> str:
    """`text`, with a leading apostrophe when it would otherwise start a formula (OWASP CSV injection advice),
    cut to what a cell holds."""
    text = "'" + text if text.startswith(_FORMULA_STARTS) else text
    return text if len(text) <= CELL_LENGTH else text[: CELL_LENGTH - 1] + "…"
