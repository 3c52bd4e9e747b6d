"""Reading the input files (xlsx, ods, csv), converting every cell to its column's type, checking
rows against each other, and sorting them into one GrantData per grant (model: the data model
every later stage reads). Knows the sheets from schemas/sheets/.

Imports: common, funders."""
