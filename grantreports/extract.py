"""Read every input once, validate, and write one data file per grant, only when it changed."""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .files import sha256_file, write_if_changed
from .manifest import code_digest
from .problems import Problem, blocked_grants, sort_key
from .profiles import load_profiles, profile_files
from .reading import read_file
from .sheets import sheet_specs
from .validation import group_by_grant

# Files spreadsheet programs leave beside an open workbook.
_LOCK_PREFIXES = ("~$", ".~lock.")


@dataclass(frozen=True)
class ReportTarget:
    grant_number: str
    grant_slug: str
    report_slug: str
    funder: str
    period_to: dt.date


@dataclass(frozen=True)
class Extraction:
    """What one build knows after reading the inputs: the reports it can make and every problem."""

    reports: list[ReportTarget]
    problems: list[Problem]
    input_hashes: dict[str, str]  # SHA-256 of each input file, read once per build for the report manifests

    def due(self, as_of: dt.date) -> list[ReportTarget]:
        """Reports for the periods that have ended by `as_of`."""
        return [r for r in self.reports if r.period_to <= as_of]

    def to_json(self, key: str) -> str:
        reports = [{**asdict(r), "period_to": r.period_to.isoformat()} for r in self.reports]
        problems = [p.to_json() for p in self.problems]
        content = {"key": key, "reports": reports, "problems": problems, "input_hashes": self.input_hashes}
        return json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: dict) -> Extraction:
        reports = [ReportTarget(**{**r, "period_to": dt.date.fromisoformat(r["period_to"])}) for r in data["reports"]]
        return cls(reports, [Problem.from_json(p) for p in data["problems"]], data.get("input_hashes", {}))


def input_files(workdir: Path, patterns: list[str]) -> tuple[list[Path], list[Problem]]:
    """The files the config's globs name, in a stable order; a glob matching nothing is a warning."""
    found, problems = set(), []
    for pattern in patterns:
        matches = [Path(m) for m in glob.glob(pattern, root_dir=workdir, recursive=True)]
        matches = [m for m in matches if (workdir / m).is_file() and not m.name.startswith(_LOCK_PREFIXES)]
        if not matches:
            problems.append(Problem(f"no file matches the input pattern '{pattern}' in config", severity="warning"))
        found.update(matches)
    return sorted(found, key=lambda p: p.as_posix()), problems


def data_file(results_dir: Path, grant_slug: str) -> Path:
    return results_dir / "grants" / f"{grant_slug}.json"


def extract(workdir: Path, patterns: list[str], templates_dir: Path, results_dir: Path, as_of: dt.date) -> Extraction:
    """Read, validate and split the inputs, unless nothing they depend on changed since last time."""
    files, glob_problems = input_files(workdir, patterns)
    profiles_read = profile_files(templates_dir)
    input_hashes = {path.as_posix(): sha256_file(workdir / path) for path in files}
    key = _cache_key(patterns, input_hashes, profiles_read, as_of)
    index_file = results_dir / "extraction.json"
    if index_file.is_file():
        cached = json.loads(index_file.read_text(encoding="utf-8"))
        extraction = Extraction.from_json(cached)
        if cached["key"] == key and all(data_file(results_dir, r.grant_slug).is_file() for r in extraction.reports):
            return extraction

    profiles, profile_problems = load_profiles(templates_dir)
    broken = frozenset(p.parent.name for p in profiles_read) - set(profiles)
    sheets, problems = [], glob_problems + profile_problems
    specs = sheet_specs()
    for path in files:
        file_sheets, file_problems = read_file(workdir / path, path.as_posix(), specs)
        sheets += file_sheets
        problems += file_problems
    for required in ("grants", "periods"):
        if not any(s.spec.name == required for s in sheets):
            problems.append(Problem(f"no '{required}' sheet in any input file; expected one (see inputs/README.md)"))
    grants, row_problems = group_by_grant(sheets, profiles, as_of, broken)
    problems = sorted(problems + row_problems, key=sort_key)
    # A file-level problem may name grants too (a sheet that lost a required column): they get no report.
    blocked = blocked_grants(problems)
    grants = {number: data for number, data in grants.items() if number not in blocked}

    reports = []
    for data in sorted(grants.values(), key=lambda d: d.grant.slug):
        write_if_changed(data_file(results_dir, data.grant.slug), data.to_json().encode())
        for period in data.periods:
            reports.append(ReportTarget(data.grant.grant_number, data.grant.slug, period.slug, data.grant.funder, period.period_to))
    _remove_stale_data_files(results_dir, {d.grant.slug for d in grants.values()})
    extraction = Extraction(reports, problems, input_hashes)
    write_if_changed(index_file, extraction.to_json(key).encode())
    return extraction


def _remove_stale_data_files(results_dir: Path, current: set[str]) -> None:
    """A grant that is now invalid or gone must not be rendered from its old data."""
    for path in (results_dir / "grants").glob("*.json"):
        if path.stem not in current:
            path.unlink()


def _cache_key(patterns: list[str], input_hashes: dict[str, str], profile_files: list[Path], as_of: dt.date) -> str:
    digest = hashlib.sha256(code_digest().encode())
    digest.update("\0".join(patterns).encode() + as_of.isoformat().encode())
    for name, file_hash in input_hashes.items():
        digest.update(name.encode() + b"\0" + file_hash.encode())
    for path in profile_files:
        digest.update(path.as_posix().encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()
