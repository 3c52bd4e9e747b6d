"""The end-of-build summary of input problems, for people, in the interface language."""

from __future__ import annotations

from collections import Counter

from grantreports.common.i18n import ntr, tr
from grantreports.common.problems import EVERY_GRANT, Problem, blocked_grants


def summary_text(problems: list[Problem]) -> tuple[str, int]:
    """The summary and the number of errors (warnings and notes do not fail a build)."""
    by_severity = {severity: [p for p in problems if p.severity == severity] for severity in ("error", "warning", "note")}
    errors, warnings, notes = by_severity["error"], by_severity["warning"], by_severity["note"]
    if not errors and not warnings:
        lines = [tr("grantreports: the inputs have no problems.")]
    else:
        lines = []
    if errors:
        lines.append(
            ntr("grantreports: {count} error in the inputs.", "grantreports: {count} errors in the inputs.", len(errors)).format(
                count=len(errors)
            )
        )
        lines.append(_blocked_line(blocked_grants(errors)))
        lines.append(tr("Fix these and run the build again (while preview runs, saving the file is enough):"))
        lines += [error_line(p) for p in errors]
    if warnings:
        lines.append(ntr("grantreports: {count} warning:", "grantreports: {count} warnings:", len(warnings)).format(count=len(warnings)))
        warning = tr("WARNING")
        lines += [f"  {warning} {p}" for p in warnings]
    if notes:
        lines.append(tr("grantreports: not read (no input sheet there):"))
        note = tr("NOTE")
        lines += [f"  {note} {p}" for p in notes]
    # One problem can block several grants; its line is shown once.
    return "\n".join(dict.fromkeys(line for line in lines if line)), len(errors)


def error_line(problem: Problem) -> str:
    """An error as the build's end, validation.txt and preview's terminal say it: where it is and what is wrong."""
    return f"  {tr('ERROR')} {problem}"


def summary_file(problems: list[Problem]) -> bytes:
    """results/validation.txt: the summary the build prints at its end."""
    return (summary_text(problems)[0] + "\n").encode()


def _blocked_line(blocked: set[str]) -> str:
    if EVERY_GRANT in blocked:
        return tr("No report was made for any grant: an error below concerns rows that could belong to any of them.")
    if blocked:
        return tr("No report was made for these grants: {grants}.").format(grants=", ".join(sorted(blocked)))
    return ""


def headline(problems: list[Problem]) -> str:
    """One line for the start of a build; the details come at its end."""
    counts = Counter(p.severity for p in problems)
    blocked = blocked_grants(problems)
    text = tr("grantreports: {errors} error(s), {warnings} warning(s) in the inputs").format(
        errors=counts["error"], warnings=counts["warning"]
    )
    if EVERY_GRANT in blocked:
        text += tr("; no grant gets a report")
    elif blocked:
        text += ntr("; {count} grant gets no report", "; {count} grants get no report", len(blocked)).format(count=len(blocked))
    return text + tr(" (details at the end of the build, and in outputs/validation.txt, .xlsx and .html).")
