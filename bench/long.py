"""The long report: one grant with thousands of activities, its PDF's pages per second, repeated headers, unsplit rows.

The PDF is the build's (tagged PDF/A-3, attachments included); the time is the whole
`PreparedReport.pdf(...)` call, the median of --repeat, the data, context and charts prepared before.

What is checked, in the PDF that call wrote:
- header repeats: the tagged PDF's structure tree holds, for each page a table continues on, the
  header row (THead/TR) it repeated there; pages with a header ÷ pages the table spans;
- no row split across pages: WeasyPrint tags each page's part of a split row as a TR of its own (checked
  on a small table forced to split), so a table whose body rows in the structure tree number exactly its
  body rows in the HTML had none split; any extra one is a split;
- and, independently, with pdfplumber, the text of each page: the activities table's header words.
"""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class TableLayout:
    name: str  # the table's class in the HTML, or its position
    html_rows: int  # body rows the template wrote
    pdf_rows: int  # body row parts tagged in the PDF: more than html_rows when a row was split
    pages: int  # pages the table spans
    header_pages: int  # pages with its header row


@dataclass(frozen=True)
class LongReport:
    pages: int
    seconds: float  # median whole pdf() call
    tables: list[TableLayout]
    text_header_pages: int  # pages whose text (pdfplumber) has the activities header
    pdf: bytes


def measure_long_report(project: Path, templates: Path, report: str, repeat: int, header_text: str) -> LongReport:
    from grantreports.audit import manifest
    from grantreports.checks.extraction import data_file
    from grantreports.common.collector import bulk_allocation
    from grantreports.funders.profiles import template_files
    from grantreports.inputs.model import GrantData
    from grantreports.render import pdf as pdf_module
    from grantreports.render.report import prepare
    from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME

    grant, report_slug = report.split("/")
    path = data_file(project / "results", grant)
    data = GrantData.from_json(path.read_text(encoding="utf-8"))
    content = manifest.content_manifest(
        data.grant.grant_number,
        report_slug,
        path,
        templates,
        template_files(templates, data.grant.funder),
        [s.file for s in data.sources()],
    )
    prepared = prepare(data, report_slug, templates)
    attachments = {SOURCES_NAME: (prepared.sources, "data extract"), MANIFEST_NAME: (manifest.to_bytes(content), "manifest")}
    html = []
    original = pdf_module.HTML

    def capturing(*args, **kwargs):  # the HTML the PDF is laid out from, to count the rows the template wrote
        html.append(kwargs["string"])
        return original(*args, **kwargs)

    seconds = []
    with bulk_allocation():
        for attempt in range(repeat):
            pdf_module.HTML = capturing if attempt == 0 else original
            try:
                started = time.perf_counter()
                pdf = prepared.pdf(attachments)
                seconds.append(time.perf_counter() - started)
            finally:
                pdf_module.HTML = original
    tables = table_layouts(html[0], pdf)
    return LongReport(len(PdfReader(io.BytesIO(pdf)).pages), statistics.median(seconds), tables, _text_header_pages(pdf, header_text), pdf)


class _Tables(HTMLParser):
    """Each table's class and its body rows (rows outside thead and tfoot), in document order."""

    def __init__(self):
        super().__init__()
        self.tables: list[list] = []  # [name, body rows]
        self._open: list[list] = []
        self._section = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            classes = [c for c in (dict(attrs).get("class") or "").split() if c != "whole"]  # whole: kept on one page
            table = [classes[0] if classes else f"table {len(self.tables) + 1}", 0]
            self.tables.append(table)
            self._open.append(table)
            self._section.append("tbody")
        elif tag in ("thead", "tbody", "tfoot") and self._open:
            self._section[-1] = tag
        elif tag == "tr" and self._open and self._section[-1] == "tbody":
            self._open[-1][1] += 1

    def handle_endtag(self, tag):
        if tag == "table" and self._open:
            self._open.pop()
            self._section.pop()
        elif tag in ("thead", "tfoot") and self._open:
            self._section[-1] = "tbody"


def table_layouts(html: str, pdf: bytes) -> list[TableLayout]:
    """Each HTML table with its rows and pages in the PDF. WeasyPrint tags each page's part of a table as a Table
    of its own (and of the section around it): Table parts with no other tagged content between them, in the
    structure tree's order, are one table. Should that not pair them with the HTML's tables one to one, all
    tables are counted together."""
    parser = _Tables()
    parser.feed(html)
    tagged = _tagged_tables(pdf)
    if len(tagged) != len(parser.tables):
        head = [pages for table_head, _ in tagged for pages in table_head]
        body = [pages for _, table_body in tagged for pages in table_body]
        tagged, parser.tables = [(head, body)], [["all tables", sum(rows for _, rows in parser.tables)]]
    return [
        TableLayout(name, html_rows, len(body), len(set().union(*body, *head)), len({p for pages in head for p in pages}))
        for (name, html_rows), (head, body) in zip(parser.tables, tagged, strict=True)
    ]


def _tagged_tables(pdf: bytes) -> list[tuple[list[set[int]], list[set[int]]]]:
    """For each table of the structure tree, in order: the pages of each header row part and of each body row part."""
    reader = PdfReader(io.BytesIO(pdf))
    page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    tables = []
    previous_was_table = [False]

    def element(kid):
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        return kid if isinstance(kid, dict) and kid.get("/Type") not in ("/MCR", "/OBJR") else None

    def kids(node):
        k = node.get("/K")
        return [] if k is None else (k if isinstance(k, list) else [k])

    def page_here(node, page):
        return page_of[node.raw_get("/Pg").idnum] if "/Pg" in node else page

    def pages(node, page, found):
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):  # a marked-content id on the current page
            found.add(page)
            return found
        page = page_here(node, page)
        if node.get("/Type") in ("/MCR", "/OBJR"):
            found.add(page)
            return found
        for kid in kids(node):
            pages(kid, page, found)
        return found

    def rows(node, page, section, head, body):
        page = page_here(node, page)
        kind = node.get("/S")
        if kind == "/TR":
            (head if section == "/THead" else body).append(pages(node, page, set()) - {None})
            return
        for kid in filter(None, map(element, kids(node))):
            rows(kid, page, kind if kind in ("/THead", "/TBody", "/TFoot") else section, head, body)

    def walk(node, page):
        page = page_here(node, page)
        for kid in kids(node):
            child = element(kid)
            if child is None:  # content of this element itself: it separates the tables before and after
                previous_was_table[0] = False
            elif child.get("/S") == "/Table":
                if not previous_was_table[0]:
                    tables.append(([], []))
                rows(child, page, "/TBody", *tables[-1])
                previous_was_table[0] = True
            else:
                walk(child, page)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object(), None)
    return tables


def _text_header_pages(pdf: bytes, header_text: str) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return sum(header_text in " ".join((page.extract_text() or "").split()) for page in document.pages)


def save(pdf: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
