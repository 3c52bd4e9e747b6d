# The input problems of this build, in results/validation.txt: the Snakefile prints them at the end
# and fails the build on an error. This job never fails itself (an input problem is not a crashed
# job); its file goes whenever the inputs have errors (forget_validation_with_errors in common.smk), so
# that a build with errors always runs a job and reaches its end. It needs only the extraction, so it
# runs beside the render jobs; every report that can be built still is.


rule validation:
    input:
        extraction=str(RESULTS / "extraction.json"),
    output:
        str(VALIDATION),
    log:
        "logs/validation.log",
    conda:
        "../environment.yml"
    params:
        grantreports=GRANTREPORTS,
    shell:
        "{params.grantreports} summary {input.extraction:q} {output:q} 2> {log:q}"
