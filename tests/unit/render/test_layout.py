"""Long tables: header row repeated on every page, rows never split (PDF and Word)."""

import datetime as dt

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from grantreports.funders.profiles import load_profile
from tests.fixtures import SIF, TEMPLATES, as_funder, render, sheets

HEADER = "Akt. Pasākums Datums Vieta Mērķa grupa"


def long_report(tmp_path):
    tables = sheets()
    for day in range(90):
        tables["activities"].append(
            [
                SIF,
                "A3",
                f"Kopienas pasākums Nr. {day + 1}",
                dt.date(2023, 3, 1) + dt.timedelta(days=day),
                None,
                "Olaine",
                "iedzīvotāji",
                10 + day % 7,
                "",
                "Rezultāts\nar otru rindu",
            ]
        )
    return render(tmp_path, tables, SIF, "interim-1")


def test_pdf_repeats_the_activities_header_on_every_page_the_table_spans(tmp_path):
    _, _, _, pdf_path = long_report(tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    annex = next(index for index, text in enumerate(pages) if "1. pielikums. Pārskata periodā īstenoto pasākumu saraksts" in text)
    report, events_annex = pages[:annex], pages[annex:]
    table_pages = [text for text in report if "Kopienas pasākums Nr." in text]
    assert len(table_pages) >= 3
    assert all(HEADER in text for text in table_pages)
    # every row whole on one page: each event's number appears once in the table and once in the events annex
    for number in range(1, 91):
        assert sum(f"Kopienas pasākums Nr. {number} " in text for text in report) == 1
        assert sum(f"Kopienas pasākums Nr. {number} " in text for text in events_annex) == 1


def test_word_table_rows_repeat_their_header_and_cannot_split(tmp_path):
    long_report(tmp_path)
    document = docx.Document(tmp_path / "out" / "r.docx")
    activities = next(t for t in document.tables if t.rows[0].cells[1].text == "Pasākums")
    assert len(activities.rows) == 1 + 2 + 90  # header, the fixture's 2 rows in the period, 90 added
    header_flags = activities.rows[0]._tr.trPr.findall(qn("w:tblHeader"))
    assert header_flags and header_flags[0].get(qn("w:val")) == "true"
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in activities.rows)


MARGIN = 18 * 72 / 25.4  # left and right page margin of templates/shared/report.css, in PDF points


@pytest.mark.parametrize("funder", ["sif-nvo-fonds", "esf-labklajibas-ministrija", "mfa-lapas", "british-council", "eu-action-grant"])
def test_every_format_keeps_its_text_inside_the_page_margins(tmp_path, funder):
    tables = as_funder(funder)
    sections = [s.key for s in load_profile(TEMPLATES, funder).narrative]
    _, word, pdf, pdf_path = render(tmp_path, tables, SIF, "final")
    with pdfplumber.open(pdf_path) as document:
        outside = [c["text"] for page in document.pages for c in page.chars if c["x0"] < MARGIN - 1 or c["x1"] > page.width - MARGIN + 1]
    assert "".join(outside) == ""
    for text in (word, pdf):
        assert all(f"Teksts: {key}." in text for key in sections)
