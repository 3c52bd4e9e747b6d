"""A new project in one command (`python -m grantreports init <folder>`, grantreports/starter/project.py): a
commented config using the tool's formats, the blank workbook where the build reads it, a build script and a
README; a blank project builds with no error, and once the workbook holds a grant, its report is built."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from grantreports.__main__ import main
from grantreports.checks.config import config_problems
from grantreports.common.i18n import tr
from grantreports.common.project import SNAKEFILE
from grantreports.funders.profiles import profile_files
from grantreports.starter.workbook import speaking, template_workbook
from tests.filled_template import fill_workbook, one_grant
from tests.fixtures import SIF, TEMPLATES, pdf_text

SIF_DIR = "2023-lv-nvof-mac-041-58"


def build(folder) -> subprocess.CompletedProcess:
    return subprocess.run([str(folder / "build.sh"), "--cores", "2"], capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new") / "Valmieras biedrība"  # a space in the path, as people name folders
    assert main(["init", str(folder), "--language", "lv", "--as-of", "2024-06-30"]) == 0
    return folder


def test_init_writes_a_config_the_workbook_a_build_script_and_a_readme(project):
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == [
        "README.md",
        "build.sh",
        "config/config.yaml",
        "inputs/projekts.xlsx",
        "preview.sh",
    ]
    config = yaml.safe_load((project / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert config == {
        "inputs": ["inputs/**/*.{xlsx,xlsm,ods,csv}"],
        "as_of": "2024-06-30",
        "templates": TEMPLATES.as_posix(),
        "language": "lv",
        "grants": [],
    }
    assert config_problems(config, "config/config.yaml", project) == []
    assert (project / "config" / "config.yaml").read_text(encoding="utf-8").count("\n# ") >= 5  # every key explained
    assert (project / "inputs" / "projekts.xlsx").read_bytes() == template_workbook(TEMPLATES, "lv")
    assert (project / "build.sh").stat().st_mode & 0o111 and (project / "preview.sh").stat().st_mode & 0o111
    help_text = subprocess.run([str(project / "preview.sh"), "--help"], capture_output=True, text=True, check=False)
    assert help_text.returncode == 0 and "--port" in help_text.stdout  # it finds grantreports from the project folder
    readme = (project / "README.md").read_text(encoding="utf-8")
    with speaking("lv"):
        latvian = tr("## What to do next")
    with speaking("en"):
        english = tr("## What to do next")
    assert readme.index(latvian) < readme.rindex(english)  # Latvian first, then English
    assert "inputs/projekts.xlsx" in readme and str(SNAKEFILE) in readme and "outputs/index.html" in readme


def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path), "--language", "en"]) == 1
    error = capsys.readouterr().err
    assert str(tmp_path) in error and "is not empty" in error
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert main(["init", str(tmp_path / "notes.txt"), "--language", "en"]) == 1
    assert "is a file" in capsys.readouterr().err


def test_init_can_copy_the_formats_into_the_project(tmp_path):
    folder = tmp_path / "project"
    assert main(["init", str(folder), "--copy-templates", "--language", "en"]) == 0
    config = yaml.safe_load((folder / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert config["templates"] == "templates" and config["language"] == "en"
    assert [p.parent.name for p in profile_files(folder / "templates")] == [p.parent.name for p in profile_files(TEMPLATES)]
    assert (folder / "templates" / "shared" / "report.css").is_file()
    assert (folder / "inputs" / "project.xlsx").is_file()
    assert config_problems(config, "config/config.yaml", folder) == []


def test_the_blank_project_builds_with_no_error_then_the_filled_workbook_gives_its_report(project):
    blank = build(project)
    assert blank.returncode == 0, blank.stderr[-3000:]
    assert not list((project / "outputs").glob("*/*.pdf"))
    fill_workbook(project / "inputs" / "projekts.xlsx", one_grant())
    run = build(project)
    assert run.returncode == 0, run.stderr[-3000:]
    pdf = project / "outputs" / SIF_DIR / "interim-1.pdf"
    assert pdf.is_file() and SIF in pdf_text(pdf)
    assert not (project / "outputs" / SIF_DIR / "final.pdf").exists()  # its period ends after as_of
