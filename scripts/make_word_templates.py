"""Write the starter Word templates (templates/<funder>/report.docx) with python-docx.

The .docx files are the funder formats' source from then on: a project manager may edit
them in Word or LibreOffice. Run this only to recreate them from scratch:
    .venv/bin/python scripts/make_word_templates.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Fixed, so that the template (and every report made from it) carries no build-time date.
TEMPLATE_DATE = dt.datetime(2024, 1, 1)
MONEY = "| money(grant.currency)"

LABELS = {
    "lv": {
        "page": ("Lapa ", " no "),
        "header": "Projekts Nr. {{ grant.grant_number }} · {{ title }}",
        "programme": "{% if grant.programme %}Programma „{{ grant.programme }}”{% endif %}",
        "cover": [
            ("Projekta numurs", "{{ grant.grant_number }}"),
            ("Projekta nosaukums", "{{ grant.title }}"),
            ("Projekta īstenotājs", "{{ grant.grantee }}"),
            ("Projekta partneri", '{{ grant.partners | join("; ") or "–" }}'),
            ("Īstenošanas vieta", '{{ grant.locations | join("; ") or "–" }}'),
            ("Projekta īstenošanas laiks", "{{ grant.start_date | date }}–{{ grant.end_date | date }}"),
            ("Pārskata periods", "{{ period.period_from | date }}–{{ period.period_to | date }}"),
            ("Atskaites veids", '{{ "Noslēguma atskaite" if period.kind == "final" else "Starpposma atskaite" }}'),
            ("Iesniegšanas datums", "{{ submission_date | date_long }}"),
            ("Projekta kopējais budžets", "{{ grant.total_budget " + MONEY + " }}"),
            ("Kontaktpersona", "{{ grant.contact_person }}"),
        ],
        "activities": ("1. Pārskata periodā īstenotās aktivitātes", ["Akt.", "Aktivitāte", "Datums", "Vieta", "Mērķa grupa", "Dalībnieki", "Rezultāts"], "Pārskata periodā aktivitātes nav īstenotas."),
        "indicators": ("2. Rezultatīvie rādītāji: plānotais un sasniegtais", ["Kods", "Rādītājs", "Mērvienība", "Sākuma vērtība", "Plānots", "Sasniegts periodā", "Sasniegts kopā", "Izpilde"], "Projektam nav noteikti rezultatīvie rādītāji."),
        "groups": ("3. Dalībnieki pa mērķa grupām", ["Mērķa grupa", "Pasākumi periodā", "Dalībnieki periodā", "Dalībnieki kopā no projekta sākuma"], "Nav datu par dalībniekiem.", "Kopā"),
        "budget": ("4. Budžeta izpilde pa budžeta pozīcijām", ["Kods", "Izmaksu pozīcija", "Apstiprināts", "Izlietots periodā", "Izlietots kopā", "Atlikums", "Izlietots, %"], "Projektam nav budžeta pozīciju.", "Kopā", " (pārsniegts)"),
        "comments": ("5. Novirzes no plāna un komentāri", "Novirzes no plāna pārskata periodā nav konstatētas."),
        "signature": ("6. Apliecinājums", "Apliecinu, ka atskaitē sniegtā informācija ir patiesa."),
    },
    "en": {
        "page": ("Page ", " of "),
        "header": "Grant {{ grant.grant_number }} · {{ title }}",
        "programme": "{% if grant.programme %}Programme: {{ grant.programme }}{% endif %}",
        "cover": [
            ("Grant reference", "{{ grant.grant_number }}"),
            ("Project title", "{{ grant.title }}"),
            ("Grantee organisation", "{{ grant.grantee }}"),
            ("Partners", '{{ grant.partners | join("; ") or "–" }}'),
            ("Locations", '{{ grant.locations | join("; ") or "–" }}'),
            ("Grant period", "{{ grant.start_date | date }} – {{ grant.end_date | date }}"),
            ("Reporting period", "{{ period.period_from | date }} – {{ period.period_to | date }}"),
            ("Report type", '{{ "Final report" if period.kind == "final" else "Interim report" }}'),
            ("Date of submission", "{{ submission_date | date_long }}"),
            ("Total grant", "{{ grant.total_budget " + MONEY + " }}"),
            ("Contact person", "{{ grant.contact_person }}"),
        ],
        "activities": ("1. Activities carried out in the reporting period", ["Activity", "Event", "Date", "Location", "Target group", "Participants", "Outcome"], "No activities took place in the reporting period."),
        "indicators": ("2. Indicators: planned and achieved", ["Code", "Indicator", "Unit", "Baseline", "Target", "Achieved in period", "Achieved to date", "Progress"], "The grant has no indicators."),
        "groups": ("3. Participants by target group", ["Target group", "Events in period", "Participants in period", "Participants to date"], "No participant data.", "Total"),
        "budget": ("4. Budget execution by budget line", ["Line", "Budget heading", "Approved", "Spent in period", "Spent to date", "Remaining", "Used"], "The grant has no budget lines.", "Total", " (over budget)"),
        "comments": ("5. Deviations and comments", "No deviations from the plan in the reporting period."),
        "signature": ("6. Declaration", "I confirm that the information in this report is true and complete."),
    },
}


def _set_row_flag(row, flag: str) -> None:
    """tblHeader repeats a row on every page; cantSplit keeps a row on one page."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{flag}")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell, text: str, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(8.5)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _data_table(document, headers: list[str], loop: str, cells: list[str], widths: list[int], numeric: set[int], total: list[str] | None = None, row_condition: str = ""):
    """A table whose body row repeats for every item: docxtpl's {%tr %} rows disappear when rendered."""
    rows = 4 + (1 if total else 0)
    table = document.add_table(rows=rows, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, header in enumerate(headers):
        _cell_text(table.rows[0].cells[index], header, bold=True, right=index in numeric)
        _shade(table.rows[0].cells[index], "E8ECF2")
    _set_row_flag(table.rows[0], "tblHeader")
    _cell_text(table.rows[1].cells[0], f"{{%tr for {loop} %}}")
    for index, text in enumerate(cells):
        _cell_text(table.rows[2].cells[index], text, right=index in numeric)
    if row_condition:
        _shade_when(table.rows[2], row_condition)
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    if total:
        for index, text in enumerate(total):
            _cell_text(table.rows[4].cells[index], text, bold=True, right=index in numeric)
    for row in table.rows:
        _set_row_flag(row, "cantSplit")
    _set_widths(table, widths)
    return table


def _set_widths(table, widths: list[int]) -> None:
    """Word reads cell widths, LibreOffice the grid: set both, with a fixed layout."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _shade_when(row, condition: str) -> None:
    """Cell shading decided by the data: docxtpl's {% cellbg %} tag in the first cell."""
    first = row.cells[0].paragraphs[0]
    first.runs[0].text = f"{{% cellbg 'FDE8E6' if {condition} else 'FFFFFF' %}}" + first.runs[0].text
    for cell in row.cells[1:]:
        cell.paragraphs[0].runs[0].text = f"{{% cellbg 'FDE8E6' if {condition} else 'FFFFFF' %}}" + cell.paragraphs[0].runs[0].text


def _conditional(document, condition: str, empty_text: str, build) -> None:
    document.add_paragraph(f"{{%p if {condition} %}}")
    build()
    document.add_paragraph("{%p else %}")
    document.add_paragraph(empty_text).runs[0].italic = True
    document.add_paragraph("{%p endif %}")


def make_template(language: str) -> Document:
    labels = LABELS[language]
    document = Document()
    document.core_properties.created = TEMPLATE_DATE
    document.core_properties.modified = TEMPLATE_DATE
    document.core_properties.last_modified_by = "grantreports"
    document.core_properties.author = "grantreports"
    document.core_properties.language = "lv-LV" if language == "lv" else "en-GB"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"  # Liberation Sans in the PDF has the same metrics
    normal.font.size = Pt(10)
    for name, size in (("Title", 20), ("Heading 1", 13)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1D, 0x3F, 0x6E)
    document.styles["Heading 1"].paragraph_format.keep_with_next = True

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    section.left_margin, section.right_margin = Mm(18), Mm(18)
    header = section.header.paragraphs[0]
    header.add_run(labels["header"]).font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, between = labels["page"]
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(between)
    _field(footer, "NUMPAGES")

    document.add_paragraph("{{ funder }}")
    document.add_paragraph(labels["programme"])
    document.add_paragraph("{{ title }}", style="Title")
    cover = document.add_table(rows=len(labels["cover"]), cols=2)
    cover.style = "Table Grid"
    for row, (label, value) in zip(cover.rows, labels["cover"]):
        _cell_text(row.cells[0], label, bold=True)
        _cell_text(row.cells[1], value)
    _set_widths(cover, [65, 109])
    document.add_page_break()

    title, headers, empty = labels["activities"]
    document.add_heading(title, level=1)
    _conditional(document, "activities", empty, lambda: _data_table(
        document, headers, "a in activities",
        ["{{ a.activity_code }}", "{{ a.title }}",
         "{{ a.start_date | date }}{% if a.end_date and a.end_date != a.start_date %}–{{ a.end_date | date }}{% endif %}",
         "{{ a.location }}", "{{ a.target_group }}", "{{ a.participants | number }}", '{{ a.result or "" }}'],
        widths=[10, 38, 21, 22, 24, 18, 41], numeric={5}))

    title, headers, empty = labels["indicators"]
    document.add_heading(title, level=1)
    _conditional(document, "indicators", empty, lambda: _data_table(
        document, headers, "i in indicators",
        ["{{ i.code }}", "{{ i.name }}", "{{ i.unit }}", "{{ i.baseline | number }}", "{{ i.target | number }}",
         "{{ i.achieved_in_period | number }}", "{{ i.achieved_to_date | number }}", "{{ i.progress | percent }}"],
        widths=[12, 50, 20, 18, 18, 20, 20, 16], numeric={3, 4, 5, 6, 7}))

    title, headers, empty, total_label = labels["groups"]
    document.add_heading(title, level=1)
    _conditional(document, "target_groups", empty, lambda: _data_table(
        document, headers, "g in target_groups",
        ["{{ g.name }}", "{{ g.events_in_period | number }}", "{{ g.participants_in_period | number }}", "{{ g.participants_to_date | number }}"],
        widths=[74, 30, 35, 35], numeric={1, 2, 3},
        total=[total_label, "{{ target_groups_total.events_in_period | number }}",
               "{{ target_groups_total.participants_in_period | number }}", "{{ target_groups_total.participants_to_date | number }}"]))

    title, headers, empty, total_label, over = labels["budget"]
    document.add_heading(title, level=1)
    _conditional(document, "budget", empty, lambda: _data_table(
        document, headers, "b in budget",
        ["{{ b.code }}", "{{ b.category }}{% if b.description %}: {{ b.description }}{% endif %}{% if b.over_budget %}" + over + "{% endif %}",
         "{{ b.approved " + MONEY + " }}", "{{ b.spent_in_period " + MONEY + " }}", "{{ b.spent_to_date " + MONEY + " }}",
         "{{ b.remaining " + MONEY + " }}", "{{ b.used | percent }}"],
        widths=[14, 40, 25, 25, 25, 25, 20], numeric={2, 3, 4, 5, 6}, row_condition="b.over_budget",
        total=["", total_label, "{{ budget_total.approved " + MONEY + " }}", "{{ budget_total.spent_in_period " + MONEY + " }}",
               "{{ budget_total.spent_to_date " + MONEY + " }}", "{{ budget_total.remaining " + MONEY + " }}", "{{ budget_total.used | percent }}"]))

    title, empty = labels["comments"]
    document.add_heading(title, level=1)
    document.add_paragraph("{%p if comments %}")
    document.add_paragraph("{{ comments }}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph(empty).runs[0].italic = True
    document.add_paragraph("{%p endif %}")

    title, statement = labels["signature"]
    document.add_heading(title, level=1)
    document.add_paragraph(statement)
    document.add_paragraph("{{ signature.place }}, {{ signature.date | date_locative }}")
    document.add_paragraph()
    document.add_paragraph("______________________________")
    document.add_paragraph("{{ signature.name }}, {{ signature.position }}")
    return document


def main() -> None:
    for funder, language in (("sif-nvo-fonds", "lv"), ("british-council", "en")):
        make_template(language).save(TEMPLATES / funder / "report.docx")


if __name__ == "__main__":
    main()
