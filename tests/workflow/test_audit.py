"""For auditors: byte-identical rebuilds, manifests, PDF/A-3 with attachments, `verify`, and the data extract."""

import json
import shutil
import zipfile
from decimal import Decimal

import openpyxl
import pikepdf
import pytest

from grantreports.__main__ import main
from grantreports.common.files import sha256_file
from tests.fixtures import SIF, TEMPLATES, pdf_text, write_project
from tests.workflow.test_build import BC_DIR, SIF_DIR, snakemake

REPORT = f"outputs/{SIF_DIR}/final"


def build(folder, inputs_from=None):
    project = write_project(folder)
    if inputs_from:  # the very same input file (openpyxl stamps each workbook it writes with the time)
        shutil.copy2(inputs_from / "inputs" / "grants.xlsx", project / "inputs" / "grants.xlsx")
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    return project


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = build(tmp_path_factory.mktemp("first"))
    return first, build(tmp_path_factory.mktemp("second"), inputs_from=first)


def test_two_clean_builds_in_different_folders_give_the_same_bytes(two_builds):
    first, second = two_builds
    files = sorted(p.relative_to(first).as_posix() for p in (first / "outputs").rglob("*") if p.is_file())
    assert len(files) == 3 * 4 + 4  # 3 reports × 4 files, validation.txt, .xlsx, .html and the overview index.html
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_office_files_carry_the_submission_date_not_the_build_time(two_builds):
    first, _ = two_builds
    for suffix in (".docx", ".sources.xlsx"):
        with zipfile.ZipFile(first / f"{REPORT}{suffix}") as archive:
            assert {entry.date_time for entry in archive.infolist()} == {(2024, 11, 30, 0, 0, 0)}  # the due date: no submission date given
            core = archive.read("docProps/core.xml").decode()
            assert "2024-11-30T00:00:00Z" in core and "2026" not in core


