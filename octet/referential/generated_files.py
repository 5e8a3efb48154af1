"""Building blocks for ``content/<competence>/attachments.py``: generated files are byte-identical from build
to build, so a release hash means the same downloads everywhere.

Office documents (xlsx, ods, odt) are zip archives whose writers stamp the current time in every entry and,
for openpyxl, in ``docProps/core.xml``. These helpers write zips with a fixed date instead. Pure Python: no
Django import, so the attachment scripts also run alone.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def zip_bytes(entries: Iterable[tuple[str, bytes | str]], when: datetime) -> bytes:
    """A zip of ``(name, data)`` entries in the given order, every entry dated ``when``.

    A ``mimetype`` entry is stored uncompressed, as OpenDocument requires of its first entry; names ending in
    ``/`` are folders.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            folder = name.endswith("/")
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" or folder else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 if folder else 0o644) << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def write_zip(path: Path, entries: Iterable[tuple[str, bytes | str]], when: datetime) -> None:
    path.write_bytes(zip_bytes(entries, when))


def freeze_zip(path: Path, when: datetime, *, data: bytes | None = None) -> None:
    """Rewrite a zip-based document (the file at ``path``, or ``data``) at ``path`` with fixed dates.

    Entry order and contents are kept, except openpyxl's save time (``dcterms:modified``), pinned to ``when``;
    the creation date is the document's own and is left as the script set it.
    """
    with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [
        (
            name,
            _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content) if name == "docProps/core.xml" else content,
        )
        for name, content in entries
    ]
    write_zip(path, entries, when)


def save_xlsx(workbook, path: Path, when: datetime) -> None:
    """Save an openpyxl workbook reproducibly (``Workbook.save`` stamps the current time)."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    freeze_zip(path, when, data=buffer.getvalue())
