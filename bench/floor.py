"""The render floor: the build's reports rendered in one process per core, no workflow around them.

For each report only the two renderers are timed: docxtpl filling the Word template
(grantreports.render.word) and WeasyPrint laying out and writing the PDF/A
(grantreports.render.pdf). Reading the data, the context and the charts are done first and
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
    from grantreports.common.collector import bulk_allocation

    with bulk_allocation():  # as in a render job
        return _render_each(workdir, templates, reports)


def _render_each(workdir: Path, templates: Path, reports: list[str]) -> list[RenderTime]:
    from grantreports.checks.extraction import data_file
    from grantreports.inputs.model import GrantData
    from grantreports.render.report import prepare
    from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME

    times = []
    for name in reports:
        grant, report_slug = name.split("/")
        data = GrantData.from_json(data_file(workdir / "results", grant).read_text(encoding="utf-8"))
        prepared = prepare(data, report_slug, templates)  # context, charts, data extract: not counted
        attachments = {SOURCES_NAME: (prepared.sources, "data extract"), MANIFEST_NAME: (json.dumps({"report": name}).encode(), "manifest")}
        started = time.perf_counter()
        prepared.word()
        word_done = time.perf_counter()
        pdf = prepared.pdf(attachments)
        pdf_done = time.perf_counter()
        times.append(RenderTime(name, word_done - started, pdf_done - word_done, len(PdfReader(io.BytesIO(pdf)).pages)))
    return times
