# grantreports: spreadsheets of project activities -> funder-formatted Word and PDF reports.
# The logic lives in the grantreports package; these files only wire the stages together.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/templates.smk"
include: "rules/report.smk"
include: "rules/validation.smk"
include: "rules/verify.smk"


rule all:
    default_target: True
    input:
        [batch_done(batch) for batch in BATCHES],
        "results/validation.ok",
        "results/template-check.txt",


# The input problems come last, where people look, whether the build failed or not.
onsuccess:
    print_problem_summary()


onerror:
    print_problem_summary()
