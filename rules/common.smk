# Configuration, and the input stage: every input file is read and validated once per
# build, here, when Snakemake starts (also for -n), so that the jobs below are known
# exactly. Each valid grant's rows go to results/grants/<slug>.json, rewritten only
# when they change: an edit to one grant's rows rebuilds only that grant's reports.
import datetime
import os
import shlex
import sys
from pathlib import Path

from snakemake.utils import validate

sys.path.insert(0, workflow.basedir)

from grantreports.checks.extraction import data_file, extract
from grantreports.checks.summary import headline, summary_text
from grantreports.checks.validation_report import write_validation_reports
from grantreports.common.files import write_if_changed
from grantreports.common.project import code_digest
from grantreports.funders.profiles import template_files as funder_files
from grantreports.render.batches import batches

if isinstance(config.get("as_of"), datetime.date):  # YAML reads an unquoted date as a date
    config["as_of"] = config["as_of"].isoformat()


validate(config, "../schemas/config.schema.yaml")

RESULTS = Path("results")
TEMPLATES = Path(config["templates"])
AS_OF = datetime.date.fromisoformat(config["as_of"])
GRANTREPORTS = f"PYTHONPATH={shlex.quote(workflow.basedir)} {shlex.quote(sys.executable)} -m grantreports"

EXTRACTION = extract(Path.cwd(), config["inputs"], TEMPLATES, RESULTS, AS_OF)
REPORTS = [r for r in EXTRACTION.due(AS_OF) if not config["grants"] or r.grant_number in config["grants"]]
BATCHES = batches(REPORTS, config["render_batches"])
# Each report's files: extension -> caption file under report/
REPORT_FILES = {"docx": "docx", "pdf": "pdf", "sources.xlsx": "sources", "manifest.json": "manifest"}
# The code (package, schemas, rules) is not a file Snakemake tracks: its digest is written to
# results/code.txt, an input of the jobs, so that a change reruns them. A file and not a
# parameter because the workflow profiles set `rerun-triggers: mtime`: Snakemake's params
# trigger imports pandas and reads every output's metadata, a second of a rerun with nothing to do.
CODE_FILE = RESULTS / "code.txt"


def report_file(report, ext):
    return f"outputs/{report.grant_slug}/{report.report_slug}.{ext}"


def batch_done(batch):
    """Written by the batch's job once all its reports are built; what the default target asks for (rules/report.smk)."""
    return f"results/batches/{batch}.txt"


def forget_unfinished_batches():
    """A batch one of whose report files is gone (deleted, or its job killed) is not done: its job runs again."""
    for batch, members in BATCHES.items():
        if not all(os.path.exists(report_file(r, ext)) for r in members for ext in REPORT_FILES):
            Path(batch_done(batch)).unlink(missing_ok=True)


if workflow.is_main_process:
    write_if_changed(CODE_FILE, f"{code_digest()}\n".encode())
    forget_unfinished_batches()
    write_validation_reports(EXTRACTION.problems, Path("outputs"), AS_OF)
    if EXTRACTION.problems:
        print(headline(EXTRACTION.problems), file=sys.stderr)


def print_problem_summary():
    if EXTRACTION.problems:
        print(summary_text(EXTRACTION.problems)[0], file=sys.stderr)


def all_template_files():
    return sorted(str(p) for p in TEMPLATES.rglob("*") if p.is_file())


def funder_template_files(funder):
    return [str(p) for p in funder_files(TEMPLATES, funder)]
