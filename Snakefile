# grantreports: spreadsheets of project activities -> funder-formatted Word and PDF reports.
# The logic lives in the grantreports package; these files only wire the stages together.
from snakemake.utils import min_version

min_version("9.0")


# The config (config/config.yaml, or --configfile) is read and checked in rules/common.smk.
report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/report.smk"
include: "rules/validation.smk"
include: "rules/verify.smk"


rule all:
    default_target: True
    input:
        [str(batch_done(batch)) for batch in BATCHES],
        str(VALIDATION),


# What went wrong comes last, where people look: the problems of the inputs and the funder formats,
# reports that could not be made. Any error fails the build (exit 1), with no crashed job before it.
onsuccess:
    finish_build()


onerror:
    finish_build()
