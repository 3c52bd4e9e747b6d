"""Reports a render batch could not make, recorded beside the batch's done file so that the build can
end by naming them in plain words (the traceback stays in the batch's log)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from grantreports.common.files import write_atomically
from grantreports.common.i18n import tr


@dataclass(frozen=True)
class Failure:
    report: str  # <grant folder>/<report>
    grant_number: str  # empty when the grant's data could not be read
    reason: str  # the error's type and message
    log: str  # the batch's log, with the traceback

    def __str__(self) -> str:
        if self.grant_number:
            text = tr("FAILED {report} (grant {grant}): {reason}; the details are in {log}")
        else:
            text = tr("FAILED {report}: {reason}; the details are in {log}")
        return "  " + text.format(report=self.report, grant=self.grant_number, reason=self.reason, log=self.log)


def failures_file(done: Path) -> Path:
    """Where a batch records its failures: results/batches/<batch>.failed.json beside <batch>.txt."""
    return done.with_suffix(".failed.json")


def record_failures(path: Path, failures: list[Failure]) -> None:
    """Written when the batch had failures, removed when it had none."""
    if failures:
        write_atomically(path, json.dumps([asdict(f) for f in failures], ensure_ascii=False, indent=1).encode())
    else:
        path.unlink(missing_ok=True)


def read_failures(paths: list[Path]) -> list[Failure]:
    found = []
    for path in paths:
        try:
            found += [Failure(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
        except FileNotFoundError:
            continue
    return found
