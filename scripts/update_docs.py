"""Regenerate the generated sections of inputs/README.md and templates/README.md.

Run after changing a sheet schema, the report context or a funder profile:
    .venv/bin/python scripts/update_docs.py
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grantreports.docs import generated_readmes

if __name__ == "__main__":
    for path, text in generated_readmes(REPO).items():
        changed = path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        print("updated" if changed else "already up to date", path)
