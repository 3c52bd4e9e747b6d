"""Snakemake run on a tiny project in a temporary folder, as a project manager would run it."""

import shutil
import subprocess
import sys

import openpyxl
import pytest

from tests.fixtures import BC, REPO, SIF, pdf_text, sheets, word_text, write_project, write_workbook

SIF_DIR, BC_DIR = "2023-lv-nvof-mac-041-58", "bc-lv-p2p-2023-04"


def snakemake(folder, *args, snakefile=REPO / "Snakefile"):
    command = [sys.executable, "-m", "snakemake", "-s", str(snakefile), "-d", str(folder), "--cores", "2", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = write_project(tmp_path_factory.mktemp("project"))
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    return folder


def test_every_due_report_is_built_in_both_formats(built):
    outputs = sorted(p.relative_to(built / "outputs").as_posix() for p in (built / "outputs").rglob("*.*"))
    kinds = ("docx", "manifest.json", "pdf", "sources.xlsx")
    assert outputs == [f"{SIF_DIR}/final.{k}" for k in kinds] + [f"{SIF_DIR}/interim-1.{k}" for k in kinds] + [
        f"{BC_DIR}/final.{k}" for k in kinds
    ] + ["index.html", "validation.html", "validation.txt", "validation.xlsx"]


def test_word_and_pdf_carry_the_grant_diacritics_and_the_same_totals(built):
    for text in (word_text(built / "outputs" / SIF_DIR / "final.docx"), pdf_text(built / "outputs" / SIF_DIR / "final.pdf")):
        assert SIF in text and "Ķekavas novads" in text
        # budget total row: approved, spent in period, spent to date, remaining, % used
        assert "Kopā 3 000,00 EUR 1 690,00 EUR 2 924,56 EUR 75,44 EUR 97 %" in text
        assert "Rīgā, 2024. gada 30. novembrī" in text


def test_a_second_run_with_nothing_changed_runs_no_job(built):
    run = snakemake(built)
    assert run.returncode == 0
    assert "Nothing to be done" in run.stdout + run.stderr


def test_a_deleted_report_file_is_put_back_by_the_next_run(built):
    pdf = built / "outputs" / SIF_DIR / "interim-1.pdf"
    before = pdf.read_bytes()
    pdf.unlink()
    run = snakemake(built)
    assert run.returncode == 0, run.stderr
    assert "render_batch" in run.stdout + run.stderr  # its batch's job ran again
    assert pdf.read_bytes() == before
    assert "Nothing to be done" in snakemake(built).stderr


def test_a_change_of_the_code_rebuilds_the_reports(tmp_path):
    """Jobs rerun on file dates; the code comes in as results/code.txt, its digest."""
    workflow = tmp_path / "workflow"  # a copy of the workflow, whose code the test can change
    workflow.mkdir()
    for file_name in ("Snakefile", "environment.yml"):  # the rules name environment.yml as their conda environment
        shutil.copyfile(REPO / file_name, workflow / file_name)
    for folder_name in ("rules", "grantreports", "schemas", "profiles", "report"):
        shutil.copytree(REPO / folder_name, workflow / folder_name, ignore=shutil.ignore_patterns("__pycache__"))
    folder = write_project(tmp_path / "project", config_extra="render_batches: 1\n")
    assert snakemake(folder, snakefile=workflow / "Snakefile").returncode == 0
    assert "Nothing to be done" in snakemake(folder, snakefile=workflow / "Snakefile").stderr
    shutil.rmtree(folder / "logs")  # the first build's job logs
    with (workflow / "grantreports" / "figures" / "context.py").open("a") as code:
        code.write("\n# a change\n")
    run = snakemake(folder, snakefile=workflow / "Snakefile")
    assert run.returncode == 0, run.stderr
    assert rendered_reports(folder) == [f"{SIF_DIR}/final", f"{SIF_DIR}/interim-1", f"{BC_DIR}/final"]


def rendered_reports(folder):
    """The reports the batch jobs' logs say were rendered (not restored)."""
    lines = [line for log in (folder / "logs" / "render").glob("*.log") for line in log.read_text().splitlines()]
    return sorted(line.split()[1].rstrip(":") for line in lines if line.endswith(" s") and ": rendered in " in line)


def test_editing_one_row_of_one_grant_rebuilds_only_that_grants_reports(tmp_path):
    folder = write_project(tmp_path, config_extra="render_batches: 1\n")  # both grants in one batch job
    assert snakemake(folder).returncode == 0
    assert rendered_reports(folder) == [f"{SIF_DIR}/final", f"{SIF_DIR}/interim-1", f"{BC_DIR}/final"]
    sif_pdf = (folder / "outputs" / SIF_DIR / "final.pdf").read_bytes()
    tables = sheets()
    tables["activities"][4][7] = 49  # the BC grant's only activity row
    write_workbook(folder / "inputs" / "grants.xlsx", tables)
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    assert rendered_reports(folder) == [f"{BC_DIR}/final"]
    assert (folder / "outputs" / SIF_DIR / "final.pdf").read_bytes() == sif_pdf
    assert "49" in pdf_text(folder / "outputs" / BC_DIR / "final.pdf")
    assert "Nothing to be done" in snakemake(folder).stderr


def test_a_grant_with_bad_rows_gets_no_report_the_others_do_and_the_build_fails_with_a_summary(tmp_path):
    tables = sheets()
    tables["activities"][2][7] = 2.5  # SIF participants, row 3
    tables["expenses"][1][1] = "31.02.2023."  # SIF date, row 2
    folder = write_project(tmp_path, tables)
    run = snakemake(folder)
    assert run.returncode != 0
    assert (folder / "outputs" / BC_DIR / "final.pdf").is_file()
    assert not (folder / "outputs" / SIF_DIR).exists()
    ending = run.stderr[run.stderr.rindex(" in the inputs.\n") :]
    assert f"No report was made for these grants: {SIF}." in ending
    assert "inputs/grants.xlsx, sheet 'activities', row 3, column 'participants': value '2,5': expected a whole number, e.g. 12" in ending
    assert "inputs/grants.xlsx, sheet 'expenses', row 2, column 'date': value '31.02.2023.': there is no 31 February 2023" in ending
    assert not any(crash in run.stderr for crash in ("Traceback", "CalledProcessError", "RuleException", "WorkflowError", "Error in rule"))
    assert run.stderr.rstrip().endswith("expected a date that exists")  # the list comes last
    assert "row 3, column 'participants'" in (folder / "outputs" / "validation.txt").read_text()
    # the same problems, one per row, for sorting and filtering, written although the build failed
    rows = list(openpyxl.load_workbook(folder / "outputs" / "validation.xlsx")["problems"].values)
    assert rows[0] == ("severity", "file", "sheet", "row", "column", "value", "message", "grant")
    assert ("error", "inputs/grants.xlsx", "activities", 3, "participants", "2,5", "expected a whole number, e.g. 12", SIF) in rows
    page = (folder / "outputs" / "validation.html").read_text(encoding="utf-8")
    assert "<td>activities</td><td>3</td><td>participants</td><td>2,5</td><td>expected a whole number, e.g. 12</td>" in page
    again = snakemake(folder)  # nothing changed: the build fails again, with the same list last
    assert again.returncode != 0 and again.stderr.rstrip().endswith("expected a date that exists")


def test_config_can_limit_the_build_to_some_grants(tmp_path):
    folder = write_project(tmp_path)
    config = folder / "config" / "config.yaml"
    config.write_text(config.read_text().replace("grants: []", f'grants: ["{BC}"]'))
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    assert rendered_reports(folder) == [f"{BC_DIR}/final"]
    assert not (folder / "outputs" / SIF_DIR).exists()


def test_broken_files_from_the_corpus_fail_the_build_clearly_and_block_every_grant(tmp_path):
    from tests.corpus.cases import CASES

    chosen = {"not a spreadsheet", "password-protected workbook", "zip bomb", "empty CSV file", "fractional participants"}
    tables = sheets()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for case in CASES:
        if case.name in chosen:
            case.breaks(tables, inputs)
    folder = write_project(tmp_path, tables)
    run = snakemake(folder)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    ending = run.stderr[run.stderr.rindex(" in the inputs.\n") :]
    for case in CASES:
        if case.name in chosen:
            file, *_, words = case.expected
            assert any(line.strip().startswith(f"ERROR {file}") and words in line for line in ending.splitlines()), case.name
    assert "No report was made for any grant" in ending  # an unreadable file may hold rows of any grant
    assert not (folder / "outputs" / BC_DIR).exists() and not (folder / "outputs" / SIF_DIR).exists()


def test_the_pdf_embeds_the_bundled_font_even_where_the_system_has_one_of_the_same_name(built):
    from pypdf import PdfReader

    fonts = {
        str(font["/BaseFont"]).split("+", 1)[-1]
        for page in PdfReader(built / "outputs" / SIF_DIR / "final.pdf").pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"Report-Sans", "Report-Sans-Bold", "Report-Sans-Italic"}, fonts
