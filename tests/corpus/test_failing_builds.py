"""Builds that go wrong end in plain words: config mistakes one line each, input and template problems last with no
crashed job, and one report's failure never touches another report."""

import shutil

import pytest

from tests.fixtures import BC, REPO, SIF, sheets, write_project
from tests.workflow.test_build import BC_DIR, SIF_DIR, snakemake

CRASH_LINES = ("Traceback", "CalledProcessError", "RuleException", "WorkflowError", "Error in rule")
FAULT = """

_real_render_report = render_report


def render_report(data_path, report_slug, *args, **kwargs):  # a fault injected into one report of the batch
    if data_path.stem == "{grant}" and report_slug == "final":
        raise RuntimeError("injected fault")
    return _real_render_report(data_path, report_slug, *args, **kwargs)
"""


def workflow_copy(folder):
    """The workflow as it is, in `folder`, for a test to change its code."""
    folder.mkdir()
    for file_name in ("Snakefile", "environment.yml"):
        shutil.copyfile(REPO / file_name, folder / file_name)
    for folder_name in ("rules", "grantreports", "schemas", "profiles", "report"):
        shutil.copytree(REPO / folder_name, folder / folder_name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def report_files(folder):
    return sorted(p.relative_to(folder / "outputs").as_posix() for p in (folder / "outputs").glob("*/*.*"))


def test_a_report_that_fails_to_render_leaves_every_other_report_of_its_batch_and_is_named_in_plain_words(tmp_path):
    faulty = workflow_copy(tmp_path / "faulty")
    with (faulty / "grantreports" / "render" / "report.py").open("a") as code:
        code.write(FAULT.format(grant=SIF_DIR))
    folder = write_project(tmp_path / "project", config_extra="render_batches: 1\n")  # every report in one batch job

    run = snakemake(folder, snakefile=faulty / "Snakefile")

    assert run.returncode != 0
    kinds = ("docx", "manifest.json", "pdf", "sources.xlsx")
    assert report_files(folder) == sorted([f"{BC_DIR}/final.{k}" for k in kinds] + [f"{SIF_DIR}/interim-1.{k}" for k in kinds])
    ending = run.stderr[run.stderr.rindex("grantreports: 1 report could not be made") :]
    assert f"FAILED {SIF_DIR}/final (grant {SIF}): RuntimeError: injected fault; the details are in logs/render/batch-000.log" in ending
    assert "Traceback" in (folder / "logs" / "render" / "batch-000.log").read_text() and "Traceback" not in ending

    run = snakemake(folder)  # the fault mended: the batch runs again, restores the others and makes the missing report
    assert run.returncode == 0, run.stderr
    assert len(report_files(folder)) == 12
    assert "injected fault" not in run.stderr


def test_input_errors_are_not_crashed_jobs_and_come_last(tmp_path):
    tables = sheets()
    tables["expenses"][4][3] = "divsimt"  # BC's amount, row 5
    folder = write_project(tmp_path, tables)
    for _ in range(2):  # and again with nothing changed
        run = snakemake(folder)
        assert run.returncode != 0
        assert not any(crash in run.stderr for crash in CRASH_LINES), run.stderr
        last = run.stderr.rstrip().splitlines()[-1]
        assert (
            last == "  ERROR inputs/grants.xlsx, sheet 'expenses', row 5, column 'amount': value 'divsimt': expected a number, e.g. 1234,56"
        )
    assert (folder / "outputs" / SIF_DIR / "final.pdf").is_file() and not (folder / "outputs" / BC_DIR).exists()


def test_a_template_error_blocks_its_formats_reports_and_fails_the_build_with_no_crashed_job(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    page = templates / "british-council" / "report.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ grant.title }}", "{{ grant.titel }}", 1), encoding="utf-8")
    folder = write_project(tmp_path / "project", templates=templates)
    for _ in range(2):  # and again with nothing changed
        run = snakemake(folder)
        assert run.returncode != 0
        assert not any(crash in run.stderr for crash in CRASH_LINES), run.stderr
        ending = run.stderr[run.stderr.rindex(" in the inputs.\n") :]
        assert f"No report was made for these grants: {BC}." in ending
        assert "british-council/report.html: line 7: {{ grant.titel }}: 'titel' is not a field of 'grant'" in ending
        assert "sheet 'grants', row 3, column 'funder': value 'british-council': the report format has errors" in ending
    assert (folder / "outputs" / SIF_DIR / "final.pdf").is_file() and not (folder / "outputs" / BC_DIR).exists()


