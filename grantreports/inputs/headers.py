"""The header row of a sheet: found among its first rows (below any title rows), the grant numbers in the rows
under it, and header names that nearly match a column the sheet lacks."""

from __future__ import annotations

import difflib

from grantreports.common.i18n import tr
from grantreports.inputs import cells
from grantreports.inputs.masked_cells import cell_name
from grantreports.inputs.sheets import Column, SheetSpec, normalise_name, sheet_specs

SEARCH_ROWS = 20  # the header row is looked for among this many first rows (title rows above it)
# The grant number column's header in every sheet, in English and in Latvian, normalised.
GRANT_NUMBER = tuple(name for name, key in sheet_specs()["grants"].header_keys().items() if key == "grant_number")


def header_row(rows: list[list], spec: SheetSpec) -> tuple[int | None, int]:
    """The index of the header among the first rows, and how many of the sheet's column names it holds:
    the first row holding the most of them (None and 0 when no row holds any)."""
    names = set(spec.header_keys())
    best, best_count = None, 0
    for index, row in enumerate(rows[:SEARCH_ROWS]):
        count = len(names & {normalise_name(v) for v in row if filled(v)})
        if count > best_count:
            best, best_count = index, count
    return best, best_count


def grant_numbers(grid: list[list], header_index: int) -> list[str]:
    """The grant numbers in the grant_number column below a header, as far as the rows read go."""
    header = [normalise_name(v) if filled(v) else "" for v in grid[header_index]]
    names = [name for name in GRANT_NUMBER if name in header]
    if not names:
        return []
    position = header.index(names[0])
    return sorted({cells.clean_text(row[position]) for row in grid[header_index + 1 :] if position < len(row) and filled(row[position])})


def near_misses(strangers: list[tuple[int, str]], absent: list[Column], header_index: int) -> list[str]:
    """Headers that are none of the sheet's columns but nearly one it lacks (activity_code for activity_codes, a
    typo): that column would read as empty in every row, which changes figures (an indicator counting all
    activities), so it is an error rather than one of your own columns."""
    found, names = [], {normalise_name(name): c.key for c in absent for name in (c.key, c.latvian)}
    for position, name in strangers:
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
        close += [known for known in names if min(len(known), len(name)) >= 4 and (known.startswith(name) or name.startswith(known))]
        if close:
            key = names[close[0]]
            found.append(
                tr(
                    "the column '{name}' ({cell}) is not one of this sheet's, but nearly '{key}', which the sheet"
                    " lacks (so it would be empty in every row); expected the name '{key}', or a name unlike any column for a column of your own"
                ).format(name=name, cell=cell_name(header_index, position), key=key)
            )
    return found


def filled(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and value.strip() == ""))
