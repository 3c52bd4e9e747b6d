"""PDF report: the funder's Jinja2 HTML/CSS template laid out by WeasyPrint as tagged PDF/A-3a, fetching only bundled files."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
from functools import cache
from pathlib import Path

import jinja2
from fontTools.ttLib import TTFont
from markupsafe import Markup, escape
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from grantreports.common.reproducible import source_date_epoch
from grantreports.figures.glyphs import drawable

CHART_SCHEME = "chart:"
# Archival PDF that may carry the data it was made from as attachments; level A: tagged (a structure tree of
# headings, paragraphs, tables and figures with their alt text) for screen readers and accessibility checks.
PDF_VARIANT = "pdf/a-3a"


class BundledFilesOnly(URLFetcher):
    """Serves files below the given folders and the report's charts, and refuses everything else."""

    def __init__(self, *folders: Path, charts: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]
        self.charts = charts or {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith(CHART_SCHEME) and url[len(CHART_SCHEME) :] in self.charts:
            return URLFetcherResponse(url, body=self.charts[url[len(CHART_SCHEME) :]], headers={"Content-Type": "image/svg+xml"})
        if not url.startswith("file:"):
            raise ValueError(f"refused to fetch {url!r}: only bundled template files are served")
        path = Path(URLFetcherResponse(url).path).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise ValueError(f"refused to fetch {url!r}: not a file of the template")
        mime, _ = mimetypes.guess_type(path.name)
        body = font_for_pdf(path) if path.suffix.lower() in (".ttf", ".otf") else path.read_bytes()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime or "application/octet-stream"})


@cache
def font_for_pdf(path: Path) -> bytes:
    """The font without its OpenType layout tables (GPOS, GSUB, GDEF), once per process.

    WeasyPrint drops them from the subset it embeds anyway, but fontTools reads them whole
    first: 0.3 s per font and report, against 0.07 s without. Kerning stays, from the
    font's 'kern' table. The font file itself is left as distributed."""
    # recalcTimestamp=False: the font keeps its own date. Saved with today's, the PDF's bytes would change from build to
    # build where WeasyPrint subsets fonts with HarfBuzz (libharfbuzz-subset0 installed), which keeps the date it is given.
    font = TTFont(io.BytesIO(path.read_bytes()), lazy=True, recalcTimestamp=False)
    for tag in ("GPOS", "GSUB", "GDEF"):
        if tag in font:
            del font[tag]
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def render_pdf(
    template_folder: Path,
    template_name: str,
    shared_folder: Path,
    variables: dict,
    environment: jinja2.Environment,
    charts: dict[str, bytes | None],
    chart_texts: dict[str, str | None],
    properties: dict[str, str],
    moment: dt.datetime,
    attachments: dict[str, tuple[bytes, str]],
) -> bytes:
    """The PDF as bytes. `charts` are SVG images, placed where the template writes {{ charts.<name> }}, with
    their `chart_texts` as alt text;
    `properties` set the document information; `attachments` maps file name to (content, description)."""
    images = {
        name: svg and Markup(f'<img class="chart" src="{CHART_SCHEME}{name}" alt="{escape(chart_texts[name] or "")}">')
        for name, svg in charts.items()
    }
    loader = jinja2.FileSystemLoader(template_folder)
    fonts = tuple(sorted((shared_folder / "fonts").glob("*.ttf")))
    finalize = environment.finalize or (lambda value: value)
    pdf_environment = environment.overlay(loader=loader, finalize=lambda value: drawable(finalize(value), fonts))
    html = pdf_environment.get_template(template_name).render({**variables, "charts": images})
    fetcher = BundledFilesOnly(template_folder, shared_folder, charts={n: svg for n, svg in charts.items() if svg})
    document = HTML(string=html, base_url=template_folder.resolve().as_uri() + "/", url_fetcher=fetcher).render()
    metadata = document.metadata
    metadata.title = properties["title"]
    metadata.authors = [properties["author"]]
    metadata.description = properties["subject"]
    metadata.keywords = [properties["keywords"]]
    metadata.lang = properties["language"]
    metadata.generator = "grantreports"
    metadata.created = metadata.modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.attachments = [
        Attachment(
            file_obj=io.BytesIO(content),
            name=name,
            description=description,
            created=moment,
            modified=moment,
            relationship="Data",
            url_fetcher=fetcher,
        )
        for name, (content, description) in attachments.items()
    ]
    with source_date_epoch(moment):
        return document.write_pdf(pdf_variant=PDF_VARIANT)
