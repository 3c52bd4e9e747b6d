"""What auditors get: the manifest (what a report was built from, with SHA-256s), the data
extract (every figure and the rows that sum to it), and verify (rebuild every report in a
scratch folder and compare). It comes before render because every PDF carries the content
manifest and the data extract as attachments; verify runs a whole build through Snakemake.

Imports: common, funders, inputs, figures, checks."""
