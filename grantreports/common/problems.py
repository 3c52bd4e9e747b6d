"""Input problems: what is wrong, where (file, sheet, row, column), and what was expected."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from grantreports.common.i18n import tr

# The `grant` of a problem whose rows could feed any grant (an unreadable file, a sheet without its
# header, a row whose grant number cannot be read): while it stands no grant gets a report, since
# any report might lack those rows.
EVERY_GRANT = "*"
SEVERITIES = ("error", "warning", "note")  # errors fail the build; warnings and notes are shown


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs, located as precisely as the spreadsheet allows.

    `grant` is the grant number the problem blocks, EVERY_GRANT when its rows could belong
    to any grant, and empty when it concerns no grant's rows (a row naming a grant that does
    not exist): such a problem fails the build but blocks no report.
    """

    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    grant: str = ""
    severity: str = "error"
    header: str = ""  # the column's name as the sheet's header writes it (Datums, date), when it differs from `column`

    @property
    def shown_column(self) -> str:
        """The column as the person who wrote the sheet named it (its header), else its key."""
        return self.header or self.column

    def location(self) -> str:
        """Where the problem is, in the interface language: file, sheet 'x', row 5, column 'amount'."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(tr("sheet '{sheet}'").format(sheet=self.sheet))
        if self.row is not None:
            parts.append(tr("row {row}").format(row=self.row))
        if self.column:
            parts.append(tr("column '{column}'").format(column=self.shown_column))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        value = tr("value '{value}': ").format(value=self.value) if self.value != "" else ""
        return f"{where}: {value}{self.message}" if where else f"{value}{self.message}"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Problem:
        return cls(**data)


def blocked_grants(problems: list[Problem]) -> set[str]:
    """The grants an error names (EVERY_GRANT among them when one could hide rows of any grant)."""
    return {p.grant for p in problems if p.severity == "error" and p.grant}


def is_blocked(grant_number: str, blocked: set[str]) -> bool:
    """Whether a grant gets no report, given blocked_grants()."""
    return grant_number in blocked or EVERY_GRANT in blocked


def sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.sheet, problem.row or 0, problem.column, problem.message)
