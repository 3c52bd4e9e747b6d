"""Render one report (one grant, one period) to Word and PDF from its grant data file."""

from __future__ import annotations

from pathlib import Path

from .charts import draw_charts
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
    formatter = Formatter.for_profile(profile)
    environment = formatter.environment()
    shared = templates_dir / SHARED_FOLDER

    def charts(image_format: str) -> dict[str, bytes | None]:
        return draw_charts(context.charts, formatter, profile.chart_labels, shared / "fonts", image_format)

    word = render_word(profile.folder / profile.word_template, variables, environment, charts("png"))
    pdf = render_pdf(profile.folder, profile.html_template, shared, variables, environment, charts("svg"))
    write_atomically(docx_path, word)
    write_atomically(pdf_path, pdf)
