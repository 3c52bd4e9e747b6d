"""Each grant's check, remembered by a fingerprint of everything it reads.

A build re-checks, and rewrites the data file of, only the grants whose rows, funder
format or code changed: after an edit to one row of a 100,000-row workbook, one grant is
checked instead of a thousand. What is remembered per grant: its fingerprint's digest,
the problems its check found, and its reports (results/checks.json)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from grantreports.checks.funder_rules import funder_problems
from grantreports.common.problems import Problem, blocked_grants, is_blocked
from grantreports.funders.profiles import Profile
from grantreports.inputs.model import GrantData
from grantreports.inputs.reading import SheetRows
from grantreports.inputs.validation import SortedRows, convert_sheet, grant_data, sort_rows


@dataclass(frozen=True)
class GrantCheck:
    digest: str  # SHA-256 of what the check read (validation.SortedRows.fingerprint) and of the code and format
    problems: list[Problem]  # found in the grant's own rows, the funder's rules included
    periods: list[tuple[str, dt.date]]  # (report slug, period_to) of each of the grant's reports

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def to_json(self) -> dict:
        return {
            "digest": self.digest,
            "problems": [p.to_json() for p in self.problems],
            "periods": [[slug, day.isoformat()] for slug, day in self.periods],
        }

    @classmethod
    def from_json(cls, data: dict) -> GrantCheck:
        return cls(
            data["digest"],
            [Problem.from_json(p) for p in data["problems"]],
            [(slug, dt.date.fromisoformat(day)) for slug, day in data["periods"]],
        )


class Fingerprints:
    """Each grant's fingerprint (SortedRows.fingerprint) as a SHA-256, kept with what it was made from, for a process
    that checks again and again (preview). There an unchanged row is the very object it was the last time
    (validation.convert_sheet_again takes it over), and rows are not changed once converted: a grant whose grant
    serialises the same and whose rows are the same objects, in the same places, has the same fingerprint, which is
    not made again. After a one-row edit, one grant's rows are serialised instead of a thousand grants' (0.45 s on a
    slow machine). Only the digests are kept: the fingerprints of 100,000 rows are some 40 MB."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[bytes, list[tuple[str, list]], str]] = {}  # by grant number

    def of_every_grant(self, sorted_rows: SortedRows) -> dict[str, str]:
        """The SHA-256 of each grant's fingerprint, by grant number."""
        made = {}
        for number in sorted_rows.grants:
            grant, places = sorted_rows.read_by_check(number)
            grant_bytes, last = pickle.dumps(grant, protocol=5), self._made.get(number)
            if last is not None and last[0] == grant_bytes and _same_objects(last[1], places):
                made[number] = last
            else:
                made[number] = (grant_bytes, places, hashlib.sha256(sorted_rows.fingerprint(number)).hexdigest())
        self._made = made
        return {number: fingerprint for number, (_, _, fingerprint) in made.items()}


def _same_objects(before: list[tuple[str, list]], now: list[tuple[str, list]]) -> bool:
    return len(before) == len(now) and all(
        sheet_before == sheet and len(rows_before) == len(rows) and all(a is b for a, b in zip(rows_before, rows, strict=True))
        for (sheet_before, rows_before), (sheet, rows) in zip(before, now, strict=True)
    )


def check_grant(sorted_rows: SortedRows, number: str, profile: Profile, as_of: dt.date) -> tuple[GrantData, list[Problem]]:
    """One grant's data and the problems of its rows, the funder's rules included (for the reports due by `as_of`).

    The rules are checked only on a grant whose rows are all readable and consistent: on one with a row
    left out for an unreadable cell they would report what that row was missing from (nothing spent...)."""
    data, problems = grant_data(sorted_rows, number)
    if not any(p.severity == "error" for p in problems) and not sorted_rows.partial.get(number):
        problems += funder_problems(data, profile, as_of)
    return data, problems


def group_by_grant(
    sheets: list[SheetRows], profiles: dict[str, Profile], as_of: dt.date, broken: frozenset[str] = frozenset()
) -> tuple[dict[str, GrantData], list[Problem]]:
    """Valid grants' data keyed by grant number, and every problem found, in one pass (what a build does, without its files)."""
    sorted_rows = sort_rows([convert_sheet(sheet) for sheet in sheets], set(profiles), broken)
    problems, data = list(sorted_rows.problems), {}
    for number, grant in sorted_rows.grants.items():
        data[number], found = check_grant(sorted_rows, number, profiles[grant.funder], as_of)
        problems += found
    blocked = blocked_grants(problems)
    return {n: d for n, d in data.items() if not is_blocked(n, blocked)}, problems


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
