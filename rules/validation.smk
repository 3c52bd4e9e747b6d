# Closing stage: after every report that could be built, print every input problem and
# fail the build (non-zero exit) while any error remains.


rule validation:
    input:
        reports=report_files(),
        extraction=str(RESULTS / "extraction.json"),
    output:
        "results/validation.ok",
    shell:
        "{GRANTREPORTS} summary {input.extraction:q} {output:q}"
