"""Our PDF and the office route, timed on the same reports of a built project, one report at a time.

Ours: the whole `PreparedReport.pdf(...)` call as the build makes it (grantreports.render.report:
tagged PDF/A-3, the data extract and the manifest attached). The office route: docxtpl filling the
Word template (`PreparedReport.word()`), then LibreOffice converting the .docx files to PDF in one
`soffice --headless --convert-to pdf` call. Reading the data, the context, the charts and the data
extract (`prepare`) are done first and counted for neither: both routes need them.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class RenderTime:
    report: str  # <grant>/<report>
    funder: str
    word_s: float  # PreparedReport.word(): docxtpl
    pdf_s: float  # PreparedReport.pdf(...): WeasyPrint, tagged, with the build's attachments
    pages: int


def render_times(project: Path, templates: Path, reports: list[str], docx_dir: Path) -> list[RenderTime]:
    """Each report's Word and PDF render in this process, in turn; its .docx goes to `docx_dir` for the office route.

    The first report is rendered once before, not counted: fonts and templates loaded, as in a running job."""
    from grantreports.audit import manifest
    from grantreports.checks.extraction import data_file
    from grantreports.common.collector import bulk_allocation
    from grantreports.funders.profiles import template_files
    from grantreports.inputs.model import GrantData
    from grantreports.render.report import prepare
    from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME

    def prepared_report(name: str):
        grant, report_slug = name.split("/")
        path = data_file(project / "results", grant)
        data = GrantData.from_json(path.read_text(encoding="utf-8"))
        used = template_files(templates, data.grant.funder)
        content = manifest.content_manifest(data.grant.grant_number, report_slug, path, templates, used, [s.file for s in data.sources()])
        prepared = prepare(data, report_slug, templates)
        attachments = {SOURCES_NAME: (prepared.sources, "data extract"), MANIFEST_NAME: (manifest.to_bytes(content), "manifest")}
        return data.grant.funder, prepared, attachments

    docx_dir.mkdir(parents=True, exist_ok=True)
    times = []
    with bulk_allocation():  # as in a render job
        _, warm, attachments = prepared_report(reports[0])
        warm.word(), warm.pdf(attachments)
        for name in reports:
            funder, prepared, attachments = prepared_report(name)
            started = time.perf_counter()
            word = prepared.word()
            word_done = time.perf_counter()
            pdf = prepared.pdf(attachments)
            pdf_done = time.perf_counter()
            (docx_dir / docx_name(name)).write_bytes(word)
            times.append(RenderTime(name, funder, word_done - started, pdf_done - word_done, len(PdfReader(io.BytesIO(pdf)).pages)))
    return times


def docx_name(report: str) -> str:
    return report.replace("/", "__") + ".docx"


@dataclass(frozen=True)
class OfficeTime:
    seconds: float  # the one soffice call, start to exit
    per_file: dict[str, float]  # .docx name -> its conversion, from the PDFs' write times, the call's start and end shared evenly
    pages: int


def office_route(soffice: str, docx_files: list[Path], scratch: Path) -> OfficeTime:
    """One `soffice --convert-to pdf` call for all `docx_files`; its first start (which creates the profile) not counted.

    soffice converts the files in turn and writes each PDF when done: the gaps between the PDFs' write
    times are the files' own conversion times (the first file's: the median of the others); the rest of
    the call (soffice's start and exit) is shared evenly among the files."""
    profile = scratch / "profile"
    outdir = scratch / "pdf"
    shutil.rmtree(outdir, ignore_errors=True)
    base = [soffice, f"-env:UserInstallation=file://{profile}", "--headless"]
    subprocess.run([*base, "--terminate_after_init"], capture_output=True, check=False)
    started = time.perf_counter()
    convert = [*base, "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)]
    run = subprocess.run(convert, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    written = {path: (outdir / path.with_suffix(".pdf").name) for path in docx_files}
    missing = [path.name for path, pdf in written.items() if not pdf.is_file()]
    if run.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed ({run.returncode}); no PDF for {missing[:5]}\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    done = sorted((os.stat(pdf).st_mtime_ns / 1e9, path.name) for path, pdf in written.items())  # in the order converted
    own = [later - earlier for (earlier, _), (later, _) in itertools.pairwise(done)]
    first = statistics.median(own) if own else 0.0  # the first file's own time is not separable from soffice's start
    shared = (seconds - first - sum(own)) / len(docx_files)
    per_file = {name: shared + t for (_, name), t in zip(done, [first, *own], strict=True)}
    return OfficeTime(seconds, per_file, sum(len(PdfReader(pdf).pages) for pdf in written.values()))
