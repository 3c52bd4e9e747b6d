"""The overview page's parts without Snakemake: each report's status, the figures remembered per grant."""

import lxml.html
import pytest

from grantreports import overview
from grantreports.checks.extraction import Extraction, ReportTarget, data_file
from grantreports.common.problems import EVERY_GRANT, Problem
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from grantreports.overview import Build, closing_line, overview_page, write_overview
from grantreports.render.failures import Failure
from tests.fixtures import AS_OF, BC, SIF, TEMPLATES, D, group, sheets, write_workbook

SIF_DIR, BC_DIR = "2023-lv-nvof-mac-041-58", "bc-lv-p2p-2023-04"
TARGETS = [
    ReportTarget(SIF, SIF_DIR, "interim-1", "sif-nvo-fonds", D("2023-12-31")),
    ReportTarget(SIF, SIF_DIR, "final", "sif-nvo-fonds", D("2024-10-31")),
    ReportTarget(BC, BC_DIR, "final", "british-council", D("2023-12-31")),
]


@pytest.fixture
def project(tmp_path):
    """results/grants/ for both fixture grants, and outputs/ with every file of SIF's reports."""
    workbook = write_workbook(tmp_path / "inputs" / "grants.xlsx", sheets())
    grants, problems = group(read_file(workbook, "inputs/grants.xlsx", sheet_specs())[0])
    assert problems == []
    for data in grants.values():
        data_file(tmp_path / "results", data.grant.slug).parent.mkdir(parents=True, exist_ok=True)
        data_file(tmp_path / "results", data.grant.slug).write_text(data.to_json(), encoding="utf-8")
    for report in ("interim-1", "final"):
        for suffix in ("pdf", "docx", "sources.xlsx", "manifest.json"):
            (tmp_path / "outputs" / SIF_DIR).mkdir(parents=True, exist_ok=True)
            (tmp_path / "outputs" / SIF_DIR / f"{report}.{suffix}").write_bytes(b"x")
    return tmp_path


def rows(page):
    document = lxml.html.fromstring(page)
    return {
        (row.xpath("ancestor::article/@id")[0], row.xpath("td/b/text()")[0]): (
            row.get("class"),
            " ".join(row.xpath("td")[1].text_content().split()),
            row.xpath("td//a/@href"),
        )
        for row in document.xpath("//table[contains(@class, 'reports')]/tbody/tr")
    }


def test_each_report_says_whether_it_was_built_and_why_not(project):
    failure = Failure(f"{BC_DIR}/final", BC, "ValueError: no page", "logs/render/batch-007.log")
    extraction = Extraction(TARGETS, [], {"inputs/grants.xlsx": "ab" * 32}, [SIF, BC])
    build = Build(extraction, frozenset(TARGETS[1:]), [failure], AS_OF, "config/config.yaml")
    page, built = overview_page(build, project / "outputs", project / "results", TEMPLATES, project)
    assert built == 1
    found = rows(page)
    status, text, links = found[(f"grant-{SIF_DIR}", "Interim report 1")]
    assert status == "skipped" and text.startswith("Left out The config's grants key leaves this grant out of this build.")
    assert "from an earlier build" in text and links == [
        f"{SIF_DIR}/interim-1.pdf",
        f"{SIF_DIR}/interim-1.docx",
        f"{SIF_DIR}/interim-1.sources.xlsx",
    ]
    assert found[(f"grant-{SIF_DIR}", "Final report")][:2] == ("built", "Built")
    status, text, links = found[(f"grant-{BC_DIR}", "Final report")]
    assert status == "failed" and text.startswith("Could not be made ValueError: no page. This is a fault in grantreports")
    assert links == ["../logs/render/batch-007.log"]


def test_a_report_whose_files_are_missing_is_not_built(project):
    extraction = Extraction(TARGETS, [], {}, [SIF, BC])
    page, built = overview_page(
        Build(extraction, frozenset(TARGETS), [], AS_OF, "c.yaml"), project / "outputs", project / "results", TEMPLATES, project
    )
    assert built == 2
    status, text, links = rows(page)[(f"grant-{BC_DIR}", "Final report")]
    assert status == "missing" and "The build stopped before this report" in text and links == []


def test_an_error_of_every_grant_is_listed_apart_and_blocks_each_grant(project):
    problem = Problem("the file cannot be opened", file="inputs/broken.xlsx", grant=EVERY_GRANT)
    extraction = Extraction([], [problem], {}, [SIF, BC])
    page, built = overview_page(
        Build(extraction, frozenset(), [], AS_OF, "c.yaml"), project / "outputs", project / "results", TEMPLATES, project
    )
    document = lxml.html.fromstring(page)
    assert built == 0
    assert [" ".join(td.text_content().split()) for td in document.xpath('//section[@id="problems-all"]//tbody/tr/td')][:2] == [
        "error",
        "inputs/broken.xlsx",
    ]
    for card in document.xpath("//article"):
        assert "blocked" in card.get("class")
        assert "No report is made for any grant until the errors that concern every grant are fixed." in card.text_content()


def test_the_figures_are_remembered_until_the_grant_data_changes(project, monkeypatch):
    extraction = Extraction(TARGETS, [], {}, [SIF, BC])
    build = Build(extraction, frozenset(TARGETS), [], AS_OF, "c.yaml")
    first = write_overview(build, project / "outputs", project / "results", TEMPLATES)
    page = (project / "outputs" / "index.html").read_bytes()

    def computed_again(*args):
        raise AssertionError("computed again")

    monkeypatch.setattr(overview, "grant_summary", computed_again)
    assert write_overview(build, project / "outputs", project / "results", TEMPLATES) == first
    assert (project / "outputs" / "index.html").read_bytes() == page
    path = data_file(project / "results", BC_DIR)
    path.write_text(path.read_text(encoding="utf-8").replace("Active Communities", "Active Towns"), encoding="utf-8")
    with pytest.raises(AssertionError, match="computed again"):
        write_overview(build, project / "outputs", project / "results", TEMPLATES)


def test_the_closing_line_counts_the_reports():
    assert closing_line(1, overview.Path("outputs")) == "grantreports: 1 report in outputs/; overview: outputs/index.html"
    assert closing_line(10, overview.Path("outputs")) == "grantreports: 10 reports in outputs/; overview: outputs/index.html"
