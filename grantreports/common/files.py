"""Writing files safely: complete or not at all, and untouched when the content is the same."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """The file appears at `path` only once fully written: written to `.<name>.part` beside it, then renamed.

    A `.part` file left by an earlier write that was killed before its rename is overwritten.
    One process writes a given path at a time (Snakemake's lock sees to it in a build).
    The file gets the usual permissions (the umask's), like any file the user creates.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so the file keeps its date and Snakemake sees no change."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data)
    return True


def write_all_if_changed(files: Iterable[tuple[Path, bytes]], threads: int = 4) -> None:
    """write_if_changed for each (path, content), several at a time: the disk waits (opening, fsync)
    overlap each other and the making of the next content. Raises the first error once all are done."""
    with ThreadPoolExecutor(threads) as pool:
        pending = [pool.submit(write_if_changed, path, data) for path, data in files]
    for done in pending:
        done.result()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
