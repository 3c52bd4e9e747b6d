"""The overview page, outputs/index.html: written by every build, failed or not, read as a project manager
reads it (statuses, figures, problems by grant) and opened in a real browser, offline, from the file system."""

import os
import shutil
import struct
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from tests.fixtures import SIF, sheets, write_project, write_workbook
from tests.workflow.test_build import BC_DIR, SIF_DIR, snakemake

CLOSING = "grantreports: {count} in outputs/; overview: outputs/index.html"


def page(folder):
    return lxml.html.fromstring((folder / "outputs" / "index.html").read_text(encoding="utf-8"))


def text(element):
    return " ".join(element.text_content().replace("\u00a0", " ").split())


def grant(document, slug):
    (card,) = document.xpath(f'//article[@id="grant-{slug}"]')
    return card


def report_rows(card):
    """Each report row of a grant's card: {report title: [cell texts]}, and the rows themselves."""
    rows = card.xpath(".//table[contains(@class, 'reports')]/tbody/tr")
    return {text(row.xpath("td")[0].xpath("b")[0]): [text(td) for td in row.xpath("td")] for row in rows}, rows


def problem_table(document, anchor):
    (section,) = document.xpath(f'//section[@id="{anchor}"]')
    return [[text(td) for td in row.xpath("td")] for row in section.xpath(".//tbody/tr")]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same project built twice: with an error in one grant's rows (the build fails), then fixed."""
    tables = sheets()
    tables["activities"][2][7] = 2.5  # SIF participants, row 3
    folder = write_project(tmp_path_factory.mktemp("overview"), tables)
    failed = snakemake(folder)
    failed_page = (folder / "outputs" / "index.html").read_bytes()
    write_workbook(folder / "inputs" / "grants.xlsx", sheets())
    fixed = snakemake(folder)
    return folder, failed, failed_page, fixed


@pytest.fixture(scope="module")
def failed(builds):
    _, run, failed_page, _ = builds
    assert run.returncode != 0
    return run, lxml.html.fromstring(failed_page.decode("utf-8"))


def test_a_failed_build_writes_the_page_and_still_ends_with_its_problems(failed):
    run, _ = failed
    assert run.stderr.rstrip().endswith("expected a whole number, e.g. 12")
    assert CLOSING.format(count="1 report") in run.stderr
    assert "Traceback" not in run.stderr


def test_the_grant_with_an_error_has_no_report_and_links_to_its_problems(failed):
    _, document = failed
    card = grant(document, SIF_DIR)
    assert "blocked" in card.get("class")
    assert "No report: the inputs have errors" in text(card)
    cells, rows = report_rows(card)
    assert list(cells) == ["Interim report 1", "Final report"]  # the periods it would report on
    for row in rows:
        assert row.get("class") == "blocked"
        assert "Not built The grant's rows have errors. See its problems" in text(row)
        assert row.xpath(".//a/@href") == [f"#problems-{SIF_DIR}"]
    assert card.xpath(".//footer/a/@href") == [f"#problems-{SIF_DIR}"]
    assert text(card.xpath(".//footer")[0]) == "In this grant's rows: 1 error"


def test_the_problems_are_listed_by_grant_with_file_sheet_row_column_and_value(failed):
    _, document = failed
    assert problem_table(document, f"problems-{SIF_DIR}") == [
        ["error", "inputs/grants.xlsx", "activities", "3", "participants", "2,5", "expected a whole number, e.g. 12"]
    ]
    (heading,) = document.xpath(f'//section[@id="problems-{SIF_DIR}"]/h3')
    assert f"Problems of grant {SIF}" in text(heading)
    assert not document.xpath('//section[@id="problems-all"]')  # no problem concerns every grant
    assert not document.xpath(f'//section[@id="problems-{BC_DIR}"]')


def test_the_grant_without_an_error_is_built_with_its_figures_and_files(failed):
    _, document = failed
    card = grant(document, BC_DIR)
    assert "built" in card.get("class").split()
    assert "Active Communities in Latgale" in text(card) and "British Council" in text(card)
    cells, rows = report_rows(card)
    report, status, budget, participants, indicators, files = cells["Final report"]
    assert report == "Final report 1 Jan 2023 – 31 Dec 2023 · Due 31 Jan 2024"
    assert status == "Built"
    assert budget == "25% 250.50 EUR of 1,000.00 EUR"  # spent to date ÷ approved
    assert participants == "48"
    assert indicators == "0 of 1 reached mean progress 50%"  # one centre opened of two
    assert files == "PDF Word data extract"
    assert rows[0].xpath(".//td[@class='files']/a/@href") == [f"{BC_DIR}/final.pdf", f"{BC_DIR}/final.docx", f"{BC_DIR}/final.sources.xlsx"]


