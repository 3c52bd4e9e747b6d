"""The report files: Word (docxtpl) and PDF/A-3 (WeasyPrint) from one report context, the
render batches (one Snakemake job each), the batch renderer that writes each report's four
files, and the kept copies that bring back a report whose content did not change.

Imports: every stage before it (common, funders, inputs, figures, checks, audit)."""
