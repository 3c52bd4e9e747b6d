"""How a build ends: what went wrong, in plain words and last on the terminal, and whether it failed.

Problems of the inputs and of the funder formats, and reports that could not be made, are not
crashes of the workflow: this is what it prints at its very end, and exits 1 on."""

from __future__ import annotations

import threading
from pathlib import Path

from grantreports.checks.summary import summary_text
from grantreports.common.i18n import ntr, tr
from grantreports.common.problems import Problem
from grantreports.render.failures import read_failures


def build_outcome(problems: list[Problem], failure_files: list[Path]) -> tuple[str, bool]:
    """The closing text of a build and whether the build failed (an error in the inputs or the formats, or
    a report that could not be made)."""
    parts = []
    failures = read_failures(failure_files)
    if failures:
        parts.append(
            ntr(
                "grantreports: {count} report could not be made; every other report is built or kept."
                " This is a fault in grantreports or a template, not in your data: please report it with the log.",
                "grantreports: {count} reports could not be made; every other report is built or kept."
                " This is a fault in grantreports or a template, not in your data: please report it with the log.",
                len(failures),
            ).format(count=len(failures))
        )
        parts += [str(failure) for failure in failures]
    text, errors = summary_text(problems)
    parts.append(text)
    return "\n".join(parts), bool(failures or errors)


def end_scheduler_timers() -> None:
    """Cancel the timers Snakemake's scheduler leaves behind, at the end of a build.

    The scheduler re-checks its job rate limit (--max-jobs-per-timespan, 1 s by default) with a threading.Timer each
    time it waits, and Python waits for the last one before the process exits: up to a second added to the end of
    every build that ran a job (0.26 s of a one-row edit at 1,000 grants, measured). When the build ends the schedule is over, and
    a timer would only wake a scheduler that is gone."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def removed_reports_text(unmade: list[str]) -> str:
    """The line saying which reports of an earlier build went from outputs/ (rules/common.smk)."""
    return tr("grantreports: removed from outputs/ the reports the inputs no longer make: {reports}").format(reports=", ".join(unmade))


def config_problems_text(lines: list[str]) -> str:
    """What a build that stops on its config prints: one line per problem (rules/common.smk)."""
    return tr("grantreports: the config cannot be used:") + "\n" + "\n".join(f"  {line}" for line in lines)
