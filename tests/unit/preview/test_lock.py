"""The preview's lock on a project folder: held while preview runs, gone after it, and a lock left by a killed
preview (or one that cannot be read) blocks nothing."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from grantreports.common import preview_lock
from grantreports.common.preview_lock import Held, Holder, held_by, hold, preview_running_text
from grantreports.common.project import PREVIEW_LOCK

URL = "http://127.0.0.1:8000/"


def dead_pid() -> int:
    """The number of a process that has ended (and been waited for, so it is not even a zombie)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_holding_writes_the_process_and_address_and_removes_the_lock_after(tmp_path):
    with hold(tmp_path, URL) as holder:
        recorded = json.loads((tmp_path / PREVIEW_LOCK).read_text(encoding="utf-8"))
        assert (recorded["pid"], recorded["url"]) == (holder.pid, URL)
        assert held_by(tmp_path) == holder == Holder(os.getpid(), URL)
    assert not (tmp_path / PREVIEW_LOCK).exists()
    assert held_by(tmp_path) is None


def test_the_lock_is_removed_when_the_block_ends_on_an_exception_or_ctrl_c(tmp_path):
    for stop in (ValueError("a fault"), KeyboardInterrupt()):
        with pytest.raises(type(stop)), hold(tmp_path, URL):
            assert (tmp_path / PREVIEW_LOCK).is_file()
            raise stop
        assert not (tmp_path / PREVIEW_LOCK).exists()


def test_a_second_hold_is_refused_with_the_first_holder_and_leaves_its_lock(tmp_path):
    with hold(tmp_path, URL) as first:
        with pytest.raises(Held) as refused, hold(tmp_path, "http://127.0.0.1:8001/"):
            pytest.fail("a second preview held the folder")
        assert refused.value.holder == first
        assert held_by(tmp_path) == first


def test_a_lock_whose_process_has_ended_is_stale_removed_and_taken_over(tmp_path):
    lock = tmp_path / PREVIEW_LOCK
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": dead_pid(), "url": URL}), encoding="utf-8")
    assert held_by(tmp_path) is None
    assert not lock.exists()
    lock.write_text(json.dumps({"pid": dead_pid(), "url": URL}), encoding="utf-8")
    with hold(tmp_path, "http://127.0.0.1:8001/") as holder:
        assert held_by(tmp_path) == holder and holder.url == "http://127.0.0.1:8001/"


GARBLED = [
    b"",  # cut short before its first byte
    b'{"pid": 12',
    b"\xff\xfe",  # not UTF-8
    b"[1, 2]",
    b'{"url": "x"}',
    b'{"pid": "1", "url": "x"}',
    b'{"pid": 0, "url": "x"}',  # 0 and below would name process groups, every process for -1
    b'{"pid": -1, "url": "x"}',
    b'{"pid": 99999999999999999999, "url": "x"}',  # larger than any process number
]


@pytest.mark.parametrize("content", GARBLED)
def test_a_garbled_lock_is_stale(tmp_path, content):
    lock = tmp_path / PREVIEW_LOCK
    lock.parent.mkdir()
    lock.write_bytes(content)
    assert held_by(tmp_path) is None
    assert not lock.exists()


def test_a_live_process_of_another_user_holds_the_lock(tmp_path, monkeypatch):
    def not_permitted(pid, signal):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "kill", not_permitted)
    lock = tmp_path / PREVIEW_LOCK
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": 1, "url": URL}), encoding="utf-8")
    assert held_by(tmp_path) == Holder(1, URL)
    assert lock.exists()


def test_the_build_is_told_which_preview_to_stop():
    assert preview_running_text(Holder(1234, URL)) == (
        "grantreports: preview is running in this folder (process 1234, http://127.0.0.1:8000/): stop it (Ctrl+C in its window)"
        " before running the build, or build in another folder"
    )


