"""What each report was built from (grant data, templates, tools, input files) and what came out, with SHA-256s.

Two parts: the *content manifest* names everything that decides the report's bytes and is
attached inside the PDF; the full manifest beside the report adds the input files' hashes at
build time, the workflow's git commit and the outputs' hashes. Input files are in the full
manifest only: a shared workbook changes with other grants' rows, this grant's report does not.
"""

from __future__ import annotations

import json
import platform
import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from grantreports.common.files import sha256_bytes, sha256_file
from grantreports.common.project import PROJECT_DIR, code_digest

MANIFEST_VERSION = 1
TOOLS = ("snakemake", "docxtpl", "weasyprint", "pandas", "babel", "matplotlib", "python-docx", "openpyxl", "python-calamine")


def content_manifest(
    grant_number: str, report_slug: str, data_file: Path, templates_dir: Path, template_files: list[Path], input_names: list[str]
) -> dict:
    """Everything that decides the report's bytes, each with its SHA-256; attached inside the PDF.

    Template files are named relative to the templates folder, so a moved folder is not a changed template.
    """
    return {
        "manifest_version": MANIFEST_VERSION,
        "grant_number": grant_number,
        "report": report_slug,
        "grant_data": {data_file.as_posix(): sha256_file(data_file)},
        "input_files": sorted(set(input_names)),
        "templates": {path.relative_to(templates_dir).as_posix(): sha256_file(path) for path in sorted(template_files)},
        "tools": {**tool_versions(), "grantreports": code_digest()},
    }


def full_manifest(content: dict, outputs: dict[Path, bytes], input_hashes: dict[str, str]) -> dict:
    """The content manifest plus the input files' hashes as this build read them (`input_hashes`, every input
    file, hashed once per build), the workflow's commit and the outputs' hashes."""
    return {
        **content,
        "inputs": {name: input_hashes[name] for name in content["input_files"]},
        "workflow": workflow_commit(),
        "outputs": {path.as_posix(): sha256_bytes(data) for path, data in sorted(outputs.items())},
    }


def to_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


@cache
def tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def workflow_commit() -> dict | None:
    """The grantreports checkout's git commit, and whether it had uncommitted changes; None outside git."""

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(PROJECT_DIR), *args], capture_output=True, text=True, check=True).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no"))}
    except (OSError, subprocess.CalledProcessError):
        return None
