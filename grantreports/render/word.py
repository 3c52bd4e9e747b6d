"""Word report: the funder's .docx template filled by docxtpl, with autoescaping."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

import jinja2
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from docxtpl import DocxTemplate, InlineImage
from fontTools.ttLib import TTFont

from grantreports.common.reproducible import fixed_zip

CHART_WIDTH = Mm(170)  # the text width of an A4 page with the templates' margins
SMALL_TABLE = 10  # rows: a table this short is kept on one page; a longer one keeps 2 body rows on either side of a break
# The templates set Arial; the bundled Liberation Sans has its metrics, so it measures the words.
FONT_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
CELL_MARGINS = 2 * 108 + 60  # twips: left and right cell margins of the Table Grid style, and 1 mm for borders and rounding
WORD = re.compile(r"[^\s\u200b]+")  # a line may break at a space or a zero-width space, nowhere else


def render_word(
    template: Path,
    variables: dict,
    environment: jinja2.Environment,
    charts: dict[str, bytes | None],
    chart_texts: dict[str, str | None],
    properties: dict[str, str],
    moment: dt.datetime,
    fonts: Path,
) -> bytes:
    """The filled document as bytes; text from the data can never become Word XML. `charts` are PNG images,
    each described by its `chart_texts` entry (the picture's alt text).

    `properties` (title, author, subject, keywords, language) go to the document's properties, dated `moment`;
    the language is also every style's proofing language. `fonts`: the bundled fonts, to measure the tables' words.
    """
    document = DocxTemplate(template)
    images = {name: png and InlineImage(document, io.BytesIO(png), width=CHART_WIDTH) for name, png in charts.items()}
    document.render({**variables, "charts": images}, environment, autoescape=True)
    _describe_images(document.docx, {png: chart_texts[name] or "" for name, png in charts.items() if png})
    _keep_tables_together(document.docx)
    _fit_columns(document.docx, fonts)
    set_language(document.docx, properties["language"])
    core = document.docx.core_properties
    for name, value in properties.items():
        setattr(core, name, value)
    core.created = core.modified = moment.replace(tzinfo=None)
    core.last_modified_by = "grantreports"
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), moment)


def set_language(document: Document, tag: str) -> None:
    """`tag` (lv-LV) as the proofing language of the defaults and of every style that sets run properties,
    so Word and LibreOffice check the spelling in the report's language."""
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for properties in [defaults, *styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}")]:
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        language.set(qn("w:val"), tag)
    document.core_properties.language = tag


def _describe_images(document: Document, descriptions: dict[bytes, str]) -> None:
    """Each picture's alt text (wp:docPr descr), found by the image it shows."""
    for inline in document.element.body.iter(qn("wp:inline")):
        blip = inline.find(f".//{qn('a:blip')}")
        image = document.part.related_parts[blip.get(qn("r:embed"))].blob
        if image in descriptions:
            inline.find(qn("wp:docPr")).set("descr", descriptions[image])


def _keep_tables_together(document: Document) -> None:
    """A short table on one page; a longer one never leaves its header with fewer than 2 body rows, nor fewer
    than 2 rows (a total row and the one above it) alone on a page. Known only once the rows are rendered."""
    for table in document.tables:
        rows = table.rows
        headers = sum(row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in rows)
        kept = rows[:-1] if len(rows) <= SMALL_TABLE else [*rows[: headers + 1], *rows[-3:-1]]
        for row in kept:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _fit_columns(document: Document, fonts: Path) -> None:
    """Widen each column whose longest word would not fit (a header such as "Consumed", a unit such as
    "recommendations"), taking the width from the columns with room to spare: no word is cut in two where
    the table's width allows. The widths go to both the grid (LibreOffice) and the cells (Word)."""
    for table in document.tables:
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        widths = [int(column.get(qn("w:w"))) for column in grid]
        needed = [0] * len(widths)
        for row in table._tbl.tr_lst:
            column = 0
            for cell in row.tc_lst:
                if cell.grid_span == 1 and column < len(needed):
                    needed[column] = max(needed[column], _longest_word(cell, fonts) + CELL_MARGINS)
                column += cell.grid_span
        short = sum(max(0, n - w) for n, w in zip(needed, widths, strict=True))
        room = sum(max(0, w - n) for n, w in zip(needed, widths, strict=True))
        if short and room:
            widen, narrow = min(1, room / short), min(1, short / room)
            widths = [round(w + (n - w) * widen if n > w else w - (w - n) * narrow) for n, w in zip(needed, widths, strict=True)]
            for column, width in zip(grid, widths, strict=True):
                column.set(qn("w:w"), str(width))
        # Every cell as wide as its grid columns, also where a column loop ({%tc %}) added or removed columns.
        for row in table._tbl.tr_lst:
            column = 0
            for cell in row.tc_lst:
                cell.width = Twips(sum(widths[column : column + cell.grid_span]))
                column += cell.grid_span


def _longest_word(cell, fonts: Path) -> int:
    """Width in twips of the widest word of a table cell, in its runs' size and weight."""
    longest = 0
    for run in cell.iter(qn("w:r")):
        text = "".join(part.text or "" for part in run.iter(qn("w:t")))
        if not text.strip():
            continue
        properties = run.rPr
        bold = properties is not None and properties.b is not None and properties.b.val
        size = properties.sz.val.pt if properties is not None and properties.sz is not None else 10
        advances, em = _advances(fonts / FONT_FILES[bool(bold)])
        for word in WORD.findall(text):
            longest = max(longest, round(sum(advances.get(ord(c), em // 2) for c in word) / em * size * 20))
    return longest


@cache
def _advances(font: Path) -> tuple[dict[int, int], int]:
    """Each character's advance width in the font's units, and the units per em; once per process."""
    face = TTFont(io.BytesIO(font.read_bytes()), lazy=True)  # read whole: a lazy font would keep its file open
    metrics = face["hmtx"].metrics
    return {code: metrics[glyph][0] for code, glyph in face.getBestCmap().items()}, face["head"].unitsPerEm
