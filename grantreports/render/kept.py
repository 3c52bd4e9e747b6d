"""The last build of each report, kept in results/kept/ as hard links, to restore a report whose content did not change.

A batch job reruns when any of its grants changed; Snakemake removes the batch's outputs
first. The other reports come back from here in milliseconds instead of being rendered.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from grantreports.common.files import sha256_file
from grantreports.render.report_files import ReportFiles


def keep(files: ReportFiles, kept: ReportFiles) -> None:
    """Keep the files just built: hard links, so keeping costs no copy."""
    for path, kept_path in zip(files.all(), kept.all(), strict=True):
        _link(path, kept_path)


def restore(files: ReportFiles, kept: ReportFiles, content: dict) -> bool:
    """Put back the kept files when they were built from exactly `content` and are intact (their SHA-256s)."""
    try:
        built = json.loads(kept.manifest.read_text(encoding="utf-8"))
        recorded = {Path(name).name: digest for name, digest in built["outputs"].items()}
        intact = all(recorded[path.name] == sha256_file(path) for path in (kept.docx, kept.pdf, kept.sources))
    except (OSError, ValueError, KeyError):
        return False
    if not intact or any(built.get(key) != value for key, value in content.items()):
        return False
    for kept_path, path in zip(kept.all(), files.all(), strict=True):
        _link(kept_path, path)
        os.utime(path)  # newer than the inputs that led here, as Snakemake expects of a job's outputs
    return True


def _link(source: Path, target: Path) -> None:
    """`target` becomes a hard link to `source`, replacing any file there in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link.part")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)
