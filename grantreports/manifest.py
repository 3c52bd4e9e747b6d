"""The manifest beside each report: what it was built from (inputs, grant data, templates, tools) and what came out."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .files import sha256_bytes, sha256_file

MANIFEST_VERSION = 1
TOOLS = ("snakemake", "docxtpl", "weasyprint", "pandas", "babel", "matplotlib", "python-docx", "openpyxl", "python-calamine")
WORKFLOW_DIR = Path(__file__).resolve().parent.parent


def built_from(grant_number: str, report_slug: str, input_files: list[str], data_file: Path, template_files: list[Path]) -> dict:
    """Everything a report depends on, each with its SHA-256; attached to the PDF and written beside it."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "grant_number": grant_number,
        "report": report_slug,
        "inputs": {name: sha256_file(Path(name)) for name in sorted(set(input_files))},
        "grant_data": {data_file.as_posix(): sha256_file(data_file)},
        "templates": {path.as_posix(): sha256_file(path) for path in sorted(template_files)},
        "tools": tool_versions(),
        "workflow": workflow_commit(),
    }


def with_outputs(manifest: dict, outputs: dict[Path, bytes]) -> dict:
    return {**manifest, "outputs": {path.as_posix(): sha256_bytes(data) for path, data in sorted(outputs.items())}}


def to_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


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
        return subprocess.run(["git", "-C", str(WORKFLOW_DIR), *args], capture_output=True, text=True, check=True).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no"))}
    except (OSError, subprocess.CalledProcessError):
        return None
