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
