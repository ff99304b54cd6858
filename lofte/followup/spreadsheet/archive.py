"""An XLSX upload checked as an archive before openpyxl parses it.

An XLSX file is a zip of XML parts. A few hundred kilobytes of zip can unpack to gigabytes,
and openpyxl reads every shared string into memory before the first row: three million
one-letter strings in a 123 KB file kept a worker busy for 22 seconds. So the file is looked
at from the outside first: the zip's directory (how many parts, how large each says it is,
how tightly packed), then one streaming pass over the parts that counts their XML elements
and reads the declared `count`/`uniqueCount` of the shared strings as it passes them. That
pass stops at the first element over the limit and never keeps more than a chunk in memory.

zipfile never unpacks more than an entry's declared size (the rest fails its CRC check), so
the declared sizes bind openpyxl too. The elements are counted in every part, whatever its
name: the workbook may point at a worksheet stored under any name.

The sheet's declared dimension is not trusted either: the reader asks openpyxl for at most
MAX_COLUMNS columns, so a dimension of A1:XFD1048576 costs nothing, and rows end with the
table (see reading._filled_rows).
"""

import io
import pyexpat
import zipfile

from django.utils.translation import gettext as _

from lofte.followup.spreadsheet.columns import MAX_ROWS

MAX_ENTRIES = 500  # parts in the zip; Excel writes 10 to 40
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # 5,000 rows of 5,000-character texts fit
MAX_RATIO = 100  # unpacked / packed size of a part; XML packs 3 to 20 times
RATIO_FROM_BYTES = 1024 * 1024  # small parts may pack as tightly as they like
# A full template (5,000 rows, 15 columns) has about 200,000 elements and takes openpyxl
# 1 to 1.5 seconds; the limit leaves room for extra columns and styles.
MAX_ELEMENTS = 300_000
CHUNK = 64 * 1024


class ArchiveProblem(Exception):
    """The archive is not one to parse. reading turns it into a FileProblem."""


def too_large():
    return _(
        "The file unpacks to far more than a sheet of %(rows)s rows holds, so it was not read. "
        "Save the sheet again as .xlsx or CSV, or split it into smaller files."
    ) % {"rows": MAX_ROWS}


def too_many_cells():
    return _(
        "The file holds more cells and texts than a sheet of %(rows)s rows, so it was not "
        "read. Split it into smaller files, or start from the template for the period."
    ) % {"rows": MAX_ROWS}


def not_xlsx():
    return _(
        "The file could not be read as an Excel workbook (XLSX). Save it again as "
        ".xlsx or as CSV, and upload it again."
    )


def check_archive(data):
    """Raise ArchiveProblem(message) unless the XLSX bytes may be given to openpyxl.

    A file that is not a zip passes: openpyxl says so in its own words."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise ArchiveProblem(too_large())
        if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise ArchiveProblem(too_large())
        for entry in entries:
            packed = max(entry.compress_size, 1)
            if entry.file_size > RATIO_FROM_BYTES and entry.file_size / packed > MAX_RATIO:
                raise ArchiveProblem(too_large())
        counter = _ElementCounter()
        for entry in entries:
            counter.read(archive, entry)


class _ElementCounter:
    """Count the XML elements of every part, across parts, and stop past the limit."""

    def __init__(self):
        self.count = 0

    def read(self, archive, entry):
        parser = pyexpat.ParserCreate()
        parser.StartElementHandler = self.start
        parser.StartDoctypeDeclHandler = self.doctype
        try:
            with archive.open(entry) as part:
                while chunk := part.read(CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except pyexpat.ExpatError:
            # Not XML (a picture) or broken XML: openpyxl judges the latter.
            return
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
            # A damaged, encrypted or oddly packed part: openpyxl will not read it either.
            return

    def start(self, name, attributes):
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise ArchiveProblem(too_many_cells())
        if name.rpartition(":")[2] == "sst":
            # The shared strings say how many they are: refuse before reading them.
            for key in ("count", "uniqueCount"):
                declared = attributes.get(key, "").strip()
                # Each string is at least one element; len() first, as int() stops at 4,300
                # digits.
                if declared.isascii() and declared.isdecimal():
                    if len(declared) > 9 or int(declared) > MAX_ELEMENTS:
                        raise ArchiveProblem(too_many_cells())

    def doctype(self, *args):
        # No part of an XLSX file has a DTD; its entities could expand without end.
        raise ArchiveProblem(not_xlsx())
