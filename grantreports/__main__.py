"""Command line used by the workflow's rules and by people: `python -m grantreports render|summary|check-templates|verify ...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from grantreports.checks.extraction import Extraction
from grantreports.checks.summary import summary_text
from grantreports.common.files import write_atomically


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="grantreports")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="render reports to .docx and .pdf (with the data extract and manifest)")
    render.add_argument("reports", nargs="+", help="<grant folder>/<report>, e.g. 2023-lv-nvof-mac-041-58/final")
    render.add_argument("--templates", type=Path, required=True)
    render.add_argument(
        "--results", type=Path, required=True, help="the build's results folder: grants/<grant>.json, extraction.json, kept/"
    )
    render.add_argument("--outputs", type=Path, required=True, help="folder of the reports: <grant>/<report>.pdf and the rest beside it")
    render.add_argument("--done", type=Path, help="file written, listing the reports, once every one of them is built")
    render.add_argument("--log", default="", help="the batch's log, named in the failures recorded beside --done")
    summary = commands.add_parser("summary", help="write the summary of the input problems (the workflow prints it at its end)")
    summary.add_argument("extraction", type=Path, help="results/extraction.json")
    summary.add_argument("output", type=Path, help="file the summary is written to")
    check = commands.add_parser("check-templates", help="check every funder format's templates; exit 1 on errors")
    check.add_argument("templates", type=Path, help="the templates folder")
    check.add_argument("--no-fail", action="store_true", help="exit 0 even when a format has errors (the workflow reports them)")
    verify = commands.add_parser(
        "verify", help="rebuild every report in a scratch folder and compare with outputs/; exit 1 on any difference"
    )
    verify.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    if args.command == "verify":
        from grantreports.audit.verify import verify as rebuild_and_compare

        verdicts, log = rebuild_and_compare(Path.cwd(), args.cores)
        for verdict in verdicts:
            print(verdict)
        if log:
            print(f"The rebuild did not finish:\n{log}", file=sys.stderr)
        failed = sum(not v.ok for v in verdicts)
        print(
            f"grantreports verify: {len(verdicts)} report(s), {failed} differ(s)."
            if verdicts
            else "grantreports verify: no report in outputs/ and none rebuilt."
        )
        return 1 if failed or log or not verdicts else 0

    if args.command == "check-templates":
        from grantreports.checks.template_check import check_templates

        findings, formats = check_templates(args.templates)
        for finding in findings:
            print(finding)
        errors = sum(f.severity == "error" for f in findings)
        print(f"grantreports: {formats} report format(s) checked: {errors} error(s), {len(findings) - errors} warning(s).")
        return 1 if errors and not args.no_fail else 0

    if args.command == "render":
        from grantreports.render.report import render_batch  # WeasyPrint and docxtpl take a second to import; only rendering needs them

        return 0 if render_batch(args.reports, args.templates, args.results, args.outputs, args.done, args.log) else 1
    extraction = Extraction.from_json(json.loads(args.extraction.read_text(encoding="utf-8")))
    write_atomically(args.output, (summary_text(extraction.problems)[0] + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
