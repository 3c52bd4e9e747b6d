"""Generated parts of the documentation: input column tables, template variables, each format's texts."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path

from grantreports.figures.context import Charts, ReportContext
from grantreports.funders.profiles import load_profiles
from grantreports.inputs import model
from grantreports.inputs.sheets import sheet_specs

SCRIPT = "scripts/update_docs.py"
_KINDS = {"text": "text", "list": "text list (;)", "integer": "whole number", "number": "number", "date": "date"}
# Data model records whose fields are the input columns of a sheet: they take its descriptions and examples.
_SHEET_OF = {model.Grant: "grants", model.Period: "periods", model.Activity: "activities", model.Expense: "expenses"}


_LATVIAN_KINDS = {"text": "teksts", "list": "teksta saraksts (;)", "integer": "vesels skaitlis", "number": "skaitlis", "date": "datums"}
# The words of the sheet tables in each guide: inputs/README.md (English) and inputs/README.lv.md (Latvian).
_TABLE_WORDS = {
    "en": ("### Sheet `{name}` (latviski `{other}`)", "| column | latviski | type | required | meaning | example |", _KINDS, ("yes", "no")),
    "lv": (
        "### Lapa `{name}` (angliski `{other}`)",
        "| kolonna | angliski | veids | obligāta | nozīme | piemērs |",
        _LATVIAN_KINDS,
        ("jā", "nē"),
    ),
}


def sheet_tables(language: str = "en") -> str:
    """Every sheet and its columns, named and described in `language` (en or lv), the other language's name beside."""
    heading, header, kinds, (yes, no) = _TABLE_WORDS[language]
    latvian = language == "lv"
    parts = []
    for spec in sheet_specs().values():
        names = (spec.latvian, spec.name) if latvian else (spec.name, spec.latvian)
        parts += [
            heading.format(name=names[0], other=names[1]),
            "",
            spec.latvian_description if latvian else spec.description,
            "",
            header,
            "|---|---|---|---|---|---|",
        ]
        for column in spec.columns:
            first, second = (column.latvian, column.key) if latvian else (column.key, column.latvian)
            kind = " / ".join(column.enum) if column.enum else kinds[column.kind]
            meaning = column.latvian_description if latvian else column.description
            parts.append(f"| `{first}` | `{second}` | {kind} | {yes if column.required else no} | {_cell(meaning)} | {column.example} |")
        parts.append("")
    return "\n".join(parts)


def template_variables() -> str:
    """Every variable a template can use, from the report context's type hints and field docs."""
    parts = ["| variable | type | meaning | example |", "|---|---|---|---|"]
    parts += _rows(ReportContext, "")
    described: list[type] = []
    _nested(ReportContext, described)
    for kind in described:
        parts += ["", f"**{kind.__name__}**", "", "| field | type | meaning | example |", "|---|---|---|---|"]
        parts += _rows(kind, "")
    return "\n".join(parts) + "\n"


def format_texts(templates_dir: Path) -> str:
    """Each funder format: its texts (narrative sheet sections), which reports need them, and its rules."""
    profiles, _ = load_profiles(templates_dir)
    parts = []
    for key, profile in sorted(profiles.items()):
        limit = f"{profile.budget_line_overspend:.0%}" if profile.budget_line_overspend is not None else "none"
        parts += [
            f"### `{key}`: {profile.funder}",
            "",
            (
                f"Language `{profile.language}`, locale `{profile.locale}`; grants-sheet columns it requires:"
                f" {', '.join(f'`{f}`' for f in profile.required_fields) or 'none beyond the input format'};"
                f" allowed overspend per budget line before an explanation is needed: {limit}.{_budget_rules(profile)}"
            ),
            "",
            "| section | required in | what to write |",
            "|---|---|---|",
        ]
        parts += [f"| `{s.key}` | {', '.join(s.required_for) or 'optional'} | {_cell(s.description)} |" for s in profile.narrative]
        parts.append("")
    return "\n".join(parts)


def _budget_rules(profile) -> str:
    """The format's other budget rules, in words; empty when it has none."""
    rules = []
    if profile.prior_approval_over is not None:
        rules.append(f"beyond {profile.prior_approval_over:.0%} over, the funder's prior approval (`approval_reference` in `budget_notes`)")
    rules += [f"line `{code}` is a flat rate of {rate:.0%} of the other lines" for code, rate in profile.flat_rate_lines.items()]
    if profile.co_financing:
        rules.append("the spending is split by source of financing (`financing` sheet, required)")
    if not profile.sources_printed:
        rules.append("the data-sources annex is not printed (the extract is attached to the PDF)")
    return "".join(f" {rule[0].upper()}{rule[1:]}." for rule in rules)


def _rows(kind: type, prefix: str) -> list[str]:
    sheet = sheet_specs().get(_SHEET_OF.get(kind, ""))
    columns = {c.key: c for c in sheet.columns} if sheet else {}
    rows = []
    for f in fields(kind):
        hint = typing.get_type_hints(kind)[f.name]
        column = columns.get(f.name)
        meaning = column.description if column else f.metadata.get("doc", "")
        example = column.example if column else f.metadata.get("example", "")
        shown = "chart image, or empty" if kind is Charts else _type_name(hint)  # the renderers put images in its place
        rows.append(f"| `{prefix}{f.name}` | {shown} | {_cell(meaning)} | {_cell(example)} |")
    return rows


def _nested(kind: type, found: list[type]) -> None:
    for hint in typing.get_type_hints(kind).values():
        for inner in _dataclasses_in(hint):
            if inner not in found:
                found.append(inner)
                _nested(inner, found)


def _dataclasses_in(hint: object) -> list[type]:
    if is_dataclass(hint):
        return [hint]
    return [d for arg in typing.get_args(hint) for d in _dataclasses_in(arg)]


def _type_name(hint: object) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return f"{_type_name(inner[0])} or empty"
    if origin is list:
        return f"list of {_type_name(typing.get_args(hint)[0])}"
    if origin is dict:
        return "texts by section (`narrative.<section>`)"
    if is_dataclass(hint):
        return f"**{hint.__name__}**"
    return {str: "text", int: "whole number", Decimal: "number", dt.date: "date", bool: "yes/no"}[hint]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _between(name: str) -> tuple[str, str]:
    return f"<!-- {name}: begin (generated by {SCRIPT}) -->", f"<!-- {name}: end -->"


def with_generated(readme: str, name: str, content: str) -> str:
    """The README text with its generated section `name` replaced by `content`."""
    begin, end = _between(name)
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    return pattern.sub(lambda _: f"{begin}\n{content}{end}", readme)


def generated_readmes(repo: Path) -> dict[Path, str]:
    """The two READMEs as they must read, with every generated section up to date."""
    inputs = repo / "inputs" / "README.md"
    latvian_inputs = repo / "inputs" / "README.lv.md"
    templates = repo / "templates" / "README.md"
    template_text = with_generated(templates.read_text(encoding="utf-8"), "template variables", template_variables())
    return {
        inputs: with_generated(inputs.read_text(encoding="utf-8"), "sheet tables", sheet_tables()),
        latvian_inputs: with_generated(latvian_inputs.read_text(encoding="utf-8"), "sheet tables", sheet_tables("lv")),
        templates: with_generated(template_text, "format texts", format_texts(repo / "templates")),
    }
