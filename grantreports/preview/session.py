"""One warm build: the inputs read, checked and rendered again after a change, in this process, leaving
exactly the files the batch build (the Snakefile) would leave, so that a `snakemake` run afterwards has
nothing to render.

What one update does, in the order the workflow does it (rules/common.smk, then the render jobs, then
the end of the build): read the config; extract (only the changed input files are read again, only the
grants whose rows changed are checked again); remove the reports the inputs no longer make; render the
reports whose grant data or funder templates changed, the PDF of each first; mark their batches done, as
a render job would; write the problem lists and the overview page."""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grantreports.checks.config import config_problems, read_config, unknown_grants, with_defaults
from grantreports.checks.extraction import Extraction, ReadCache, ReportTarget, data_file, extract
from grantreports.checks.summary import error_line, summary_file
from grantreports.checks.validation_report import write_validation_reports
from grantreports.common import i18n
from grantreports.common.collector import bulk_allocation
from grantreports.common.files import sha256_file, write_atomically, write_if_changed
from grantreports.common.project import CODE_FILE, OUTPUTS, RESULTS, VALIDATION, code_digest
from grantreports.funders.profiles import template_files
from grantreports.overview import Build, finish_overview
from grantreports.render.batches import batch_done, batches
from grantreports.render.failures import Failure, failures_file, read_failures, record_failures
from grantreports.render.report_files import ReportFiles, remove_unmade_reports

PREVIEW_LOG = Path("logs") / "preview.log"  # the tracebacks of reports preview could not make


def report_files(report: ReportTarget) -> ReportFiles:
    return ReportFiles.of(OUTPUTS, report.grant_slug, report.report_slug)


@dataclass
class Update:
    """What one update did, for the page and the terminal."""

    config_problems: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # <grant>/<report>
    failed: list[Failure] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    error_lines: list[str] = field(default_factory=list)  # the input problems that are errors, as validation.txt says them
    seconds: float = 0.0  # from the start of the update to the last PDF on disk
    total_seconds: float = 0.0  # to the overview page written

    @property
    def errors(self) -> int:
        return len(self.error_lines)


