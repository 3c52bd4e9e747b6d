# Render stage: one job per report writes its Word and PDF/A-3 files, the data extract
# (every source row behind each figure) and the manifest (SHA-256 of everything it was
# built from and of what came out). `snakemake --report report.html` lists them all.


rule report:
    input:
        data=str(RESULTS / "grants" / "{grant}.json"),
        templates=template_files,
    output:
        docx=report("outputs/{grant}/{report}.docx", caption="../report/docx.rst", category="{grant}", subcategory="{report}"),
        pdf=report("outputs/{grant}/{report}.pdf", caption="../report/pdf.rst", category="{grant}", subcategory="{report}"),
        sources=report("outputs/{grant}/{report}.sources.xlsx", caption="../report/sources.rst", category="{grant}", subcategory="{report}"),
        manifest=report("outputs/{grant}/{report}.manifest.json", caption="../report/manifest.rst", category="{grant}", subcategory="{report}"),
    params:
        code=CODE_DIGEST,
        # read for the manifest's input hashes, not an input: other grants' edits must not rebuild this report
        extraction=str(RESULTS / "extraction.json"),
    log:
        "logs/report/{grant}/{report}.log",
    wildcard_constraints:
        grant=r"[a-z0-9-]+",
        report=r"interim-\d+|final",
    shell:
        "{GRANTREPORTS} render {input.data:q} {wildcards.report} --templates {TEMPLATES:q} --pdf {output.pdf:q}"
        " --extraction {params.extraction:q} > {log:q} 2>&1"
