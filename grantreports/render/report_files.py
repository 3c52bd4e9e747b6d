"""Where one report's files go, beside each other: <report>.docx, .pdf, .sources.xlsx and .manifest.json."""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass
from pathlib import Path

from grantreports.common.files import sha256_file

SOURCES_NAME = "sources.xlsx"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class ReportFiles:
    """Where one report's files go: <report>.docx, .pdf, .sources.xlsx and .manifest.json."""

    docx: Path
    pdf: Path
    sources: Path
    manifest: Path

    @classmethod
    def beside(cls, pdf: Path) -> ReportFiles:
        stem = pdf.with_suffix("")
        return cls(
            pdf.with_suffix(".docx"), pdf, stem.with_name(f"{stem.name}.{SOURCES_NAME}"), stem.with_name(f"{stem.name}.{MANIFEST_NAME}")
        )

    def all(self) -> tuple[Path, ...]:
        return astuple(self)  # docx, pdf, sources, manifest


def unmade_report_files(outputs_dir: Path, due: set[tuple[str, str]], built: set[tuple[str, str]], data_files: Path) -> list[Path]:
    """The report files in `outputs_dir` (<grant>/<report>.docx|.pdf|...) of reports the inputs no longer make:
    not `due` (the grant now blocked or removed, the period not ended by as_of), or due but not `built` this
    time (the config's grants key) while the grant's data (`data_files`/<grant>.json) changed since they were."""
    suffixes = (".docx", ".pdf", f".{SOURCES_NAME}", f".{MANIFEST_NAME}")
    stale = []
    for path in sorted(outputs_dir.glob("*/*")):
        report = (path.parent.name, path.name.split(".", 1)[0])
        if path.name.endswith(suffixes) and (report not in due or (report not in built and not _built_from(path, data_files))):
            stale.append(path)
    return stale


def _built_from(path: Path, data_files: Path) -> bool:
    """Whether the report beside `path` was built from the grant data as it is now (its manifest says so)."""
    manifest = ReportFiles.beside(path.with_name(path.name.split(".", 1)[0] + ".pdf")).manifest
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))["grant_data"]
        return list(recorded.values()) == [sha256_file(data_files / f"{path.parent.name}.json")]
    except (OSError, ValueError, KeyError):
        return False
