"""How a build ends: what went wrong, in plain words and last on the terminal, and whether it failed.

Problems of the inputs and of the funder formats, and reports that could not be made, are not
crashes of the workflow: this is what it prints at its very end, and exits 1 on."""

from __future__ import annotations

from pathlib import Path

from grantreports.checks.summary import summary_text
from grantreports.common.problems import Problem
from grantreports.render.failures import read_failures


def build_outcome(problems: list[Problem], failure_files: list[Path]) -> tuple[str, bool]:
    """The closing text of a build and whether the build failed (an error in the inputs or the formats, or
    a report that could not be made)."""
    parts = []
    failures = read_failures(failure_files)
    if failures:
        parts.append(
            f"grantreports: {len(failures)} report(s) could not be made; every other report is built or kept."
            " This is a fault in grantreports or a template, not in your data: please report it with the log."
        )
        parts += [str(failure) for failure in failures]
    text, errors = summary_text(problems)
    parts.append(text)
    return "\n".join(parts), bool(failures or errors)
