"""Read every input once, validate, and write one data file per grant, only when it changed.

A grant whose rows, funder format and the code are as last time is not checked again: its
problems and reports are taken from results/checks.json (grantreports/checks/grant_checks.py)."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from grantreports.checks.grant_checks import Fingerprints, GrantCheck, check_grant, checks_file, checks_json, digest, load_checks
from grantreports.common import i18n
from grantreports.common.collector import bulk_allocation
from grantreports.common.files import sha256_file, write_all_if_changed, write_if_changed
from grantreports.common.i18n import tr
from grantreports.common.problems import EVERY_GRANT, Problem, blocked_grants, is_blocked, sort_key
from grantreports.common.project import code_digest
from grantreports.funders.profiles import Profile, load_profiles, profile_files
from grantreports.inputs.changed_rows import Snapshot, read_again
from grantreports.inputs.changed_rows import snapshot as snapshot_of
from grantreports.inputs.patterns import input_files
from grantreports.inputs.reading import SheetRows, read_file
from grantreports.inputs.sheets import named, sheet_specs, with_grant_columns
from grantreports.inputs.validation import ConvertedSheet, SortedRows, convert_sheet, convert_sheet_again, sort_rows


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
    grant_numbers: list[str]  # every grant of the grants sheet, whether it gets a report or not

    def due(self, as_of: dt.date) -> list[ReportTarget]:
        """Reports for the periods that have ended by `as_of`."""
        return [r for r in self.reports if r.period_to <= as_of]

    def to_json(self, key: str) -> str:
        reports = [{**asdict(r), "period_to": r.period_to.isoformat()} for r in self.reports]
        problems = [p.to_json() for p in self.problems]
        content = {
            "key": key,
            "reports": reports,
            "problems": problems,
            "input_hashes": self.input_hashes,
            "grant_numbers": self.grant_numbers,
        }
        return json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: dict) -> Extraction:
        reports = [ReportTarget(**{**r, "period_to": dt.date.fromisoformat(r["period_to"])}) for r in data["reports"]]
        return cls(reports, [Problem.from_json(p) for p in data["problems"]], data["input_hashes"], data["grant_numbers"])


def data_file(results_dir: Path, grant_slug: str) -> Path:
    return results_dir / "grants" / f"{grant_slug}.json"


@dataclass(frozen=True)
class Read:
    """One input file as read: its sheets' cells, the same converted, and the file's problems."""

    sheets: list[SheetRows]
    converted: list[ConvertedSheet]
    problems: list[Problem]
    snapshot: Snapshot | None = None  # an .xlsx's sheets' XML by row, to read only the rows its next save changes


def _sheet_pairs(read: Read | None) -> list[tuple[SheetRows, ConvertedSheet]]:
    return list(zip(read.sheets, read.converted, strict=True)) if read else []


class ReadCache:
    """Each input file's sheets as last read and converted, by the file's content: a process that extracts again
    and again (preview) reads only the files that changed, and converts again only the rows that changed. An
    entry holds for the same bytes, code, interface language and funder formats (these decide which sheets and
    columns there are, and the problems' words); its sheets as read serve the next read of the file. With them,
    the grants' fingerprints as last made, so that only those of grants with a changed row are made again.
    With `snapshots`, each .xlsx's sheets' XML is kept too, cut into rows (inputs/changed_rows.py), so that only the
    rows a save changed are read again: some 0.1 s more for a file's first read, and memory (preview at the bench's
    1,000 grants: 430 MB against 350 MB); worth it only to a process that reads again."""

    def __init__(self, snapshots: bool = True) -> None:
        self._entries: dict[str, tuple[tuple[str, str], Read]] = {}
        self.fingerprints = Fingerprints()
        self.snapshots = snapshots

    def get(self, file: str, key: tuple[str, str]) -> Read | None:
        entry = self._entries.get(file)
        return entry[1] if entry and entry[0] == key else None

    def before(self, file: str, key: tuple[str, str]) -> Read | None:
        """The file's last read with the same code, language and formats, whatever its bytes were."""
        entry = self._entries.get(file)
        return entry[1] if entry and entry[0][1] == key[1] else None

    def put(self, file: str, key: tuple[str, str], read: Read) -> None:
        self._entries[file] = (key, read)


