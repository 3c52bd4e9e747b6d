"""Each grant's check, remembered by a fingerprint of everything it reads.

A build re-checks, and rewrites the data file of, only the grants whose rows, funder
format or code changed: after an edit to one row of a 100,000-row workbook, one grant is
checked instead of a thousand. What is remembered per grant: its fingerprint's digest,
the problems its check found, and its reports (results/checks.json)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem


@dataclass(frozen=True)
class GrantCheck:
    digest: str  # SHA-256 of what the check read (validation.SortedRows.fingerprint) and of the code and format
    problems: list[Problem]  # found in the grant's own rows, the funder's rules included
    periods: list[tuple[str, dt.date]]  # (report slug, period_to) of each of the grant's reports

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def to_json(self) -> dict:
        return {"digest": self.digest, "problems": [p.to_json() for p in self.problems],
                "periods": [[slug, day.isoformat()] for slug, day in self.periods]}

    @classmethod
    def from_json(cls, data: dict) -> GrantCheck:
        return cls(data["digest"], [Problem.from_json(p) for p in data["problems"]],
                   [(slug, dt.date.fromisoformat(day)) for slug, day in data["periods"]])


def digest(*parts: str | bytes) -> str:
    sha = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


def checks_file(results_dir: Path) -> Path:
    return results_dir / "checks.json"


def load_checks(results_dir: Path) -> dict[str, GrantCheck]:
    """The checks of the last build, by grant number; none when there was none or its file is unreadable."""
    try:
        stored = json.loads(checks_file(results_dir).read_text(encoding="utf-8"))
        return {number: GrantCheck.from_json(check) for number, check in stored.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def checks_json(checks: dict[str, GrantCheck]) -> bytes:
    content = {number: checks[number].to_json() for number in sorted(checks)}
    return (json.dumps(content, ensure_ascii=False, indent=1) + "\n").encode()
