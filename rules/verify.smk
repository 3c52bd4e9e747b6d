# Verify (for auditors, not part of the build): `snakemake verify --cores all` or `make verify`
# rebuilds every report from the inputs in a scratch folder and compares it, byte for byte,
# with outputs/ and the manifests; one line per report, exit 1 on any difference.


rule verify:
    log:
        "logs/verify.log",
    conda:
        "../environment.yml"
    threads: lambda wildcards: workflow.cores  # the rebuild uses every core; a callable, as a cluster run sets no core count
    params:
        grantreports=GRANTREPORTS,
    shell:
        "{params.grantreports} verify --cores {threads} 2>&1 | tee {log:q}"