def test_the_manifest_names_every_input_template_tool_and_output_with_its_hash(two_builds):
    first, _ = two_builds
    manifest = json.loads((first / f"{REPORT}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["grant_number"] == SIF and manifest["report"] == "final" and manifest["manifest_version"] == 1
    assert manifest["inputs"] == {"inputs/grants.xlsx": sha256_file(first / "inputs" / "grants.xlsx")}
    assert manifest["grant_data"] == {f"results/grants/{SIF_DIR}.json": sha256_file(first / "results" / "grants" / f"{SIF_DIR}.json")}
    templates = manifest["templates"]
    assert {"sif-nvo-fonds/profile.yaml", "sif-nvo-fonds/report.docx", "sif-nvo-fonds/report.html", "shared/report.css"} <= set(templates)
    assert not any("british-council" in path for path in templates)
    assert all(sha256_file(TEMPLATES / path) == digest for path, digest in templates.items())
    assert set(manifest["tools"]) >= {"python", "snakemake", "docxtpl", "weasyprint", "pandas", "babel", "matplotlib", "grantreports"}
    assert manifest["workflow"] is None or len(manifest["workflow"]["commit"]) == 40
    assert manifest["outputs"] == {f"{REPORT}{s}": sha256_file(first / f"{REPORT}{s}") for s in (".docx", ".pdf", ".sources.xlsx")}
    text = (first / f"{REPORT}.manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_pdf_is_pdf_a_3_with_the_extract_and_manifest_attached_and_fonts_embedded(two_builds):
    first, _ = two_builds
    with pikepdf.open(first / f"{REPORT}.pdf") as pdf:
        assert not pdf.is_encrypted
        xmp = pdf.open_metadata()
        assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "A")  # tagged: accessible (test_pdf_accessibility)
        assert str(pdf.docinfo["/Title"]) == f"Noslēguma atskaite – {SIF}"
        assert str(pdf.docinfo["/Author"]) == "Biedrība „Pierīgas partnerība”"
        assert str(pdf.Root.Lang) == "lv-LV"
        attachments = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
        assert attachments["sources.xlsx"] == (first / f"{REPORT}.sources.xlsx").read_bytes()
        attached = json.loads(attachments["manifest.json"])
        delivered = json.loads((first / f"{REPORT}.manifest.json").read_text(encoding="utf-8"))
        assert {k: v for k, v in delivered.items() if k in attached} == attached
        fonts = [font for page in pdf.pages for font in (page.Resources.get("/Font") or {}).values()]
        assert fonts
        for font in fonts:
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_extract_rows_sum_to_the_totals_the_report_prints(two_builds):
    first, _ = two_builds
    workbook = openpyxl.load_workbook(first / f"{REPORT}.sources.xlsx", read_only=True)
    rows = list(workbook["rows"].iter_rows(min_row=2, values_only=True))
    totals = {figure: total for figure, total, _ in workbook["figures"].iter_rows(min_row=2, values_only=True)}

    def summed(figure):
        return sum(Decimal(str(value)) for name, value, *_ in rows if name == figure)

    # the budget total row of the report: spent in period 1 690,00, to date 2 924,56 (see test_build)
    assert summed("budget total: spent: in period") == Decimal(1690) == Decimal(str(totals["budget total: spent: in period"]))
    assert summed("budget total: spent: to date") == Decimal("2924.56")
    assert summed("indicator R4 Foruma dalībnieki: achieved: to date") == 105
    assert summed("all target groups: participants: to date") == 9 + 58 + 47
    publicity = [row for row in rows if row[0] == "budget line 5 Publicitāte: spent: to date"]
    assert [(file, sheet, row) for _, _, file, sheet, row, _ in publicity] == [("inputs/grants.xlsx", "expenses", 4)]
    text = pdf_text(first / f"{REPORT}.pdf")
    assert "3. pielikums. Atskaites datu avoti" in text
    assert "inputs/grants.xlsx expenses 2–4 3" in text and "inputs/grants.xlsx indicators 2–4 3" in text


@pytest.fixture
def verified(tmp_path):
    """A built project, and the verify command run in it: returns (exit code, printed lines)."""
    project = build(tmp_path / "project")

    def run(capsys, monkeypatch):
        monkeypatch.chdir(project)
        code = main(["verify", "--cores", "2"])
        return code, capsys.readouterr().out.splitlines()

    return project, run


def test_verify_passes_an_untouched_build(verified, capsys, monkeypatch):
    _, run = verified
    code, lines = run(capsys, monkeypatch)
    assert code == 0
    assert lines == [
        f"OK       {SIF_DIR}/final",
        f"OK       {SIF_DIR}/interim-1",
        f"OK       {BC_DIR}/final",
        "grantreports verify: 3 report(s), 0 differ(s).",
    ]


def test_verify_tells_an_input_change_a_template_change_and_an_edited_output_apart(verified, capsys, monkeypatch, tmp_path):
    project, run = verified
    workbook = openpyxl.load_workbook(project / "inputs" / "grants.xlsx")
    workbook["activities"]["H4"] = 50  # SIF forum of 20.04.2024: 47 -> 50 participants
    workbook.save(project / "inputs" / "grants.xlsx")
    templates = tmp_path / "templates"  # a copy, moved: only the edited file counts as changed
    shutil.copytree(TEMPLATES, templates)
    config = project / "config" / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(TEMPLATES), str(templates)), encoding="utf-8")
    with (templates / "british-council" / "style.css").open("a", encoding="utf-8") as css:
        css.write("h2 { color: #000000; }\n")
    pdf = project / "outputs" / SIF_DIR / "interim-1.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"%edited\n")
    code, lines = run(capsys, monkeypatch)
    assert code == 1
    by_report = {line.split()[1].rstrip(":"): line for line in lines[:-1]}
    assert by_report[f"{SIF_DIR}/final"] == f"DIFFERS  {SIF_DIR}/final: input changed: inputs/grants.xlsx"
    assert by_report[f"{SIF_DIR}/interim-1"].startswith(
        f"DIFFERS  {SIF_DIR}/interim-1: output edited after the build: outputs/{SIF_DIR}/interim-1.pdf; input changed"
    )
    assert by_report[f"{BC_DIR}/final"] == f"DIFFERS  {BC_DIR}/final: template changed: british-council/style.css"
    assert lines[-1] == "grantreports verify: 3 report(s), 3 differ(s)."


def test_snakemakes_own_report_lists_every_output_with_its_caption(two_builds):
    first, _ = two_builds
    run = snakemake(first, "--report", "report.html")
    assert run.returncode == 0, run.stderr
    html = (first / "report.html").read_text(encoding="utf-8")
    for caption in ("Word report, in the funder", "PDF/A-3b report;", "Data extract:", "Manifest:"):
        assert caption in html, caption
    for folder, report in ((SIF_DIR, "final"), (SIF_DIR, "interim-1"), (BC_DIR, "final")):
        for ext in ("docx", "pdf", "sources.xlsx", "manifest.json"):
            assert f"outputs/{folder}/{report}.{ext}" in html, (folder, report, ext)
