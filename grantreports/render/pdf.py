"""PDF report: the funder's Jinja2 HTML/CSS template laid out by WeasyPrint as tagged PDF/A-3a, fetching only bundled files."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import struct
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import PIL.Image
import weasyprint
from fontTools.ttLib import TTFont
from markupsafe import Markup, escape
from weasyprint import CSS, HTML, Attachment
from weasyprint.css.counters import CounterStyle
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from grantreports.common.reproducible import source_date_epoch
from grantreports.figures.glyphs import drawable
from grantreports.render import pdf_writer  # noqa: F401  (for its effect: pydyf writes each piece once)

CHART_SCHEME = "chart:"
CHART_TYPE = "image/png"  # the charts' PNG, drawn at 200 dpi for the Word file, is the PDF's too (figures/charts.py)
# What a file on disk is, for the caches below: they notice a template, style sheet or font edited while a
# process (a render job, `preview`) keeps running.
Stamp = tuple[str, int, int]  # path, mtime_ns, size
# Archival PDF that may carry the data it was made from as attachments; level A: tagged (a structure tree of
# headings, paragraphs, tables and figures with their alt text) for screen readers and accessibility checks.
PDF_VARIANT = "pdf/a-3a"


def _png_data(image: PIL.Image.Image) -> bytes:
    """The image's compressed pixels (IDAT) for the PDF, taken from its PNG file when that is 8-bit grey or RGB and
    not interlaced: what WeasyPrint 70 gets by decoding the PNG and encoding it again with Pillow, 60-90 ms per chart
    (measured: 0.18 s of a typical report's 3.5 s, CPU). Any such PNG's IDAT is what the PDF's Flate filter with
    PNG predictors reads; our charts are Pillow's PNGs, encoded as WeasyPrint would, so the bytes are the same
    (tests/unit/render/test_pdf_caches.py). Other PNGs, and images made from them, go WeasyPrint's way."""
    source = getattr(image, "fp", None)
    png = source.getvalue() if image.format == "PNG" and isinstance(source, io.BytesIO) else b""
    # IHDR, the first chunk: width, height, bit depth, colour type (0 grey, 2 RGB), compression, filter, interlace
    if png[12:16] != b"IHDR" or png[24] != 8 or png[25] not in (0, 2) or png[28] != 0:
        return _weasyprint_png_data(image)
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack_from("!I", png, at)
        if png[at + 4 : at + 8] == b"IDAT":
            chunks.append(png[at + 8 : at + 8 + length])
        at += 12 + length
    return b"".join(chunks)


if weasyprint.__version__ == "70.0":  # another version keeps its own code
    _weasyprint_png_data = RasterImage._get_png_data
    RasterImage._get_png_data = staticmethod(_png_data)


class BundledFilesOnly(URLFetcher):
    """Serves files below the given folders and the report's charts, and refuses everything else."""

    def __init__(self, *folders: Path, charts: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]
        self.charts = charts or {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith(CHART_SCHEME) and url[len(CHART_SCHEME) :] in self.charts:
            return URLFetcherResponse(url, body=self.charts[url[len(CHART_SCHEME) :]], headers={"Content-Type": CHART_TYPE})
        if not url.startswith("file:"):
            raise ValueError(f"refused to fetch {url!r}: only bundled template files are served")
        path = Path(URLFetcherResponse(url).path).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            raise ValueError(f"refused to fetch {url!r}: not a file of the template")
        mime, _ = mimetypes.guess_type(path.name)
        body = font_for_pdf(path) if path.suffix.lower() in (".ttf", ".otf") else path.read_bytes()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime or "application/octet-stream"})


def font_for_pdf(path: Path) -> bytes:
    """The font without its OpenType layout tables (GPOS, GSUB, GDEF), once per process and version of the file.

    WeasyPrint drops them from the subset it embeds anyway, but fontTools reads them whole
    first: 0.3 s per font and report, against 0.07 s without. Kerning stays, from the
    font's 'kern' table. The font file itself is left as distributed."""
    return _font_for_pdf(_stamp(path))


