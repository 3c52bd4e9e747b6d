"""Text the bundled font can draw: a character it has no glyph for (an emoji, a script it does not
cover) becomes a visible placeholder. Left to them, WeasyPrint and matplotlib fall back to a system
font, which draws a box and leaves the PDF page's text unreadable to pdfplumber and pypdf."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from markupsafe import Markup

PLACEHOLDER = "\u25a1"  # □, which the bundled font has
# Characters drawn without a glyph of their own: spaces, line and format controls (the zero-width
# break points of formatting.breakable among them).
_NO_GLYPH_NEEDED = {"Zs", "Zl", "Zp", "Cc", "Cf"}
# Joined to the character before: an emoji's variation selectors and the joiner of an emoji sequence.
_JOINERS = {"\ufe0f", "\ufe0e", "\u200d"}


@cache
def covered(font_files: tuple[Path, ...]) -> frozenset[int]:
    """The characters every one of the fonts has a glyph for (regular, bold and italic alike)."""
    maps = []
    for path in font_files:
        with TTFont(path, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def drawable(value: object, font_files: tuple[Path, ...]) -> object:
    """`value` with each run of characters the fonts cannot draw replaced by PLACEHOLDER; anything but
    plain text (markup, numbers) is left alone."""
    if not isinstance(value, str) or isinstance(value, Markup) or value.isascii():
        return value
    glyphs = covered(font_files)
    if glyphs.issuperset(map(ord, value)):
        return value  # most Latvian text: every letter drawn, checked without a loop in Python
    parts, missing = [], False
    for character in value:
        if missing and character in _JOINERS:
            continue  # joined to the character just replaced
        if ord(character) in glyphs or unicodedata.category(character) in _NO_GLYPH_NEEDED:
            parts.append(character)
            missing = False
        elif not missing:
            parts.append(PLACEHOLDER)
            missing = True
    return "".join(parts)
