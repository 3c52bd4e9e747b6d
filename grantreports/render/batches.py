"""Reports in batches: one Snakemake job renders a batch in one process.

Snakemake spends about 80 ms on each job, and a fresh process about 1.3 s importing
WeasyPrint, docxtpl and matplotlib; at 1,000 reports, one job per report would spend more
on that than on rendering. A grant always falls in the same batch (by a hash of its folder
name), so adding or editing one grant touches one batch, and inside it only the reports
whose content changed are rendered (see grantreports.render.report); the others are restored.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from grantreports.checks.extraction import ReportTarget
from grantreports.common.project import RESULTS


def batch_of(grant_slug: str, batch_count: int) -> str:
    index = int(hashlib.sha256(grant_slug.encode()).hexdigest()[:8], 16) % batch_count
    return f"batch-{index:03d}"


def batch_done(batch: str) -> Path:
    """The file a batch's job writes once all its reports are built, listing them: what the build asks of a batch."""
    return RESULTS / "batches" / f"{batch}.txt"


def batches(reports: list[ReportTarget], batch_count: int) -> dict[str, list[ReportTarget]]:
    """The non-empty batches, by name, each with its reports in a stable order."""
    grouped = defaultdict(list)
    for report in sorted(reports, key=lambda r: (r.grant_slug, r.report_slug)):
        grouped[batch_of(report.grant_slug, batch_count)].append(report)
    return dict(sorted(grouped.items()))
