"""Command line used by the workflow's rules and by people: `python -m grantreports render|summary|check-templates|verify|preview|template|init ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from grantreports.checks.extraction import Extraction
from grantreports.checks.summary import summary_file
from grantreports.common import i18n
from grantreports.common.argparse_words import speak_interface_language
from grantreports.common.files import write_atomically
from grantreports.common.i18n import tr
from grantreports.common.project import PROJECT_DIR


def main(argv: list[str] | None = None) -> int:
    speak_interface_language()
    parser = argparse.ArgumentParser(
        prog="grantreports", description=tr("Spreadsheets of project activities into funder-formatted Word and PDF reports.")
    )
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help=tr("render reports to .docx and .pdf (with the data extract and manifest)"))
    render.add_argument("reports", nargs="+", help=tr("<grant folder>/<report>, e.g. 2023-lv-nvof-mac-041-58/final"))
    render.add_argument("--templates", type=Path, required=True)
    render.add_argument(
        "--results", type=Path, required=True, help=tr("the build's results folder: grants/<grant>.json, extraction.json, kept/")
    )
    render.add_argument(
        "--outputs", type=Path, required=True, help=tr("folder of the reports: <grant>/<report>.pdf and the rest beside it")
    )
    render.add_argument("--done", type=Path, help=tr("file written, listing the reports, once every one of them is built"))
    render.add_argument("--log", default="", help=tr("the batch's log, named in the failures recorded beside --done"))
    summary = commands.add_parser("summary", help=tr("write the summary of the input problems (the workflow prints it at its end)"))
    summary.add_argument("extraction", type=Path, help=tr("results/extraction.json"))
    summary.add_argument("output", type=Path, help=tr("file the summary is written to"))
    check = commands.add_parser("check-templates", help=tr("check every funder format's templates; exit 1 on errors"))
    check.add_argument("templates", type=Path, help=tr("the templates folder"))
    check.add_argument("--no-fail", action="store_true", help=tr("exit 0 even when a format has errors (the workflow reports them)"))
    verify = commands.add_parser(
        "verify", help=tr("rebuild every report in a scratch folder and compare with outputs/; exit 1 on any difference")
    )
    verify.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    preview = commands.add_parser(
        "preview", help=tr("build, then keep the reports up to date while you edit the inputs, and show them in the browser")
    )
    preview.add_argument("--configfile", default="config/config.yaml", help=tr("the build's config (default: config/config.yaml)"))
    preview.add_argument("--port", type=int, default=8000, help=tr("port on 127.0.0.1 to serve outputs/ on (default 8000; 0: any free)"))
    preview.add_argument("--no-browser", action="store_true", help=tr("do not open the overview page in the browser"))
    preview.add_argument("--cores", default="all", help=tr("cores for the first build (default: all)"))
    _starter_commands(commands)
    args = parser.parse_args(argv)

    if args.command in ("template", "init"):
        return _starter(args)

    if args.command == "preview":
        from grantreports.preview import run_preview

        return run_preview(Path.cwd(), args.configfile, args.port, not args.no_browser, args.cores)

    if args.command == "verify":
        from grantreports.audit.verify import verify as rebuild_and_compare

        verdicts, log = rebuild_and_compare(Path.cwd(), args.cores)
        for verdict in verdicts:
            print(verdict)
        if log:
            print(tr("The rebuild did not finish:") + f"\n{log}", file=sys.stderr)
        failed = sum(not v.ok for v in verdicts)
        print(
            tr("grantreports verify: {count} report(s), {failed} differ(s).").format(count=len(verdicts), failed=failed)
            if verdicts
            else tr("grantreports verify: no report in outputs/ and none rebuilt.")
        )
        return 1 if failed or log or not verdicts else 0

    if args.command == "check-templates":
        from grantreports.checks.template_check import check_templates

        findings, formats = check_templates(args.templates)
        if not formats:
            print(
                tr("grantreports: no funder format in {folder} (no <format>/profile.yaml); expected the templates folder").format(
                    folder=args.templates
                )
            )
            return 1
        for finding in findings:
            print(finding)
        errors = sum(f.severity == "error" for f in findings)
        print(
            tr("grantreports: {formats} report format(s) checked: {errors} error(s), {warnings} warning(s).").format(
                formats=formats, errors=errors, warnings=len(findings) - errors
            )
        )
        return 1 if errors and not args.no_fail else 0

    if args.command == "render":
        from grantreports.render.report import render_batch  # WeasyPrint and docxtpl take a second to import; only rendering needs them

        return 0 if render_batch(args.reports, args.templates, args.results, args.outputs, args.done, args.log) else 1
    extraction = Extraction.from_json(json.loads(args.extraction.read_text(encoding="utf-8")))
    write_atomically(args.output, summary_file(extraction.problems))
    return 0


def _starter_commands(commands: argparse._SubParsersAction) -> None:
    """The commands a new user starts with: the blank workbook and a new project folder."""
    template = commands.add_parser(
        "template", help=tr("write the blank input workbook: one sheet per input sheet, with comments, lists and instructions")
    )
    template.add_argument(
        "--language", choices=i18n.LANGUAGES, default=i18n.language(), help=tr("language of the sheet and column names: lv or en")
    )
    template.add_argument("--out", type=Path, default=Path("template.xlsx"), help=tr("the workbook to write (default: template.xlsx)"))
    template.add_argument(
        "--templates", type=Path, default=PROJECT_DIR / "templates", help=tr("the folder of funder formats the workbook offers")
    )
    init = commands.add_parser(
        "init", help=tr("make a new project folder: config, blank workbook, build script and a README of what to do next")
    )
    init.add_argument("folder", type=Path, help=tr("the new project's folder; it must be new or empty"))
    init.add_argument("--language", choices=i18n.LANGUAGES, default=i18n.language(), help=tr("the project's interface language: lv or en"))
    init.add_argument(
        "--copy-templates", action="store_true", help=tr("copy the funder formats into the project (default: use the tool's own)")
    )
    init.add_argument("--as-of", type=dt.date.fromisoformat, help=tr("the config's as_of date, YYYY-MM-DD (default: today)"))


def _starter(args: argparse.Namespace) -> int:
    from grantreports.funders.profiles import profile_files
    from grantreports.starter.project import InitError, init_project  # openpyxl: only these commands need it
    from grantreports.starter.workbook import speaking, write_template

    with speaking(args.language):
        if args.command == "template":
            if not profile_files(args.templates):
                print(
                    tr("grantreports: no funder format in {folder} (no <format>/profile.yaml); expected the templates folder").format(
                        folder=args.templates
                    ),
                    file=sys.stderr,
                )
                return 1
            write_template(args.out, args.templates, args.language)
            print(tr("grantreports: the blank workbook is {path}.").format(path=args.out))
            return 0
        try:
            written = init_project(args.folder, args.language, args.copy_templates, args.as_of)
        except InitError as error:
            print(f"grantreports: {error}", file=sys.stderr)
            return 1
        print(
            tr("grantreports: the project {folder} is ready. Next: fill in {workbook}, then run ./build.sh there.").format(
                folder=args.folder, workbook=written[1].relative_to(args.folder.resolve())
            )
        )
        return 0


if __name__ == "__main__":
    sys.exit(main())
