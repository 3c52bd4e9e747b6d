from grantreports.docs import with_sheet_tables
from tests.fixtures import REPO


def test_input_readme_tables_match_the_sheet_schemas():
    readme = (REPO / "inputs" / "README.md").read_text(encoding="utf-8")
    assert readme == with_sheet_tables(readme), "run scripts/document_inputs.py"
    assert "| `participants` | whole number | yes |" in readme
