# Render stage: one job per report writes its Word and PDF files from the grant's data file.


rule report:
    input:
        data=str(RESULTS / "grants" / "{grant}.json"),
        templates=template_files,
    output:
        docx="outputs/{grant}/{report}.docx",
        pdf="outputs/{grant}/{report}.pdf",
    params:
        code=CODE_DIGEST,
    log:
        "logs/report/{grant}/{report}.log",
    wildcard_constraints:
        grant=r"[a-z0-9-]+",
        report=r"interim-\d+|final",
    shell:
        "{GRANTREPORTS} render {input.data:q} {wildcards.report} --templates {TEMPLATES:q}"
        " --docx {output.docx:q} --pdf {output.pdf:q} > {log:q} 2>&1"
