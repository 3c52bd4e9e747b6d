"""Funder profiles: a folder under templates/ with profile.yaml, a Word and an HTML template."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from grantreports.common.i18n import tr
from grantreports.common.problems import Problem
from grantreports.common.project import SCHEMA_DIR, read_schema

PROFILE_FILE = "profile.yaml"
SHARED_FOLDER = "shared"  # CSS and fonts every format uses
SCHEMA_FILE = SCHEMA_DIR / "profile.schema.yaml"


@dataclass(frozen=True)
class CoverField:
    label: str
    value: str  # a Jinja expression, rendered with the report's variables


@dataclass(frozen=True)
class GrantColumn:
    """A grants-sheet column a format reads beyond the input format's (profile: grant_columns)."""

    key: str  # English name, and the template's grant.<key>
    latvian: str
    kind: str  # text, list, integer, number or date
    required: bool
    description: str
    example: str


@dataclass(frozen=True)
class NarrativeSection:
    key: str  # the narrative sheet's section value, and the template's narrative.<key>
    description: str  # what to write: shown in the inputs documentation and in errors
    required_for: tuple[str, ...]  # report kinds that cannot be submitted without it


@dataclass(frozen=True)
class Profile:
    """What a funder's report looks like, read from its profile.yaml."""

    key: str  # the folder name, used in the grants sheet's funder column
    folder: Path
    funder: str
    language: str
    locale: str
    date_format: str | None
    long_date_format: str | None
    report_titles: dict[str, str]  # report kind (interim, final) -> title on the cover
    sections: tuple[str, ...]
    cover: tuple[CoverField, ...]
    narrative: tuple[NarrativeSection, ...]
    required_fields: tuple[str, ...]
    budget_line_overspend: Decimal | None
    chart_labels: dict[str, str]
    grant_columns: tuple[GrantColumn, ...]  # the format's own columns of the grants sheet
    prior_approval_over: Decimal | None  # lines over by more than this share need an approval reference
    flat_rate_lines: dict[str, Decimal]  # budget line code -> rate of the other lines
    co_financing: bool  # the report splits the budget by source of financing
    sources_printed: bool  # the data-sources annex is printed (else only attached)
    word_template: str
    html_template: str

    @property
    def profile_file(self) -> Path:
        return self.folder / PROFILE_FILE

    def title(self, kind: str, number: int | None) -> str:
        return self.report_titles[kind].format(number=number or "")


class ProfileError(Exception):
    """A profile.yaml that cannot be used; `problems` say where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def template_files(templates_dir: Path, funder: str) -> list[Path]:
    """Every file a funder's reports are made from: editing any of them rebuilds those reports."""
    folders = [templates_dir / funder, templates_dir / SHARED_FOLDER]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def profile_files(templates_dir: Path) -> list[Path]:
    """One profile.yaml per funder folder, in a stable order."""
    return sorted(templates_dir.glob(f"*/{PROFILE_FILE}"))


def load_profiles(templates_dir: Path) -> tuple[dict[str, Profile], list[Problem]]:
    """Every usable profile by folder name, and the problems of those that are not."""
    profiles, problems = {}, []
    kinds: dict[str, tuple[str, str]] = {}  # a grant column's key -> (its type, the format that declared it first)
    for key in (path.parent.name for path in profile_files(templates_dir)):
        try:
            profile = load_profile(templates_dir, key)
        except ProfileError as error:
            problems += error.problems
            continue
        clashes = [c for c in profile.grant_columns if kinds.setdefault(c.key, (c.kind, key))[0] != c.kind]
        problems += [
            Problem(
                tr("the grant column '{column}' is of type {kind} here but {other} in the format '{format}'; expected one type").format(
                    column=c.key, kind=c.kind, other=kinds[c.key][0], format=kinds[c.key][1]
                ),
                file=profile.profile_file.as_posix(),
                column="grant_columns",
            )
            for c in clashes
        ]
        if not clashes:
            profiles[key] = profile
    return profiles, problems


def _grant_column_clashes(data: object, shown: str) -> list[Problem]:
    """A format's own grant column may not take the name of a column the grants sheet already has."""
    columns = data.get("grant_columns") if isinstance(data, dict) else None
    if not isinstance(columns, list):
        return []
    known = _grants_sheet_columns()
    return [
        Problem(
            tr("'{column}' is already a column of the grants sheet; expected a name of its own").format(column=column["key"]),
            file=shown,
            column="grant_columns",
        )
        for column in columns
        if isinstance(column, dict) and (column.get("key") in known or column.get("latvian") in known)
    ]


@cache
def _grants_sheet_columns() -> frozenset[str]:
    """The grants sheet's columns and their Latvian names, from its schema (the input stage reads it the same way)."""
    schema = read_schema(SCHEMA_DIR / "sheets" / "grants.schema.yaml")
    return frozenset(schema["properties"]) | {spec["x-lv"] for spec in schema["properties"].values()}


def load_profile(templates_dir: Path, key: str) -> Profile:
    folder = templates_dir / key
    path = folder / PROFILE_FILE
    shown = path.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ProfileError([Problem(tr("cannot read the profile: {error}").format(error=error), file=shown)]) from None
    problems = [
        Problem(
            tr("{error}; see schemas/profile.schema.yaml").format(error=error.message),
            file=shown,
            column=".".join(map(str, error.absolute_path)),
        )
        for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    problems += _grant_column_clashes(data, shown)
    for name in ("word", "html"):
        template = (data.get("templates") or {}).get(name) if isinstance(data, dict) else None
        if isinstance(template, str) and not (folder / template).is_file():
            problems.append(
                Problem(
                    (
                        tr("the word template '{file}' is not in {folder}/")
                        if name == "word"
                        else tr("the html template '{file}' is not in {folder}/")
                    ).format(file=template, folder=folder.as_posix()),
                    file=shown,
                    column=f"templates.{name}",
                )
            )
    if problems:
        raise ProfileError(problems)
    return Profile(
        key=key,
        folder=folder,
        funder=data["funder"],
        language=data["language"],
        locale=data["locale"],
        date_format=data.get("date_format"),
        long_date_format=data.get("long_date_format"),
        report_titles=data["report_kinds"],
        sections=tuple(data["sections"]),
        cover=tuple(CoverField(**field) for field in data["cover"]),
        narrative=tuple(
            NarrativeSection(name, spec["description"], tuple(spec.get("required_for", ())))
            for name, spec in (data.get("narrative") or {}).items()
        ),
        required_fields=tuple(data.get("required_fields", ())),
        budget_line_overspend=_share(data.get("budget_line_overspend")),
        chart_labels=data["chart_labels"],
        grant_columns=tuple(
            GrantColumn(c["key"], c["latvian"], c["type"], c.get("required", False), c["description"], c["example"])
            for c in data.get("grant_columns", ())
        ),
        prior_approval_over=_share(data.get("prior_approval_over")),
        flat_rate_lines={line["line_code"]: _share(line["rate"]) for line in data.get("flat_rate_lines", ())},
        co_financing=data.get("co_financing", False),
        sources_printed=data.get("sources_annex", "printed") == "printed",
        word_template=data["templates"]["word"],
        html_template=data["templates"]["html"],
    )


def _share(value: float | None) -> Decimal | None:
    """A YAML number as the decimal it was written as (0.07, not 0.07000000000000000666)."""
    return None if value is None else Decimal(str(value))


@cache
def _validator() -> jsonschema.Validator:
    schema = read_schema(SCHEMA_FILE)
    return jsonschema.Draft202012Validator(schema)
