"""One writer per project folder: while preview runs it holds results/preview.lock, and the batch build
(rules/common.smk) does not start while that lock is held. Both write results/ and outputs/; at the same time,
one could mark a batch done that the other is rendering, or leave its problem lists beside the other's reports.

The lock is a file that names the preview's process and address, so that whoever is refused is told which preview
to stop. It appears whole in one step (written beside its place, then hard-linked there, which fails if a lock is
there already: of two previews starting together, one gets it), so that a build looking at it never finds it empty
and takes it for a leftover while the preview that made it is still writing it. A preview killed before it could
remove its lock (SIGKILL, a power loss) leaves the file behind: a lock whose process is gone is stale, and is
removed and ignored, as is one that cannot be read; a leftover never blocks the folder. Where the system tells
when a process started (Linux's /proc), the lock records that too: a leftover whose process number has since been
given to another program is stale as well.

Looking at the lock, removing a stale one and making one are done under a guard (_guarded): an advisory lock on the
folder the lock is in. Without it, a build that found a killed preview's lock stale could remove,
a moment later, the lock a new preview had just put in its place.

Imports: the standard library and i18n only, as rules/common.smk imports this on every build's start path."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from grantreports.common.i18n import tr
from grantreports.common.project import PREVIEW_LOCK

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


@dataclass(frozen=True)
class Holder:
    """The preview holding a project folder: its process, and the address it serves the reports on."""

    pid: int
    url: str
    # When the process started (_start_mark); None where the system does not tell, or in a lock that does not say
    started: str | None = field(default=None, compare=False)


class Held(Exception):
    """The folder is held by another preview, which is alive."""

    def __init__(self, holder: Holder):
        super().__init__(holder)
        self.holder = holder


def held_by(folder: Path) -> Holder | None:
    """The live preview holding `folder`, or None; a stale or unreadable lock is removed on the way."""
    path = folder / PREVIEW_LOCK
    if not path.exists():  # the build's usual start: nothing to guard
        return None
    with _guarded(path):
        return _live_holder(path)


def _live_holder(path: Path) -> Holder | None:
    """held_by, under the guard."""
    try:
        holder = _named(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError:  # unreadable: it holds nothing, as a garbled one
        holder = None
    if holder is not None and _alive(holder.pid) and not _number_given_again(holder):
        return holder
    path.unlink(missing_ok=True)
    return None


@contextmanager
def hold(folder: Path, url: str) -> Iterator[Holder]:
    """`folder`'s lock, for this process and its address `url`, until the block ends (an exception, Ctrl+C and a
    TERM signal included); raises Held when another live preview has it. A stale lock is taken over."""
    path = folder / PREVIEW_LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = Holder(os.getpid(), url, _start_mark(os.getpid()))
    fields = {"pid": holder.pid, "url": holder.url} | ({"started": holder.started} if holder.started else {})
    content = json.dumps(fields).encode()
    with _guarded(path):
        while True:
            try:
                _create(path, content)
                break
            except FileExistsError:
                if other := _live_holder(path):  # else it was stale and is gone: try again
                    raise Held(other) from None
    try:
        yield holder
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def _guarded(path: Path) -> Iterator[None]:
    """While the block runs, no other process or thread looks at, removes or makes the lock `path`: an advisory lock
    (flock) on its folder, which stays while the lock comes and goes, so that all take the same one, and which needs
    no file of its own (a build that does not start writes nothing). Where the system or file system has no such
    locks, the block runs unguarded."""
    try:
        descriptor = os.open(path.parent, os.O_RDONLY)
    except OSError:
        descriptor = None
    try:
        if descriptor is not None and fcntl is not None:
            with suppress(OSError):
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)  # lets the guard go


def _create(path: Path, content: bytes) -> None:
    """`path` made with `content` in one step; FileExistsError when there is a file there already."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_bytes(content)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: created, then written (a reader may find it empty meanwhile)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as lock:
            lock.write(content)
    finally:
        temporary.unlink(missing_ok=True)


def preview_running_text(holder: Holder) -> str:
    """What a build says when it does not start because preview holds the folder (rules/common.smk)."""
    return tr(
        "grantreports: preview is running in this folder (process {pid}, {url}): stop it (Ctrl+C in its window) before running the build,"
        " or build in another folder"
    ).format(pid=holder.pid, url=holder.url)


def _named(data: bytes) -> Holder | None:
    """The holder a lock names; None when it is not what hold() writes (cut short, edited, garbled)."""
    try:
        fields = json.loads(data)
        pid, url, started = fields["pid"], fields["url"], fields.get("started")
    except (ValueError, TypeError, KeyError):  # not JSON (or not UTF-8), not an object, or a field missing
        return None
    if type(pid) is not int or pid <= 0 or not isinstance(url, str):  # 0 and below name process groups, not a process
        return None
    return Holder(pid, url, started if isinstance(started, str) else None)


def _alive(pid: int) -> bool:
    """Whether process `pid` exists: signal 0 is only checked, not sent."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no process has so large a number
        return False
    except PermissionError:  # another user's process, alive
        return True
    return True


def _number_given_again(holder: Holder) -> bool:
    """Whether the lock's process number now belongs to a process that started at another moment than the lock says."""
    now = _start_mark(holder.pid)
    return holder.started is not None and now is not None and now != holder.started


def _start_mark(pid: int) -> str | None:
    """When process `pid` started, as Linux tells it: the boot and the clock tick (/proc); None where it cannot be read.

    A process number is given again once its process has ended; the same number with another start is another process."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        status = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    after_name = status[status.rfind(b")") + 2 :].split()  # the name, in parentheses, may hold spaces; fields 3 on follow
    return f"{boot}:{after_name[19].decode()}" if len(after_name) > 19 else None  # field 22: the start, in clock ticks