@pytest.mark.parametrize(
    "change, lines",
    [
        (
            ('as_of: "2024-11-30"', 'as_of: "2024-02-30"\nrender_batche: 3'),
            [
                (
                    "config/config.yaml: unknown key 'render_batche' (did you mean 'render_batches'?); expected the keys inputs, as_of, templates,"
                    " grants, language, render_batches"
                ),
                (
                    "config/config.yaml: key 'as_of': value '2024-02-30': there is no 30 February 2024 (February 2024 has 29 days);"
                    " expected a date that exists"
                ),
            ],
        ),
        (
            ('as_of: "2024-11-30"', 'as_of: "30.11.2024"'),
            ["config/config.yaml: key 'as_of': value '30.11.2024': expected a date written YYYY-MM-DD (Reports are built"],
        ),
        (("grants: []", "grants: [\n"), ["config/config.yaml, line 7, column 1: cannot be read as YAML"]),
        (("templates: ", "templates: 'nowhere' #"), ["config/config.yaml: key 'templates': value 'nowhere': no such folder"]),
    ],
    ids=["typo and impossible date", "date in another form", "YAML slip", "templates folder"],
)
def test_config_errors_are_one_line_each_before_anything_runs(tmp_path, change, lines):
    folder = write_project(tmp_path)
    config = folder / "config" / "config.yaml"
    config.write_text(config.read_text().replace(*change))
    run = snakemake(folder)
    assert run.returncode != 0 and not (folder / "outputs").exists()
    shown = run.stderr[run.stderr.index("grantreports: the config cannot be used:") :].splitlines()[1:]
    assert len(shown) == len(lines) and all(line.strip().startswith(expected) for line, expected in zip(shown, lines, strict=True))
    assert not any(crash in run.stderr for crash in ("Traceback", "WorkflowError", "On instance", "'$schema'"))


def test_a_grant_the_config_names_that_the_inputs_lack_is_a_config_error(tmp_path):
    folder = write_project(tmp_path)
    config = folder / "config" / "config.yaml"
    config.write_text(config.read_text().replace("grants: []", 'grants: ["BC-LV-P2P-2023/4"]'))
    run = snakemake(folder)
    assert run.returncode != 0 and not (folder / "outputs" / BC_DIR).exists()
    assert run.stderr.rstrip().splitlines()[-1].strip() == (
        "config/config.yaml: key 'grants': value 'BC-LV-P2P-2023/4': no grant with this number in the grants sheet"
        f" (did you mean '{BC}'?); expected a grant's number"
    )


def test_reports_the_inputs_no_longer_make_leave_outputs(tmp_path):
    folder = write_project(tmp_path)
    assert snakemake(folder).returncode == 0
    tables = sheets()
    tables["expenses"][4][3] = "divsimt"  # BC now has an error: its old report must not stay where it would be sent
    write_project(folder, tables)
    run = snakemake(folder)
    assert run.returncode != 0
    assert f"removed from outputs/ the reports the inputs no longer make: {BC_DIR}/final" in run.stderr
    assert not (folder / "outputs" / BC_DIR).exists() and (folder / "outputs" / SIF_DIR / "final.pdf").is_file()


def test_reports_no_longer_due_or_built_from_older_data_leave_outputs(tmp_path):
    folder = write_project(tmp_path)
    assert snakemake(folder).returncode == 0
    config = folder / "config" / "config.yaml"
    config.write_text(config.read_text().replace('as_of: "2024-11-30"', 'as_of: "2024-06-30"'))  # SIF's final is not due now
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    assert f"removed from outputs/ the reports the inputs no longer make: {SIF_DIR}/final" in run.stderr
    assert not (folder / "outputs" / SIF_DIR / "final.pdf").exists() and (folder / "outputs" / SIF_DIR / "interim-1.pdf").is_file()
    # built only for BC, after a change to SIF's rows: SIF's report of the older data goes
    tables = sheets()
    tables["activities"][1][7] = 10  # SIF's participants, 9 before
    write_project(folder, tables, as_of="2024-06-30")
    config.write_text(config.read_text().replace("grants: []", f'grants: ["{BC}"]'))
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    assert f"{SIF_DIR}/interim-1" in run.stderr and not (folder / "outputs" / SIF_DIR).exists()
    assert (folder / "outputs" / BC_DIR / "final.pdf").is_file()