class Session:
    """The project folder `workdir` (with its config) kept warm: the files read, the renderer imported."""

    def __init__(self, workdir: Path, config_file: str = "config/config.yaml"):
        self.workdir = workdir
        self.config_file = config_file
        self.reads = ReadCache()
        # Each funder's template files' digest as last rendered; None until the first update, which follows a batch
        # build (preview starts with one) and so takes the templates as rendered.
        self._templates: dict[str, str] | None = None

    def update(self, on_pdf: Callable[[str], object] = lambda name: None) -> Update:
        """Bring outputs/ up to date with the inputs, config and templates; `on_pdf(name)` after each PDF written."""
        started = time.perf_counter()
        os.chdir(self.workdir)  # the workflow's paths are relative to the project folder, as in a build
        config, problems = self._config()
        if problems:
            return Update(config_problems=problems, total_seconds=time.perf_counter() - started)
        templates, as_of = Path(config["templates"]), dt.date.fromisoformat(str(config["as_of"]))
        write_if_changed(CODE_FILE, f"{code_digest()}\n".encode())
        before = _data_files()
        extraction = extract(Path.cwd(), config["inputs"], templates, RESULTS, as_of, self.config_file, reads=self.reads)
        unknown = unknown_grants(config["grants"], extraction.grant_numbers, self.config_file)
        if unknown:
            return Update(config_problems=unknown, total_seconds=time.perf_counter() - started)
        due = extraction.due(as_of)
        selected = [r for r in due if not config["grants"] or r.grant_number in config["grants"]]
        update = Update(error_lines=[error_line(p) for p in extraction.problems if p.severity == "error"])
        update.removed = remove_unmade_reports(
            OUTPUTS, {(r.grant_slug, r.report_slug) for r in due}, {(r.grant_slug, r.report_slug) for r in selected}, RESULTS / "grants"
        )
        changed = self._changed(selected, before, _data_files(), templates)
        todo = [r for r in selected if r in changed]

        def pdf_written(name: str) -> None:
            update.seconds = time.perf_counter() - started
            on_pdf(name)

        with bulk_allocation():  # as in a render job: the collector not scanning the project's data read again and again
            failed = self._render(todo, templates, extraction, update, pdf_written)
        update.failed = list(failed.values())
        all_batches = batches(selected, config["render_batches"])
        self._mark_batches(all_batches, todo, failed)
        self._finish(extraction, selected, all_batches, templates, as_of)
        update.total_seconds = time.perf_counter() - started
        return update

    def _config(self) -> tuple[dict, list[str]]:
        """The config as the Snakefile reads it (rules/common.smk): its keys with their defaults, or its problems."""
        config, problems = read_config(Path(self.config_file))
        if config.get("language") in i18n.LANGUAGES:
            i18n.use(config["language"])
        problems = problems or config_problems(config, self.config_file, Path.cwd())
        if problems:
            return {}, problems
        config = with_defaults(config)
        i18n.use(config["language"])
        if isinstance(config["as_of"], dt.date):
            config["as_of"] = config["as_of"].isoformat()
        return config, []

    def _changed(self, reports: list[ReportTarget], before: dict, after: dict, templates: Path) -> set[ReportTarget]:
        """The reports to render: their grant's data file was rewritten, their funder's templates changed, or a file is missing."""
        digests = {
            funder: "".join(sha256_file(path) for path in template_files(templates, funder)) for funder in {r.funder for r in reports}
        }
        if self._templates is None:
            self._templates = dict(digests)
        changed = {
            r
            for r in reports
            if before.get(r.grant_slug) != after.get(r.grant_slug)
            or self._templates.get(r.funder) != digests[r.funder]
            or not all(path.is_file() for path in report_files(r).all())
        }
        self._templates.update(digests)
        return changed

    def _render(
        self, todo: list[ReportTarget], templates: Path, extraction: Extraction, update: Update, on_pdf: Callable[[str], object]
    ) -> dict[str, Failure]:
        """Every report of `todo` rendered, all the PDFs first; the failures by report name (<grant>/<report>)."""
        from grantreports.render.report import start_report  # WeasyPrint and docxtpl: imported once, when first needed

        failed, started = {}, []
        for report in todo:
            files, name = report_files(report), f"{report.grant_slug}/{report.report_slug}"
            kept = ReportFiles.of(RESULTS / "kept", report.grant_slug, report.report_slug)
            try:
                pending = start_report(
                    data_file(RESULTS, report.grant_slug), report.report_slug, templates, files, extraction.input_hashes, kept
                )
            except Exception as error:  # noqa: BLE001  one report's failure must not stop the others, as in a render job
                failed[name] = _failed(report, files, error)
                continue
            on_pdf(name)
            started.append((report, files, pending))
        for report, files, pending in started:
            try:
                if pending is not None:
                    pending.finish()
            except Exception as error:  # noqa: BLE001
                failed[f"{report.grant_slug}/{report.report_slug}"] = _failed(report, files, error)
                continue
            update.rendered.append(f"{report.grant_slug}/{report.report_slug}")
        return failed

    def _mark_batches(self, all_batches: dict[str, list[ReportTarget]], todo: list[ReportTarget], failed: dict[str, Failure]) -> None:
        """Each batch with a report rendered left as its job would leave it: done, its outputs newer than its
        inputs; or, when one of its reports failed, not done (the next build runs it) with its failures recorded."""
        touched = set(todo)
        for batch, members in all_batches.items():
            if not touched.intersection(members):
                continue
            done = batch_done(batch)
            mine = [failed[name] for name in (f"{r.grant_slug}/{r.report_slug}" for r in members) if name in failed]
            record_failures(failures_file(done), mine)
            if mine:
                done.unlink(missing_ok=True)
                continue
            write_atomically(done, "".join(f"{r.grant_slug}/{r.report_slug}\n" for r in members).encode())
            _newer_than_inputs([path for r in members for path in report_files(r).all()] + [done])

    def _finish(self, extraction: Extraction, selected: list[ReportTarget], all_batches: dict, templates: Path, as_of: dt.date) -> None:
        """The end of a build: the input problems (outputs/validation.*, results/validation.txt) and the overview page."""
        write_validation_reports(extraction.problems, OUTPUTS, as_of)
        write_if_changed(VALIDATION, summary_file(extraction.problems))
        _newer_than_inputs([VALIDATION])  # newer than results/extraction.json, its input: its job has nothing to do
        failures = read_failures([failures_file(batch_done(batch)) for batch in all_batches])
        finish_overview(Build(extraction, frozenset(selected), failures, as_of, self.config_file), OUTPUTS, RESULTS, templates)


def _data_files() -> dict[str, tuple[int, int]]:
    """Each grant data file's (modification time, size): what changed since is what extract rewrote."""
    found = {}
    for path in (RESULTS / "grants").glob("*.json"):
        stat = path.stat()
        found[path.stem] = (stat.st_mtime_ns, stat.st_size)
    return found


def _newer_than_inputs(paths: list[Path]) -> None:
    """The files get this moment as their modification time, as a job's outputs have after it ran: Snakemake sees
    them newer than their inputs (rules/report.smk: data files, templates, code) and does not run the job again."""
    for path in paths:
        if path.exists():
            os.utime(path)


def _failed(report: ReportTarget, files: ReportFiles, error: Exception) -> Failure:
    """What a render job does with a report that fails: its traceback in the log, no file of it left (Snakemake
    removed the job's outputs before running it)."""
    name = f"{report.grant_slug}/{report.report_slug}"
    _append_log(f"grantreports: {name}: FAILED\n{traceback.format_exc()}")
    for path in files.all():
        path.unlink(missing_ok=True)
    return Failure(name, report.grant_number, f"{type(error).__name__}: {error}", PREVIEW_LOG.as_posix())


def _append_log(text: str) -> None:
    PREVIEW_LOG.parent.mkdir(parents=True, exist_ok=True)
    with PREVIEW_LOG.open("a", encoding="utf-8") as log:
        log.write(text + "\n")
