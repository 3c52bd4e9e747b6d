"""Writing files: complete or not at all."""

from grantreports.files import write_atomically


def test_a_killed_writes_temporary_file_is_removed_by_the_next_write(tmp_path):
    leftover = tmp_path / ".final.pdf.abc123.part"
    leftover.write_bytes(b"%PDF- half")
    write_atomically(tmp_path / "final.pdf", b"%PDF- whole")
    assert not leftover.exists() and (tmp_path / "final.pdf").read_bytes() == b"%PDF- whole"
