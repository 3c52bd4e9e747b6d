"""The problems of a build for project managers: outputs/validation.txt, .xlsx (sort and filter) and .html."""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path

from grantreports.checks.summary import summary_text
from grantreports.common import i18n
from grantreports.common.files import write_atomically, write_if_changed
from grantreports.common.i18n import ntr, tr
from grantreports.common.problems import Problem
from grantreports.common.reproducible import build_moment, fixed_zip
from grantreports.common.spreadsheet_safety import safe_cell

COLUMNS = ("severity", "file", "sheet", "row", "column", "value", "message", "grant")
WIDTHS = (10, 34, 16, 7, 18, 24, 90, 26)


def _headings() -> list[str]:
    """The COLUMNS' headings in the interface language."""
    return [tr("severity"), tr("file"), tr("sheet"), tr("row"), tr("column"), tr("value"), tr("message"), ntr("grant", "grants", 1)]


def _severity(severity: str) -> str:
    return {"error": tr("error"), "warning": tr("warning"), "note": tr("note")}.get(severity, severity)


def write_validation_reports(problems: list[Problem], outputs: Path, as_of: dt.date) -> None:
    """The three files, rewritten only when the problems change (so a rerun touches nothing)."""
    text = summary_text(problems)[0] + "\n"
    xlsx, page = outputs / "validation.xlsx", outputs / "validation.html"
    if write_if_changed(outputs / "validation.txt", text.encode()) or not (xlsx.is_file() and page.is_file()):
        write_atomically(xlsx, problems_workbook(problems, as_of))
        write_atomically(page, problems_page(problems, text).encode())


def _cells(problem: Problem) -> list:
    shown = _severity(problem.severity)
    return [shown, problem.file, problem.sheet, problem.row, problem.shown_column, problem.value, problem.message, problem.grant]


def problems_workbook(problems: list[Problem], as_of: dt.date) -> bytes:
    """One row per problem, with a filter on every column; text that could run as a formula is made inert."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = tr("problems")
    sheet.append(_headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in _cells(problem)])
        if problem.severity == "error":
            sheet.cell(sheet.max_row, 1).fill = PatternFill("solid", fgColor="FDE8E6")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(1, len(problems) + 1)}"
    for letter, width in zip("ABCDEFGH", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    moment = build_moment(as_of)
    workbook.properties.created = moment.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)


def problems_page(problems: list[Problem], headline: str) -> str:
    """A page that opens in any browser, offline: click a heading to sort, type to filter."""
    head = "".join(f'<th onclick="sortBy({i})">{html.escape(name)}</th>' for i, name in enumerate(_headings()))
    rows = "".join(
        f'<tr class="{html.escape(p.severity)}">'
        + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in _cells(p))
        + "</tr>"
        for p in problems
    )
    # Babel finds no tr() inside an f-string: the page's words are looked up here.
    title, heading = html.escape(tr("grantreports: input problems")), html.escape(tr("Input problems"))
    placeholder = html.escape(tr("Filter: type a file, grant, column or word"))
    return f"""<!DOCTYPE html>
<html lang="{i18n.language()}"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
body {{ font-family: sans-serif; font-size: 14px; margin: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }}
th {{ background: #e8ecf2; cursor: pointer; position: sticky; top: 0; }} tr.error td:first-child {{ background: #fde8e6; }}
td {{ white-space: pre-wrap; word-break: break-word; }} input {{ font-size: 14px; padding: 4px; width: 30em; margin: 0.5em 0; }}
</style></head><body>
<h1>{heading}</h1>
<p>{html.escape(headline.strip())}</p>
<input id="filter" placeholder="{placeholder}" oninput="filterRows(this.value)">
<table><thead><tr>{head}</tr></thead><tbody id="rows">{rows}</tbody></table>
<script>
function filterRows(text) {{
  const needle = text.toLowerCase();
  for (const row of document.getElementById("rows").rows) row.hidden = !row.textContent.toLowerCase().includes(needle);
}}
let order = 1;
function sortBy(column) {{
  const body = document.getElementById("rows"); order = -order;
  const key = row => row.cells[column].textContent;
  const numeric = column === 3;
  [...body.rows].sort((a, b) => order * (numeric ? (+key(a) || 0) - (+key(b) || 0) : key(a).localeCompare(key(b))))
    .forEach(row => body.appendChild(row));
}}
</script>
</body></html>
"""
