"""Each grant's fingerprint, made again (preview) only for the grants whose grant or rows changed."""

import random
from dataclasses import replace
from hashlib import sha256

import pytest

from grantreports.checks.grant_checks import Fingerprints
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from grantreports.inputs.validation import SortedRows, convert_sheet, convert_sheet_again, sort_rows
from tests.fixtures import REPO
from tests.unit.inputs.test_convert_again import edited

FUNDERS = {"sif-nvo-fonds", "esf-labklajibas-ministrija", "mfa-lapas", "british-council", "eu-action-grant"}


def example_sheets():
    found = []
    for name in ("grants.xlsx", "activities.xlsx"):
        found += read_file(REPO / "inputs" / name, f"inputs/{name}", sheet_specs())[0]
    return found


def sorted_again(sheets, before, converted) -> tuple[SortedRows, list]:
    """The rows sorted after an edit, as preview sorts them: each sheet converted again from the last conversion."""
    again = [convert_sheet_again(sheet, old, done) for sheet, old, done in zip(sheets, before, converted, strict=True)]
    return sort_rows(again, FUNDERS), again


@pytest.fixture
def made(monkeypatch):
    """The grant numbers whose fingerprint SortedRows.fingerprint made, in order."""
    calls, real = [], SortedRows.fingerprint
    monkeypatch.setattr(SortedRows, "fingerprint", lambda self, number: (calls.append(number), real(self, number))[1])
    return calls


def test_only_the_fingerprint_of_a_grant_with_a_changed_row_is_made_again(made):
    sheets = example_sheets()
    converted = [convert_sheet(sheet) for sheet in sheets]
    fingerprints = Fingerprints()
    first = fingerprints.of_every_grant(sort_rows(converted, FUNDERS))
    assert len(first) >= 2 and made == list(first)
    activities = next(i for i, s in enumerate(sheets) if s.spec.name == "activities")
    after = list(sheets)
    after[activities] = edited(sheets[activities], random.Random(1), 0)
    after[activities].columns["participants"][0] = 977
    edited_grant = after[activities].columns["grant_number"][0]
    made.clear()
    sorted_rows, _ = sorted_again(after, sheets, converted)
    again = fingerprints.of_every_grant(sorted_rows)
    assert made == [edited_grant]
    assert again == {number: sha256(SortedRows.fingerprint(sorted_rows, number)).hexdigest() for number in sorted_rows.grants}
    assert again[edited_grant] != first[edited_grant]
    assert all(again[n] == first[n] for n in again if n != edited_grant)


@pytest.mark.parametrize("seed", range(8))
def test_the_fingerprints_kept_are_those_made_afresh_after_any_edit(seed):
    rng = random.Random(seed)
    sheets = example_sheets()
    converted = [convert_sheet(sheet) for sheet in sheets]
    fingerprints = Fingerprints()
    fingerprints.of_every_grant(sort_rows(converted, FUNDERS))
    for _ in range(3):
        after = [edited(sheet, rng, rng.randrange(3)) for sheet in sheets]
        sorted_rows, converted = sorted_again(after, sheets, converted)
        kept = fingerprints.of_every_grant(sorted_rows)
        assert kept == {number: sha256(sorted_rows.fingerprint(number)).hexdigest() for number in sorted_rows.grants}
        sheets = after


def test_a_renamed_column_changes_the_fingerprint_as_the_problems_name_it():
    sheets = example_sheets()
    activities = next(i for i, s in enumerate(sheets) if s.spec.name == "activities")
    renamed = list(sheets)
    renamed[activities] = replace(sheets[activities], headers={**sheets[activities].headers, "participants": "Dalībnieku skaits"})
    before = sort_rows([convert_sheet(s) for s in sheets], FUNDERS)
    after = sort_rows([convert_sheet(s) for s in renamed], FUNDERS)
    number = sheets[activities].columns["grant_number"][0]
    assert before.fingerprint(number) != after.fingerprint(number)
