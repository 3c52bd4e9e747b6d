# Fail the build (non-zero exit) while the inputs have any error. It needs only the
# extraction, so it runs beside the render jobs instead of after them; the workflow
# profiles keep going after a failed job, so every report that can be built still is.
# The Snakefile prints the problems at the very end.


rule validation:
    input:
        extraction=str(RESULTS / "extraction.json"),
    output:
        "results/validation.ok",
    shell:
        "{GRANTREPORTS} summary {input.extraction:q} {output:q}"
