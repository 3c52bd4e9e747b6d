"""Reports a render batch could not make, recorded beside the batch's done file so that the build can
end by naming them in plain words (the traceback stays in the batch's log)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from grantreports.common.files import write_atomically


@dataclass(frozen=True)
class Failure:
    report: str  # <grant folder>/<report>
    grant_number: str  # empty when the grant's data could not be read
    reason: str  # the error's type and message
    log: str  # the batch's log, with the traceback

    def __str__(self) -> str:
        grant = f" (grant {self.grant_number})" if self.grant_number else ""
        return f"  FAILED {self.report}{grant}: {self.reason}; the details are in {self.log}"


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
