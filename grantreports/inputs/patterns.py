"""The input files the config's patterns name: globs relative to the project folder, with {a,b} alternatives.

A pattern that matches no file is an error that blocks every grant: the files it was meant to
find (a partner's folder, mistyped) may hold rows of any grant."""

from __future__ import annotations

import glob
import re
from pathlib import Path

from grantreports.common.i18n import tr
from grantreports.common.problems import EVERY_GRANT, Problem

# Files spreadsheet programs leave beside an open workbook.
_LOCK_PREFIXES = ("~$", ".~lock.")
_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
# What people save spreadsheets as: read when the patterns name them, an error when they lie unread beside the inputs.
SPREADSHEETS = {".xlsx", ".xlsm", ".ods", ".csv", ".xls", ".xlsb", ".numbers", ".fods", ".tsv"}
UNREADABLE_SPREADSHEETS = (".xls", ".xlsb", ".numbers", ".fods", ".tsv")


def _format_name(suffix: str) -> str:
    """What a spreadsheet this tool cannot read is, in the interface language."""
    return {
        ".xls": "Excel 97-2003",
        ".xlsb": tr("Excel binary"),
        ".numbers": "Apple Numbers",
        ".fods": tr("flat OpenDocument"),
        ".tsv": tr("tab-separated text; name it .csv"),
    }[suffix]


def expand_alternatives(pattern: str) -> list[str]:
    """inputs/*.{xlsx,ods} -> inputs/*.xlsx, inputs/*.ods (as a shell does)."""
    match = _ALTERNATIVES.search(pattern)
    if match is None:
        return [pattern]
    return [
        expanded
        for choice in match.group(1).split(",")
        for expanded in expand_alternatives(pattern[: match.start()] + choice + pattern[match.end() :])
    ]


def _any_case(pattern: str) -> str:
    """The pattern with its last part's extension matched in any case: *.csv finds a.CSV too."""
    head, dot, extension = pattern.rpartition(".")
    if not dot or "/" in extension or any(c in extension for c in "*?["):
        return pattern
    return head + dot + "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in extension)


def _root(pattern: str) -> str:
    """The folder a pattern searches: its parts before the first wildcard (inputs for inputs/**/*.csv)."""
    parts = pattern.split("/")
    fixed = next((i for i, part in enumerate(parts) if any(c in part for c in "*?[")), len(parts) - 1)
    return "/".join(parts[:fixed]) or "."


def input_files(workdir: Path, patterns: list[str], config_file: str = "config/config.yaml") -> tuple[list[Path], list[Problem]]:
    """The files the patterns name, in a stable order; an error for each pattern that matches none, and for each
    spreadsheet in the folders they search that no pattern names or that cannot be read (.xls, .numbers)."""
    found, problems = set(), []
    for pattern in patterns:
        expanded = [_any_case(p) for p in expand_alternatives(pattern)]
        matches = {Path(m) for p in expanded for m in glob.glob(p, root_dir=workdir, recursive=True)}
        matches = {m for m in matches if (workdir / m).is_file() and not m.name.startswith(_LOCK_PREFIXES)}
        if not matches:
            message = tr(
                "no file matches this input pattern, and the files it was meant to find may hold rows of any grant, so no grant"
                " gets a report; expected a pattern that matches files (check the folder and file names)"
            )
            problems.append(Problem(message, file=config_file, column="inputs", value=pattern, grant=EVERY_GRANT))
        found |= matches
    return sorted(found, key=lambda p: p.as_posix()), problems + _left_out(workdir, patterns, found, config_file)


def _left_out(workdir: Path, patterns: list[str], found: set[Path], config_file: str) -> list[Problem]:
    """Spreadsheets in the folders the patterns search that are not read: their rows would be missing."""
    roots = {_root(p) for pattern in patterns for p in expand_alternatives(pattern)}
    seen = {workdir / path for path in found}
    problems = []
    for root in sorted(roots):
        for path in sorted((workdir / root).rglob("*")):
            suffix = path.suffix.lower()
            if path in seen or not path.is_file() or path.name.startswith(_LOCK_PREFIXES) or suffix not in SPREADSHEETS:
                continue
            shown = path.relative_to(workdir).as_posix()
            if suffix in UNREADABLE_SPREADSHEETS:
                message = tr(
                    "a spreadsheet in a format this tool cannot read ({format}), so its rows would be missing; expected it saved as .xlsx, .ods or .csv"
                ).format(format=_format_name(suffix))
            else:
                message = tr(
                    "a spreadsheet no input pattern of {config_file} names, so its rows would be missing; expected it among the inputs (or moved out of {folder}/)"
                ).format(config_file=config_file, folder=root)
            problems.append(Problem(message, file=shown, grant=EVERY_GRANT))
    return problems
