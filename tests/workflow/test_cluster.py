"""The example build through Snakemake's cluster-generic executor, each job a detached process, as on a batch system."""

import os
import shutil
import subprocess
import sys

from tests.fixtures import REPO

SUBMIT = REPO / "tests" / "workflow" / "detached_submit.sh"


def example_project(folder):
    """The repository's example inputs and config, with the templates named by absolute path."""
    shutil.copytree(REPO / "inputs", folder / "inputs")
    (folder / "config").mkdir(parents=True)
    config = (REPO / "config" / "config.yaml").read_text(encoding="utf-8")
    (folder / "config" / "config.yaml").write_text(
        config.replace('templates: "templates"', f'templates: "{REPO / "templates"}"'), encoding="utf-8"
    )
    return folder


def snakemake(folder, *args, env=None):
    command = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(folder), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, check=False)


def test_the_example_build_on_a_batch_system_gives_the_same_files_as_a_local_build(tmp_path):
    local, cluster = example_project(tmp_path / "local"), example_project(tmp_path / "cluster")
    run = snakemake(local, "--cores", "2")
    assert run.returncode == 0, run.stderr

    submissions = tmp_path / "submissions.log"
    run = snakemake(
        cluster,
        "--workflow-profile",
        str(REPO / "profiles" / "cluster-generic"),
        "--cluster-generic-submit-cmd",
        str(SUBMIT),
        "--jobs",
        "4",
        "--latency-wait",
        "10",
        env={**os.environ, "SUBMIT_LOG": str(submissions)},
    )
    assert run.returncode == 0, run.stderr + submissions.with_suffix(".log.out").read_text()

    jobs = submissions.read_text().splitlines()
    render_jobs = [line for line in jobs if "render_batch" in line]
    assert len(render_jobs) == 5 and len(jobs) == 6  # five grants in five batches, and the validation
    assert len({line.split()[0] for line in jobs}) == len(jobs)  # every job its own process

    delivered = sorted(p.relative_to(local).as_posix() for p in (local / "outputs").rglob("*") if p.is_file())
    assert len([name for name in delivered if name.endswith(".pdf")]) == 10
    assert sorted(p.relative_to(cluster).as_posix() for p in (cluster / "outputs").rglob("*") if p.is_file()) == delivered
    for name in delivered:
        assert (cluster / name).read_bytes() == (local / name).read_bytes(), name
