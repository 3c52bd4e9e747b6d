"""What a grants officer sees on a laid-out page, read from a PDF with pdfplumber: the rules of a finished page.

Works on our PDFs and on LibreOffice's PDF conversion of the Word files alike, so it knows a heading,
a table row or a total only from what is printed: bold text larger than the body text is a heading;
a table is a grid of ruled cells; its leading bold rows are its header, a bold row starting with
"Kopā" or "Total" its total. Lines printed at the same place on most pages are the running header
and footer, not content."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

HEADING_SIZE = 10.4  # points: the smallest heading (h3, 10.5 pt) is larger than the body text (10 pt) and tables (8.5 pt)
TOTAL = re.compile(r"^(Kopā|Total)\b")
# The parts a form starts on a new page: SIF's two parts, British Council's Parts A and B, each annex.
PART = re.compile(r"^(I{1,3}\. |Part [A-Z]\. |\d+\. pielikums|Pielikums|Annex)")
SMALL_TABLE = 10  # body rows: a table this small is never split
MIN_ROWS = 2  # body rows a split table leaves on each page
MIN_FILL = 1 / 3  # of the text area, on every page but the last one of the report or of a part


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    text: str
    size: float
    bold: bool


@dataclass(frozen=True)
class Table:
    top: float
    bottom: float
    rows: list[tuple[str, bool]]  # each row's text and whether all of it is bold

    def header_rows(self) -> int:
        count = 0
        while count < len(self.rows) and self.rows[count][1] and not TOTAL.match(self.rows[count][0]):
            count += 1
        return count

    def body(self) -> list[str]:
        return [text for text, bold in self.rows[self.header_rows() :] if not (bold and TOTAL.match(text))]

    def has_total(self) -> bool:
        return any(bold and TOTAL.match(text) for text, bold in self.rows[self.header_rows() :])


@dataclass(frozen=True)
class Page:
    number: int
    lines: list[Line]  # content lines, outside tables, running header and footer left out
    tables: list[Table]
    images: list[tuple[float, float]]  # top and bottom of each raster image (Word's charts)

    def elements(self) -> list[tuple[float, float, object]]:
        """Everything on the page, top to bottom: (top, bottom, Line | Table | "image")."""
        items = [(line.top, line.bottom, line) for line in self.lines]
        items += [(table.top, table.bottom, table) for table in self.tables]
        items += [(top, bottom, "image") for top, bottom in self.images]
        return sorted(items, key=lambda item: (item[1], item[0]))

    def bottom(self) -> float:
        return max((bottom for _, bottom, _ in self.elements()), default=0)

    def top(self) -> float:
        return min((top for top, _, _ in self.elements()), default=0)

    def first(self):
        return min(self.elements(), key=lambda item: item[0], default=(0, 0, None))[2]

    def last(self):
        return self.elements()[-1][2] if self.elements() else None


def read_pages(pdf_path: Path) -> list[Page]:
    with pdfplumber.open(pdf_path) as pdf:
        raw = [(page, page.extract_text_lines(return_chars=True)) for page in pdf.pages]
        running = _running_lines([lines for _, lines in raw])
        return [_page(page, lines, running) for page, lines in raw]


def _key(line: dict) -> tuple:
    return (round(line["top"]), re.sub(r"\d+", "#", line["text"]))


def _running_lines(pages: list[list[dict]]) -> set[tuple]:
    """Lines at the same place with the same text (page numbers aside) on at least half the pages, the first one aside."""
    seen = Counter(key for lines in pages[1:] for key in {_key(line) for line in lines})
    return {key for key, count in seen.items() if len(pages) > 2 and count >= (len(pages) - 1) / 2}


def _is_bold(chars: list[dict]) -> bool:
    letters = [c for c in chars if c["text"].strip()]
    return bool(letters) and all("Bold" in c["fontname"] for c in letters)


def _grey(colour) -> bool:
    """Table rules are grey or black; a chart's bars and lines are coloured."""
    if colour is None:
        return False
    values = list(colour) if isinstance(colour, (list, tuple)) else [colour]
    return len(values) == 1 or (len(values) == 3 and max(values) - min(values) < 0.02)


