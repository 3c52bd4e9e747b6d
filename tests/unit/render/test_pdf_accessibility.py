"""Accessible PDFs: tagged PDF/A-3a with the document language, alt text on every chart, attachments kept."""

import pikepdf
import pytest

from grantreports.figures.formatting import Formatter
from grantreports.funders.profiles import load_profile
from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME
from tests.fixtures import BC, SIF, TEMPLATES, render, sheets


@pytest.fixture(scope="module")
def latvian(tmp_path_factory):
    """(context, PDF path) of the fixture's Latvian report, one indicator named with markup and quotes."""
    tables = sheets()
    header = tables["indicators"][0]
    row = next(r for r in tables["indicators"][1:] if r[0] == SIF)
    row[header.index("name")] = 'Forumi "<b>jauni</b>" & citi'
    folder = tmp_path_factory.mktemp("latvian")
    context, _, _, pdf_path = render(folder, tables, SIF, "interim-1")
    return context, pdf_path


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element of the PDF, depth first."""
    elements, pending = [], [pdf.Root.StructTreeRoot]
    while pending:
        element = pending.pop()
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in reversed(list(kids)):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                elements.append(kid)
                pending.append(kid)
    return elements


def test_the_pdf_is_tagged_pdfa_3a_in_the_reports_language(latvian):
    _, pdf_path = latvian
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.Root.StructTreeRoot.K) >= 1
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "lv-LV"
        metadata = pdf.open_metadata()
        assert (metadata["pdfaid:part"], metadata["pdfaid:conformance"]) == ("3", "A")
        tags = {str(element.S) for element in structure(pdf)}
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure", "/Caption"} <= tags


def test_every_chart_is_a_figure_whose_alt_text_gives_its_figures(latvian):
    context, pdf_path = latvian
    with pikepdf.open(pdf_path) as pdf:
        alts = [str(element.get("/Alt", "")) for element in structure(pdf) if element.S == "/Figure"]
    assert len(alts) == 3 and all(alts)  # indicators, participants, budget
    profile = load_profile(TEMPLATES, context.grant.funder)
    f, labels = Formatter.for_profile(profile), {name: label.lower() for name, label in profile.chart_labels.items()}
    line = context.indicators[0]
    described = (
        f"{line.code} {line.name}: {labels['target']} {f.number(line.target)}, {labels['achieved']} {f.number(line.achieved_to_date)}"
    )
    assert alts[0].startswith(f"{described} ({f.percent(line.progress)}); ")
    assert line.name == 'Forumi "<b>jauni</b>" & citi'  # markup in the data stays text
    budget = context.budget[0]
    assert f"{budget.code} {budget.category}: {labels['approved']} {f.money(budget.approved, 'EUR')}, {labels['spent']} " in alts[2]
    assert alts[1].startswith(f"{profile.chart_labels['participants']}, ")


def test_the_data_extract_and_manifest_stay_attached(latvian):
    _, pdf_path = latvian
    with pikepdf.open(pdf_path) as pdf:
        attachments = pdf.attachments
        assert set(attachments) == {SOURCES_NAME, MANIFEST_NAME}
        assert all(attachments[name].get_file().read_bytes() for name in attachments)
        assert {str(filespec.AFRelationship) for filespec in pdf.Root.AF} == {"/Data"}


def test_an_english_report_is_tagged_in_english(tmp_path):
    _, _, _, pdf_path = render(tmp_path, sheets(), BC, "final")
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        alts = [str(element.get("/Alt", "")) for element in structure(pdf) if element.S == "/Figure"]
    assert alts and all(alts) and any(": target " in alt and ", achieved " in alt for alt in alts)
