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
    def of(cls, folder: Path, grant_slug: str, report_slug: str) -> ReportFiles:
        """The files of one report in `folder` (outputs/, or the kept copies in results/kept/): <grant>/<report>.*"""
        return cls.beside(folder / grant_slug / f"{report_slug}.pdf")

    @classmethod
    def beside(cls, pdf: Path) -> ReportFiles:
        stem = pdf.with_suffix("")
        return cls(
            pdf.with_suffix(".docx"), pdf, stem.with_name(f"{stem.name}.{SOURCES_NAME}"), stem.with_name(f"{stem.name}.{MANIFEST_NAME}")
        )

    def all(self) -> tuple[Path, ...]:
        return astuple(self)  # docx, pdf, sources, manifest


def unmade_reports(outputs_dir: Path, due: set[tuple[str, str]], built: set[tuple[str, str]], data_files: Path) -> dict[str, list[Path]]:
    """The files in `outputs_dir` (<grant>/<report>.docx|.pdf|...), by '<grant>/<report>', of the reports the inputs
    no longer make: not `due` (the grant now blocked or removed, the period not ended by as_of), or due but not
    `built` this time (the config's grants key) while the grant's data (`data_files`/<grant>.json) changed since."""
    suffixes = (".docx", ".pdf", f".{SOURCES_NAME}", f".{MANIFEST_NAME}")
    found: dict[tuple[str, str], list[Path]] = {}
    for path in sorted(outputs_dir.glob("*/*")):
        if path.name.endswith(suffixes):
            found.setdefault((path.parent.name, path.name.split(".", 1)[0]), []).append(path)
    return {
        f"{grant}/{report}": paths
        for (grant, report), paths in found.items()
        if (grant, report) not in due or ((grant, report) not in built and not _built_from(outputs_dir / grant / report, data_files))
    }


def remove_unmade_reports(outputs_dir: Path, due: set[tuple[str, str]], built: set[tuple[str, str]], data_files: Path) -> list[str]:
    """Delete the files of the reports the inputs no longer make (see unmade_reports): nobody should send a report
    its data no longer gives (their last build stays in results/kept/). Their names, '<grant>/<report>'."""
    unmade = unmade_reports(outputs_dir, due, built, data_files)
    for path in (path for paths in unmade.values() for path in paths):
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    return list(unmade)


def _built_from(report: Path, data_files: Path) -> bool:
    """Whether the report at `report` (<grant>/<report>, no suffix) was built from its grant's data as it is now."""
    try:
        recorded = json.loads(ReportFiles.beside(report.with_suffix(".pdf")).manifest.read_text(encoding="utf-8"))["grant_data"]
        return list(recorded.values()) == [sha256_file(data_files / f"{report.parent.name}.json")]
    except (OSError, ValueError, KeyError):
        return False
