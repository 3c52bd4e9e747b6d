"""Write the starter Word templates (templates/<funder>/report.docx) with python-docx.

The .docx files are the funder formats' source from then on: a project manager may edit
them in Word or LibreOffice. Run this only to recreate them from scratch:
    .venv/bin/python scripts/make_word_templates.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import tinycss2
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grantreports.funders.profiles import SHARED_FOLDER, load_profile
from grantreports.render.report import language_tag
from grantreports.render.word import set_language

TEMPLATES = REPO / "templates"
# Fixed, so that the template (and every report made from it) carries no build-time date.
TEMPLATE_DATE = dt.datetime(2024, 1, 1)
MONEY = "| money(grant.currency)"
# Liberation Sans in the PDF has Arial's metrics: the same font everywhere, never the theme's Calibri or
# Cambria, whose absence (LibreOffice, a Mac) would change every line break and column width.
FONT = "Arial"
SCRIPTS = ("ascii", "hAnsi", "cs", "eastAsia")
THEME_FONTS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
USED_STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Caption", "Header", "Footer", "Table Grid")
# A figure's caption as the PDF writes it: "1. attēls. …", "Figure 1. …"; (label before, label after, SEQ name)
CAPTION = {"lv": ("", ". attēls. ", "attēls"), "en": ("Figure ", ". ", "Figure")}


def _set_row_flag(row, flag: str) -> None:
    """tblHeader repeats a row on every page; cantSplit keeps a row on one page."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{flag}")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _field(paragraph, instruction: str, shown: str = "1") -> None:
    """A field Word and LibreOffice compute (page number, figure number), `shown` until they do."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


# An italic line under a cell's text, shown when its condition holds (the PDF's <span class="note">): (condition, text)
Note = tuple[str, str]
# A table cell: its text, or its text and the notes under it
Cell = str | tuple[str, list[Note]]
SUBTOTAL_SHADE = "F3F5F8"  # the PDF's tr.total and tr.subhead


def _cell_text(cell, text: Cell, bold: bool = False, right: bool = False, italic: bool = False) -> None:
    """`text` in the cell's first paragraph ("\\n" breaks the line); each note on a line of its own, in italics."""
    text, notes = (text, []) if isinstance(text, str) else text
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(8.5)
    for condition, note in notes:
        # the tags may sit in different runs: docxtpl renders the XML between them, the line break included
        run.text = run.text + f"{{% if {condition} %}}"
        run = paragraph.add_run()
        run.add_break()
        run.font.size = Pt(8.5)
        run = paragraph.add_run(note)
        run.italic = True
        run.font.size = Pt(8.5)
        run = paragraph.add_run("{% endif %}")
        run.font.size = Pt(8.5)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _merged(row, first: int, last: int):
    """Cells first..last of a row as one cell."""
    return row.cells[first].merge(row.cells[last]) if last > first else row.cells[first]


