"""Writing files: complete or not at all."""

import os

from grantreports.common.files import write_atomically


def test_a_killed_writes_temporary_file_is_replaced_by_the_next_write(tmp_path):
    leftover = tmp_path / ".final.pdf.part"
    leftover.write_bytes(b"%PDF- half, and longer than the whole file")
    write_atomically(tmp_path / "final.pdf", b"%PDF- whole")
    assert not leftover.exists() and (tmp_path / "final.pdf").read_bytes() == b"%PDF- whole"
    assert [p.name for p in tmp_path.iterdir()] == ["final.pdf"]


def test_a_written_file_has_the_permissions_the_umask_gives(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "final.pdf", b"%PDF- whole")
    finally:
        os.umask(previous)
    assert (tmp_path / "final.pdf").stat().st_mode & 0o777 == 0o644