def extract(
    workdir: Path,
    patterns: list[str],
    templates_dir: Path,
    results_dir: Path,
    as_of: dt.date,
    config_file: str = "config/config.yaml",
    reads: ReadCache | None = None,
) -> Extraction:
    """Read, validate and split the inputs, unless nothing they depend on changed since last time.

    `config_file` names the config the patterns come from, for the problems. With `reads`, the files read are
    remembered there and an unchanged file is not read again; the inputs are then always read (from `reads`
    where it can), so that the cache fills."""
    files, glob_problems = input_files(workdir, patterns, config_file)
    code = code_digest()
    templates = {
        path.relative_to(templates_dir).as_posix(): sha256_file(path) for path in sorted(templates_dir.rglob("*")) if path.is_file()
    }
    formats = {path.parent.name: templates[path.relative_to(templates_dir).as_posix()] for path in profile_files(templates_dir)}
    input_hashes = {path.as_posix(): sha256_file(workdir / path) for path in files}
    key = digest(
        code, i18n.language(), config_file, *patterns, as_of.isoformat(), json.dumps(input_hashes), json.dumps(templates, sort_keys=True)
    )
    index_file = results_dir / "extraction.json"
    if index_file.is_file():
        cached = json.loads(index_file.read_text(encoding="utf-8"))
        extraction = Extraction.from_json(cached) if "grant_numbers" in cached else None
        if (
            reads is None
            and extraction
            and cached["key"] == key
            and all(data_file(results_dir, r.grant_slug).is_file() for r in extraction.reports)
        ):
            return extraction
    with bulk_allocation():
        profiles, problems = load_profiles(templates_dir)
        formats_key = digest(code, i18n.language(), json.dumps(templates, sort_keys=True))
        template_problems = _checked_templates(profiles, formats_key, results_dir)
        broken = frozenset(formats) - set(profiles) | {key for key, problem in template_problems if problem.severity == "error"}
        reads = reads or ReadCache(snapshots=False)
        sorted_rows, read_problems = _read(workdir, files, profiles, broken, (input_hashes, formats_key, reads))
        context = digest(code, i18n.language(), as_of.isoformat())  # the problems a check remembers are in the interface language
        fingerprints = reads.fingerprints.of_every_grant(sorted_rows)
        reports, check_problems = _check_and_split(sorted_rows, fingerprints, profiles, formats, context, results_dir, as_of)
    problems = sorted(glob_problems + problems + [p for _, p in template_problems] + read_problems + check_problems, key=sort_key)
    if reports and not any(r.period_to <= as_of for r in reports):
        first = min(r.period_to for r in reports)
        problems.append(
            Problem(
                tr(
                    "no report is due by this date, so none is made: the first reporting period ends {first}; expected as_of"
                    " on or after the end of the periods to report"
                ).format(first=f"{first:%d.%m.%Y.}"),
                file=config_file,
                column="as_of",
                value=as_of.isoformat(),
                severity="warning",
            )
        )
    # A file-level problem may name grants too (a sheet that lost a required column): they get no report.
    blocked = blocked_grants(problems)
    numbers = sorted(set(sorted_rows.grants) | {p.grant for p in problems if p.grant and p.grant != EVERY_GRANT})
    extraction = Extraction([r for r in reports if not is_blocked(r.grant_number, blocked)], problems, input_hashes, numbers)
    _remove_stale_data_files(results_dir, {grant.slug for number, grant in sorted_rows.grants.items() if not is_blocked(number, blocked)})
    write_if_changed(index_file, extraction.to_json(key).encode())
    return extraction


