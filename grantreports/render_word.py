"""Word report: the funder's .docx template filled by docxtpl, with autoescaping."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

CHART_WIDTH = Mm(170)  # the text width of an A4 page with the templates' margins


def render_word(template: Path, variables: dict, environment: jinja2.Environment, charts: dict[str, bytes | None]) -> bytes:
    """The filled document as bytes; text from the data can never become Word XML. `charts` are PNG images."""
    document = DocxTemplate(template)
    images = {name: png and InlineImage(document, io.BytesIO(png), width=CHART_WIDTH) for name, png in charts.items()}
    document.render({**variables, "charts": images}, environment, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
