"""Where the workflow's own files are (package, schemas, rules), and a digest of them that changes when the code does."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]  # the checkout: Snakefile, rules/, schemas/, grantreports/
PACKAGE_DIR = PROJECT_DIR / "grantreports"
SCHEMA_DIR = PROJECT_DIR / "schemas"
SNAKEFILE = PROJECT_DIR / "Snakefile"

# The build's own folders and files, relative to the project folder it runs in: the Snakefile's and preview's.
RESULTS = Path("results")  # what a build keeps between runs: per-grant data, checks, kept copies of reports
OUTPUTS = Path("outputs")  # what people read: the reports, the problem lists, the overview page
CODE_FILE = RESULTS / "code.txt"  # the code's digest, an input of the render jobs (a code change reruns them)
VALIDATION = RESULTS / "validation.txt"  # the summary of the input problems, the validation job's output
PREVIEW_LOCK = RESULTS / "preview.lock"  # there while preview runs: the build does not start then (common/preview_lock.py)


@cache
def code_digest() -> str:
    """Digest of this package's code, the schemas (sheets, profile, config), the compiled message catalogs and the workflow's rules:
    a change means outputs may change."""
    code = sorted(PACKAGE_DIR.rglob("*.py")) + sorted(SCHEMA_DIR.rglob("*.yaml")) + sorted((PROJECT_DIR / "locale").rglob("*.mo"))
    workflow = sorted(PROJECT_DIR.glob("rules/*.smk")) + [SNAKEFILE]
    digest = hashlib.sha256()
    for path in code + workflow:
        digest.update(path.relative_to(PROJECT_DIR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def read_schema(path: Path) -> dict:
    """One of our own schema files, parsed with libyaml where PyYAML has it (a tenth of the pure-Python parser's
    time, in every process of a build); user files (config, profiles) keep the parser whose messages they report."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
