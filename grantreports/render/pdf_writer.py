"""pydyf, the PDF writer under WeasyPrint, made to do each piece of its work once.

Imported for its effect (render/pdf.py imports it): the changes below apply to every PDF the process writes.
Measured on the long report (2,000 activities, 197 pages, 33.1 s): computing each object once while writing
saved 1.5 s with the same bytes; compressing at zlib's default level saved 1.5 s more, the file 2.7 % larger.
"""

from __future__ import annotations

import zlib
from contextvars import ContextVar

import pydyf

# zlib's default level. pydyf 0.13 compresses at 9: the long report's streams (each twice, as pydyf then did) took
# 3.6 s at 9 against 1.0 s at 6, for a file 2.7 % smaller.
FLATE_LEVEL = 6

# While PDF.write runs: each indirect object's bytes, by id(), with the object itself, which keeps that id its own.
_WRITTEN: ContextVar[dict[int, tuple[pydyf.Object, bytes]] | None] = ContextVar("_WRITTEN", default=None)


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """The pages' references ("12 0 R"), made again only when a page was added since the last call.

    pydyf 0.13 makes the tuple of all of them anew on each call, and WeasyPrint's tagging calls it for each
    element of the structure tree: pages × elements, 4 s of a 180-page tagged report's 23 s."""
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_known_page_references")
    if known is None or known[0] != len(kids):
        known = len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        pdf.__dict__["_known_page_references"] = known
    return known[1]


def _stream_data(stream: pydyf.Stream) -> bytes:
    """pydyf 0.13's Stream.data, compressed at FLATE_LEVEL."""
    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        compressor = zlib.compressobj(level=FLATE_LEVEL)
        data = compressor.compress(data) + compressor.flush()
    extra["Length"] = len(data)
    return b"\n".join((extra.data, b"stream", data, b"endstream"))


def _once_per_write(data: property) -> property:
    """`data` (an object's bytes in the PDF), computed once per PDF.write for an indirect object (one added to the PDF).

    pydyf writes each object, then, for the file identifier PDF/A asks for, computes every object's bytes again to
    hash them: every stream compressed twice. The bytes written and hashed are the same as before; nothing
    changes an object while the PDF is written."""

    def once(obj: pydyf.Object) -> bytes:
        written = _WRITTEN.get()
        if written is None or obj.number is None:
            return data.fget(obj)
        if id(obj) not in written:
            written[id(obj)] = obj, data.fget(obj)
        return written[id(obj)][1]

    return property(once, doc=data.__doc__)


_write = pydyf.PDF.write


def _write_once(pdf: pydyf.PDF, *args, **kwargs):
    """pydyf's PDF.write, each indirect object's bytes computed once (_once_per_write)."""
    token = _WRITTEN.set({})
    try:
        return _write(pdf, *args, **kwargs)
    finally:
        _WRITTEN.reset(token)


pydyf.PDF.page_references = property(_page_references)
if pydyf.__version__ == "0.13.0":  # another version keeps its own Stream.data
    pydyf.Stream.data = property(_stream_data)
for _kind in (pydyf.Dictionary, pydyf.Stream, pydyf.String, pydyf.Array):
    _kind.data = _once_per_write(_kind.__dict__["data"])
pydyf.PDF.write = _write_once
