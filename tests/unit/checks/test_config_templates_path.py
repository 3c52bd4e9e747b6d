"""PENDING: passes once the lead applies the change to grantreports/checks/config.py proposed with the blank
workbook and `init` (issue 16, point 4: `templates_problems`). Until then the first two tests fail.

A config whose `templates` names no folder, a file, or a folder with no funder format is an error naming the
value, the folder it resolves to and what is wrong, before anything runs: a project folder with a copied config
(`templates: "templates"`) used to fail every grant with "expected one of:" and an empty list."""

from grantreports.checks.config import config_problems
from grantreports.common.project import PROJECT_DIR
from tests.fixtures import TEMPLATES

EXPECTED = "expected the folder of funder formats, e.g. {}".format(PROJECT_DIR / "templates")


def config(templates: str) -> dict:
    return {"inputs": ["inputs/*.xlsx"], "as_of": "2024-11-30", "templates": templates, "grants": []}


def test_a_templates_path_naming_no_folder_says_there_is_no_such_folder(tmp_path):
    assert config_problems(config("templates"), "config/config.yaml", tmp_path) == [
        f"config/config.yaml: key 'templates': value 'templates': no such folder ({tmp_path / 'templates'}); {EXPECTED}"
    ]


def test_a_templates_path_naming_a_file_says_it_is_a_file(tmp_path):
    (tmp_path / "templates.zip").write_bytes(b"PK")
    assert config_problems(config("templates.zip"), "config/config.yaml", tmp_path) == [
        f"config/config.yaml: key 'templates': value 'templates.zip': {tmp_path / 'templates.zip'} is a file, not a folder; {EXPECTED}"
    ]


def test_a_folder_with_no_formats_says_so_and_the_tools_formats_by_absolute_path_are_fine(tmp_path):
    (tmp_path / "formats" / "sif").mkdir(parents=True)  # a format folder without its profile.yaml
    assert config_problems(config(str(tmp_path / "formats")), "c.yaml", tmp_path / "elsewhere") == [
        (
            f"c.yaml: key 'templates': value '{tmp_path / 'formats'}': no funder formats there"
            f" ({tmp_path / 'formats'} has no <format>/profile.yaml); {EXPECTED}"
        )
    ]
    assert config_problems(config(str(TEMPLATES)), "c.yaml", tmp_path) == []