def _data_table(
    document,
    headers: list[str],
    loop: str,
    cells: list[Cell],
    widths: list[int],
    numeric: set[int],
    total: list[str | None] | None = None,
    row_condition: str = "",
    groups: list[tuple[str, int]] | None = None,
):
    """A table whose body row repeats for every item: docxtpl's {%tr %} rows disappear when rendered.

    `groups` adds a header row above `headers` whose cells span several columns: (label, span).
    A None in `total` joins that cell to the one on its left.
    """
    heads = 2 if groups else 1
    table = document.add_table(rows=heads + 3 + (1 if total else 0), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if groups:
        column = 0
        for label, span in groups:
            cell = table.rows[0].cells[column].merge(table.rows[0].cells[column + span - 1]) if span > 1 else table.rows[0].cells[column]
            _cell_text(cell, label, bold=True)
            column += span
    for index, header in enumerate(headers):
        _cell_text(table.rows[heads - 1].cells[index], header, bold=True, right=index in numeric)
    for row in table.rows[:heads]:
        _set_row_flag(row, "tblHeader")
        for cell in row.cells:
            _shade(cell, "E8ECF2")
    _cell_text(table.rows[heads].cells[0], f"{{%tr for {loop} %}}")
    for index, text in enumerate(cells):
        _cell_text(table.rows[heads + 1].cells[index], text, right=index in numeric)
    if row_condition:
        _shade_when(table.rows[heads + 1], row_condition)
    _cell_text(table.rows[heads + 2].cells[0], "{%tr endfor %}")
    if total:
        _total_row(table.rows[heads + 3], total, numeric)
    for row in table.rows:
        _set_row_flag(row, "cantSplit")
    _set_widths(table, widths)
    return table


def _total_row(row, texts: list[str | None], numeric: set[int], bold: bool = True) -> None:
    """A total (or subtotal) row: a None joins that cell to the one on its left; shaded as the PDF's total rows."""
    start = 0
    for index in range(1, len(texts) + 1):
        if index < len(texts) and texts[index] is None:
            continue
        cell = _merged(row, start, index - 1)
        _cell_text(cell, texts[start] or "", bold=bold, italic=not bold, right=start in numeric)
        if bold:
            _shade(cell, SUBTOTAL_SHADE)
        start = index


def _set_widths(table, widths: list[int]) -> None:
    """Word reads cell widths, LibreOffice the grid: set both, with a fixed layout."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table._tbl.tr_lst:  # a merged cell is as wide as the columns it spans
        column = 0
        for cell in row.tc_lst:
            cell.width = Mm(sum(widths[column : column + cell.grid_span]))
            column += cell.grid_span


def _shade_when(row, condition: str) -> None:
    """Cell shading decided by the data: docxtpl's {% cellbg %} tag in the first cell."""
    first = row.cells[0].paragraphs[0]
    first.runs[0].text = f"{{% cellbg 'FDE8E6' if {condition} else 'FFFFFF' %}}" + first.runs[0].text
    for cell in row.cells[1:]:
        cell.paragraphs[0].runs[0].text = f"{{% cellbg 'FDE8E6' if {condition} else 'FFFFFF' %}}" + cell.paragraphs[0].runs[0].text


def _conditional(document, condition: str, empty_text: str, build) -> None:
    """Show what `build` adds only when `condition` holds; otherwise `empty_text` (if any)."""
    document.add_paragraph(f"{{%p if {condition} %}}")
    build()
    if empty_text:
        document.add_paragraph("{%p else %}")
        document.add_paragraph(empty_text).runs[0].italic = True
    document.add_paragraph("{%p endif %}")


def _money(name: str) -> str:
    return "{{ " + name + " " + MONEY + " }}"


# an event of several days: the last day on a line of its own, as in the PDF (the EU's form puts a space before the dash)
_DATES = "{{ a.start_date | date }}{% if a.end_date and a.end_date != a.start_date %}–\n{{ a.end_date | date }}{% endif %}"


def _css_colours(funder: str) -> dict[str, str]:
    """The colour each selector of the PDF's style sheets sets (`h2`: "#003399"), the funder's over the shared ones."""
    colours = {}
    for sheet in (TEMPLATES / SHARED_FOLDER / "report.css", TEMPLATES / funder / "style.css"):
        for rule in tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if declaration.type == "declaration" and declaration.lower_name == "color":
                    for selector in tinycss2.serialize(rule.prelude).split(","):
                        colours[" ".join(selector.split())] = tinycss2.serialize(declaration.value).strip()
    return colours


def _rgb(css_colour: str) -> RGBColor:
    """#123 or #112233."""
    digits = css_colour.lstrip("#")
    return RGBColor.from_string("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


def _explicit_fonts(document) -> None:
    """FONT for every script in the defaults and the styles the reports use, and no theme font left anywhere."""
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for properties in [defaults, *(document.styles[name].element.get_or_add_rPr() for name in USED_STYLES)]:
        properties.get_or_add_rFonts()
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in THEME_FONTS:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for script in SCRIPTS:
            fonts.set(qn(f"w:{script}"), FONT)


def _drop_styles_with_effects(document) -> None:
    """python-docx's starter file carries Word 2010's second copy of the styles (theme fonts, en-US): drop it."""
    for key, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(key)


class WordTemplate:
    """A funder's starter template, built block by block in the order of its report.

    Headings mirror the PDF's outline: its h1 (the cover title, the parts) are Heading 1, h2 Heading 2,
    h3 Heading 3, in the colours the funder's style.css gives them."""

    def __init__(self, funder: str, header: str):
        profile = load_profile(TEMPLATES, funder)
        self.language = profile.language
        self.colours = colours = _css_colours(funder)
        self._new_page = False  # the next heading starts a page (after the cover)
        self.sources_title = ""  # the data-sources annex's title, when the format numbers its annexes
        # what a Latvian format calls its report (atskaite or pārskats): "Atskaites", "atskaitē", "šīs atskaites"
        self.report_word = ("Atskaites", "atskaitē", "šīs atskaites")
        self.document = document = Document()
        document.core_properties.created = TEMPLATE_DATE
        document.core_properties.modified = TEMPLATE_DATE
        document.core_properties.last_modified_by = "grantreports"
        document.core_properties.author = "grantreports"
        _drop_styles_with_effects(document)
        _explicit_fonts(document)
        set_language(document, language_tag(profile))
        normal = document.styles["Normal"]
        normal.font.size = Pt(10)
        for name, size, selector in (("Heading 1", 15, "h1.part"), ("Heading 2", 13, "h2"), ("Heading 3", 10.5, "h3")):
            style = document.styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = _rgb(colours.get(selector, colours["html"]))
            style.paragraph_format.keep_with_next = True
        caption = document.styles["Caption"]
        caption.font.size, caption.font.bold = Pt(8), False
        caption.font.color.rgb = _rgb(colours["figcaption"])
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        section.left_margin, section.right_margin = Mm(18), Mm(18)
        section.header.paragraphs[0].add_run(header).font.size = Pt(8)
        # the cover has no running header (as the PDF's first page), but its page number
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        for footer in (section.footer, section.first_page_footer):
            self._page_numbers(footer.paragraphs[0])

    def _page_numbers(self, paragraph) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        before, between = ("Lapa ", " no ") if self.language == "lv" else ("Page ", " of ")
        paragraph.add_run(before)
        _field(paragraph, "PAGE")
        paragraph.add_run(between)
        _field(paragraph, "NUMPAGES")

    def text(self, text: str, italic: bool = False, size: float | None = None):
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        return paragraph

    def heading(self, text: str, level: int = 2, new_page: bool = False):
        """A heading kept with what follows; `new_page` (or the cover before it) starts a page without an empty paragraph."""
        paragraph = self.document.add_heading(text, level=level)
        if new_page or self._new_page:
            paragraph.paragraph_format.page_break_before = True
            self._new_page = False
        return paragraph

    def cover(self, programme: str, note: str = "", heading: str = "") -> None:
        self.text("{{ funder }}")
        self.text(programme)
        title = self.heading("{{ title }}", 1)
        title.runs[0].font.size = Pt(20)
        title.runs[0].font.color.rgb = _rgb(self.colours.get(".cover h1", self.colours["html"]))
        if heading:
            self.heading(heading)
        table = self.document.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        _cell_text(table.rows[0].cells[0], "{%tr for field in cover %}")
        _cell_text(table.rows[1].cells[0], "{{ field.label }}", bold=True)
        _cell_text(table.rows[1].cells[1], "{{ field.text }}")
        _cell_text(table.rows[2].cells[0], "{%tr endfor %}")
        _set_widths(table, [65, 109])
        if note:
            self.text(note, italic=True, size=8.5)
        self._new_page = True

    def narrative(self, key: str, empty: str = "") -> None:
        """A text of the narrative sheet; an optional one shows `empty` when missing."""
        if not empty:
            self.text(f"{{{{ narrative.{key} }}}}")
            return
        self.document.add_paragraph(f"{{%p if narrative.{key} %}}")
        self.text(f"{{{{ narrative.{key} }}}}")
        self.document.add_paragraph("{%p else %}")
        self.text(empty, italic=True)
        self.document.add_paragraph("{%p endif %}")

    def optional(self, condition: str, empty: str, build) -> None:
        _conditional(self.document, condition, empty, build)

    def chart(self, name: str, number: int, caption: str) -> None:
        """The chart kept with its caption, a Word caption numbered by a SEQ field ("1. attēls. …", "Figure 1. …")."""
        before, after, sequence = CAPTION[self.language]
        self.document.add_paragraph(f"{{%p if charts.{name} %}}")
        self.document.add_paragraph(f"{{{{ charts.{name} }}}}").paragraph_format.keep_with_next = True
        paragraph = self.document.add_paragraph(before, style="Caption")
        _field(paragraph, f"SEQ {sequence} \\* ARABIC", str(number))
        paragraph.add_run(after + caption)
        self.document.add_paragraph("{%p endif %}")

    def plan_table(self, headers: list[str]) -> None:
        """headers: code, activity, then planned / in period / to date, once for events and once for participants."""
        events, participants = ("Pasākumi", "Dalībnieki") if self.language == "lv" else ("Events", "Participants")
        _data_table(
            self.document,
            headers[:2] + headers[2:5] + headers[2:5],
            "p in activity_plan",
            [
                "{{ p.code }}",
                "{{ p.title }}",
                "{{ p.planned_events | number }}",
                "{{ p.events_in_period | number }}",
                "{{ p.events_to_date | number }}",
                "{{ p.planned_participants | number }}",
                "{{ p.participants_in_period | number }}",
                "{{ p.participants_to_date | number }}",
            ],
            widths=[10, 56, 18, 18, 18, 18, 18, 18],
            numeric={2, 3, 4, 5, 6, 7},
            groups=[("", 1), ("", 1), (events, 3), (participants, 3)],
        )

    def activities_table(self, headers: list[str], dates: str = _DATES) -> None:
        _data_table(
            self.document,
            headers,
            "a in activities",
            [
                "{{ a.activity_code }}",
                "{{ a.title }}",
                dates,
                "{{ a.location }}",
                "{{ a.target_group }}",
                "{{ a.participants | number }}",
                '{{ a.result or "" }}',
            ],
            widths=[10, 38, 21, 22, 24, 21, 38],
            numeric={5},
        )

    def indicators_table(self, headers: list[str]) -> None:
        """Under each indicator's name, which activities (and target group) it counts."""
        if self.language == "lv":
            counts = (
                "pēc {% if i.activity_codes | length > 1 %}aktivitāšu{% else %}aktivitātes{% endif %}"
                " {{ i.activity_codes | join(', ') }}{% if i.target_group %} (mērķa grupa: {{ i.target_group }}){% endif %} datiem"
            )
        else:
            counts = (
                "from {% if i.activity_codes | length > 1 %}activities{% else %}activity{% endif %}"
                " {{ i.activity_codes | join(', ') }}{% if i.target_group %} ({{ i.target_group }} only){% endif %}"
            )
        _data_table(
            self.document,
            headers,
            "i in indicators",
            [
                "{{ i.code }}",
                ("{{ i.name }}", [("i.activity_codes", counts)]),
                "{{ i.unit }}",
                "{{ i.baseline | number }}",
                "{{ i.target | number }}",
                "{{ i.achieved_in_period | number }}",
                "{{ i.achieved_to_date | number }}",
                "{{ i.progress | percent }}",
            ],
            widths=[12, 44, 20, 18, 18, 20, 20, 20],
            numeric={3, 4, 5, 6, 7},
        )

    def participation_table(self, lines: str, headers: list[str], total: str | None) -> None:
        cells = [
            "{{ g.name }}",
            "{{ g.events_in_period | number }}",
            "{{ g.participants_in_period | number }}",
            "{{ g.participants_to_date | number }}",
        ]
        totals = (
            None
            if total is None
            else [total]
            + [
                f"{{{{ {lines}_total.{name} | number }}}}"
                for name in ("events_in_period", "participants_in_period", "participants_to_date")
            ]
        )
        _data_table(self.document, headers, f"g in {lines}", cells, widths=[74, 30, 35, 35], numeric={1, 2, 3}, total=totals)

    def budget_table(
        self,
        headers: list[str],
        total: str,
        flag: str,
        explained: str,
        last: str = "used",
        difference: str = "remaining",
        description: bool = True,
        before: tuple[Note, ...] = (),
        after: tuple[Note, ...] = (),
    ) -> None:
        """A line per budget line, its `difference` (remaining or variance) and `last` share; under its heading
        the explanation, with the notes `before` and `after` it, as in the PDF."""
        heading = (
            "{{ b.category }}"
            + ("{% if b.description %}: {{ b.description }}{% endif %}" if description else "")
            + "{% if b.flagged %}"
            + flag
            + "{% endif %}",
            [*before, ("b.explanation", explained + " {{ b.explanation }}"), *after],
        )
        _data_table(
            self.document,
            headers,
            "b in budget",
            [
                "{{ b.code }}",
                heading,
                _money("b.approved"),
                _money("b.spent_in_period"),
                _money("b.spent_to_date"),
                _money(f"b.{difference}"),
                f"{{{{ b.{last} | percent }}}}",
            ],
            widths=[10, 40, 26, 26, 26, 26, 18],
            numeric={2, 3, 4, 5, 6},
            row_condition="b.flagged",
            total=[
                "",
                total,
                _money("budget_total.approved"),
                _money("budget_total.spent_in_period"),
                _money("budget_total.spent_to_date"),
                _money(f"budget_total.{difference}"),
                f"{{{{ budget_total.{last} | percent }}}}",
            ],
        )

    def expenses_list(self, headers: list[str], subtotal: str, total: str, empty: str) -> None:
        """Expenses of the period grouped by budget line, with a subtotal per line; `empty` (a template text)
        in the row of a line without expenses."""
        table = self.document.add_table(rows=10, cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rows = table.rows
        for index, header in enumerate(headers):
            _cell_text(rows[0].cells[index], header, bold=True, right=index == 3)
            _shade(rows[0].cells[index], "E8ECF2")
        _set_row_flag(rows[0], "tblHeader")
        _cell_text(rows[1].cells[0], "{%tr for b in budget %}")
        subhead = _merged(rows[2], 0, 3)
        _cell_text(subhead, "{{ b.code }}. {{ b.category }}", bold=True)
        _shade(subhead, SUBTOTAL_SHADE)
        _cell_text(rows[3].cells[0], "{%tr for e in b.expenses %}")
        for index, text in enumerate(["{{ e.date | date }}", "{{ e.document_number }}", '{{ e.description or "" }}', _money("e.amount")]):
            _cell_text(rows[4].cells[index], text, right=index == 3)
        _cell_text(rows[5].cells[0], "{%tr else %}")
        _cell_text(_merged(rows[6], 0, 3), empty, italic=True)
        _cell_text(rows[7].cells[0], "{%tr endfor %}")
        _total_row(rows[8], [subtotal, None, None, _money("b.spent_in_period")], {3}, bold=False)
        _cell_text(rows[9].cells[0], "{%tr endfor %}")
        _total_row(table.add_row(), [total, None, None, _money("budget_total.spent_in_period")], {3})
        for row in table.rows:
            _set_row_flag(row, "cantSplit")
        _set_widths(table, [24, 34, 86, 30])

    def table(self, *args, **kwargs):
        """A data table (see _data_table) in this document."""
        return _data_table(self.document, *args, **kwargs)

    def beneficiary_table(self, headers: list[str], total: str) -> None:
        """Costs to date per budget line (rows) and beneficiary (columns, as many as the grant has: docxtpl's {%tc %}
        cells repeat the cell between them), and the line's total."""
        table = self.document.add_table(rows=5, cols=6)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rows = table.rows
        each, end = "{%tc for b in beneficiaries %}", "{%tc endfor %}"
        for index, text in enumerate([headers[0], headers[1], each, "{{ b.name }}", end, headers[2]]):
            _cell_text(rows[0].cells[index], text, bold=True, right=index >= 3)
            _shade(rows[0].cells[index], "E8ECF2")
        _set_row_flag(rows[0], "tblHeader")
        _cell_text(rows[1].cells[0], "{%tr for line in budget %}")
        body = [
            "{% set row = loop.index0 %}{{ line.code }}",
            "{{ line.category }}",
            each,
            _money("b.lines[row].spent_to_date"),
            end,
            _money("line.spent_to_date"),
        ]
        for index, text in enumerate(body):
            _cell_text(rows[2].cells[index], text, right=index >= 3)
        _cell_text(rows[3].cells[0], "{%tr endfor %}")
        for index, text in enumerate(["", total, each, _money("b.spent_to_date"), end, _money("budget_total.spent_to_date")]):
            _cell_text(rows[4].cells[index], text, bold=True, right=index >= 3)
            _shade(rows[4].cells[index], SUBTOTAL_SHADE)
        for row in rows:
            _set_row_flag(row, "cantSplit")
        # three beneficiaries fill the page's width exactly; docxtpl adds or drops grid columns for more or fewer
        _set_widths(table, [12, 40, 32, 32, 32, 26])

    def work_plan_table(self, headers: list[str], unassigned: str, milestone: str, statuses: dict[str, str]) -> None:
        """A subhead row per work package, then its deliverables and milestones; late ones shaded."""
        table = self.document.add_table(rows=7, cols=6)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rows = table.rows
        for index, header in enumerate(headers):
            _cell_text(rows[0].cells[index], header, bold=True)
            _shade(rows[0].cells[index], "E8ECF2")
        _set_row_flag(rows[0], "tblHeader")
        _cell_text(rows[1].cells[0], "{%tr for wp in work_packages %}")
        _cell_text(rows[2].cells[0], "{{ wp.code }}", bold=True)
        _cell_text(_merged(rows[2], 1, 5), f'{{{{ wp.title or "{unassigned}" }}}}', bold=True)
        for cell in (rows[2].cells[0], rows[2].cells[1]):
            _shade(cell, SUBTOTAL_SHADE)
        _cell_text(rows[3].cells[0], "{%tr for i in wp.items %}")
        status = (
            "{% if i.status == 'done' %}"
            + statuses["done"]
            + "{% elif i.status == 'late' %}"
            + statuses["late"]
            + "{% else %}"
            + statuses["due later"]
            + "{% endif %}"
        )
        item = [
            "{{ i.code }}",
            "{{ i.title }}{% if i.kind == 'milestone' %} (" + milestone + "){% endif %}",
            "{{ i.due_date | date }}",
            "{{ i.done_date | date }}",
            status,
            '{{ i.comment or "" }}',
        ]
        for index, text in enumerate(item):
            _cell_text(rows[4].cells[index], text)
        _shade_when(rows[4], "i.status == 'late'")
        _cell_text(rows[5].cells[0], "{%tr endfor %}")
        _cell_text(rows[6].cells[0], "{%tr endfor %}")
        for row in rows:
            _set_row_flag(row, "cantSplit")
        _set_widths(table, [16, 52, 20, 20, 18, 48])

    def signature(
        self, heading: str, statement: str, date_filter: str, signer: str = "{{ signature.name }}, {{ signature.position }}"
    ) -> None:
        """Declaration, place and date, line, name and position: on one page."""
        self.heading(heading)
        block = [
            self.text(statement),
            self.text(f"{{{{ signature.place }}}}, {{{{ signature.date | {date_filter} }}}}"),
            self.text(""),
            self.text("______________________________"),
        ]
        for paragraph in block:
            paragraph.paragraph_format.keep_with_next = True
        self.text(signer)

    def annex(self, title: str) -> None:
        """An annex starts on a page of its own, as in the PDF."""
        self.heading(title, new_page=True)

    def sources_annex(self) -> None:
        """The input rows the report is made from, by file and sheet, when the profile prints them
        (sources_annex: printed); the extract lists them figure by figure."""
        lv = self.language == "lv"
        self.document.add_paragraph("{%p if sources_printed %}")
        report, in_report, this_report = self.report_word
        self.annex(self.sources_title or (f"Pielikums. {report} datu avoti" if lv else "Annex. Sources of the report's figures"))
        # the PDF says "attached to this PDF"; the Word file is not that PDF
        self.text(
            f"Katrs {in_report} norādītais skaitlis ir aprēķināts no projekta uzskaites datiem, kas uzskaitīti šajā tabulā."
            f" Datu izrakstā {{{{ period.slug }}}}.sources.xlsx, kas pievienots {this_report} PDF failam, pie katra skaitļa"
            " norādītas rindas, no kurām tas aprēķināts, tāpēc ikvienu skaitli var pārbaudīt projekta uzskaitē."
            if lv
            else "Every figure in this report is computed from the project's records listed in this table. The data extract"
            " {{ period.slug }}.sources.xlsx, attached to this report's PDF, names for each figure the rows it is computed"
            " from, so that any figure can be traced back to the project's records.",
            size=8,
        )
        headers = ["Datne", "Darblapa", "Rindas", "Rindu skaits"] if lv else ["File", "Worksheet", "Rows", "Number of rows"]
        _data_table(
            self.document,
            headers,
            "s in sources",
            ["{{ s.file }}", "{{ s.sheet }}", "{{ s.rows }}", "{{ s.count | number }}"],
            widths=[70, 44, 36, 24],
            numeric={3},
        )
        self.document.add_paragraph("{%p endif %}")

    def save(self, path: Path) -> None:
        self.document.save(path)


LV_PLAN = ["Nr.", "Aktivitāte", "plānots", "periodā", "kopā"]
LV_ACTIVITIES = ["Akt.", "Pasākums", "Datums", "Vieta", "Mērķa grupa", "Dalībnieki", "Rezultāts"]
LV_INDICATORS = ["Kods", "Rādītājs", "Mērvienība", "Sākotnējā vērtība", "Plānots", "Sasniegts periodā", "Sasniegts kopā", "Izpilde"]
LV_GROUPS = ["Mērķa grupa", "Pasākumi periodā", "Dalībnieki periodā", "Dalībnieki kopā"]
LV_BUDGET = ["Nr.", "Izmaksu pozīcija", "Apstiprinātais budžets", "Izlietots periodā", "Izlietots kopā", "Atlikums", "Izlietots, %"]
LV_EXPENSES = ["Datums", "Dokumenta Nr.", "Izdevumu apraksts", "Summa"]
EN_PLAN = ["No.", "Activity", "planned", "in period", "to date"]
EN_ACTIVITIES = ["Activity", "Event", "Date", "Location", "Target group", "Participants", "Outcome"]
EN_GROUPS = ["Target group", "Events in period", "Participants in period", "Participants to date"]


def sif() -> WordTemplate:
    t = WordTemplate("sif-nvo-fonds", "Projekts Nr. {{ grant.grant_number }} · {{ title }}")
    t.cover("Programma „{{ grant.programme }}”")
    t.heading("I. Saturiskā atskaite", 1)
    t.heading("1. Kopsavilkums")
    t.narrative("summary")
    t.heading("2. Projekta aktivitāšu īstenošana: plānotais un paveiktais")
    t.optional("activity_plan", "Projekta aktivitāšu plāns nav norādīts.", lambda: t.plan_table(LV_PLAN))
    t.heading("2.1. Pārskata periodā īstenotie pasākumi", 3)
    t.optional("activities", "Pārskata periodā pasākumi nav īstenoti.", lambda: t.activities_table(LV_ACTIVITIES))
    t.heading("3. Rezultāti: plānotais un sasniegtais")
    t.optional(
        "indicators",
        "Projektam nav noteikti rezultatīvie rādītāji.",
        lambda: t.indicators_table(["Kods", "Rezultatīvais rādītājs"] + LV_INDICATORS[2:]),
    )
    t.chart("indicators", 1, "Rezultatīvo rādītāju izpilde līdz pārskata perioda beigām (100 % = plānotais)")
    t.heading("4. Mērķa grupas un dalībnieki")
    t.optional(
        "target_groups",
        "Nav datu par dalībniekiem.",
        lambda: t.participation_table("target_groups", LV_GROUPS[:3] + ["Dalībnieki kopā no projekta sākuma"], "Kopā"),
    )
    t.chart("participants", 2, "Dalībnieki pa mēnešiem un mērķa grupām")
    t.heading("5. Publicitāte")
    t.narrative("publicity")
    t.heading("6. Novirzes no plāna")
    t.narrative("deviations", "Novirzes no plāna pārskata periodā nav konstatētas.")
    t.heading("II. Finanšu atskaite", 1, new_page=True)
    t.heading("7. Budžeta izpilde pa pozīcijām")

    def budget() -> None:
        t.budget_table(LV_BUDGET, "Kopā", " (pārsniegts)", "Skaidrojums:")
        t.chart("budget", 3, "Apstiprinātais budžets un izlietojums līdz pārskata perioda beigām")

    t.optional("budget", "Projektam nav budžeta pozīciju.", budget)
    t.signature(
        "8. Apliecinājums",
        "Apliecinu, ka atskaitē sniegtā informācija ir patiesa un izdevumi ir saistīti ar projekta īstenošanu.",
        "date_locative",
    )
    t.annex("1. pielikums. Pārskata periodā īstenoto pasākumu saraksts")
    t.optional(
        "events",
        "Pārskata periodā pasākumi nav īstenoti.",
        lambda: t.table(
            ["Nr.", "Datums", "Pasākums", "Norises vieta", "Mērķa grupas", "Dalībnieku skaits"],
            "e in events",
            [
                "{{ loop.index }}.",
                "{{ e.start_date | date }}{% if e.end_date != e.start_date %}–\n{{ e.end_date | date }}{% endif %}",
                "{{ e.code }} {{ e.title }}",
                "{{ e.location }}",
                '{{ e.target_groups | join(", ") }}',
                "{{ e.participants | number }}",
            ],
            widths=[9, 22, 60, 26, 35, 22],
            numeric={5},
            total=["", "Kopā", None, None, None, "{{ target_groups_total.participants_in_period | number }}"],
        ),
    )
    t.annex("2. pielikums. Izdevumus apliecinošo dokumentu saraksts")
    t.optional(
        "budget",
        "Projektam nav budžeta pozīciju.",
        lambda: t.expenses_list(
            LV_EXPENSES,
            "Kopā {{ b.code }}. pozīcijā",
            "Kopā pārskata periodā",
            "{% if b.flat_rate %}Vienotās likmes izmaksas: attaisnojuma dokumenti nav jāiesniedz."
            "{% else %}Pārskata periodā izdevumu nav.{% endif %}",
        ),
    )
    t.sources_title = "3. pielikums. Atskaites datu avoti"
    return t


def esf() -> WordTemplate:
    t = WordTemplate("esf-labklajibas-ministrija", "ESF projekts Nr. {{ grant.grant_number }} · {{ title }}")
    t.report_word = ("Pārskata", "pārskatā", "šī pārskata")
    t.cover("{{ grant.programme }}", "Projekts tiek līdzfinansēts no Eiropas Sociālā fonda.", heading="1. Vispārīgā informācija")
    t.heading("2. Projekta rādītāji")
    t.optional(
        "indicators",
        "Projektam nav noteikti rādītāji.",
        lambda: t.indicators_table(
            [
                "Kods",
                "Rādītājs",
                "Mērvienība",
                "Sākotnējā vērtība",
                "Mērķa vērtība",
                "Sasniegts pārskata periodā",
                "Sasniegts kopā",
                "Izpilde",
            ]
        ),
    )
    t.chart("indicators", 1, "Rādītāju izpilde līdz pārskata perioda beigām (100 % = mērķa vērtība)")
    t.heading("3. Projekta īstenošana")
    t.heading("3.1. Projekta īstenošanas gaita pārskata periodā", 3)
    t.narrative("implementation")
    t.optional("activity_plan", "", lambda: t.plan_table(["Nr.", "Darbība"] + LV_PLAN[2:]))
    t.heading("Pārskata periodā īstenotie pasākumi", 3)
    t.optional("activities", "Pārskata periodā pasākumi nav īstenoti.", lambda: t.activities_table(["Darb. Nr."] + LV_ACTIVITIES[1:]))
    t.heading("3.2. Projekta īstenošanas problēmas", 3)
    t.narrative("problems")
    t.heading("4. Mērķa grupas")
    t.optional("target_groups", "Nav datu par mērķa grupām.", lambda: t.participation_table("target_groups", LV_GROUPS, "Kopā"))
    t.chart("participants", 2, "Dalībnieki pa mēnešiem un mērķa grupām")
    t.heading("5. Publicitātes pasākumi")
    t.narrative("publicity")
    t.heading("6. Projekta riski")
    t.narrative("risks")
    t.heading("7. Horizontālo principu ievērošana")
    t.narrative("horizontal_principles", "Informāciju sniedz noslēguma pārskatā.")
    t.heading("8. Izdevumi pa budžeta pozīcijām")

    def budget() -> None:
        t.budget_table(["Nr.", "Budžeta pozīcija"] + LV_BUDGET[2:], "Kopā", " (pārsniegts)", "Skaidrojums:", description=False)
        t.chart("budget", 3, "Apstiprinātais budžets un izlietojums līdz pārskata perioda beigām")
        t.heading("Pārskata periodā veikto izdevumu saraksts", 3)
        t.expenses_list(LV_EXPENSES, "Kopā {{ b.code }}. pozīcijā", "Kopā pārskata periodā", "Pārskata periodā izdevumu nav.")

    t.optional("budget", "Projektam nav budžeta pozīciju.", budget)
    t.heading("Finansējuma avoti", 3)

    def financing() -> None:
        t.table(
            ["Finansējuma avots", "Plānotais finansējums", "Daļa", "Izlietots periodā", "Izlietots kopā"],
            "f in financing",
            ["{{ f.source }}", _money("f.planned"), "{{ f.share | percent }}", _money("f.spent_in_period"), _money("f.spent_to_date")],
            widths=[62, 32, 16, 32, 32],
            numeric={1, 2, 3, 4},
            total=[
                "Kopā",
                _money("grant.total_budget"),
                "{{ 1 | percent }}",
                _money("budget_total.spent_in_period"),
                _money("budget_total.spent_to_date"),
            ],
        )
        t.text("Izlietojums sadalīts pa finansējuma avotiem proporcionāli to plānotajām daļām.", size=8)

    t.optional("financing", "Finansējuma avoti nav norādīti.", financing)
    t.signature(
        "9. Apliecinājums",
        "Apliecinu, ka pārskatā sniegtā informācija ir patiesa, izdevumi veikti atbilstoši projekta līgumam un par tiem ir attaisnojuma dokumenti.",
        "date_locative",
    )
    return t


def mfa() -> WordTemplate:
    t = WordTemplate("mfa-lapas", "Granta līgums Nr. {{ grant.grant_number }} · {{ title }}")
    t.cover("{{ grant.programme }}", "Projektu finansē Latvijas Republikas Ārlietu ministrija no attīstības sadarbības budžeta.")
    t.heading("1. Projekta mērķi")
    t.narrative("objectives")
    t.heading("2. Projekta aktivitātes partnervalstī un Latvijā")
    t.optional("activity_plan", "", lambda: t.plan_table(LV_PLAN))
    t.heading("Pārskata periodā īstenotie pasākumi", 3)
    t.optional("activities", "Pārskata periodā pasākumi nav īstenoti.", lambda: t.activities_table(LV_ACTIVITIES))
    t.heading("3. Rezultāti partnerorganizācijām")
    t.narrative("partner_results")
    t.optional(
        "organisations", "", lambda: t.participation_table("organisations", ["Organizācija, kas īstenoja pasākumus"] + LV_GROUPS[1:], None)
    )
    t.heading("Rezultatīvie rādītāji", 3)
    t.optional("indicators", "Projektam nav noteikti rezultatīvie rādītāji.", lambda: t.indicators_table(LV_INDICATORS))
    t.chart("indicators", 1, "Rādītāju izpilde līdz pārskata perioda beigām (100 % = plānotais)")
    t.heading("4. Mērķa grupas")
    t.optional("target_groups", "Nav datu par mērķa grupām.", lambda: t.participation_table("target_groups", LV_GROUPS, "Kopā"))
    t.heading("5. Redzamība")
    t.text("Visos projekta materiālos un pasākumos norādīts: „Projektu finansē Latvijas Republikas Ārlietu ministrija”.")
    t.narrative("visibility")
    t.document.add_paragraph("{%p if narrative.deviations %}")
    t.heading("Izmaiņas projekta īstenošanā", 3)
    t.text("{{ narrative.deviations }}")
    t.document.add_paragraph("{%p endif %}")
    t.heading("6. Budžets: tāme un faktiskās izmaksas")

    def budget() -> None:
        t.budget_table(
            ["Nr.", "Izmaksu pozīcija", "Tāme", "Faktiskās izmaksas periodā", "Faktiskās izmaksas kopā", "Atlikums", "Izlietots, %"],
            "Kopā",
            " (pārsniegts)",
            "Skaidrojums:",
        )
        t.chart("budget", 2, "Tāme un faktiskās izmaksas līdz pārskata perioda beigām")

    t.optional("budget", "Projektam nav budžeta tāmes.", budget)
    t.signature(
        "7. Apliecinājums",
        "Apliecinu, ka atskaitē sniegtā informācija ir patiesa un finansējums izlietots atbilstoši līgumam.",
        "date_locative",
    )
    return t


def british_council() -> WordTemplate:
    t = WordTemplate("british-council", "Grant {{ grant.grant_number }} · {{ title }}")
    t.cover("{{ grant.programme }}")
    t.heading("Part A. Descriptive report", 1)
    t.heading("1. Summary of progress")
    t.narrative("summary")
    t.heading("2. Activities: planned and delivered")
    t.optional("activity_plan", "", lambda: t.plan_table(EN_PLAN))
    t.heading("Events in the reporting period", 3)
    t.optional("activities", "No events took place in the reporting period.", lambda: t.activities_table(EN_ACTIVITIES))
    t.heading("3. Outcomes: targets and achievements")
    t.optional(
        "indicators",
        "The grant has no indicators.",
        lambda: t.indicators_table(
            ["Code", "Indicator", "Unit", "Baseline", "Target", "Achieved in period", "Achieved to date", "Progress"]
        ),
    )
    t.chart("indicators", 1, "Progress to date against each target (100% = target)")
    t.heading("4. Participants by target group")
    t.optional("target_groups", "No participant data.", lambda: t.participation_table("target_groups", EN_GROUPS, "Total"))
    t.chart("participants", 2, "Participants per month by target group")
    t.heading("5. Challenges, changes and lessons learned")
    t.narrative("challenges", "No changes to the plan in the reporting period.")
    t.document.add_paragraph("{%p if narrative.next_steps %}")
    t.heading("Plans for the next period", 3)
    t.text("{{ narrative.next_steps }}")
    t.document.add_paragraph("{%p endif %}")
    t.heading("Part B. Financial report", 1, new_page=True)
    t.heading("6. Expenditure against the original budget")
    t.text(
        "The original budget is shown unchanged; actual expenditure is set beside it. Lines more than 20% over their budget are flagged and explained."
    )

    def budget() -> None:
        t.budget_table(
            ["Line", "Budget heading", "Original budget", "Actual in period", "Actual to date", "Variance", "Variance %"],
            "Total",
            " (over budget by more than 20%)",
            "Explanation:",
            last="deviation",
            difference="variance",
            after=(("b.approval_reference", "Prior approval: {{ b.approval_reference }}"),),
        )
        t.text(
            "Variance = actual to date − original budget; Variance % = variance ÷ original budget."
            " A positive variance is spending over the budget.",
            size=8,
        )
        t.chart("budget", 3, "Original budget and actual expenditure to date by line")

    t.optional("budget", "The grant has no budget lines.", budget)
    t.signature(
        "7. Signature of the head of the organisation",
        "I confirm that the information in this report, Part A (descriptive report) and Part B (financial report), is true"
        " and complete, and that the expenditure reported was incurred for the project.",
        "date_long",
        "{{ signature.name }}, {{ signature.position }}, {{ grant.grantee }}",
    )
    return t


def eu_action_grant() -> WordTemplate:
    t = WordTemplate("eu-action-grant", "Grant Agreement {{ grant.grant_number }} · {{ title }}")
    t.cover(
        "{{ grant.programme }}",
        "Funded by the European Union. Views and opinions expressed are those of the author(s) only and do not"
        " necessarily reflect those of the European Union or the granting authority. Neither the European Union nor the granting"
        " authority can be held responsible for them.",
    )
    t.heading("1. Summary")
    t.narrative("summary")
    t.heading("2. Activities planned and implemented")
    t.optional("activity_plan", "", lambda: t.plan_table(["No.", "Activity (as in the description of the action)"] + EN_PLAN[2:]))
    t.heading("Events implemented in the reporting period", 3)
    t.optional(
        "activities",
        "No events were implemented in the reporting period.",
        lambda: t.activities_table(
            ["Act.", "Event", "Date", "Venue", "Target group", "Participants", "Result"], _DATES.replace("%}–", "%} –")
        ),
    )
    t.heading("3. Expected and actual results")
    t.optional(
        "indicators",
        "The action has no result indicators.",
        lambda: t.indicators_table(["Code", "Indicator", "Unit", "Baseline", "Expected", "Actual in period", "Actual to date", "Achieved"]),
    )
    t.chart("indicators", 1, "Actual results to date against expected results (100% = expected)")
    t.heading("Participants by target group", 3)
    t.optional("target_groups", "No participant data.", lambda: t.participation_table("target_groups", EN_GROUPS, "Total"))
    t.chart("participants", 2, "Participants per month by target group")
    t.heading("4. Deviations and corrective actions")
    t.narrative("deviations")
    t.document.add_paragraph("{%p if narrative.corrective_actions %}")
    t.heading("Corrective actions", 3)
    t.text("{{ narrative.corrective_actions }}")
    t.document.add_paragraph("{%p endif %}")
    t.heading("5. Dissemination and communication")
    t.narrative("dissemination")
    t.heading("6. Sustainability")
    t.narrative("sustainability", "To be reported in the final technical report.")
    t.heading("7. Budget: declared and contractual")

    def budget() -> None:
        t.budget_table(
            ["Code", "Budget category", "Contractual budget", "Declared in period", "Declared to date", "Remaining", "Consumed"],
            "Total",
            " (above the contractual amount)",
            "Justification:",
            before=(("b.flat_rate", "Flat rate: {{ b.flat_rate | percent }} of each beneficiary's direct costs"),),
        )
        t.chart("budget", 3, "Contractual budget and costs declared to date by category")

    t.optional("budget", "No budget categories.", budget)
    t.heading("Financial statement per beneficiary (costs declared to date)", 3)
    t.beneficiary_table(["Code", "Budget category", "Total"], "Total")
    t.heading("8. Work packages, deliverables and milestones")
    t.optional(
        "work_packages",
        "The grant agreement's work plan is not given.",
        lambda: t.work_plan_table(
            ["Code", "Deliverable or milestone", "Due", "Delivered", "Status", "Comment"],
            "Not assigned to a work package",
            "milestone",
            {"done": "Done", "late": "Late", "due later": "Due later"},
        ),
    )
    t.document.add_paragraph("{%p if narrative.publishable_summary %}")
    t.heading("9. Summary for publication")
    t.narrative("publishable_summary")
    t.document.add_paragraph("{%p endif %}")
    t.signature(
        "{% if narrative.publishable_summary %}10{% else %}9{% endif %}. Declaration on honour",
        "I, the undersigned, legal representative of {{ grant.grantee }}, declare on my honour that the information in this technical"
        " report is complete, reliable and true, that the costs declared were incurred for the action, and that the action was"
        " implemented in line with the grant agreement.",
        "date_long",
    )
    return t


FORMATS = {
    "sif-nvo-fonds": sif,
    "esf-labklajibas-ministrija": esf,
    "mfa-lapas": mfa,
    "british-council": british_council,
    "eu-action-grant": eu_action_grant,
}


def main() -> None:
    for funder, build in FORMATS.items():
        template = build()
        template.sources_annex()
        template.save(TEMPLATES / funder / "report.docx")


if __name__ == "__main__":
    main()
