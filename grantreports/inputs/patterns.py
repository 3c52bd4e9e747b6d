"""The input files the config's patterns name: globs relative to the project folder, with {a,b} alternatives.

A pattern that matches no file is an error that blocks every grant: the files it was meant to
find (a partner's folder, mistyped) may hold rows of any grant."""

from __future__ import annotations

import glob
import re
from pathlib import Path

from grantreports.common.problems import EVERY_GRANT, Problem

# Files spreadsheet programs leave beside an open workbook.
_LOCK_PREFIXES = ("~$", ".~lock.")
_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


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


def input_files(workdir: Path, patterns: list[str], config_file: str = "config/config.yaml") -> tuple[list[Path], list[Problem]]:
    """The files the patterns name, in a stable order, and an error for each pattern that matches none."""
    found, problems = set(), []
    for pattern in patterns:
        matches = {Path(m) for expanded in expand_alternatives(pattern) for m in glob.glob(expanded, root_dir=workdir, recursive=True)}
        matches = {m for m in matches if (workdir / m).is_file() and not m.name.startswith(_LOCK_PREFIXES)}
        if not matches:
            message = (
                "no file matches this input pattern, and the files it was meant to find may hold rows of any grant, so no grant"
                " gets a report; expected a pattern that matches files (check the folder and file names)"
            )
            problems.append(Problem(message, file=config_file, column="inputs", value=pattern, grant=EVERY_GRANT))
        found |= matches
    return sorted(found, key=lambda p: p.as_posix()), problems
