"""From a report's figures back to the spreadsheet rows that make them: each figure's contributions and the sources annex."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from grantreports.inputs.model import Source, documented


@dataclass(frozen=True)
class Contribution:
    """One input row's part in a figure: the figure to date is the sum of its contributions' values."""

    source: Source = documented("The row", "")
    value: Decimal = documented("What the row adds to the figure", "47")
    in_period: bool = documented("Whether it also counts in the period's figure", "true")
    note: str = documented("Date and what the row is", "20.04.2024 Forums „Ideju skrejceļš”")


@dataclass(frozen=True)
class SourceRange:
    file: str = documented("Input file", "inputs/activities.xlsx")
    sheet: str = documented("Sheet", "activities")
    rows: str = documented("Row numbers, runs joined", "2–9, 14, 16–18")
    count: int = documented("How many rows", "12")


def source_ranges(sources: Iterable[Source]) -> list[SourceRange]:
    """Rows grouped by file and sheet, consecutive rows joined: 2–9, 14, 16–18."""
    by_sheet: dict[tuple[str, str], set[int]] = defaultdict(set)
    for source in sources:
        by_sheet[(source.file, source.sheet)].add(source.row)
    return [SourceRange(file, sheet, _runs(sorted(rows)), len(rows)) for (file, sheet), rows in sorted(by_sheet.items())]


def _runs(rows: list[int]) -> str:
    runs, start = [], rows[0]
    for previous, current in zip(rows, rows[1:] + [None], strict=True):
        if current != previous + 1:
            runs.append(str(start) if start == previous else f"{start}–{previous}")
            start = current
    return ", ".join(runs)
