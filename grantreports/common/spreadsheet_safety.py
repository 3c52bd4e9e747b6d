"""Cells the tool writes to spreadsheets: text a spreadsheet program would run as a formula is made inert."""

from __future__ import annotations

# Excel, LibreOffice and Google Sheets start a formula (or DDE call) with these; tab and CR hide one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """`text`, with a leading apostrophe when it would otherwise start a formula (OWASP CSV injection advice)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
