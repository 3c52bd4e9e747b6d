"""The end-of-build summary of input problems, for people."""

from __future__ import annotations

from collections import Counter

from grantreports.common.problems import Problem, blocked_grants


def summary_text(problems: list[Problem]) -> tuple[str, int]:
    """The summary and the number of errors (warnings do not fail a build)."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if not problems:
        return "grantreports: the inputs have no problems.", 0
    lines = []
    if errors:
        blocked = sorted(blocked_grants(errors))
        lines.append(f"grantreports: {len(errors)} error(s) in the inputs.")
        if blocked:
            lines.append("No report was made for these grants: " + ", ".join(blocked) + ".")
        lines.append("Fix these cells and run the build again:")
        lines += [f"  ERROR {p}" for p in errors]
    if warnings:
        lines.append(f"grantreports: {len(warnings)} warning(s):")
        lines += [f"  WARNING {p}" for p in warnings]
    return "\n".join(lines), len(errors)


def headline(problems: list[Problem]) -> str:
    """One line for the start of a build; the details come at its end."""
    counts = Counter(p.severity for p in problems)
    blocked = blocked_grants(problems)
    text = f"grantreports: {counts['error']} error(s), {counts['warning']} warning(s) in the inputs"
    if blocked:
        text += f"; {len(blocked)} grant(s) get no report"
    return text + " (details at the end of the build, and in outputs/validation.txt, .xlsx and .html)."
