"""Realistic text no render may crash on: any length in every place it goes, and characters the bundled
font lacks (emoji, other scripts), which the PDF shows as a placeholder while its other text still reads."""

import datetime as dt
import io
import logging
import warnings

import docx
import pytest
from pypdf import PdfReader

from grantreports.common.reproducible import build_moment, fixed_zip
from grantreports.common.spreadsheet_safety import CELL_LENGTH, safe_cell
from grantreports.figures.glyphs import PLACEHOLDER
from grantreports.render.report import PROPERTY_LENGTH
from tests.fixtures import SIF, plain, render, sheets

TITLE = ("Kaimiņu kopienu kopspēks: " + "mentorings, pieredzes brauciens, kopienu pasākumi un forumi „Ideju skrejceļš” " * 4)[
    :291
] + " Ķekavā."
GRANTEE = "Biedrība „" + "Pierīgas partnerība, " * 14 + "Mārupe”"
EMOJI = "Forums bija lielisks 😀👍🏽 un 👨‍👩‍👧 ģimenes piedalījās; ქართული სახელი; paldies!"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    assert len(TITLE) == 299 and len(GRANTEE) > 255
    tables = sheets()
    tables["grants"][1][1] = TITLE
    tables["grants"][1][4] = GRANTEE
    tables["narrative"][1][3] = EMOJI
    tables["activities"][1][6] = "kopienu līderi 🌳"  # a target group: the tables and the chart's legend
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of a glyph missing from the chart font
        return render(tmp_path_factory.mktemp("unusual"), tables, SIF, "interim-1")


def test_a_299_character_title_and_a_long_grantee_render_whole_in_the_text_cut_in_the_properties(rendered):
    _, word, pdf, pdf_path = rendered
    for text in (word, pdf):
        assert plain(TITLE) in text and plain(GRANTEE) in text
    properties = docx.Document(pdf_path.with_suffix(".docx")).core_properties
    assert len(properties.subject) == PROPERTY_LENGTH and properties.subject.endswith("…") and TITLE.startswith(properties.subject[:-1])
    assert len(properties.author) == PROPERTY_LENGTH
    assert PdfReader(pdf_path).metadata["/Subject"] == properties.subject


def test_characters_the_font_lacks_become_a_placeholder_and_the_page_text_still_reads(rendered):
    _, word, pdf, pdf_path = rendered
    shown = f"Forums bija lielisks {PLACEHOLDER} un {PLACEHOLDER} ģimenes piedalījās; {PLACEHOLDER} {PLACEHOLDER}; paldies!"
    assert shown in pdf  # pdfplumber
    pypdf_text = plain(" ".join(page.extract_text() for page in PdfReader(pdf_path).pages))
    assert shown in pypdf_text and "\x00" not in pypdf_text
    assert f"kopienu līderi {PLACEHOLDER}" in pdf
    assert plain(EMOJI) in word  # Word falls back to a font of its own: the text stays as typed


def test_dates_a_zip_file_cannot_hold_are_kept_to_its_years():
    assert build_moment(dt.date(2203, 5, 1)) == dt.datetime(2107, 12, 31, tzinfo=dt.UTC)
    assert build_moment(dt.date(1970, 1, 1)) == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    document = docx.Document()
    document.add_paragraph("x")
    fixed_zip(_saved(document), build_moment(dt.date(2203, 5, 1)))  # no struct.error


def test_a_spreadsheet_cell_takes_any_text_cut_to_what_excel_holds():
    assert len(safe_cell("Ž" * 40000)) == CELL_LENGTH
    assert safe_cell("=1+1") == "'=1+1"


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
