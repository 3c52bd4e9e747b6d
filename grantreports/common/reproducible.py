"""Same inputs, same bytes: dates from the data, never the clock, in every file a report job writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import zipfile

# Zip files (.docx, .xlsx) hold dates in these years only.
ZIP_YEARS = (1980, 2107)


def build_moment(day: dt.date) -> dt.datetime:
    """The time every file of a report carries: midnight (UTC) of its submission date, kept to the years a
    zip file can hold (input checks refuse such dates; this keeps a render from crashing on one)."""
    day = min(max(day, dt.date(ZIP_YEARS[0], 1, 1)), dt.date(ZIP_YEARS[1], 12, 31))
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


_CORE_PROPERTIES = "docProps/core.xml"
_OFFICE_DATE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def fixed_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The same zip (.docx, .xlsx) with every entry, and the document's created and modified dates, set to `moment`.

    openpyxl stamps the save time into docProps/core.xml whatever the workbook says; this undoes it.
    """
    stamp = moment.timetuple()[:6]
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(entry.filename)
            if entry.filename == _CORE_PROPERTIES:
                content = _OFFICE_DATE.sub(lambda m: m.group(1) + iso + m.group(2), content)
            target.writestr(fixed, content)
    return output.getvalue()


@contextlib.contextmanager
def source_date_epoch(moment: dt.datetime):
    """SOURCE_DATE_EPOCH for libraries that would stamp the time (fontTools' font subsets in the PDF)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
