"""pydyf as render/pdf_writer.py changes it: each object's bytes computed once per write, streams compressed at
zlib's default level; the PDF written is the one pydyf would write at that level."""

import io
import zlib

import pydyf

from grantreports.render import pdf_writer


def _document() -> pydyf.PDF:
    """A two-page PDF whose content streams, and a font-like stream, are compressed."""
    document = pydyf.PDF()
    for number in range(2):
        content = pydyf.Stream(compress=True)
        for line in range(200):
            content.move_to(line, number)
            content.show_text_string(f"Pasākums Nr. {line} Rēzeknē")
        document.add_object(content)
        document.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": content.reference}))
    document.add_object(pydyf.Stream([b"binary " * 500], {"Subtype": "/OpenType"}, compress=True))
    document.info["Title"] = pydyf.String("Starpposma pārskats")
    return document


def _written(write) -> tuple[bytes, list[bytes]]:
    """The PDF `write` makes (PDF/A's way: object streams, a file identifier) and the data each compression got."""
    compressed = []
    original = zlib.compressobj

    class Recording:
        def __init__(self, *args, **kwargs):
            self.compressor, self.data = original(*args, **kwargs), b""

        def compress(self, data):
            self.data += data
            return self.compressor.compress(data)

        def flush(self, *args):
            compressed.append(self.data)
            return self.compressor.flush(*args)

    output = io.BytesIO()
    zlib.compressobj = Recording
    try:
        write(_document(), output, b"1.7", True, True)
    finally:
        zlib.compressobj = original
    return output.getvalue(), compressed


def test_each_stream_is_compressed_once_and_the_bytes_are_pydyfs():
    ours, once = _written(pydyf.PDF.write)
    theirs, twice = _written(pdf_writer._write)  # pydyf's own write: every object computed again for the identifier
    assert ours == theirs
    assert len(once) == len(set(once)) == 5  # 2 pages' contents, the font-like stream, the object and xref streams
    # pydyf alone: all but the cross-reference stream (made after the identifier) compressed a second time
    assert len(twice) == 9 and set(twice) == set(once)


def test_streams_are_compressed_at_zlibs_default_level():
    content = b"0 0 m (Pas\xc4\x81kums) Tj\n" * 300
    stream = pydyf.Stream([content], compress=True)
    data = stream.data
    packed = data[data.index(b"stream\n") + 7 : data.rindex(b"\nendstream")]
    assert zlib.decompress(packed) == content
    assert packed == zlib.compress(content, 6)
    assert b"/Length " + str(len(packed)).encode() in data


def test_an_object_edited_between_two_writes_is_written_anew():
    document = _document()
    document.info["Title"] = pydyf.String("Interim report")
    first = io.BytesIO()
    document.write(first, b"1.7", True, False)  # not compressed: the information dictionary readable in the file
    document.info["Title"] = pydyf.String("Final report")
    second = io.BytesIO()
    document.write(second, b"1.7", True, False)
    assert b"(Interim report)" in first.getvalue() and b"(Final report)" not in first.getvalue()
    assert b"(Final report)" in second.getvalue() and b"(Interim report)" not in second.getvalue()


def test_page_references_follow_the_pages_added():
    document = pydyf.PDF()
    for _ in range(2):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = document.page_references
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    numbers = document.pages["Kids"][::3]
    assert first == tuple(f"{n} 0 R".encode() for n in numbers[:2])
    assert document.page_references == tuple(f"{n} 0 R".encode() for n in numbers)
