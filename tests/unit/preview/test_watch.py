"""Noticing a save: a change counts once the files are still, a half-written or locked workbook is waited for."""

import io
import threading
import time
import zipfile
from pathlib import Path

import pytest

from grantreports.preview import watch
from grantreports.preview.watch import Watcher, not_ready, snapshot, whole_workbook


def workbook_bytes(part: str = "<workbook/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", part * 2000)
    return buffer.getvalue()


def test_a_whole_workbook_is_ready_a_cut_or_empty_one_is_not(tmp_path):
    path = tmp_path / "activities.xlsx"
    whole = workbook_bytes()
    path.write_bytes(whole)
    assert not not_ready(path)
    path.write_bytes(whole[: len(whole) // 2])
    assert not_ready(path)
    path.write_bytes(b"")
    assert not_ready(path)
    assert not not_ready(tmp_path / "removed.xlsx")  # a removed file is a change to take as it is
    csv = tmp_path / "expenses.csv"
    csv.write_text("grant_number;amount\n", encoding="utf-8")
    assert not not_ready(csv)


def test_a_workbook_that_cannot_be_opened_is_not_ready(tmp_path, monkeypatch):
    path = tmp_path / "activities.xlsx"
    path.write_bytes(workbook_bytes())

    def locked(self, *args, **kwargs):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(Path, "open", locked)
    assert not_ready(path)


def later(seconds: float, action) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(seconds), action()))
    thread.start()
    return thread


def test_a_workbook_saved_in_two_steps_is_taken_once_whole(tmp_path):
    path = tmp_path / "activities.xlsx"
    whole = workbook_bytes()
    path.write_bytes(whole)
    watcher = Watcher(lambda: [path])
    told = []
    first = later(0.1, lambda: path.write_bytes(whole[:100]))
    second = later(1.2, lambda: path.write_bytes(whole + b""))  # the rest comes a second later
    started = time.monotonic()
    changed = watcher.next_change(lambda paths: told.append(paths))
    first.join(), second.join()
    assert changed == {path}
    assert time.monotonic() - started >= 1.2  # not taken while half written
    assert not not_ready(path) and told and told[0] == [path]


def test_a_file_that_stays_cut_short_is_taken_after_the_patience(tmp_path, monkeypatch):
    monkeypatch.setattr(watch, "PATIENCE", 0.5)
    path = tmp_path / "activities.xlsx"
    path.write_bytes(workbook_bytes())
    watcher = Watcher(lambda: [path])
    later(0.1, lambda: path.write_bytes(b"PK\x03\x04 not a workbook")).join()
    assert watcher.next_change() == {path}  # then read, and its problem shown as a build would


def test_a_burst_of_writes_is_one_change_and_a_new_file_is_one(tmp_path):
    path, new = tmp_path / "expenses.csv", tmp_path / "partner.csv"
    path.write_text("a\n", encoding="utf-8")
    watcher = Watcher(lambda: sorted(tmp_path.glob("*.csv")))

    def burst():
        for line in range(8):
            with path.open("a", encoding="utf-8") as stream:
                stream.write(f"{line}\n")
            time.sleep(0.01)  # far below SETTLE: one save in several writes

    writer = later(0.05, burst)
    assert watcher.next_change() == {path}
    writer.join()
    assert path.read_text(encoding="utf-8").count("\n") == 9
    later(0.05, lambda: new.write_text("b\n", encoding="utf-8")).join()
    assert watcher.next_change() == {new}


@pytest.mark.parametrize("suffix", [".ods", ".xlsm"])
def test_other_workbook_kinds_are_checked_too(tmp_path, suffix):
    path = tmp_path / f"inputs{suffix}"
    path.write_bytes(workbook_bytes()[:50])
    assert not_ready(path)


def test_only_a_workbook_there_and_whole_is_taken_at_once(tmp_path):
    path, csv = tmp_path / "activities.xlsx", tmp_path / "expenses.csv"
    csv.write_text("grant_number;amount\n", encoding="utf-8")
    whole = workbook_bytes()
    for content, taken in ((whole, True), (whole[:-10], False), (whole[:1], False), (b"", False)):
        path.write_bytes(content)
        assert whole_workbook(path, snapshot([path])) is taken
    assert not whole_workbook(path, {})  # removed since the look
    assert not whole_workbook(csv, snapshot([csv]))  # a text file has no sign that it is whole


def test_a_whole_workbook_moved_into_place_is_taken_without_waiting_to_settle(tmp_path):
    path = tmp_path / "activities.xlsx"
    path.write_bytes(workbook_bytes())
    saved = tmp_path / "lu123.tmp"
    saved.write_bytes(workbook_bytes("<workbook />"))
    slept = []

    def sleep(seconds):  # the save (a new file moved onto the old one, as office programs save) comes during the first look's pause
        slept.append(seconds)
        if saved.exists():
            saved.replace(path)

    watcher = Watcher(lambda: [path], sleep)
    assert watcher.next_change() == {path}
    assert slept == [watch.POLL]  # taken on the look that saw it, with no wait for it to settle


def test_a_removed_workbook_is_let_settle_as_excel_puts_the_new_one_in_its_place(tmp_path):
    path = tmp_path / "activities.xlsx"
    path.write_bytes(workbook_bytes())
    new = workbook_bytes("<workbook />")
    steps = iter([path.unlink, lambda: path.write_bytes(new)])
    slept = []

    def sleep(seconds):  # Excel removes the old file, then moves the new one into its place
        slept.append(seconds)
        next(steps, lambda: None)()

    watcher = Watcher(lambda: [path], sleep)
    assert watcher.next_change() == {path}
    assert watch.SETTLE in slept
    assert path.read_bytes() == new and watcher.last[path] == snapshot([path])[path]
