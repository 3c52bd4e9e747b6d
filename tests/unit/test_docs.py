from grantreports.docs import generated_readmes
from tests.fixtures import REPO


def test_generated_documentation_matches_the_schemas_the_context_and_the_profiles():
    for path, text in generated_readmes(REPO).items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run scripts/update_docs.py"


def test_the_generated_lists_name_what_users_look_for():
    inputs = (REPO / "inputs" / "README.md").read_text(encoding="utf-8")
    assert "| `participants` | `Dalībnieki` | whole number | yes |" in inputs
    assert "### Sheet `expenses` (latviski `Izdevumi`)" in inputs
    latvian = (REPO / "inputs" / "README.lv.md").read_text(encoding="utf-8")
    assert "### Lapa `Izdevumi` (angliski `expenses`)" in latvian
    assert "| `Summa` | `amount` | skaitlis | jā |" in latvian
    templates = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    assert "| `activity_plan` | list of **PlanLine** |" in templates
    assert "| `flagged` | yes/no |" in templates
    assert "| `title` | text | Project title as in the contract. | Kaimiņu kopienu kopspēks |" in templates
    assert "| `sustainability` | final |" in templates
