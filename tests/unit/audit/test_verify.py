"""verify's verdict for one report, from its delivered and rebuilt manifests."""

import json

from grantreports.audit.verify import verdict_for
from grantreports.common.files import sha256_file


def manifest(folder, pdf_bytes, **changes):
    pdf = folder / "outputs" / "g" / "final.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(pdf_bytes)
    content = {
        "grant_data": {"results/grants/g.json": "a"},
        "inputs": {"inputs/x.xlsx": "1"},
        "templates": {"f/report.html": "t"},
        "tools": {"weasyprint": "70.0", "grantreports": "c" * 64},
        "outputs": {"outputs/g/final.pdf": sha256_file(pdf)},
    }
    for key, value in changes.items():
        content[key] = {**content[key], **value}
    path = folder / "outputs" / "g" / "final.manifest.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def test_a_tool_version_change_is_named_with_both_versions(tmp_path):
    delivered, rebuilt = tmp_path / "delivered", tmp_path / "rebuilt"
    before = manifest(delivered, b"%PDF old")
    after = manifest(rebuilt, b"%PDF new", tools={"weasyprint": "71.0"})
    verdict = verdict_for("g/final", delivered, rebuilt, before, after)
    assert str(verdict) == "DIFFERS  g/final: tool version changed: weasyprint 70.0 → 71.0"


def test_a_shared_input_file_that_changed_elsewhere_is_no_difference_when_the_grant_data_is_the_same(tmp_path):
    delivered, rebuilt = tmp_path / "delivered", tmp_path / "rebuilt"
    before = manifest(delivered, b"%PDF same")
    after = manifest(rebuilt, b"%PDF same", inputs={"inputs/x.xlsx": "2"})
    assert str(verdict_for("g/final", delivered, rebuilt, before, after)) == "OK       g/final"


def test_a_report_the_inputs_no_longer_make(tmp_path):
    before = manifest(tmp_path, b"%PDF")
    verdict = verdict_for("g/final", tmp_path, tmp_path / "rebuilt", before, None)
    assert not verdict.ok and "the inputs no longer make this report" in str(verdict)
