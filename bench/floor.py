"""The render floor: the build's reports rendered in one process per core, no workflow around them.

For each report only the two renderers are timed: docxtpl filling the Word template
(grantreports.render_word) and WeasyPrint laying out and writing the PDF/A
(grantreports.render_pdf). Reading the data, the context and the charts are done first and
not counted: the floor is what rendering alone costs, the figure the build is compared with.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class RenderTime:
    report: str  # <grant>/<report>
    word_s: float
    pdf_s: float
    pages: int


def render_times(workdir: Path, templates: Path, reports: list[str], cores: int) -> list[RenderTime]:
    """Each report's docxtpl and WeasyPrint time, the reports split over `cores` processes."""
    chunks = [reports[i::cores] for i in range(cores)]
    with get_context("fork").Pool(cores) as pool:
        results = pool.starmap(_render_chunk, [(workdir, templates, chunk) for chunk in chunks if chunk])
    by_name = {t.report: t for chunk in results for t in chunk}
    return [by_name[name] for name in reports]


def _render_chunk(workdir: Path, templates: Path, reports: list[str]) -> list[RenderTime]:
    from grantreports.charts import draw_charts
    from grantreports.context import build_context
    from grantreports.formatting import Formatter
    from grantreports.model import GrantData
    from grantreports.profiles import SHARED_FOLDER, load_profile
    from grantreports.render_pdf import render_pdf
    from grantreports.render_word import render_word
    from grantreports.report import MANIFEST_NAME, SOURCES_NAME, document_properties
    from grantreports.reproducible import build_moment, fixed_zip
    from grantreports.traceability import extract_workbook

    shared = templates / SHARED_FOLDER
    times = []
    for name in reports:
        grant, report_slug = name.split("/")
        data = GrantData.from_json((workdir / "results" / "grants" / f"{grant}.json").read_text(encoding="utf-8"))
        profile = load_profile(templates, data.grant.funder)
        context = build_context(data, report_slug, profile)
        variables = context.as_template_variables()
        formatter = Formatter.for_profile(profile)
        environment = formatter.environment()
        moment = build_moment(context.submission_date)
        properties = document_properties(context, profile)
        charts = draw_charts(context.charts, formatter, profile.chart_labels, shared / "fonts", ("png", "svg"))
        sources = fixed_zip(extract_workbook(context, moment), moment)
        attachments = {SOURCES_NAME: (sources, "data extract"), MANIFEST_NAME: (json.dumps({"report": name}).encode(), "manifest")}

        started = time.perf_counter()
        render_word(profile.folder / profile.word_template, variables, environment, charts["png"], properties, moment)
        word_done = time.perf_counter()
        pdf = render_pdf(profile.folder, profile.html_template, shared, variables, environment, charts["svg"], properties, moment, attachments)
        pdf_done = time.perf_counter()
        times.append(RenderTime(name, word_done - started, pdf_done - word_done, len(PdfReader(io.BytesIO(pdf)).pages)))
    return times
