"""Each bad input of the corpus: one clear problem naming file, sheet, row, column and value; no traceback;
the other grants' reports still due; the input files untouched."""

import pytest

from grantreports.checks.extraction import extract
from grantreports.common.files import sha256_file
from tests.corpus.cases import CASES
from tests.fixtures import AS_OF, BC, SIF, TEMPLATES, sheets, write_project

PATTERNS = ["inputs/**/*.xlsx", "inputs/**/*.ods", "inputs/**/*.csv"]


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40 and len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_gets_a_clear_message_and_blocks_only_its_grant(tmp_path, case):
    tables = sheets()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    case.breaks(tables, inputs)
    project = write_project(tmp_path, tables)
    before = {p: sha256_file(p) for p in inputs.rglob("*") if p.is_file()}

    extraction = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)

    file, sheet, row, column, value, words = case.expected
    matching = [
        p
        for p in extraction.problems
        if (p.file, p.sheet, p.row, p.column, p.value) == (file, sheet, row, column, value) and words in p.message
    ]
    assert matching, "\n".join(str(p) for p in extraction.problems)
    assert all(p.severity == "error" for p in matching)
    assert not any("Traceback" in str(p) for p in extraction.problems)
    built = {r.grant_number for r in extraction.reports}
    assert built == {SIF, BC} - case.blocks
    assert {p: sha256_file(p) for p in inputs.rglob("*") if p.is_file()} == before
