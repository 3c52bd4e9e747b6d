"""Preview does not go on when a build or another preview has the folder after all: a build that was still reading the
inputs as preview started (its own first build is refused then), another preview that took the folder in the moment
between preview's look and its lock. It leaves the folder to them, writes nothing and ends with exit code 1
(tests/workflow/test_preview.py has the refusals at the start, and the build's)."""

import json
import os

import pytest

from grantreports import preview
from grantreports.common.project import PREVIEW_LOCK
from grantreports.preview import server


@pytest.fixture(autouse=True)
def no_updates(monkeypatch):
    """run_preview with pytest's own TERM handling kept, failing the test when it goes on to update the reports;
    its server's socket closed after the test (the process that ends with preview closes it otherwise)."""
    monkeypatch.setattr(preview.signal, "signal", lambda *args: None)

    def session(*args):
        pytest.fail("preview went on to update the reports")

    monkeypatch.setattr(preview, "Session", session)
    servers = []

    def serve(*args):
        servers.append(server.serve(*args))
        return servers[-1]

    monkeypatch.setattr(preview, "serve", serve)
    yield
    for started in servers:
        started.server_close()


def test_a_build_that_had_the_folder_during_previews_first_build_is_left_to_write(tmp_path, monkeypatch, capsys):
    def build_refused_for_another(workdir, config_file, cores):
        locks = workdir / ".snakemake" / "locks"
        locks.mkdir(parents=True)
        (locks / "0.output.lock").write_text("results/code.txt\n", encoding="utf-8")

    monkeypatch.setattr(preview, "_build", build_refused_for_another)
    assert preview.run_preview(tmp_path, "config/config.yaml", 0, False, "1") == 1
    assert "grantreports preview: a build (snakemake) is running in this folder" in capsys.readouterr().err
    assert not (tmp_path / PREVIEW_LOCK).exists()  # held for the check, and let go


def test_a_preview_that_took_the_folder_after_previews_look_is_left_to_run(tmp_path, monkeypatch, capsys):
    other = json.dumps({"pid": os.getpid(), "url": "http://127.0.0.1:8001/"})  # this test's process: alive
    (tmp_path / PREVIEW_LOCK).parent.mkdir(parents=True)
    (tmp_path / PREVIEW_LOCK).write_text(other, encoding="utf-8")
    monkeypatch.setattr(preview, "held_by", lambda workdir: None)  # the other preview took the folder just after this look
    monkeypatch.setattr(preview, "_build", lambda *args: pytest.fail("preview built"))
    assert preview.run_preview(tmp_path, "config/config.yaml", 0, False, "1") == 1
    error = capsys.readouterr().err
    assert f"grantreports preview: another preview is running in this folder (process {os.getpid()}, http://127.0.0.1:8001/)" in error
    assert (tmp_path / PREVIEW_LOCK).read_text(encoding="utf-8") == other  # the other preview's lock stays
