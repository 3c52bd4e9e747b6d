"""Render reports (one grant, one period each): Word, PDF/A-3, the data extract and the manifest.

A report whose content manifest (grant data, templates, tools) is the one it was last built
from is not rendered again: its files are restored from the kept copy of that build (kept.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from grantreports.audit import manifest
from grantreports.audit.data_extract import extract_workbook
from grantreports.checks.extraction import data_file
from grantreports.checks.invariants import check_invariants
from grantreports.common.collector import bulk_allocation
from grantreports.common.files import write_atomically
from grantreports.common.reproducible import build_moment, fixed_zip
from grantreports.figures.chart_text import chart_texts
from grantreports.figures.charts import draw_charts
from grantreports.figures.context import ReportContext, build_context
from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import SHARED_FOLDER, Profile, load_profile, template_files
from grantreports.inputs.model import GrantData
from grantreports.render.failures import Failure, failures_file, record_failures
from grantreports.render.kept import keep, restore
from grantreports.render.pdf import render_pdf
from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME, ReportFiles
from grantreports.render.word import render_word

# Word's document properties hold at most 255 characters (python-docx refuses more); a longer
# title or grantee is cut there, in both files, and stays whole in the report's text.
PROPERTY_LENGTH = 255
JOB_START = "GRANTREPORTS_JOB_START"  # seconds since the epoch when the job's shell command began


def render_batch(
    reports: list[str], templates_dir: Path, results_dir: Path, outputs_dir: Path, done: Path | None = None, log: str = ""
) -> bool:
    """Render each of `reports` ('<grant>/<report>'), one line each on what was done; False if any failed.

    A failure does not stop the others: its traceback is printed (to the batch's `log`) and the batch
    goes on. When all are built, `done` is written with their names: the one file the workflow asks of
    a batch; otherwise the failures are recorded beside it (render/failures.py)."""
    job_start = os.environ.get(JOB_START, "")  # set by the workflow's rule: what the job spent before rendering
    if job_start.replace(".", "", 1).isdigit():  # `date +%s.%N` gives no fraction where %N is unknown (macOS)
        print(f"grantreports: ready to render {time.time() - float(job_start):.2f} s after the job started (interpreter, imports)")
    input_hashes = json.loads((results_dir / "extraction.json").read_text(encoding="utf-8"))["input_hashes"]
    with bulk_allocation():
        failed = _render_each(reports, templates_dir, results_dir, outputs_dir, input_hashes, log)
    print(f"grantreports: peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if done:
        record_failures(failures_file(done), failed)
    if failed:
        print(f"grantreports: {len(failed)} of {len(reports)} report(s) could not be made:", file=sys.stderr)
        print("\n".join(str(failure) for failure in failed), file=sys.stderr)
    elif done:
        write_atomically(done, "".join(f"{name}\n" for name in reports).encode())
    return not failed


def _render_each(
    reports: list[str], templates_dir: Path, results_dir: Path, outputs_dir: Path, input_hashes: dict[str, str], log: str
) -> list[Failure]:
    """Render the reports one by one, a line each on what was done; the failures."""
    failed = []
    for name in reports:
        grant, report_slug = name.split("/")
        started = time.perf_counter()
        try:
            rendered = render_report(
                data_file(results_dir, grant),
                report_slug,
                templates_dir,
                ReportFiles.of(outputs_dir, grant, report_slug),
                input_hashes,
                ReportFiles.of(results_dir / "kept", grant, report_slug),
            )
        except Exception as error:  # noqa: BLE001  one report's failure, whatever it is, must not stop the batch's others
            failed.append(Failure(name, _grant_number(data_file(results_dir, grant)), f"{type(error).__name__}: {error}", log))
            print(f"grantreports: {name}: FAILED\n{traceback.format_exc()}", file=sys.stderr)
            continue
        print(f"grantreports: {name}: {'rendered' if rendered else 'unchanged, restored'} in {time.perf_counter() - started:.2f} s")
    return failed


def _grant_number(data_path: Path) -> str:
    try:
        return json.loads(data_path.read_text(encoding="utf-8"))["grant"]["grant_number"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def render_report(
    data_path: Path, report_slug: str, templates_dir: Path, files: ReportFiles, input_hashes: dict[str, str], kept: ReportFiles
) -> bool:
    """Write the report's files; False when they were restored from `kept` instead, their content unchanged.

    `input_hashes`: SHA-256 of the input files as the build read them (results/extraction.json), for the manifest.
    `kept`: where the files of the report's last build are kept (hard links), to restore them from.
    """
    started = start_report(data_path, report_slug, templates_dir, files, input_hashes, kept)
    if started is None:
        return False
    started.finish()
    return True


def start_report(
    data_path: Path, report_slug: str, templates_dir: Path, files: ReportFiles, input_hashes: dict[str, str], kept: ReportFiles
) -> PdfWritten | None:
    """The report's PDF written, the rest to follow (PdfWritten.finish); None when all its files were restored
    from `kept` instead, their content unchanged. The PDF first, the file people look at: preview shows every
    edited report's PDF before it makes their Word files."""
    data = GrantData.from_json(data_path.read_text(encoding="utf-8"))
    inputs = [source.file for source in data.sources()]
    used = template_files(templates_dir, data.grant.funder)
    content = manifest.content_manifest(data.grant.grant_number, report_slug, data_path, templates_dir, used, inputs)
    if restore(files, kept, content):
        return None
    prepared = prepare(data, report_slug, templates_dir)
    pdf = prepared.pdf(
        {
            SOURCES_NAME: (prepared.sources, "Every input row behind the report's figures: file, sheet, row, and the figure it feeds"),
            MANIFEST_NAME: (
                manifest.to_bytes(content),
                "What the report was built from: SHA-256 of the grant data and templates, input file names, tool versions",
            ),
        }
    )
    write_atomically(files.pdf, pdf)
    return PdfWritten(prepared, content, pdf, files, input_hashes, kept)


@dataclass(frozen=True)
class PdfWritten:
    """A report whose PDF is in place: finish() writes its Word file and data extract, then the manifest, last:
    it records what came out, and a report without one is not finished."""

    prepared: PreparedReport
    content: dict  # the content manifest: what the report is built from
    pdf: bytes
    files: ReportFiles
    input_hashes: dict[str, str]
    kept: ReportFiles

    def finish(self) -> None:
        word = self.prepared.word()
        write_atomically(self.files.docx, word)
        write_atomically(self.files.sources, self.prepared.sources)
        outputs = {self.files.docx: word, self.files.pdf: self.pdf, self.files.sources: self.prepared.sources}
        write_atomically(self.files.manifest, manifest.to_bytes(manifest.full_manifest(self.content, outputs, self.input_hashes)))
        keep(self.files, self.kept)


@dataclass(frozen=True)
class PreparedReport:
    """Everything the two renderers need, computed once: the template variables, charts and data extract."""

    profile: Profile
    shared: Path
    variables: dict
    environment: Environment
    moment: dt.datetime
    properties: dict[str, str]
    charts: dict[str, dict[str, bytes | None]]  # format -> chart name -> image
    chart_texts: dict[str, str | None]  # chart name -> its alt text
    sources: bytes  # the data extract workbook

    def word(self) -> bytes:
        return render_word(
            self.profile.folder / self.profile.word_template,
            self.variables,
            self.environment,
            self.charts["png"],
            self.chart_texts,
            self.properties,
            self.moment,
            self.shared / "fonts",
        )

    def pdf(self, attachments: dict[str, tuple[bytes, str]]) -> bytes:
        return render_pdf(
            self.profile.folder,
            self.profile.html_template,
            self.shared,
            self.variables,
            self.environment,
            self.charts["png"],
            self.chart_texts,
            self.properties,
            self.moment,
            attachments,
        )


def prepare(data: GrantData, report_slug: str, templates_dir: Path) -> PreparedReport:
    profile = load_profile(templates_dir, data.grant.funder)
    context = build_context(data, report_slug, profile)
    check_invariants(context)
    formatter = Formatter.for_profile(profile)
    shared = templates_dir / SHARED_FOLDER
    moment = build_moment(context.submission_date)
    return PreparedReport(
        profile=profile,
        shared=shared,
        variables=context.as_template_variables(),
        environment=formatter.environment(),
        moment=moment,
        properties=document_properties(context, profile),
        charts=draw_charts(context.charts, formatter, profile.chart_labels, shared / "fonts", ("png",)),
        chart_texts=chart_texts(context.charts, formatter, profile.chart_labels, context.grant.currency),
        sources=fixed_zip(extract_workbook(context, moment), moment),
    )


def document_properties(context: ReportContext, profile: Profile) -> dict[str, str]:
    """Title, author and the rest, the same in the Word and the PDF file."""
    properties = {
        "title": f"{context.title} – {context.grant.grant_number}",
        "author": context.grant.grantee,
        "subject": context.grant.title,
        "keywords": context.grant.grant_number,
        "language": language_tag(profile),
    }
    return {name: _cut(" ".join(value.split()), PROPERTY_LENGTH) for name, value in properties.items()}


def language_tag(profile: Profile) -> str:
    """The report's language as Word and PDF name it: lv-LV, en-GB."""
    return profile.locale.replace("_", "-")


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
