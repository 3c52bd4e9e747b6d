"""A finished page in both formats of every example report: no heading last on a page, no table split
leaving fewer than 2 rows on a page or its total alone, small tables whole, no page under a third full
but the last of the report or of a part. The rules are in tests/pages.py; Word is checked on
LibreOffice's PDF conversion of the .docx."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from grantreports.checks.extraction import data_file, extract
from grantreports.render.report import render_report
from grantreports.render.report_files import ReportFiles
from tests.fixtures import REPO, TEMPLATES
from tests.pages import Table, findings, read_pages, split_findings

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _render_examples(folder: Path, templates: Path, only: str | None = None) -> dict[str, Path]:
    """Every report of the example inputs (or the one named `only`), rendered from `templates`: name → PDF path."""
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    results = folder / "results"
    extraction = extract(REPO, config["inputs"], TEMPLATES, results, dt.date.fromisoformat(config["as_of"]))
    rendered = {}
    for report in extraction.due(dt.date.fromisoformat(config["as_of"])):
        name = f"{report.funder}/{report.report_slug}"
        if only and name != only:
            continue
        pdf = folder / "out" / report.grant_slug / f"{report.report_slug}.pdf"
        render_report(
            data_file(results, report.grant_slug),
            report.report_slug,
            templates,
            ReportFiles.beside(pdf),
            extraction.input_hashes,
            ReportFiles.beside(folder / "kept" / report.grant_slug / f"{report.report_slug}.pdf"),
        )
        rendered[name] = pdf
    return rendered


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, Path]:
    return _render_examples(tmp_path_factory.mktemp("examples"), TEMPLATES)


@pytest.fixture(scope="module")
def word_as_pdf(examples, tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's PDF of each example .docx, all converted in one call."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: the Word files' pages are not checked")
    folder = tmp_path_factory.mktemp("word")
    copies = {}
    for name, pdf in examples.items():
        copy = folder / f"{name.replace('/', '--')}.docx"
        shutil.copyfile(pdf.with_suffix(".docx"), copy)
        copies[name] = copy.with_suffix(".pdf")
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"  # never the user's own LibreOffice profile
    subprocess.run(
        [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, sorted(folder.glob("*.docx")))],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return copies


FUNDERS = ["sif-nvo-fonds", "esf-labklajibas-ministrija", "mfa-lapas", "british-council", "eu-action-grant"]
REPORTS = [f"{funder}/{slug}" for funder in FUNDERS for slug in ("final", "interim-1")]


@pytest.mark.parametrize("report", REPORTS)
def test_every_pdf_page_is_finished(examples, report):
    assert findings(read_pages(examples[report])) == []


@pytest.mark.parametrize("report", REPORTS)
def test_every_word_page_is_finished_in_libreoffice(word_as_pdf, report):
    assert findings(read_pages(word_as_pdf[report])) == []


# Each rule fails on a page made wrong on purpose: the SIF final report with one rule of CSS added.
BROKEN = {
    "h2 { break-after: page; }": "a heading is the last thing on the page",
    "tbody tr:nth-child(2) { break-before: page; }": "fewer than 2 on one page",
    "table.whole { break-inside: auto; } table.whole tbody tr:nth-child(3) { break-before: page; }": "rows is split",
    "h2 { break-before: page; }": "under a third",
}


@pytest.mark.parametrize("css", BROKEN)
def test_each_rule_finds_a_page_broken_on_purpose(tmp_path, css):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with (templates / "shared" / "report.css").open("a", encoding="utf-8") as style:
        style.write(f"\n{css}\n")
    pdf = _render_examples(tmp_path, templates, only="sif-nvo-fonds/final")["sif-nvo-fonds/final"]
    found = findings(read_pages(pdf))
    assert any(BROKEN[css] in finding for finding in found), found


def test_a_total_row_alone_on_a_page_is_found():
    """WeasyPrint keeps a total row with the row before it even when told to break there, so this rule is shown on rows."""
    header, row, total = ("Mērķa grupa Pasākumi periodā", True), ("senioru 1 25", False), ("Kopā 6 232", True)
    before = Table(300, 780, [header] + [row] * 9)
    assert any("total row is alone" in f for f in split_findings(3, before, Table(60, 90, [header, total])))
    assert split_findings(3, before, Table(60, 120, [header, row, row, total])) == []
