# Configuration, and the input stage: every input file is read and validated once per
# build, here, when Snakemake starts (also for -n), so that the jobs below are known
# exactly. Each valid grant's rows go to results/grants/<slug>.json, rewritten only
# when they change: an edit to one grant's rows rebuilds only that grant's reports.
import datetime
import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, workflow.basedir)

from grantreports.checks.config import config_problems, read_config, unknown_grants, with_defaults
from grantreports.checks.extraction import data_file, extract
from grantreports.checks.summary import headline
from grantreports.checks.validation_report import write_validation_reports
from grantreports.common import i18n, preview_lock
from grantreports.common.files import write_if_changed
from grantreports.common.project import CODE_FILE, OUTPUTS, RESULTS, VALIDATION, code_digest
from grantreports.funders.profiles import template_files as funder_files
from grantreports.outcome import build_outcome, config_problems_text, end_scheduler_timers, removed_reports_text
from grantreports.overview import PAGE, Build, finish_overview
from grantreports.render.batches import batch_done, batches
from grantreports.render.failures import failures_file, read_failures
from grantreports.render import report_files

# The config is read and checked here rather than by Snakemake's configfile: directive, which stops
# on a YAML slip without saying where and on a wrong value with a schema dump: one line per problem
# instead. A --configfile given on the command line replaces config/config.yaml, as Snakemake does;
# --config key=value wins over both.
CONFIG_FILE = workflow.configfiles[0] if workflow.configfiles else "config/config.yaml"
_UNREADABLE = []
if not workflow.configfiles:
    _LOADED, _UNREADABLE = read_config(Path(CONFIG_FILE))
    for _KEY, _VALUE in _LOADED.items():
        config.setdefault(_KEY, _VALUE)
if isinstance(config.get("as_of"), datetime.date):  # YAML reads an unquoted date as a date
    config["as_of"] = config["as_of"].isoformat()


def stop_on_config_problems(lines):
    """One line per problem of the config, and the build stops before anything runs."""
    if lines:
        print(config_problems_text(lines), file=sys.stderr)
        sys.exit(1)


def stop_while_preview_runs():
    """Preview writes results/ and outputs/ as a build does: while it runs in this folder, the build stops before it
    reads the inputs or writes anything, unless it is that preview's own first build (its child process). Only the
    main process checks: a job that reads the Snakefile again (a cluster job) belongs to a build that started."""
    holder = preview_lock.held_by(Path.cwd())
    if holder and holder.pid != os.getppid():
        print(preview_lock.preview_running_text(holder), file=sys.stderr)
        sys.exit(1)


if config.get("language") in i18n.LANGUAGES:  # the config's problems in the language it asks for, when it names one
    i18n.use(config["language"])
stop_on_config_problems(_UNREADABLE or config_problems(config, CONFIG_FILE, Path.cwd()))
config.update(with_defaults(config))
i18n.use(config["language"])  # this process's messages, and its jobs' (they inherit the environment)
if workflow.is_main_process:
    stop_while_preview_runs()

TEMPLATES = Path(config["templates"])
AS_OF = datetime.date.fromisoformat(config["as_of"])
GRANTREPORTS = f"PYTHONPATH={shlex.quote(workflow.basedir)} {shlex.quote(sys.executable)} -m grantreports"

EXTRACTION = extract(Path.cwd(), config["inputs"], TEMPLATES, RESULTS, AS_OF, CONFIG_FILE)
stop_on_config_problems(unknown_grants(config["grants"], EXTRACTION.grant_numbers, CONFIG_FILE))
REPORTS = [r for r in EXTRACTION.due(AS_OF) if not config["grants"] or r.grant_number in config["grants"]]
BATCHES = batches(REPORTS, config["render_batches"])
# Each report's files: extension -> caption file under report/
REPORT_FILES = {"docx": "docx", "pdf": "pdf", "sources.xlsx": "sources", "manifest.json": "manifest"}
# The code (package, schemas, rules) is not a file Snakemake tracks: its digest is written to
# results/code.txt (CODE_FILE), an input of the jobs, so that a change reruns them. A file and not a
# parameter because the workflow profiles set `rerun-triggers: mtime`: Snakemake's params
# trigger imports pandas and reads every output's metadata, a second of a rerun with nothing to do.


def report_file(report, ext):
    return f"outputs/{report.grant_slug}/{report.report_slug}.{ext}"


def forget_unfinished_batches():
    """A batch one of whose report files is gone (deleted, or its job killed) is not done: its job runs again."""
    for batch, members in BATCHES.items():
        if not all(os.path.exists(report_file(r, ext)) for r in members for ext in REPORT_FILES):
            batch_done(batch).unlink(missing_ok=True)


def remove_unmade_reports():
    """The reports of an earlier build that the inputs no longer make (a grant now blocked or removed, a period
    not ended by as_of, a grant left out by the grants key whose data changed) go: nobody should send a
    report its data no longer gives. Their last build stays in results/kept/."""
    due = {(r.grant_slug, r.report_slug) for r in EXTRACTION.due(AS_OF)}
    unmade = report_files.remove_unmade_reports(OUTPUTS, due, {(r.grant_slug, r.report_slug) for r in REPORTS}, RESULTS / "grants")
    if unmade:
        print(removed_reports_text(unmade), file=sys.stderr)


def forget_validation_with_errors():
    """A build whose inputs have errors must run a job, so that it ends in onsuccess or onerror, which list the
    errors and fail the build: the validation's file goes, and its job runs again (rules/validation.smk)."""
    if any(p.severity == "error" for p in EXTRACTION.problems):
        VALIDATION.unlink(missing_ok=True)


def forget_validation_without_overview():
    """The overview page (outputs/index.html) is written at the end of a build, which a build with nothing to do
    never reaches: when the page is missing, the validation's job runs again so that the build ends and writes it."""
    if not (OUTPUTS / PAGE).is_file():
        VALIDATION.unlink(missing_ok=True)


if workflow.is_main_process:
    write_if_changed(CODE_FILE, f"{code_digest()}\n".encode())
    forget_unfinished_batches()
    remove_unmade_reports()
    forget_validation_with_errors()
    forget_validation_without_overview()
    write_validation_reports(EXTRACTION.problems, Path("outputs"), AS_OF)
    if any(p.severity != "note" for p in EXTRACTION.problems):
        print(headline(EXTRACTION.problems), file=sys.stderr)


def finish_build():
    """The build's last words: reports that could not be made, then the problems; exit 1 on any error. The overview
    page (outputs/index.html) is written first; a build that succeeds ends with how many reports it has and where
    the page is (and exits there, before Snakemake's closing lines), one that fails with its problems."""
    failure_files = [failures_file(batch_done(batch)) for batch in BATCHES]
    text, failed = build_outcome(EXTRACTION.problems, failure_files)
    build = Build(EXTRACTION, frozenset(REPORTS), read_failures(failure_files), AS_OF, CONFIG_FILE)
    line, written = finish_overview(build, OUTPUTS, RESULTS, TEMPLATES)
    end_scheduler_timers()
    if failed or not written:
        print(f"{line}\n{text}", file=sys.stderr)
        sys.exit(1)
    print(f"{text}\n{line}", file=sys.stderr)
    sys.exit(0)


def funder_template_files(funder):
    return [str(p) for p in funder_files(TEMPLATES, funder)]
