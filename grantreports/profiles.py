"""Funder profiles: a folder under templates/ with profile.yaml, a Word and an HTML template."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PROFILE_FILE = "profile.yaml"
SHARED_FOLDER = "shared"  # CSS and fonts every format uses


@dataclass(frozen=True)
class Profile:
    """What a funder's report looks like, read from its profile.yaml."""

    key: str  # the folder name, used in the grants sheet's funder column
    folder: Path
    funder: str
    language: str  # lv or en: month names, number style
    report_titles: dict[str, str]  # report kind (interim, final) -> title on the cover
    word_template: str
    html_template: str


def template_files(templates_dir: Path, funder: str) -> list[Path]:
    """Every file a funder's reports are made from: editing any of them rebuilds those reports."""
    folders = [templates_dir / funder, templates_dir / SHARED_FOLDER]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def available_funders(templates_dir: Path) -> set[str]:
    return {p.parent.name for p in templates_dir.glob(f"*/{PROFILE_FILE}")}


def load_profile(templates_dir: Path, key: str) -> Profile:
    folder = templates_dir / key
    data = yaml.safe_load((folder / PROFILE_FILE).read_text(encoding="utf-8"))
    return Profile(
        key=key,
        folder=folder,
        funder=data["funder"],
        language=data["language"],
        report_titles=data["report_titles"],
        word_template=data["templates"]["word"],
        html_template=data["templates"]["html"],
    )
