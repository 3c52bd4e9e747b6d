"""Each bad input of the corpus: one clear problem naming file, sheet, row, column and value; no traceback;
the grants it could touch blocked and the others' reports still due; the input files untouched. Input
that only looks different (title rows, another file format) is read exactly as the clean fixture."""

import json
import re
from decimal import Decimal

import pytest

from grantreports.checks.extraction import data_file, extract
from grantreports.common.files import sha256_file
from tests.corpus.cases import CASES
from tests.fixtures import AS_OF, BC, SIF, TEMPLATES, sheets, write_project

PATTERNS = ["inputs/**/*.{xlsx,ods,csv}"]
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def test_the_corpus_has_a_case_for_every_class_of_problem():
    assert len(CASES) >= 80 and len({case.name for case in CASES}) == len(CASES)
    assert {case.severity for case in CASES} == {"error", "warning", "note"}
    assert sum(case.expected is None for case in CASES) >= 5


@pytest.fixture(scope="module")
def clean_data(tmp_path_factory):
    """The fixture's grants as the tool reads them, without where each row came from."""
    project = write_project(tmp_path_factory.mktemp("clean"), sheets())
    extraction = extract(project, PATTERNS, TEMPLATES, project / "results", AS_OF)
    assert extraction.problems == []
    return {r.grant_slug: _without_places(data_file(project / "results", r.grant_slug)) for r in extraction.reports}


def _without_places(path):
    """A data file without the rows' places, numbers compared as numbers (500 from a CSV, 500.0 from Excel)."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "source"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str) and NUMBER.fullmatch(value):
            return Decimal(value)
        return value

    return strip(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_gets_a_clear_message_and_blocks_the_grants_it_could_touch(tmp_path, case, clean_data):
    tables = sheets()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    case.breaks(tables, inputs)
    project = write_project(tmp_path, tables)
    before = {p: sha256_file(p) for p in inputs.rglob("*") if p.is_file()}

    extraction = extract(project, PATTERNS + list(case.patterns), TEMPLATES, project / "results", AS_OF)

    errors = [p for p in extraction.problems if p.severity == "error"]
    assert not any("Traceback" in str(p) for p in extraction.problems)
    assert {p: sha256_file(p) for p in inputs.rglob("*") if p.is_file()} == before
    built = {r.grant_number for r in extraction.reports}
    assert built == {SIF, BC} - case.blocks, "\n".join(str(p) for p in extraction.problems)
    if case.expected is None:
        assert extraction.problems == []
        assert {r.grant_slug: _without_places(data_file(project / "results", r.grant_slug)) for r in extraction.reports} == clean_data
        return
    file, sheet, row, column, value, words = case.expected
    matching = [
        p
        for p in extraction.problems
        if (p.file, p.sheet, p.row, p.column, p.value) == (file, sheet, row, column, value) and words in p.message
    ]
    assert matching, "\n".join(str(p) for p in extraction.problems)
    assert all(p.severity == case.severity for p in matching)
    if case.alone:
        assert set(errors) <= set(matching), "follow-on errors:\n" + "\n".join(str(p) for p in errors if p not in matching)
