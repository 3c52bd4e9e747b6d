"""`python -m grantreports preview` on a copy of the examples: it follows a saved edit to the PDF, shows input and
template problems on its page, waits for a half-saved workbook, and leaves exactly the files a build would leave
(a `snakemake` run afterwards renders nothing; killed mid-render, the next build gives what an uninterrupted one gives)."""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from tests.fixtures import REPO, complete, pdf_text

GRANT = "2023-lv-nvof-mac-041-58"  # the SIF grant of the examples; its first activity row is row 2
PDF = Path("outputs") / GRANT / "interim-1.pdf"  # row 2 falls in the first period


class Preview:
    """The preview process in `folder`, its output lines collected as they come."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grantreports", "preview", "--no-browser", "--port", "0"],
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self._collect, daemon=True)
        self.reader.start()
        ready = self.wait_for(r"grantreports preview: (http://127\.0\.0\.1:\d+/) ", timeout=600)
        self.url = ready.group(1)

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 60, start: int = 0) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[start:]:
                if found := re.search(pattern, line):
                    return found
            assert self.process.poll() is None, "preview ended:\n" + "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in {timeout} s:\n" + "\n".join(self.lines))

    def get(self, path: str, method: str = "GET") -> tuple[int, bytes]:
        request = urllib.request.Request(self.url.rstrip("/") + path, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    def state(self) -> dict:
        return json.loads(self.get("/.preview/state")[1])

    def after(self, change) -> dict:
        """The state once the update that follows `change` (a callable that saves a file) is done."""
        wait_until(lambda: self.state()["status"] != "busy", what="the update before")
        version = self.state()["version"]
        change()
        wait_until(lambda: self.state()["version"] > version, what="the update after the change")
        return self.state()

    def stop(self, how: int = signal.SIGINT) -> int:
        os.killpg(self.process.pid, how)
        code = self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        self.process.stdout.close()
        return code


def wait_until(condition, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        time.sleep(0.05)


def save_like_libreoffice(path: Path, sheet: str, cell: str, value) -> None:
    """The workbook with one cell changed, written beside it and renamed over it, as office programs save."""
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    temporary = path.with_name("lu12345.tmp")
    workbook.save(temporary)
    os.replace(temporary, path)


def snakemake(folder: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "--cores", "2"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "outputs").rglob("*") if p.is_file()}


def examples(folder: Path) -> Path:
    """A copy of the examples with their own copy of the templates (a test edits one)."""
    shutil.copytree(REPO / "inputs", folder / "inputs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "config").mkdir()
    config = (REPO / "config" / "config.yaml").read_text(encoding="utf-8").replace("language: lv", "language: en")
    (folder / "config" / "config.yaml").write_text(config, encoding="utf-8")
    return folder


def batch_twin(folder: Path, twin: Path) -> Path:
    """A copy of the built project, with Snakemake's records: what the batch build would start from."""
    shutil.copytree(folder, twin, symlinks=True)
    return twin


def batch_build_after(twin: Path, folder: Path) -> dict[str, bytes]:
    """The outputs the batch build gives in `twin` once its inputs, config and templates are `folder`'s."""
    for part in ("inputs", "templates", "config"):
        shutil.rmtree(twin / part)
        shutil.copytree(folder / part, twin / part)
    run = snakemake(twin)
    assert run.returncode == 0, run.stderr
    return outputs(twin)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = examples(tmp_path_factory.mktemp("preview"))
    run = snakemake(folder)
    assert run.returncode == 0, run.stderr
    return folder


