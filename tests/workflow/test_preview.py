"""`python -m grantreports preview` on a copy of the examples: it follows a saved edit to the PDF, shows input and
template problems on its page, waits for a half-saved workbook, and leaves exactly the files a build would leave
(a `snakemake` run afterwards renders nothing; killed mid-render, the next build gives what an uninterrupted one gives).
It is the folder's one writer: while it runs, a build and a second preview do not start; it does not start while a
build runs; the lock a killed preview leaves blocks nothing."""

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

from grantreports.common.project import PREVIEW_LOCK
from tests.fixtures import REPO, complete, pdf_text

GRANT = "2023-lv-nvof-mac-041-58"  # the SIF grant of the examples; its first activity row is row 2
PDF = Path("outputs") / GRANT / "interim-1.pdf"  # row 2 falls in the first period


class Preview:
    """The preview process in `folder`, its output lines collected as they come."""

    def __init__(self, folder: Path, interrupts_ignored: bool = False):
        self.folder = folder
        self.lines: list[str] = []
        command = [sys.executable, "-m", "grantreports", "preview", "--no-browser", "--port", "0"]
        if interrupts_ignored:  # as a program started in the background of a shell (nohup … &) inherits them
            command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
        self.process = subprocess.Popen(
            command,
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


def snakemake(folder: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "--cores", "2", *args]
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
        assert (project / PREVIEW_LOCK).is_file()  # left behind: the next preview, and the build, find it stale
        for path in (project / "outputs").rglob("*"):
            if path.is_file():  # a write cut short stays a hidden .part file, never takes an output's name
                assert path.name.startswith(".") or complete(path.name, path.read_bytes()), f"{path} is cut short"
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    assert not (project / PREVIEW_LOCK).exists()
    built = {name: data for name, data in outputs(project).items() if not Path(name).name.startswith(".")}
    assert batch_build_after(twin, project) == built


def preview_start(folder: Path) -> subprocess.CompletedProcess:
    """Preview started in `folder`, run until it ends (a refusal ends it at once)."""
    command = [sys.executable, "-m", "grantreports", "preview", "--no-browser", "--port", "0"]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, timeout=120, check=False)


def lock_of_preview(folder: Path, pid: int) -> str:
    """results/preview.lock as preview process `pid` writes it; its content."""
    content = json.dumps({"pid": pid, "url": "http://127.0.0.1:8765/"})
    (folder / PREVIEW_LOCK).parent.mkdir(exist_ok=True)
    (folder / PREVIEW_LOCK).write_text(content, encoding="utf-8")
    return content


def ended_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def files(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time (ns)."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_running_preview_holds_the_folder_against_a_build_and_a_second_preview_until_stopped(project):
    preview = Preview(project)
    try:
        pid = preview.process.pid
        lock = json.loads((project / PREVIEW_LOCK).read_text(encoding="utf-8"))
        assert (lock["pid"], lock["url"]) == (pid, preview.url)
        # its own first build ran while it held the folder: Snakemake got past the input stage, which it refuses others
        assert "Building DAG of jobs..." in preview.lines, preview.lines
        assert not any("preview is running" in line for line in preview.lines), preview.lines
        before = {**files(project / "outputs"), **files(project / "results")}
        refused = snakemake(project)
        assert refused.returncode == 1
        assert refused.stderr.rstrip().endswith(
            f"grantreports: preview is running in this folder (process {pid}, {preview.url}): stop it (Ctrl+C in its window)"
            " before running the build, or build in another folder"
        ), refused.stderr
        second = preview_start(project)
        assert second.returncode == 1
        assert f"grantreports preview: another preview is running in this folder (process {pid}, {preview.url})" in second.stderr
        assert {**files(project / "outputs"), **files(project / "results")} == before  # neither wrote a file
    finally:
        assert preview.stop(signal.SIGTERM) == 0  # stopped like Ctrl+C
    assert not (project / PREVIEW_LOCK).exists()
    run = snakemake(project)
    assert run.returncode == 0, run.stderr


def test_ctrl_c_stops_a_preview_started_with_interrupts_ignored(project):
    preview = Preview(project, interrupts_ignored=True)
    assert preview.stop(signal.SIGINT) == 0, preview.lines
    assert preview.lines[-1] == "grantreports preview: stopped.", preview.lines
    assert not (project / PREVIEW_LOCK).exists()


@pytest.fixture
def other_process():
    """A live process that is not the build's parent: the preview holding the folder, as far as the build can tell."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process.pid
    process.kill()
    process.wait()


def test_the_build_and_its_dry_run_do_not_start_while_preview_runs_and_write_nothing(tmp_path, other_process):
    folder = examples(tmp_path)
    lock = lock_of_preview(folder, other_process)
    for options in ([], ["-n"]):
        run = snakemake(folder, *options)
        assert run.returncode == 1, run.stderr
        assert run.stderr.rstrip().endswith(
            f"grantreports: preview is running in this folder (process {other_process}, http://127.0.0.1:8765/): stop it (Ctrl+C in its"
            " window) before running the build, or build in another folder"
        ), run.stderr
        assert list(files(folder / "results")) == ["preview.lock"] and (folder / PREVIEW_LOCK).read_text(encoding="utf-8") == lock
        assert not (folder / "outputs").exists() and not (folder / "logs").exists()


def test_the_first_build_of_the_preview_holding_the_folder_runs(tmp_path):
    """Preview holds the folder from its start; its own first build is its child process (here: this test's)."""
    folder = examples(tmp_path)
    lock_of_preview(folder, os.getpid())
    run = snakemake(folder, "-n")
    assert run.returncode == 0, run.stderr
    assert "preview is running" not in run.stderr


def test_the_lock_of_a_preview_that_was_killed_is_removed_by_the_build_which_runs(project):
    lock_of_preview(project, ended_process())
    run = snakemake(project)
    assert run.returncode == 0, run.stderr
    assert "preview is running" not in run.stderr
    assert not (project / PREVIEW_LOCK).exists()


def test_preview_does_not_start_while_another_preview_runs(tmp_path):
    folder = examples(tmp_path)
    lock = lock_of_preview(folder, os.getpid())
    run = preview_start(folder)
    assert run.returncode == 1
    assert run.stderr == (
        f"grantreports preview: another preview is running in this folder (process {os.getpid()}, http://127.0.0.1:8765/): use that one,"
        " or stop it (Ctrl+C in its window) before starting preview again\n"
    )
    assert run.stdout == ""  # no build
    assert sorted(p.name for p in folder.iterdir()) == ["config", "inputs", "results", "templates"]
    assert (folder / PREVIEW_LOCK).read_text(encoding="utf-8") == lock


def test_preview_does_not_start_while_a_build_runs(tmp_path):
    folder = examples(tmp_path)
    (folder / ".snakemake" / "locks").mkdir(parents=True)
    (folder / ".snakemake" / "locks" / "0.input.lock").write_text("inputs/activities.xlsx\n", encoding="utf-8")
    run = preview_start(folder)
    assert run.returncode == 1
    assert run.stderr.startswith("grantreports preview: a build (snakemake) is running in this folder: start preview once it has ended")
    assert "snakemake --unlock" in run.stderr
    assert run.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == [".snakemake", "config", "inputs", "templates"]
    assert [p.name for p in (folder / ".snakemake").rglob("*")] == ["locks", "0.input.lock"]
