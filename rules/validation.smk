# Fail the build (non-zero exit) while the inputs have any error. It needs only the
# extraction, so it runs beside the render jobs instead of after them; the workflow
# profiles keep going after a failed job, so every report that can be built still is.
# The Snakefile prints the problems at the very end.


rule validation:
    input:
        extraction=str(RESULTS / "extraction.json"),
    output:
        "results/validation.ok",
    log:
        "logs/validation.log",
    conda:
        "../environment.yml"
    params:
        grantreports=GRANTREPORTS,
    shell:
        "{params.grantreports} summary {input.extraction:q} {output:q} 2> {log:q} || {{ cat {log:q} >&2; exit 1; }}"