def test_the_page_names_the_build_by_its_date_and_inputs_and_needs_no_script(failed):
    _, document = failed
    assert text(document.xpath("//h1")[0]) == "Grant reports: overview"
    assert "Reports due by 30 November 2024" in text(document)
    build = text(document.xpath("//dl[@class='build']")[0])
    assert "30 November 2024" in build and "inputs/grants.xlsx" in build and "config/config.yaml" in build
    assert document.xpath("//dl[@class='build']//a/@href") == ["../inputs/grants.xlsx"]
    tiles = [text(tile) for tile in document.xpath("//div[contains(@class, 'tile')]")]
    assert tiles == ["1 report built", "2 reports not built", "2 grants", "1 error in the inputs", "0 warnings or notes"]
    assert not document.xpath("//script") and not document.xpath("//@*[starts-with(name(), 'on')]")
    assert document.get("lang") == "en"


def test_a_successful_build_ends_with_one_line_on_its_reports_and_the_page(builds):
    folder, _, _, run = builds
    assert run.returncode == 0, run.stderr
    assert run.stderr.rstrip().splitlines()[-1] == CLOSING.format(count="3 reports")
    document = page(folder)
    cells, _ = report_rows(grant(document, SIF_DIR))
    assert cells["Final report"][1:5] == [
        "Built",
        "97% 2,924.56 EUR of 3,000.00 EUR",
        "114",  # every participation to the end of the period
        "0 of 3 reached mean progress 69%",  # forums 2 of 3, participants 105 of 150, publications 7 of 10
    ]
    assert "The inputs have no problems." in text(document)
    assert not document.xpath("//section[contains(@class, 'problems')]")


def test_a_build_with_nothing_to_do_leaves_the_page_and_one_without_the_page_writes_it(builds):
    folder, *_ = builds
    before = (folder / "outputs" / "index.html").read_bytes()
    assert "Nothing to be done" in snakemake(folder).stderr
    (folder / "outputs" / "index.html").unlink()
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    assert (folder / "outputs" / "index.html").read_bytes() == before  # the same build, the same bytes


# In a real browser: Chromium from Debian's packages, installed here when it is missing.


@pytest.fixture(scope="session")
def chromium():
    """The path of Chromium, installed with apt-get (as root, or through sudo -n) when it is missing; the tests
    that need it are skipped, saying why, where it cannot be installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip("Chromium is not installed and this system has no apt-get to install Debian's package 'chromium'")
    if os.geteuid() == 0:
        prefix = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        pytest.skip("Chromium is not installed, and installing it needs root: run `sudo apt-get install chromium`")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, "apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    run = subprocess.run(install, capture_output=True, text=True, env=environment, timeout=1800, check=False)
    if run.returncode != 0:  # the package lists may be missing or stale
        subprocess.run([*prefix, "apt-get", "update"], capture_output=True, env=environment, timeout=600, check=False)
        run = subprocess.run(install, capture_output=True, text=True, env=environment, timeout=1800, check=False)
    found = shutil.which("chromium")
    if run.returncode != 0 or not found:
        pytest.skip(f"Chromium could not be installed with apt-get: {run.stderr.strip()[-500:]}")
    return found


def headless(chromium, *args, home):
    """Chromium without a display, a sandbox (containers and root have none) or the user's profile."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={home}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "HOME": str(home)})


@pytest.mark.parametrize("build", ["failed", "fixed"])
def test_in_a_browser_every_link_leads_to_a_file_or_a_place_of_the_page(builds, chromium, tmp_path, build):
    """The page as Chromium reads it from the file system; a screenshot of it (GRANTREPORTS_SCREENSHOTS: a folder
    to keep it in, to look at)."""
    folder, _, failed_page, _ = builds
    index = folder / "outputs" / "index.html"
    if build == "failed":  # beside the page of the fixed build, so that its links lead where they led
        index = index.with_name("index-failed.html")
        index.write_bytes(failed_page)
    try:
        dumped = headless(chromium, "--dump-dom", index.as_uri(), home=tmp_path)
        assert dumped.returncode == 0, dumped.stderr
        document = lxml.html.fromstring(dumped.stdout)
        assert text(document.xpath("//h1")[0]) == "Grant reports: overview"  # the browser read the page
        ids = set(document.xpath("//@id"))
        links = document.xpath("//a/@href")
        assert len([href for href in links if not href.startswith("#")]) >= {"failed": 1, "fixed": 3}[build] * 3 + 2
        for href in links:
            if href.startswith("#"):
                assert href[1:] in ids, href
                continue
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"not a relative link: {href}"
            assert (index.parent / unquote(parts.path)).resolve().is_file(), f"links to a missing file: {href}"
        screenshot = tmp_path / f"overview-{build}.png"
        shot = headless(chromium, f"--screenshot={screenshot}", "--window-size=1280,2000", index.as_uri(), home=tmp_path)
        assert shot.returncode == 0, shot.stderr
        data = screenshot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 2000)
        kept = os.environ.get("GRANTREPORTS_SCREENSHOTS")
        if kept:
            Path(kept).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(screenshot, Path(kept) / screenshot.name)
    finally:
        if build == "failed":
            index.unlink()
