# Verify (for auditors, not part of the build): `snakemake verify --cores all` or `make verify`
# rebuilds every report from the inputs in a scratch folder and compares it, byte for byte,
# with outputs/ and the manifests; one line per report, exit 1 on any difference.


rule verify:
    shell:
        "{GRANTREPORTS} verify --cores {workflow.cores}"
