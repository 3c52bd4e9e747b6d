"""Where one report's files go, beside each other: <report>.docx, .pdf, .sources.xlsx and .manifest.json."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

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


def unmade_report_files(outputs_dir: Path, reports: set[tuple[str, str]]) -> list[Path]:
    """The report files in `outputs_dir` (<grant>/<report>.docx|.pdf|...) of reports the inputs no longer make
    (`reports`: (grant folder, report) of those they do): a grant now blocked by an error, or removed."""
    suffixes = (".docx", ".pdf", f".{SOURCES_NAME}", f".{MANIFEST_NAME}")
    return sorted(
        path
        for path in outputs_dir.glob("*/*")
        if path.name.endswith(suffixes) and (path.parent.name, path.name.split(".", 1)[0]) not in reports
    )
