"""A new project folder in one command (`python -m grantreports init <folder>`, `make init DIR=<folder>`).

The folder gets what a build there needs and nothing else:

- config/config.yaml, commented in the interface language, its `templates` the tool's own formats by
  absolute path (or, with copy_templates, a copy of them in the folder, named relatively);
- inputs/projekts.xlsx (inputs/project.xlsx in English), the blank workbook: it lies where the config's
  pattern reads it, so a user fills it in place and builds, with no copying step; a blank workbook builds
  nothing and reports no problem (its instructions sheet is listed as not read);
- build.sh, which runs this checkout's Snakefile with the Python grantreports runs in, and preview.sh, which
  starts preview (a build, then the reports kept up to date while the workbook is edited) the same way;
- README.md: what to do next, in Latvian and then in English.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import shutil
import sys
from pathlib import Path

from grantreports.common.i18n import tr
from grantreports.common.project import PROJECT_DIR, SNAKEFILE
from grantreports.funders.profiles import profile_files
from grantreports.starter.workbook import speaking, write_template

TEMPLATES_DIR = PROJECT_DIR / "templates"
WORKBOOK_NAMES = {"lv": "projekts.xlsx", "en": "project.xlsx"}
INPUTS_PATTERN = "inputs/**/*.{xlsx,xlsm,ods,csv}"


class InitError(Exception):
    """The folder cannot be made a project; the message says why and what to do."""


def init_project(
    folder: Path, language: str = "lv", copy_templates: bool = False, as_of: dt.date | None = None, templates: Path = TEMPLATES_DIR
) -> list[Path]:
    """Make `folder` a project; returns the files written. Refuses a folder that exists with something in it."""
    folder = folder.resolve()
    with speaking(language):
        if folder.exists() and not folder.is_dir():
            raise InitError(tr("{folder} is a file; expected a new or empty folder for the project").format(folder=folder))
        if folder.is_dir() and any(folder.iterdir()):
            raise InitError(
                tr("{folder} is not empty, and nothing in it was changed; expected a new or empty folder for the project").format(
                    folder=folder
                )
            )
        if not profile_files(templates):
            raise InitError(
                tr("{folder} has no funder formats (no <format>/profile.yaml); expected the templates folder of grantreports").format(
                    folder=templates
                )
            )
        folder.mkdir(parents=True, exist_ok=True)
        if copy_templates:
            shutil.copytree(templates, folder / "templates", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            templates_setting, used = "templates", folder / "templates"
        else:
            templates_setting, used = templates.resolve().as_posix(), templates.resolve()
        workbook = folder / "inputs" / WORKBOOK_NAMES[language]
        write_template(workbook, used, language)
        config = folder / "config" / "config.yaml"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(config_text(templates_setting, as_of or dt.date.today(), language), encoding="utf-8")
        script, preview = folder / "build.sh", folder / "preview.sh"
        script.write_text(build_script(), encoding="utf-8")
        preview.write_text(preview_script(), encoding="utf-8")
        for path in (script, preview):
            path.chmod(0o755)
        readme = folder / "README.md"
        readme.write_text(readme_text(workbook.relative_to(folder).as_posix()), encoding="utf-8")
    return [config, workbook, script, readme, preview]


def _quoted(value: str) -> str:
    """A YAML scalar in double quotes (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def config_text(templates: str, as_of: dt.date, language: str) -> str:
    """The project's config, every key with a comment saying what it does (checked against schemas/config.schema.yaml)."""
    with speaking(language):
        return "\n".join(
            [
                tr("# grantreports configuration. Checked when the build starts: a wrong key or value is named there."),
                "",
                tr(
                    "# Input files, as patterns relative to this project folder: every workbook under inputs/ (sub-folders"
                    " too).\n# Several files may hold the same sheet: e.g. each partner's activities in inputs/partners/."
                    "\n# A pattern that matches no file is an error, and so is a spreadsheet in inputs/ the patterns do not name."
                ),
                "inputs:",
                f"  - {_quoted(INPUTS_PATTERN)}",
                "",
                tr(
                    "# Reports are made for every reporting period (periods sheet) that ends on or before this date,"
                    "\n# written YYYY-MM-DD. Move it forward as periods close: the same inputs then always give the same reports."
                ),
                f'as_of: "{as_of.isoformat()}"',
                "",
                tr(
                    "# The funder formats: one folder per format (profile.yaml, Word and HTML templates). The grants sheet's"
                    "\n# funder column names one of them. See templates/README.md of grantreports to add your funder's format."
                ),
                f"templates: {_quoted(templates)}",
                "",
                tr(
                    "# The language the tool writes in for people (problems in the inputs, the build summary, the validation"
                    "\n# files, the overview page): lv (latviski) or en (English). Reports are in their format's language."
                ),
                f"language: {language}",
                "",
                tr('# Build only these grants, by grant number, e.g. ["2024/NVO/17"]. Empty: every grant.'),
                "grants: []",
                "",
            ]
        )


def build_script() -> str:
    """A script that builds the project it lies in with this checkout's workflow and Python."""
    command = f"{shlex.quote(sys.executable)} -m snakemake -s {shlex.quote(SNAKEFILE.as_posix())} --cores all"
    return "\n".join(
        [
            "#!/bin/sh",
            "# grantreports: builds the reports of this folder (./build.sh -n shows what would be built).",
            'cd "$(dirname "$0")" || exit 1',
            f'exec {command} "$@"',
            "",
        ]
    )


def preview_script() -> str:
    """A script that starts preview (python -m grantreports preview) in the project it lies in."""
    command = f"{shlex.quote(sys.executable)} -m grantreports preview"
    return "\n".join(
        [
            "#!/bin/sh",
            "# grantreports: builds the reports of this folder, then keeps them up to date while you edit the inputs,",
            "# and shows them at http://127.0.0.1:8000/ (Ctrl+C stops; ./preview.sh --help for the options).",
            'cd "$(dirname "$0")" || exit 1',
            f'PYTHONPATH={shlex.quote(PROJECT_DIR.as_posix())} exec {command} "$@"',
            "",
        ]
    )


def readme_text(workbook: str) -> str:
    """What to do next, in Latvian and then in English (the README is read before a language is chosen)."""
    snakefile = SNAKEFILE.as_posix()
    blocks = []
    for language in ("lv", "en"):
        with speaking(language):
            blocks.append(
                "\n".join(
                    [
                        tr("## What to do next"),
                        "",
                        tr(
                            "1. Fill in the workbook `{workbook}` (Excel or LibreOffice): its first sheet says which sheets to"
                            " fill and in what order, and each column name has a comment with an example. Keep it in `inputs/`."
                        ).format(workbook=workbook),
                        tr("2. In `config/config.yaml` set `as_of`: reports are made for the periods that end on or before that date."),
                        tr("3. Build, in this folder: `./build.sh` (the same as `snakemake -s {snakefile} --cores all`).").format(
                            snakefile=snakefile
                        ),
                        tr(
                            "4. Open `outputs/index.html`: the reports made (PDF and Word, in `outputs/<grant>/`) and, for those"
                            " not made, why. Every problem found in the workbook is in `outputs/validation.html`, with its sheet,"
                            " row and column."
                        ),
                        tr("5. Fix what it names and run `./build.sh` again: only the reports whose data changed are made again."),
                        tr(
                            "6. While you fix and fill rows, `./preview.sh` keeps the reports up to date: it builds, then makes again"
                            " the reports of each row you save and shows them at http://127.0.0.1:8000/, which refreshes itself."
                        ),
                        "",
                    ]
                )
            )
    title = "# grantreports"
    return "\n".join([title, "", "*Latviski — English below.*", "", blocks[0], "---", "", blocks[1]])
