"""Word report: the funder's .docx template filled by docxtpl, with autoescaping."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate


def render_word(template: Path, variables: dict, environment: jinja2.Environment) -> bytes:
    """The filled document as bytes; text from the data can never become Word XML."""
    document = DocxTemplate(template)
    document.render(variables, environment, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
