"""Word report: the funder's .docx template filled by docxtpl, with autoescaping."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from grantreports.common.reproducible import fixed_zip

CHART_WIDTH = Mm(170)  # the text width of an A4 page with the templates' margins


def render_word(
    template: Path,
    variables: dict,
    environment: jinja2.Environment,
    charts: dict[str, bytes | None],
    properties: dict[str, str],
    moment: dt.datetime,
) -> bytes:
    """The filled document as bytes; text from the data can never become Word XML. `charts` are PNG images.

    `properties` (title, author, subject, keywords, language) go to the document's properties, dated `moment`.
    """
    document = DocxTemplate(template)
    images = {name: png and InlineImage(document, io.BytesIO(png), width=CHART_WIDTH) for name, png in charts.items()}
    document.render({**variables, "charts": images}, environment, autoescape=True)
    core = document.docx.core_properties
    for name, value in properties.items():
        setattr(core, name, value)
    core.created = core.modified = moment.replace(tzinfo=None)
    core.last_modified_by = "grantreports"
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)
