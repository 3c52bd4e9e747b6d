# Template check: every funder format's profile, Word and HTML template, checked without
# data (unknown variables, tags Word split, syntax errors, sections the profile asks for).
# Run alone with `snakemake check_templates`; the default build runs it too.


rule check_templates:
    input:
        all_template_files(),
        str(CODE_FILE),
    output:
        "results/template-check.txt",
    log:
        "logs/check_templates.log",
    conda:
        "../environment.yml"
    params:
        grantreports=GRANTREPORTS,
        templates=TEMPLATES,
    shell:
        "{params.grantreports} check-templates {params.templates:q} > {output:q} 2> {log:q} || {{ cat {output:q} >&2; exit 1; }}"