def _checked_templates(profiles: dict[str, Profile], key: str, results_dir: Path) -> list[tuple[str, Problem]]:
    """Each format's templates checked (checks/template_check.py) as (format, problem): a format with an
    error gets no report. Remembered in results/template-check.json by a digest of every template file
    and the code, so that an edit to the inputs does not check (and import docxtpl) again."""
    remembered = results_dir / "template-check.json"
    try:
        stored = json.loads(remembered.read_text(encoding="utf-8"))
        if stored["key"] == key:
            return [(name, Problem.from_json(problem)) for name, problem in stored["problems"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from grantreports.checks.template_check import template_problems  # docxtpl takes a while to import

    found = template_problems(profiles)
    content = {"key": key, "problems": [[name, problem.to_json()] for name, problem in found]}
    write_if_changed(remembered, (json.dumps(content, ensure_ascii=False, indent=1) + "\n").encode())
    return found


def _read(
    workdir: Path,
    files: list[Path],
    profiles: dict[str, Profile],
    broken: frozenset[str],
    cache: tuple[dict[str, str], str, ReadCache],
) -> tuple[SortedRows, list[Problem]]:
    """Every input file read, its cells converted and its rows sorted to their grants; the problems found so far.

    `broken` names the funder formats whose profile or templates have errors: their grants are blocked.
    `cache`: each file's SHA-256, the digest of the code, language and formats, and the files read before."""
    sheets, problems, specs = [], [], with_grant_columns(sheet_specs(), profiles.values())
    hashes, formats_key, reads = cache

    def read_and_convert(path: Path) -> tuple[list[ConvertedSheet], list[Problem]]:
        name, key = path.as_posix(), (hashes[path.as_posix()], formats_key)
        read = reads.get(name, key)
        if read is None:
            last = reads.before(name, key)
            again = last and last.snapshot and read_again(workdir / path, last.snapshot, last.sheets)
            if again:
                (file_sheets, rows_read, snapshot), file_problems = again, last.problems
            else:
                (file_sheets, file_problems), rows_read = read_file(workdir / path, name, specs), {}
                snapshot = snapshot_of(workdir / path, file_sheets) if reads.snapshots else None
            before = {sheet.spec.name: (sheet, done) for sheet, done in _sheet_pairs(last)}
            converted = [
                convert_sheet_again(sheet, *before[sheet.spec.name], rows_read.get(sheet.sheet))
                if sheet.spec.name in before
                else convert_sheet(sheet)
                for sheet in file_sheets
            ]
            read = Read(file_sheets, converted, file_problems, snapshot)
            if sha256_file(workdir / path) == key[0]:  # remembered only by the bytes that were read: a save during the read is not
                reads.put(name, key, read)
        return read.converted, read.problems

    # calamine lets go of the interpreter while it parses a workbook: the files are read side by
    # side, and the small ones are converted while the big one is still being parsed.
    with ThreadPoolExecutor(max(1, min(len(files), 4))) as pool:
        for file_sheets, file_problems in pool.map(read_and_convert, files):
            sheets += file_sheets
            problems += file_problems
    for required in ("grants", "periods"):
        if not any(s.name == required for s in sheets):
            problems.append(
                Problem(tr("no '{sheet}' sheet in any input file; expected one (see inputs/README.md)").format(sheet=named(required)))
            )
    sorted_rows = sort_rows(sheets, set(profiles), broken)
    return sorted_rows, problems + sorted_rows.problems


def _check_and_split(
    sorted_rows: SortedRows,
    fingerprints: dict[str, str],
    profiles: dict[str, Profile],
    formats: dict[str, str],
    context: str,
    results_dir: Path,
    as_of: dt.date,
) -> tuple[list[ReportTarget], list[Problem]]:
    """Check each grant (or take its check from the last build, when what it reads is unchanged) and write
    the data file of each grant its own rows do not block; every grant's reports and problems.

    `fingerprints`: the SHA-256 of what each grant's check reads, by grant number (grant_checks.Fingerprints).
    `context`: digest of the code, the interface language and `as_of`, which every check depends on."""
    previous, checks, written = load_checks(results_dir), {}, {}
    for number, grant in sorted_rows.grants.items():
        check_digest = digest(context, formats[grant.funder], fingerprints[number])
        check = previous.get(number)
        if check is None or check.digest != check_digest or not (check.has_errors() or data_file(results_dir, grant.slug).is_file()):
            data, found = check_grant(sorted_rows, number, profiles[grant.funder], as_of)
            check = GrantCheck(check_digest, found, [(period.slug, period.period_to) for period in data.periods])
            if not check.has_errors():
                written[number] = data
        checks[number] = check
    write_all_if_changed((data_file(results_dir, data.grant.slug), data.to_json().encode()) for data in written.values())
    write_if_changed(checks_file(results_dir), checks_json(checks))
    reports = [
        ReportTarget(number, grant.slug, slug, grant.funder, period_to)
        for number, grant in sorted(sorted_rows.grants.items(), key=lambda item: item[1].slug)
        if not checks[number].has_errors()
        for slug, period_to in checks[number].periods
    ]
    return reports, [problem for check in checks.values() for problem in check.problems]


def _remove_stale_data_files(results_dir: Path, current: set[str]) -> None:
    """A grant that is now invalid or gone must not be rendered from its old data."""
    for path in (results_dir / "grants").glob("*.json"):
        if path.stem not in current:
            path.unlink()
