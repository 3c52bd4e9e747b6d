"""grantreports: spreadsheets of project activities to funder-formatted Word and PDF reports.

The package is cut into stages, one sub-package each, listed here in the order the data
flows through them. A stage may import the stages before it, never one after it
(tests/unit/test_imports.py checks, with no cycles between modules either):

- common   small helpers every stage uses: atomic files and hashes, slugs, the Problem
           record, fixed dates for reproducible bytes, the code digest
- funders  what each funder's format asks, read from templates/<format>/profile.yaml
- inputs   reading workbooks and CSVs, converting cells, checking rows, one GrantData per grant
- figures  every figure of a report computed once (the report context), with the rows behind
           it; number and date style; charts
- checks   each grant against its funder's rules, remembered; the build's extraction (one data
           file per valid grant); the problem lists people read; the template check
- audit    what auditors get: the manifest, the data extract, and verify (rebuild and compare)
- render   Word and PDF/A, the render batches, kept copies of unchanged reports
- starter  what a new user starts from: the blank input workbook generated from the sheet schemas,
           and a new project folder (config, workbook, build script, README) in one command

`__main__` (the command line the rules call), `outcome` (how a build ends: what went wrong,
last, and its exit code), `overview` (the overview page), `docs` (the generated parts of the
READMEs) and the package `preview` (a build kept up to date while the inputs are edited, served
on 127.0.0.1) sit above the stages and may import any of them; no stage imports them.
"""

__version__ = "0.1.0"

STAGES = ("common", "funders", "inputs", "figures", "checks", "audit", "render", "starter")
ABOVE_STAGES = ("preview",)  # sub-packages that, like __main__, use the stages and the top-level modules
