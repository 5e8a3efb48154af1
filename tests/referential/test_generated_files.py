"""Generated attachments are byte-identical from one build to the next, and still valid documents."""

import zipfile
from datetime import datetime

import time_machine
from openpyxl import Workbook, load_workbook

from octet.referential.generated_files import save_xlsx, write_zip

WHEN = datetime(2024, 5, 15, 8, 0, 0)


def build_workbook(path):
    workbook = Workbook()
    workbook.active["A1"] = "Note"
    workbook.active["A2"] = 14
    workbook.properties.created = WHEN
    save_xlsx(workbook, path, WHEN)


def test_a_workbook_saved_at_two_moments_is_byte_identical(tmp_path):
    with time_machine.travel(datetime(2026, 1, 1, 10, 0, 0)):
        build_workbook(tmp_path / "first.xlsx")
    with time_machine.travel(datetime(2026, 6, 30, 23, 59, 0)):
        build_workbook(tmp_path / "second.xlsx")
    assert (tmp_path / "first.xlsx").read_bytes() == (tmp_path / "second.xlsx").read_bytes()
    assert load_workbook(tmp_path / "first.xlsx").active["A2"].value == 14
    with zipfile.ZipFile(tmp_path / "first.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {WHEN.timetuple()[:6]}
        assert b"2024-05-15T08:00:00Z" in archive.read("docProps/core.xml")


def test_an_opendocument_keeps_its_mimetype_first_and_uncompressed(tmp_path):
    path = tmp_path / "doc.odt"
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")], WHEN)
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("content.xml").compress_type == zipfile.ZIP_DEFLATED
