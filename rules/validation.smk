# Closing stage: after every report that could be built, fail the build (non-zero exit)
# while the inputs have any error. The Snakefile prints the problems at the very end.


rule validation:
    input:
        reports=report_files(),
        extraction=str(RESULTS / "extraction.json"),
    output:
        "results/validation.ok",
    shell:
        "{GRANTREPORTS} summary {input.extraction:q} {output:q}"
