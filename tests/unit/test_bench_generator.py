"""The benchmark's synthetic inputs are valid, spread over every funder format, and --edit changes one grant only."""

import datetime as dt
import sys

from grantreports.checks.extraction import data_file, extract
from tests.fixtures import REPO, TEMPLATES

sys.path.insert(0, str(REPO / "bench"))
from generate import generate


def test_generated_inputs_give_one_report_per_grant_across_all_formats_and_an_edit_touches_one_grant(tmp_path):
    numbers = generate(tmp_path / "inputs", 10, 400)
    results = tmp_path / "results"
    first = extract(tmp_path, ["inputs/*.xlsx"], TEMPLATES, results, dt.date(2025, 6, 30))
    assert [p for p in first.problems if p.severity == "error"] == []
    assert len(first.reports) == 10 and {r.funder for r in first.reports} == {
        p.name for p in TEMPLATES.iterdir() if (p / "profile.yaml").is_file()
    }
    assert len(set(numbers)) == 10 and all("/B0" in n for n in numbers)
    before = {r.grant_slug: data_file(results, r.grant_slug).read_bytes() for r in first.reports}
    activities = sum(data_file(results, slug).read_text().count('"participants":') for slug in before)
    assert activities == 400

    generate(tmp_path / "inputs", 10, 400, edit=True)
    extract(tmp_path, ["inputs/*.xlsx"], TEMPLATES, results, dt.date(2025, 6, 30))
    changed = [slug for slug, content in before.items() if data_file(results, slug).read_bytes() != content]
    assert len(changed) == 1
