"""Regenerate the column tables in inputs/README.md from schemas/sheets/*.schema.yaml.

Run after changing a sheet schema:  .venv/bin/python scripts/document_inputs.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grantreports.docs import update_readme  # noqa: E402  (needs the path above)

if __name__ == "__main__":
    readme = Path(__file__).resolve().parent.parent / "inputs" / "README.md"
    print("updated" if update_readme(readme) else "already up to date", readme)
