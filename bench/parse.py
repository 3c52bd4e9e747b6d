"""Parse every input of a bench working folder in a fresh process, as a build does once; print JSON figures.

Without --keep, the results of an earlier parse are removed first: the whole parse is measured.
With --keep, what an earlier parse left is used as a build would (results/checks.json: only
the grants whose rows changed are checked again).

Run:  .venv/bin/python bench/parse.py bench/work/scale [--keep]
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grantreports.checks.extraction import extract
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs


def main() -> None:
    workdir = Path(sys.argv[1])
    config = yaml.safe_load((workdir / "config" / "config.yaml").read_text(encoding="utf-8"))
    if "--keep" not in sys.argv[2:]:
        shutil.rmtree(workdir / "results", ignore_errors=True)  # nothing cached: the whole parse is measured
    started = time.perf_counter()
    extraction = extract(workdir, config["inputs"], Path(config["templates"]), workdir / "results", dt.date.fromisoformat(config["as_of"]))
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    sheets, _ = read_file(workdir / "inputs" / "activities.xlsx", "activities.xlsx", sheet_specs())
    read_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "reports": len(extraction.reports),
                "rows": sum(len(s.row_numbers) for s in sheets),
                "errors": sum(p.severity == "error" for p in extraction.problems),
                "read_activities_seconds": read_seconds,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
