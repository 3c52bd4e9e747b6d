"""Killing the build (SIGKILL) at random moments never leaves a truncated file where an output belongs,
and the next run finishes the job with the same bytes a clean build gives."""

import os
import random
import signal
import subprocess
import sys
import time

from tests.fixtures import REPO, complete, write_project

KILLS = 20


def outputs(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in (folder / "outputs").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def command(folder, *args):
    return [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(folder), "--cores", "2", *args]


def test_sigkill_at_random_moments_leaves_no_truncated_output_and_the_rerun_matches_a_clean_build(tmp_path):
    clean_folder = write_project(tmp_path / "clean")
    assert subprocess.run(command(clean_folder), capture_output=True, check=False).returncode == 0
    clean = outputs(clean_folder)
    folder = write_project(tmp_path / "killed")
    (folder / "inputs" / "grants.xlsx").write_bytes((clean_folder / "inputs" / "grants.xlsx").read_bytes())
    moments = random.Random(20241130)
    for attempt in range(KILLS):
        build = subprocess.Popen(command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(moments.uniform(0.3, 5.0))
        os.killpg(build.pid, signal.SIGKILL)  # the whole process group: Snakemake and its jobs
        build.wait()
        for name, data in outputs(folder).items():
            assert complete(name, data), f"attempt {attempt}: {name} is truncated"
            assert name not in clean or data == clean[name] or name.startswith("outputs/validation"), f"attempt {attempt}: {name} differs"
        subprocess.run(command(folder, "--unlock"), capture_output=True, check=False)
        rerun = subprocess.run(command(folder, "--rerun-incomplete"), capture_output=True, text=True, check=False)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        assert outputs(folder) == clean, f"attempt {attempt}: the rerun differs from a clean build"
        assert not list((folder / "outputs").rglob(".*.part")), f"attempt {attempt}: a killed write's temporary file is left"
        for name in list(outputs(folder))[moments.randrange(3) :: 3]:  # take some outputs away for the next kill to hit
            (folder / name).unlink()
