"""Alt text of the charts: what each chart shows, in words and in the report's language, for screen readers.

Made from the same figures the charts draw (`Charts`) and the profile's `chart_labels`, formatted as
the report formats them, so a reader who cannot see a chart hears the numbers it draws."""

from __future__ import annotations

from dataclasses import fields

from grantreports.figures.budget import BudgetLineExecution
from grantreports.figures.context import Charts, IndicatorLine, MonthlyParticipants
from grantreports.figures.formatting import Formatter


def chart_texts(charts: Charts, formatter: Formatter, labels: dict[str, str], currency: str) -> dict[str, str | None]:
    """Each chart's alt text by chart name; None where there is no chart."""
    describe = {
        "indicators": lambda lines: _indicators(lines, formatter, labels),
        "participants": lambda monthly: _participants(monthly, formatter, labels),
        "budget": lambda lines: _budget(lines, formatter, labels, currency),
    }
    return {f.name: getattr(charts, f.name) and describe[f.name](getattr(charts, f.name)) for f in fields(Charts)}


def _lower(label: str) -> str:
    """A chart label inside a sentence: 'Plānots' -> 'plānots'."""
    return label[:1].lower() + label[1:]


def _indicators(lines: list[IndicatorLine], formatter: Formatter, labels: dict[str, str]) -> str:
    """R1 Iedzīvotāju forumi: plānots 3, sasniegts 2 (67 %); …"""
    return "; ".join(
        f"{line.code} {line.name}: {_lower(labels['target'])} {formatter.number(line.target)},"
        f" {_lower(labels['achieved'])} {formatter.number(line.achieved_to_date)} ({formatter.percent(line.progress)})"
        for line in lines
    )


def _participants(monthly: MonthlyParticipants, formatter: Formatter, labels: dict[str, str]) -> str:
    """Dalībnieki, febr. 2023 – sept. 2024: kopienu līderi 120; jaunieši 80"""
    span = f"{formatter.month(monthly.months[0])} – {formatter.month(monthly.months[-1])}" if monthly.months else ""
    groups = "; ".join(f"{group} {formatter.number(sum(counts))}" for group, counts in zip(monthly.groups, monthly.counts, strict=True))
    return f"{labels['participants']}, {span}: {groups}"


def _budget(lines: list[BudgetLineExecution], formatter: Formatter, labels: dict[str, str], currency: str) -> str:
    """5 Publicitāte: apstiprināts 1 200,00 EUR, izlietots 1 610,00 EUR (134 %); …"""
    return "; ".join(
        f"{line.code} {line.category}: {_lower(labels['approved'])} {formatter.money(line.approved, currency)},"
        f" {_lower(labels['spent'])} {formatter.money(line.spent_to_date, currency)} ({formatter.percent(line.used)})"
        for line in lines
    )