def _drawn(obj) -> bool:
    return obj["object_type"] in ("rect", "line", "curve")


def _coloured(obj) -> bool:
    """A chart's bar or line: a filled or stroked shape in a strong colour (table shading is pale or grey)."""
    for colour in (obj.get("non_stroking_color") if obj.get("fill") else None, obj.get("stroking_color") if obj.get("stroke") else None):
        if colour is not None and not _grey(colour) and isinstance(colour, (list, tuple)) and len(colour) == 3 and min(colour) < 0.7:
            return True
    return False


def _tables(page) -> list[Table]:
    ruled = page.filter(lambda obj: not _drawn(obj) or _grey(obj.get("non_stroking_color")) or _grey(obj.get("stroking_color")))
    charts = [obj for obj in page.objects.get("rect", []) + page.objects.get("curve", []) + page.objects.get("line", []) if _coloured(obj)]
    tables = []
    for found in ruled.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        x0, top, x1, bottom = found.bbox
        if any(x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom for c in charts):
            continue  # a chart's axes and ticks, not a table
        rows = []
        for row in found.rows:
            cells = [cell for cell in row.cells if cell]
            if not cells:
                continue
            box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            chars = page.crop(box).chars
            text = " ".join(page.crop(box).extract_text().split())
            if text:
                rows.append((text, _is_bold(chars)))
        if len(rows) >= 2 and len(found.rows[0].cells) >= 2:
            tables.append(Table(found.bbox[1], found.bbox[3], rows))
    return tables


def _page(page, lines: list[dict], running: set[tuple]) -> Page:
    tables = _tables(page)
    content = []
    for line in lines:
        middle = (line["top"] + line["bottom"]) / 2
        if _key(line) in running or any(t.top <= middle <= t.bottom for t in tables):
            continue
        sizes = [c["size"] for c in line["chars"] if c["text"].strip()]
        content.append(Line(line["top"], line["bottom"], line["text"], max(sizes, default=0), _is_bold(line["chars"])))
    images = [(image["top"], image["bottom"]) for image in page.images]
    return Page(page.page_number, content, tables, images)


def is_heading(element) -> bool:
    return isinstance(element, Line) and element.bold and element.size >= HEADING_SIZE


def starts_part(page: Page) -> bool:
    first = page.first()
    return is_heading(first) and bool(PART.match(first.text))


def findings(pages: list[Page]) -> list[str]:
    """Every rule of a finished page the document breaks, one line each: page, rule, the text concerned."""
    found = []
    text_top = min(page.top() for page in pages[1:] or pages)
    text_bottom = max(page.bottom() for page in pages)
    for index, page in enumerate(pages):
        last = page.last()
        if is_heading(last):
            found.append(f"page {page.number}: a heading is the last thing on the page: {last.text!r}")
        following = pages[index + 1] if index + 1 < len(pages) else None
        fill = (page.bottom() - text_top) / (text_bottom - text_top)
        if index > 0 and following and not starts_part(following) and fill < MIN_FILL:
            found.append(f"page {page.number}: the page is {fill:.0%} full, under a third, and the next one starts no part")
        if following and isinstance(last, Table) and isinstance(following.first(), Table):
            found += split_findings(page.number, last, following.first())
    return found


def split_findings(number: int, before: Table, after: Table) -> list[str]:
    where = f"page {number}–{number + 1}: table {before.rows[0][0][:40]!r}"
    found = []
    body_before, body_after = before.body(), after.body()
    if len(body_before) + len(body_after) <= SMALL_TABLE:
        found.append(f"{where}: a table of {len(body_before) + len(body_after)} rows is split")
    if not body_after and after.has_total():
        found.append(f"{where}: its total row is alone on page {number + 1}")
    elif len(body_before) < MIN_ROWS or len(body_after) < MIN_ROWS:
        found.append(f"{where}: split {len(body_before)} + {len(body_after)} rows, fewer than {MIN_ROWS} on one page")
    return found