@lru_cache(maxsize=32)
def _font_for_pdf(stamp: Stamp) -> bytes:
    path = Path(stamp[0])
    # recalcTimestamp=False: the font keeps its own date. Saved with today's, the PDF's bytes would change from build to
    # build where WeasyPrint subsets fonts with HarfBuzz (libharfbuzz-subset0 installed), which keeps the date it is given.
    font = TTFont(io.BytesIO(path.read_bytes()), lazy=True, recalcTimestamp=False)
    for tag in ("GPOS", "GSUB", "GDEF"):
        if tag in font:
            del font[tag]
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _stamp(path: Path) -> Stamp:
    status = path.stat()
    return str(path.resolve()), status.st_mtime_ns, status.st_size


def _folder_stamps(*folders: Path) -> tuple[Stamp, ...]:
    """Every file of the template folders as it is on disk now: the key of what is cached from them."""
    return tuple(_stamp(path) for folder in folders for path in sorted(folder.rglob("*")) if path.is_file())


class _TemplateCode(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the process: Jinja compiles a report's template once, not for
    every report (50 ms each). Jinja checks each one against the template's source, so an edited template
    is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = _TemplateCode()


class _Styles:
    """A template's style sheets parsed, with their @font-face fonts loaded, once per process and version of the
    template's files: each report of a render job, or each preview, lays out with the same ones."""

    def __init__(self, urls: tuple[str, ...], folders: tuple[Path, ...]):
        fetcher = BundledFilesOnly(*folders)
        self.font_config = FontConfiguration()
        self.counter_style = CounterStyle()
        self.sheets = [CSS(url=url, url_fetcher=fetcher, font_config=self.font_config, counter_style=self.counter_style) for url in urls]


@lru_cache(maxsize=16)
def _styles(urls: tuple[str, ...], folders: tuple[Path, ...], stamps: tuple[Stamp, ...]) -> _Styles:
    return _Styles(urls, folders)


def _linked_style_sheets(html: HTML) -> tuple[str, ...]:
    """The URLs of the document's <link rel="stylesheet">s, in their order, taken out of the document: they are
    given to WeasyPrint already parsed (_styles). The document's own <style>s, if any, stay."""
    urls = []
    for link in html.etree_element.iter("link"):
        if "stylesheet" in link.get("rel", "").lower().split() and link.get("href"):
            urls.append(urljoin(html.base_url, link.get("href")))
            link.set("type", "text/x-parsed-already")  # WeasyPrint skips a stylesheet link of another type
    return tuple(urls)


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
    """The PDF as bytes. `charts` are PNG images, placed where the template writes {{ charts.<name> }}, with
    their `chart_texts` as alt text;
    `properties` set the document information; `attachments` maps file name to (content, description)."""
    images = {
        name: image and Markup(f'<img class="chart" src="{CHART_SCHEME}{name}" alt="{escape(chart_texts[name] or "")}">')
        for name, image in charts.items()
    }
    loader = jinja2.FileSystemLoader(template_folder)
    fonts = tuple(sorted((shared_folder / "fonts").glob("*.ttf")))
    finalize = environment.finalize or (lambda value: value)
    pdf_environment = environment.overlay(
        loader=loader, finalize=lambda value: drawable(finalize(value), fonts), bytecode_cache=_TEMPLATE_CODE
    )
    html = pdf_environment.get_template(template_name).render({**variables, "charts": images})
    fetcher = BundledFilesOnly(template_folder, shared_folder, charts={n: image for n, image in charts.items() if image})
    document = HTML(string=html, base_url=template_folder.resolve().as_uri() + "/", url_fetcher=fetcher)
    folders = (template_folder.resolve(), shared_folder.resolve())
    styles = _styles(_linked_style_sheets(document), folders, _folder_stamps(*folders))
    document = document.render(font_config=styles.font_config, counter_style=styles.counter_style, stylesheets=styles.sheets)
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
