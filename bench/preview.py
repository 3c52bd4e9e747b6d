"""Preview latency: from saving the workbook to the updated PDF on disk, with `grantreports preview` running.

The preview is started in the project folder (`python -m grantreports preview --no-browser --port 0`)
and is ready when it prints `grantreports preview: http://127.0.0.1:<port>/`. Each edit is saved the
way LibreOffice saves: the new workbook written to a temporary file in the same folder, then moved
onto the original (os.replace); the clock starts right after the move. The grant's PDFs under
outputs/<grant>/ are polled every 10 ms: a PDF is updated when its file changed (mtime or inode)
and its bytes differ from before.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

READY = re.compile(r"grantreports preview: (http://127\.0\.0\.1:\d+/)")
POLL_S = 0.01


@dataclass(frozen=True)
class Edit:
    seconds: float | None  # to the first of the grant's PDFs updated; None: none within the timeout
    pdf: str  # which


class Preview:
    """A running `grantreports preview`, its output collected line by line."""

    def __init__(self, project: Path, repo: Path, python: str = sys.executable):
        self.command = [python, "-m", "grantreports", "preview", "--no-browser", "--port", "0"]
        env = {**os.environ, "PYTHONPATH": str(repo)}
        self.process = subprocess.Popen(
            self.command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))

    def wait_ready(self, timeout: float) -> str | None:
        """The preview's address once its first build is done, None if it stopped or took longer than `timeout`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                _, line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    return None
                continue
            self.output.append(line)
            if found := READY.search(line):
                return found.group(1)
        return None

    def quiet_for(self, seconds: float, timeout: float = 120) -> None:
        """Wait until the preview printed nothing for `seconds` (its build after an edit is over)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                self.output.append(self.lines.get(timeout=seconds)[1])
            except queue.Empty:
                return

    def stop(self, timeout: float = 30) -> str:
        """Ctrl+C, as a person stops it: how it ended."""
        if self.process.poll() is not None:
            return f"it had stopped by itself, exit {self.process.returncode}"
        self.process.send_signal(signal.SIGINT)
        started = time.perf_counter()
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.quiet_for(0.5, timeout=2)
            last = " | ".join(line.strip() for line in self.output[-3:])
            return f"still running {timeout:g} s after Ctrl+C, killed; its last lines: {last}"
        return f"stopped {time.perf_counter() - started:.1f} s after Ctrl+C, exit {code}"


def save_like_libreoffice(workbook: Path, content: bytes) -> float:
    """Write `content` to a temporary file beside `workbook`, move it onto the workbook; the moment after the move."""
    handle, temporary = tempfile.mkstemp(dir=workbook.parent, prefix="lu", suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, workbook)
    return time.perf_counter()


def _state(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_ino


def time_to_updated_pdf(workbook: Path, content: bytes, pdfs: list[Path], timeout: float) -> Edit:
    """Save `content` onto `workbook`; seconds until the first of `pdfs` is updated."""
    before = {path: (_state(path), path.read_bytes() if path.is_file() else b"") for path in pdfs}
    saved = save_like_libreoffice(workbook, content)
    while time.perf_counter() - saved < timeout:
        for path, (state, old) in before.items():
            now = _state(path)
            if now is not None and now != state:
                try:
                    changed = path.read_bytes() != old
                except FileNotFoundError:
                    continue
                if changed:
                    return Edit(time.perf_counter() - saved, path.name)
                before[path] = (now, old)  # rewritten with the same bytes: keep waiting for a real change
        time.sleep(POLL_S)
    return Edit(None, "")
