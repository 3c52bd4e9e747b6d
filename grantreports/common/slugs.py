"""Grant numbers to safe, readable folder names that cannot leave outputs/."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80
# Names Windows refuses as files or folders, whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}


class SlugError(ValueError):
    pass


def slugify(grant_number: str) -> str:
    """'2023.LV/NVOF/MAC/041/58' -> '2023-lv-nvof-mac-041-58'; only a-z, 0-9 and '-' remain."""
    # Accents go (ā -> a); any other non-ASCII character (dashes, quotes) separates words.
    decomposed = unicodedata.normalize("NFKD", grant_number)
    ascii_text = "".join(c if c.isascii() else "" if unicodedata.combining(c) else "-" for c in decomposed)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        raise SlugError("expected a grant number with at least one letter or digit")
    if len(slug) > MAX_LENGTH:
        raise SlugError(f"expected a grant number of at most {MAX_LENGTH} letters and digits")
    if slug in _WINDOWS_RESERVED:
        slug = f"grant-{slug}"
    return slug
