"""Rendered documents, opened as a reader would: python-docx for Word, pdfplumber for PDF."""

import logging

import pdfplumber
import pypdf
import pytest

from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import load_profile
from grantreports.render.pdf import BundledFilesOnly
from tests.fixtures import BC, REPO, SIF, plain, render, sheets

TEMPLATES = REPO / "templates"
# Environmental, not a defect of the document: Debian's libharfbuzz-subset0 is not installed.
FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"


def weasyprint_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "weasyprint" and FONTTOOLS_FALLBACK not in r.getMessage()]


def column_text(pdf_path, header: str, next_header: str) -> str:
    """The text of one table column, on every page where the column's header shows, its lines joined by spaces."""
    texts = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = {w["text"]: w for w in page.extract_words()}
            if header in words and next_header in words and words[next_header]["x0"] > words[header]["x0"]:  # not another table's
                column = page.crop((words[header]["x0"] - 1, 0, words[next_header]["x0"] - 1, page.height))
                texts.append(" ".join((column.extract_text() or "").split()))
    return " ".join(texts)


def every_figure(context) -> list[str]:
    """Each amount, count and percentage the report shows, formatted as the report formats it."""
    f = Formatter.for_profile(load_profile(TEMPLATES, context.grant.funder))
    currency = context.grant.currency
    figures = []
    for line in context.budget + [context.budget_total]:
        figures += [f.money(getattr(line, name), currency) for name in ("approved", "spent_in_period", "spent_to_date", "remaining")]
        # British Council's financial report shows the deviation from the original budget, the others the share used
        figures.append(f.percent(line.deviation if context.grant.funder == "british-council" else line.used))
    for indicator in context.indicators:
        figures += [f.number(indicator.target), f.number(indicator.achieved_to_date), f.percent(indicator.progress)]
    figures += [f.number(context.target_groups_total.participants_to_date)]
    return [plain(figure) for figure in figures]


def test_latvian_report_carries_cover_figures_and_place_date_line_in_both_formats(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    context, word, pdf, pdf_path = render(tmp_path, sheets(), SIF, "interim-1")
    for text in (word, pdf):
        assert "2023.LV/NVOF/MAC/041/58" in text
        assert "Kaimiņu kopienu kopspēks" in text and "Biedrība „Partnerība Daugavkrasts”" in text
        assert "Rīgā, 2024. gada 15. oktobrī" in text
        assert "1 234,56 EUR" in text
        assert "Starpposma atskaite Nr. 1" in text
        for figure in every_figure(context):
            assert figure in text, figure
    pages = len(pypdf.PdfReader(pdf_path).pages)
    assert all(f"Lapa {page} no {pages}" in pdf for page in range(1, pages + 1))
    assert weasyprint_warnings(caplog) == []


def test_english_report_uses_english_style(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    context, word, pdf, _ = render(tmp_path, sheets(), BC, "final")
    for text in (word, pdf):
        assert "Final Report" in text and "Riga, 31 January 2024" in text
        assert "250.50 EUR" in text and "749.50 EUR" in text
        for figure in every_figure(context):
            assert figure in text, figure
    assert "Page 1 of" in pdf
    assert weasyprint_warnings(caplog) == []


def test_markup_in_the_data_prints_literally_and_fetches_nothing(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    tables = sheets()
    hostile = 'Tom & Jerry <b>x</b> {{ 7*7 }} <img src="file:///etc/passwd">'
    tables["activities"][1][2] = hostile
    _, word, pdf, pdf_path = render(tmp_path, tables, SIF, "interim-1")
    assert hostile in word
    assert 'Tom & Jerry <b>x</b> {{ 7*7 }} <img src="file:///etc/' in column_text(pdf_path, "Pasākums", "Datums")  # its cell wraps
    assert "root:" not in pdf and "49" not in column_text(pdf_path, "Pasākums", "Datums")
    assert weasyprint_warnings(caplog) == []  # no refused fetch: nothing asked for one


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.org/x.css",
        (TEMPLATES / "sif-nvo-fonds" / ".." / ".." / "README.md").as_uri(),  # exists, but outside the template folders
        "data:text/css,body{}",
    ],
)
def test_the_pdf_url_fetcher_serves_only_template_files(url):
    fetcher = BundledFilesOnly(TEMPLATES / "sif-nvo-fonds", TEMPLATES / "shared")
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.fetch((TEMPLATES / "shared" / "report.css").as_uri()).read().startswith(b"/*")
