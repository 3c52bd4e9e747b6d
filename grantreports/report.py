"""Render one report (one grant, one period) to Word and PDF from its grant data file."""

from __future__ import annotations

from pathlib import Path

from .context import build_context
from .files import write_atomically
from .formatting import Formatter
from .model import GrantData
from .profiles import SHARED_FOLDER, load_profile
from .render_pdf import render_pdf
from .render_word import render_word


def render_report(data_file: Path, report_slug: str, templates_dir: Path, docx_path: Path, pdf_path: Path) -> None:
    data = GrantData.from_json(data_file.read_text(encoding="utf-8"))
    profile = load_profile(templates_dir, data.grant.funder)
    context = build_context(data, report_slug, profile)
    variables = context.as_template_variables()
    environment = Formatter(profile.language).environment()
    word = render_word(profile.folder / profile.word_template, variables, environment)
    pdf = render_pdf(profile.folder, profile.html_template, templates_dir / SHARED_FOLDER, variables, environment)
    write_atomically(docx_path, word)
    write_atomically(pdf_path, pdf)
