"""Render one report (one grant, one period): Word, PDF/A-3, its data extract and its manifest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import manifest
from .charts import draw_charts
from .context import ReportContext, build_context
from .files import write_atomically
from .formatting import Formatter
from .model import GrantData
from .profiles import SHARED_FOLDER, Profile, load_profile, template_files
from .render_pdf import render_pdf
from .render_word import render_word
from .reproducible import build_moment, fixed_zip
from .traceability import extract_workbook

SOURCES_NAME = "sources.xlsx"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class ReportFiles:
    """Where one report's files go: <report>.docx, .pdf, .sources.xlsx and .manifest.json."""

    docx: Path
    pdf: Path
    sources: Path
    manifest: Path

    @classmethod
    def beside(cls, pdf: Path) -> ReportFiles:
        stem = pdf.with_suffix("")
        return cls(pdf.with_suffix(".docx"), pdf, stem.with_name(f"{stem.name}.{SOURCES_NAME}"), stem.with_name(f"{stem.name}.{MANIFEST_NAME}"))


def render_report(data_file: Path, report_slug: str, templates_dir: Path, files: ReportFiles, input_hashes: dict[str, str]) -> None:
    """`input_hashes`: SHA-256 of the input files as the build read them (results/extraction.json), for the manifest."""
    data = GrantData.from_json(data_file.read_text(encoding="utf-8"))
    profile = load_profile(templates_dir, data.grant.funder)
    context = build_context(data, report_slug, profile)
    variables = context.as_template_variables()
    formatter = Formatter.for_profile(profile)
    environment = formatter.environment()
    shared = templates_dir / SHARED_FOLDER
    moment = build_moment(context.submission_date)
    properties = document_properties(context, profile)

    charts = draw_charts(context.charts, formatter, profile.chart_labels, shared / "fonts", ("png", "svg"))
    sources = fixed_zip(extract_workbook(context, moment), moment)
    inputs = [source.file for source in data.sources()]
    used = template_files(templates_dir, data.grant.funder)
    content = manifest.content_manifest(data.grant.grant_number, report_slug, data_file, templates_dir, used, inputs)
    word = render_word(profile.folder / profile.word_template, variables, environment, charts["png"], properties, moment)
    attachments = {
        SOURCES_NAME: (sources, "Every input row behind the report's figures: file, sheet, row, and the figure it feeds"),
        MANIFEST_NAME: (manifest.to_bytes(content), "What the report was built from: SHA-256 of the grant data and templates, input file names, tool versions"),
    }
    pdf = render_pdf(profile.folder, profile.html_template, shared, variables, environment, charts["svg"], properties, moment, attachments)
    outputs = {files.docx: word, files.pdf: pdf, files.sources: sources}
    for path, data_bytes in outputs.items():
        write_atomically(path, data_bytes)
    write_atomically(files.manifest, manifest.to_bytes(manifest.full_manifest(content, outputs, input_hashes)))


def document_properties(context: ReportContext, profile: Profile) -> dict[str, str]:
    """Title, author and the rest, the same in the Word and the PDF file."""
    return {
        "title": f"{context.title} – {context.grant.grant_number}",
        "author": context.grant.grantee,
        "subject": context.grant.title,
        "keywords": context.grant.grant_number,
        "language": profile.locale.replace("_", "-"),
    }