def test_an_edit_reaches_the_pdf_as_the_batch_build_would_write_it_and_a_build_afterwards_renders_nothing(project, tmp_path):
    twin = batch_twin(project, tmp_path / "batch")
    preview = Preview(project)
    try:
        assert "977" not in pdf_text(project / PDF)
        status, page = preview.get("/")
        assert status == 200 and b"/.preview/state" in page  # the served page follows the updates
        assert b"/.preview/state" not in (project / "outputs" / "index.html").read_bytes()  # the file on disk is the build's
        version = preview.state()["version"]
        save_like_libreoffice(project / "inputs" / "activities.xlsx", "activities", "H2", 977)
        wait_until(lambda: "977" in pdf_text(project / PDF), what="the edited participants in the PDF")
        wait_until(lambda: preview.state()["version"] > version, what="the update finished")
        assert preview.state()["status"] == "ready", preview.state()
        assert preview.wait_for(r"grantreports preview: 2 reports updated")  # the grant's final and interim reports
        for path in ("/../config/config.yaml", "/%2e%2e/config/config.yaml", "/.preview/../../inputs/activities.xlsx"):
            assert preview.get(path)[0] == 404, path
        assert preview.get(f"/{GRANT}/final.pdf")[1][:5] == b"%PDF-"
        assert preview.get(f"/{GRANT}/final.pdf", method="POST")[0] == 405
        assert preview.get(f"/.preview/pdf/{GRANT}/final.pdf")[0] == 200
    finally:
        assert preview.stop() == 0
    after_preview = outputs(project)
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    assert "render_" not in run.stderr, run.stderr  # no render job ran: preview left every batch done
    assert outputs(project) == after_preview
    assert batch_build_after(twin, project) == after_preview  # the same bytes, every file


def test_the_page_shows_input_and_template_problems_and_a_half_saved_workbook_is_waited_for(project):
    preview = Preview(project)
    workbook = project / "inputs" / "activities.xlsx"
    whole = workbook.read_bytes()
    try:
        version = preview.state()["version"]
        workbook.write_bytes(whole[: len(whole) // 2])  # a save caught half way: no problem may be reported from it
        time.sleep(2)
        assert preview.state()["version"] == version and preview.state()["status"] == "busy", preview.state()
        assert "waiting" in preview.state()["message"] and (project / PDF).is_file()
        state = preview.after(lambda: save_like_libreoffice_bytes(workbook, whole))
        assert state["status"] == "ready", state

        state = preview.after(lambda: save_like_libreoffice(workbook, "activities", "D2", "31.06.2024"))
        page = preview.get("/")[1].decode()
        assert state["status"] == "problem", state
        where = (
            r'<td>inputs/activities\.xlsx</td><td class="where">activities</td><td class="where">2</td><td class="where">start_date</td>'
        )
        assert re.search(where + r'<td><span class="value">31\.06\.2024</span>', page), "the problem with file, sheet, row, column"
        assert not (project / PDF).exists()  # the grant's report is not made while its rows have an error
        assert preview.after(lambda: save_like_libreoffice_bytes(workbook, whole))["status"] == "ready"
        assert (project / PDF).is_file()

        template = project / "templates" / "sif-nvo-fonds" / "report.html"
        good = template.read_text(encoding="utf-8")
        state = preview.after(lambda: template.write_text(good.replace("{{", "{{ {%", 1), encoding="utf-8"))
        page = preview.get("/")[1].decode()
        assert state["status"] == "problem" and "sif-nvo-fonds/report.html" in page, state
        assert not (project / PDF).exists()
        assert preview.after(lambda: template.write_text(good, encoding="utf-8"))["status"] == "ready"
        assert (project / PDF).is_file()
    finally:
        assert preview.stop() == 0


def save_like_libreoffice_bytes(path: Path, content: bytes) -> None:
    temporary = path.with_name("lu54321.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def test_killed_mid_render_it_leaves_no_half_written_file_and_the_next_build_equals_an_uninterrupted_one(project, tmp_path):
    twin = batch_twin(project, tmp_path / "batch")
    moments = random.Random(20261202)
    for value in (4, 5, 6):
        preview = Preview(project)
        start = len(preview.lines)
        save_like_libreoffice(project / "inputs" / "activities.xlsx", "activities", "H2", value)
        preview.wait_for(r"changed", start=start)
        time.sleep(moments.uniform(0, 2.5))  # somewhere in the update: reading, rendering, writing
        preview.stop(signal.SIGKILL)
        for path in (project / "outputs").rglob("*"):
            if path.is_file():  # a write cut short stays a hidden .part file, never takes an output's name
                assert path.name.startswith(".") or complete(path.name, path.read_bytes()), f"{path} is cut short"
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    built = {name: data for name, data in outputs(project).items() if not Path(name).name.startswith(".")}
    assert batch_build_after(twin, project) == built
