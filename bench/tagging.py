"""What tagging costs: each report's PDF rendered as tagged PDF/A-3a (what the build writes) and as untagged
PDF/A-3b (what it wrote before), alternately, seconds per report for each and the ratio.

    .venv/bin/python bench/tagging.py [PROJECT] [--repeat 3]

PROJECT is a built project (default: this folder after `make report`): its results/grants/*.json and
outputs/<grant>/<report>.pdf say which reports to render. The template variables, charts and data
extract are prepared once per report and not timed; each timing is one whole render_pdf call
(HTML, layout, PDF) and the median of --repeat is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grantreports.inputs.model import GrantData
from grantreports.render import pdf
from grantreports.render.report import prepare
from grantreports.render.report_files import MANIFEST_NAME, SOURCES_NAME

VARIANTS = {"tagged (pdf/a-3a)": "pdf/a-3a", "untagged (pdf/a-3b)": "pdf/a-3b"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "RESULTS.md")
    arguments = parser.parse_args()
    reports = sorted((path.parent.name, path.stem) for path in (arguments.project / "outputs").glob("*/*.pdf") if "." not in path.stem)
    seconds = {name: [] for name in VARIANTS}
    for grant, report in reports:
        data = GrantData.from_json((arguments.project / "results" / "grants" / f"{grant}.json").read_text(encoding="utf-8"))
        prepared = prepare(data, report, arguments.project / "templates")
        attachments = {SOURCES_NAME: (prepared.sources, "data extract"), MANIFEST_NAME: (b"{}", "manifest")}
        times = {name: [] for name in VARIANTS}
        for _ in range(arguments.repeat):
            for name, variant in VARIANTS.items():
                pdf.PDF_VARIANT = variant
                started = time.perf_counter()
                prepared.pdf(attachments)
                times[name].append(time.perf_counter() - started)
        for name in VARIANTS:
            seconds[name].append(statistics.median(times[name]))
        print(f"{grant}/{report}: " + ", ".join(f"{name} {statistics.median(times[name]):.3f} s" for name in VARIANTS))
    tagged, untagged = (statistics.mean(seconds[name]) for name in VARIANTS)
    ratios = [t / u for t, u in zip(*seconds.values(), strict=True)]
    print(f"{len(reports)} reports, median of {arguments.repeat} renders each")
    for name in VARIANTS:
        print(f"{name}: {statistics.mean(seconds[name]):.3f} s per report")
    print(f"tagged ÷ untagged: {tagged / untagged:.2f} (+{tagged - untagged:.3f} s per report)")
    section = [
        SECTION,
        "",
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores; written by `.venv/bin/python bench/tagging.py --repeat {arguments.repeat}`",
        f"in a built project ({len(reports)} reports; each report's whole `render_pdf` call, tagged and untagged alternately,",
        f"median of {arguments.repeat} per report).",
        "",
        "| PDF | seconds per report |",
        "|---|---|",
        f"| tagged PDF/A-3a (structure tree, alt text; what the build writes) | {tagged:.3f} |",
        f"| untagged PDF/A-3b (before) | {untagged:.3f} |",
        f"| tagged ÷ untagged | {tagged / untagged:.2f} (+{tagged - untagged:.3f} s; per report {min(ratios):.2f} to {max(ratios):.2f}) |",
    ]
    write_section(arguments.results, "\n".join(section) + "\n")
    print(f"Written to {arguments.results}")


SECTION = "## Tagged PDF: cost per report"


def write_section(path: Path, text: str) -> None:
    """Put this benchmark's section in the results file, in place of its last one; the others stay."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    before, found, after = old.partition(SECTION)
    rest = after[after.find("\n## ") :] if found and "\n## " in after else ""
    path.write_text(before.rstrip() + "\n\n" + text + rest, encoding="utf-8")


if __name__ == "__main__":
    main()
