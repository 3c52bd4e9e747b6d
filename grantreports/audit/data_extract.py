"""The data extract for auditors (<report>.sources.xlsx): every figure of a report and the input rows that sum to it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from grantreports.common.spreadsheet_safety import safe_cell
from grantreports.figures.context import ReportContext
from grantreports.figures.traceability import Contribution
from grantreports.inputs.model import Source


@dataclass(frozen=True)
class ExtractRow:
    figure: str
    value: Decimal
    source: Source
    note: str


def extract_rows(context: ReportContext) -> list[ExtractRow]:
    """Every source row of every figure; the rows of one figure sum to the figure as the report prints it."""
    rows: list[ExtractRow] = []

    def add(figure: str, contributions: list[Contribution]) -> None:
        for part in contributions:
            if part.in_period:
                rows.append(ExtractRow(f"{figure}: in period", part.value, part.source, part.note))
        rows.extend(ExtractRow(f"{figure}: to date", part.value, part.source, part.note) for part in contributions)

    for line in context.budget:
        if line.source:
            rows.append(ExtractRow(f"budget line {line.code} {line.category}: approved", line.approved, line.source, ""))
        add(f"budget line {line.code} {line.category}: spent", line.contributions)
    add("budget total: spent", [part for line in context.budget for part in line.contributions])
    for indicator in context.indicators:
        add(f"indicator {indicator.code} {indicator.name}: achieved", indicator.contributions)
    for group in context.target_groups:
        add(f"target group {group.name}: participants", group.contributions)
    add("all target groups: participants", [part for group in context.target_groups for part in group.contributions])
    for organisation in context.organisations:
        add(f"organisation {organisation.name}: participants", organisation.contributions)
    for planned in context.activity_plan:
        add(f"activity {planned.code} {planned.title}: participants", planned.contributions)
        add(f"activity {planned.code} {planned.title}: events", planned.event_rows)
    add("all activities: events", [part for planned in context.activity_plan for part in planned.event_rows])
    return rows


def extract_workbook(context: ReportContext, moment: dt.datetime) -> bytes:
    """The data extract as .xlsx: a 'figures' sheet (each figure and its total) and a 'rows' sheet (its rows)."""
    from openpyxl import Workbook  # only report jobs write the extract

    rows = extract_rows(context)
    workbook = Workbook()
    workbook.properties.created = workbook.properties.modified = moment.replace(tzinfo=None)
    workbook.properties.creator = "grantreports"
    workbook.properties.title = f"{context.title} – {context.grant.grant_number}: sources"
    figures = workbook.active
    figures.title = "figures"
    figures.append(["figure", "total", "rows"])
    totals: dict[str, list] = {}
    for row in rows:
        totals.setdefault(row.figure, [Decimal(0), 0])
        totals[row.figure][0] += row.value
        totals[row.figure][1] += 1
    for name, (total, count) in totals.items():
        figures.append([safe_cell(name), float(total), count])
    detail = workbook.create_sheet("rows")
    detail.append(["figure", "value", "file", "sheet", "row", "what the row is"])
    for row in rows:
        detail.append(
            [
                safe_cell(row.figure),
                float(row.value),
                safe_cell(row.source.file),
                safe_cell(row.source.sheet),
                row.source.row,
                safe_cell(row.note),
            ]
        )
    for sheet, widths in ((figures, (70, 14, 8)), (detail, (70, 14, 34, 18, 8, 60))):
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for column, width in zip("ABCDEF", widths, strict=False):  # the first sheet has 3 columns
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
