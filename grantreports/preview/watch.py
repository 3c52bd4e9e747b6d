"""Noticing that the user saved a file: the inputs, the config and the templates, polled.

Polling (a few stat calls, every POLL seconds) works the same on every system and file system, network
shares included, and sees a save that replaces the file (LibreOffice and Excel write a new file and rename
it over the old one) as well as one that rewrites it in place. A change counts once the files have stopped
changing for SETTLE seconds, or at once when every changed file is a whole workbook (its zip directory, written
last, is there and every part's checksum is right: the save is over); a workbook that cannot be opened yet (half
written, or locked by the program saving it) is waited for, up to PATIENCE seconds of no change, before it is
read and its problem shown."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

POLL = 0.1  # seconds between looks
SETTLE = 0.15  # seconds without change before a change is taken
PATIENCE = 8.0  # seconds a file that cannot be opened may stay unchanged before it is read as it is

WORKBOOKS = (".xlsx", ".xlsm", ".ods")  # zip files

Stamp = tuple[int, int, int]  # modification time (ns), size, inode
Snapshot = dict[Path, Stamp]


def snapshot(paths: list[Path]) -> Snapshot:
    stamps = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # gone between the listing and the look: absent from the snapshot, so a change
            continue
        stamps[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return stamps


def changed_files(before: Snapshot, after: Snapshot) -> set[Path]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def not_ready(path: Path) -> bool:
    """Whether the file is, by all signs, still being written or locked: it cannot be opened, is empty, or (a
    workbook) its zip directory, written last, is missing or damaged. A missing file is ready (it was removed)."""
    try:
        with path.open("rb") as stream:
            start = stream.read(4)
    except FileNotFoundError:
        return False
    except OSError:  # locked (Windows) or not readable yet
        return True
    if not start:
        return True
    return start.startswith(b"PK") and path.suffix.lower() in WORKBOOKS and not _whole_zip(path)


def whole_workbook(path: Path, now: Snapshot) -> bool:
    """Whether the file is a workbook that is there and whole. A removed workbook is not: Excel removes the old
    file before it moves the new one into its place, and the two moments are a change to let settle."""
    return path in now and path.suffix.lower() in WORKBOOKS and _whole_zip(path)


def _whole_zip(path: Path) -> bool:
    """Whether the file is a zip file whose directory, written last, is there and every part's checksum right."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


class Watcher:
    """Waits for the next change of the files `watched()` lists (called on every look: the list may change)."""

    def __init__(self, watched: Callable[[], list[Path]], sleep: Callable[[float], None] = time.sleep):
        self.watched = watched
        self.sleep = sleep
        self.last = snapshot(watched())

    def next_change(self, waiting: Callable[[list[Path]], None] = lambda paths: None) -> set[Path]:
        """Block until some files changed and have settled and are ready to read; those files.

        `waiting(paths)` is told about files that are not ready yet (the page says so)."""
        while True:
            now = snapshot(self.watched())
            changed = changed_files(self.last, now)
            if not changed:
                self.sleep(POLL)
                continue
            if not all(whole_workbook(path, now) for path in changed):
                now = self._settled(now)
                changed = changed_files(self.last, now)
                now = self._ready(changed, now, waiting)
                changed = changed_files(self.last, now)
            self.last = now
            if changed:
                return changed

    def _settled(self, now: Snapshot) -> Snapshot:
        """The snapshot once it has stayed the same for SETTLE seconds."""
        while True:
            self.sleep(SETTLE)
            later = snapshot(self.watched())
            if later == now:
                return now
            now = later

    def _ready(self, changed: set[Path], now: Snapshot, waiting: Callable[[list[Path]], None]) -> Snapshot:
        """Wait while a changed file is not ready, as long as it keeps changing or for PATIENCE seconds unchanged."""
        unchanged_since = time.monotonic()
        while True:
            pending = sorted(path for path in changed if not_ready(path))
            if not pending or time.monotonic() - unchanged_since >= PATIENCE:
                return now
            waiting(pending)
            self.sleep(POLL * 3)
            later = self._settled(snapshot(self.watched()))
            if later != now:
                changed |= changed_files(now, later)
                now, unchanged_since = later, time.monotonic()
