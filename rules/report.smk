# Render stage: the due reports in batches (grantreports/render/batches.py), one job per batch. Each
# report gets its Word and PDF/A-3 files, the data extract (every source row behind each
# figure) and the manifest (SHA-256 of everything it was built from and of what came out).
# A batch job renders only the reports whose content changed and restores the others from
# results/kept/. `snakemake --report report.html` lists every report file.
#
# The default target asks for each batch's results/batches/<batch>.txt, written when all its
# reports are built, not for the 4,000 report files of 1,000 grants: looking up the job of
# each requested file cost Snakemake 0.7 s of a 4.8 s rerun with nothing to do. Snakemake
# only checks the requested outputs of a job, so a batch with a report file missing has its
# file removed before (forget_unfinished_batches in common.smk) and runs again. The file
# (`done`) comes first among the outputs because Snakemake tries them in order.

for batch, members in BATCHES.items():

    rule:
        name:
            f"render_{batch.replace('-', '_')}"
        input:
            data=sorted({str(data_file(RESULTS, r.grant_slug)) for r in members}),
            templates=sorted({f for funder in {r.funder for r in members} for f in funder_template_files(funder)}),
            code=str(CODE_FILE),
        output:
            done=str(batch_done(batch)),
            reports=[
                report(
                    report_file(r, ext),
                    caption=f"../report/{caption}.rst",
                    category=r.grant_slug,
                    subcategory=r.report_slug,
                    labels={"grant": r.grant_number, "report": r.report_slug, "file": ext},
                )
                for r in members
                for ext, caption in REPORT_FILES.items()
            ],
        log:
            f"logs/render/{batch}.log",
        conda:
            "../environment.yml"
        resources:
            mem_mb=400,
            runtime=lambda wildcards, attempt, n=len(members): 5 + n // 5,  # minutes
        params:
            reports=" ".join(f"{r.grant_slug}/{r.report_slug}" for r in members),
            grantreports=GRANTREPORTS,
            templates=TEMPLATES,
            results=RESULTS,
        shell:
            "GRANTREPORTS_JOB_START=$(date +%s.%N) {params.grantreports} render {params.reports} --templates {params.templates:q}"
            " --results {params.results:q} --outputs outputs --done {output.done:q} --log {log:q} > {log:q} 2>&1"
