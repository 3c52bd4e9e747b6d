"""A sixth funder added the way templates/README.md says: copy a folder, edit it, name it in a grant. No Python."""

import json
import shutil

from tests.fixtures import SIF, TEMPLATES, pdf_text, sheets, word_text, write_project
from tests.workflow.test_build import SIF_DIR, snakemake


def test_a_copied_and_edited_funder_folder_is_a_new_format(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    shutil.copytree(templates / "sif-nvo-fonds", templates / "vkkf")
    profile = templates / "vkkf" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("funder: Sabiedrības integrācijas fonds", "funder: Valsts kultūrkapitāla fonds")
    text = text.replace('interim: "Starpposma atskaite Nr. {number}"', 'interim: "Starpposma pārskats Nr. {number}"')
    text = text.replace(
        '  - {label: Programma, value: "{{ grant.programme }}"}', '  - {label: Mērķprogramma, value: "{{ grant.programme }}"}'
    )
    text = text.replace("budget_line_overspend: 0.10", "budget_line_overspend: 0.25")  # its own rule: 25 % allowed
    profile.write_text(text, encoding="utf-8")
    html = templates / "vkkf" / "report.html"
    html.write_text(html.read_text(encoding="utf-8").replace("I. Saturiskā atskaite", "I. Satura pārskats"), encoding="utf-8")

    tables = sheets()
    tables["grants"][1][2] = "vkkf"
    del tables["budget_notes"][1]  # 19 % over is within the new funder's 25 %
    project = write_project(tmp_path / "project", tables, templates=templates)
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    checked = json.loads((project / "results" / "template-check.json").read_text(encoding="utf-8"))
    assert checked["problems"] == []  # the six formats' templates, the new one among them, have no problem
    assert "grantreports: the inputs have no problems." in run.stderr
    pdf = pdf_text(project / "outputs" / SIF_DIR / "interim-1.pdf")
    word = word_text(project / "outputs" / SIF_DIR / "interim-1.docx")
    for text in (pdf, word):
        assert "Valsts kultūrkapitāla fonds" in text and "Starpposma pārskats Nr. 1" in text and "Mērķprogramma NVO fonds" in text
        assert SIF in text
    assert "I. Satura pārskats" in pdf


def culture_funder(tmp_path, template_tag="{{ grant.sector }}"):
    """A copy of the SIF format reading a column of its own, 'sector' (Latvian 'Nozare'), shown on its cover."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    shutil.copytree(templates / "sif-nvo-fonds", templates / "vkkf")
    profile = templates / "vkkf" / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "cover:\n",
        f'cover:\n  - {{label: Nozare, value: "{template_tag}"}}\n  - {{label: Skatītāji, value: "{{{{ grant.audience | number }}}}"}}\n',
        1,
    )
    text += (
        "grant_columns:\n"
        "  - {key: sector, latvian: Nozare, type: text, required: true, description: Culture sector of the project, example: teātris}\n"
        "  - {key: audience, latvian: Skatītāji, type: integer, description: Audience planned, example: '1200'}\n"
    )
    profile.write_text(text, encoding="utf-8")
    return templates


def grants_with(tables, **columns):
    """The fixture's SIF grant in the culture format, with the format's own columns (Latvian headers)."""
    tables["grants"][1][2] = "vkkf"
    for header, value in columns.items():
        tables["grants"][0].append(header)
        tables["grants"][1].append(value)
        tables["grants"][2].append(None)
    return tables


def test_a_format_reads_a_grants_column_of_its_own_checked_like_the_rest(tmp_path):
    templates = culture_funder(tmp_path)
    project = write_project(tmp_path / "good", grants_with(sheets(), Nozare="teātris", Skatītāji=1200), templates=templates)
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    for text in (pdf_text(project / "outputs" / SIF_DIR / "interim-1.pdf"), word_text(project / "outputs" / SIF_DIR / "interim-1.docx")):
        assert "Nozare teātris" in text and "Skatītāji 1 200" in text

    for folder, columns, expected in (
        ("typed", {"Nozare": "teātris", "Skatītāji": "daudz"}, "column 'Skatītāji': value 'daudz': expected a whole number"),
        ("required", {"Skatītāji": 1200}, "column 'sector': this cell is empty; the 'vkkf' report format needs it filled in"),
    ):
        bad = write_project(tmp_path / folder, grants_with(sheets(), **columns), templates=templates)
        run = snakemake(bad)
        assert run.returncode != 0
        assert f"inputs/grants.xlsx, sheet 'grants', row 2, {expected}" in run.stderr
        assert not (bad / "outputs" / SIF_DIR).exists()


def test_a_template_using_a_column_no_profile_declares_is_refused_and_the_declared_ones_offered(tmp_path):
    from grantreports.checks.template_check import check_templates

    findings, _ = check_templates(culture_funder(tmp_path, template_tag="{{ grant.sektor }}"))
    (finding,) = [f for f in findings if "sektor" in f.message]
    assert "'sektor' is not a field of 'grant'" in finding.message and "sector" in finding.message and "audience" in finding.message


def test_the_blank_workbook_offers_a_formats_own_columns(tmp_path):
    import io

    import openpyxl

    from grantreports.starter.workbook import template_workbook

    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(culture_funder(tmp_path), "lv")))
    headers = [cell.value for cell in workbook["Projekti"][1]]
    assert headers[-2:] == ["Skatītāji", "Nozare"]  # the format's own columns, after the input format's