def test_the_lock_is_never_seen_empty_or_half_written(tmp_path, monkeypatch):
    """A build looking while the lock is being made finds no lock or the whole one; never the empty file it would
    take for a leftover and remove while the preview that made it runs on."""
    seen = []
    write_bytes = type(tmp_path).write_bytes

    def writing(path, data):  # while the lock's content is written, look at its place as a build would
        written = write_bytes(path, data[: len(data) // 2])
        seen.append(held_by(tmp_path))
        write_bytes(path, data)
        return written

    monkeypatch.setattr(type(tmp_path), "write_bytes", writing)
    with hold(tmp_path, URL) as holder:
        monkeypatch.undo()
        seen.append(held_by(tmp_path))
        assert (tmp_path / PREVIEW_LOCK).is_file()
    assert seen == [None, holder]
    assert [p.name for p in (tmp_path / PREVIEW_LOCK).parent.iterdir()] == []  # the file written beside it is gone


def test_without_hard_links_the_lock_is_still_made_and_a_second_refused(tmp_path, monkeypatch):
    def no_links(source, target):
        raise PermissionError("this file system has no hard links")

    monkeypatch.setattr(os, "link", no_links)
    with hold(tmp_path, URL) as first:
        recorded = json.loads((tmp_path / PREVIEW_LOCK).read_text(encoding="utf-8"))
        assert (recorded["pid"], recorded["url"]) == (first.pid, URL)
        with pytest.raises(Held) as refused, hold(tmp_path, "http://127.0.0.1:8001/"):
            pytest.fail("a second preview held the folder")
        assert refused.value.holder == first
    assert [p.name for p in (tmp_path / PREVIEW_LOCK).parent.iterdir()] == []


def test_the_lock_records_when_its_process_started_where_the_system_tells(tmp_path):
    with hold(tmp_path, URL) as holder:
        recorded = json.loads((tmp_path / PREVIEW_LOCK).read_text(encoding="utf-8"))
    if not os.path.exists(f"/proc/{os.getpid()}/stat"):
        assert holder.started is None and "started" not in recorded
        return
    assert recorded["started"] == holder.started
    assert holder.started.split(":")[0] == Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="no /proc: the lock records no start")
def test_a_lock_whose_process_number_was_given_to_another_process_is_stale(tmp_path):
    """The lock's process ended and its number went to another program (here: this test's own process, alive)."""
    lock = tmp_path / PREVIEW_LOCK
    lock.parent.mkdir()
    with hold(tmp_path, URL) as holder:
        started = holder.started
    boot, tick = started.rsplit(":", 1)
    lock.write_text(json.dumps({"pid": os.getpid(), "url": URL, "started": f"{boot}:{int(tick) - 100}"}), encoding="utf-8")
    assert held_by(tmp_path) is None
    assert not lock.exists()
    for same in ({"started": started}, {}):  # the same start; a lock that does not say (an earlier version's)
        lock.write_text(json.dumps({"pid": os.getpid(), "url": URL} | same), encoding="utf-8")
        assert held_by(tmp_path) == Holder(os.getpid(), URL)
        assert lock.exists()


def test_a_stale_lock_is_removed_only_while_no_new_preview_can_be_putting_its_own_in_its_place(tmp_path, monkeypatch):
    """A build reads a killed preview's lock and finds it stale; just then a new preview starts and takes the folder.
    The build must not remove the new preview's lock in the stale one's place."""
    lock = tmp_path / PREVIEW_LOCK
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": dead_pid(), "url": URL}), encoding="utf-8")
    held, stop = threading.Event(), threading.Event()

    def new_preview():
        with hold(tmp_path, "http://127.0.0.1:8001/"):
            held.set()
            stop.wait(10)

    starting = threading.Thread(target=new_preview)
    real_alive = preview_lock._alive

    def alive_while_a_preview_starts(pid):
        if threading.current_thread() is threading.main_thread():  # the build, between reading the lock and removing it
            starting.start()
            held.wait(0.5)  # unguarded, the new preview would take the stale lock's place meanwhile
        return real_alive(pid)

    monkeypatch.setattr(preview_lock, "_alive", alive_while_a_preview_starts)
    try:
        assert held_by(tmp_path) is None
        assert held.wait(5)
        assert json.loads(lock.read_text(encoding="utf-8"))["url"] == "http://127.0.0.1:8001/"
    finally:
        stop.set()
        starting.join()
    assert not lock.exists()
