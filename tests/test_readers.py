"""One reader per file suffix, one encoding fallback, one value-to-text conversion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from importers.readers import ReadError, decode, read_file
from importers.values import as_text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Şanlıurfa;İzmir\n".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Şanlıurfa\n".encode(), "utf-8-sig"),
        ("Şanlıurfa;İzmir\n".encode("cp1254"), "windows-1254"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1254"],
)
def test_decode_reads_turkish_text_in_each_accepted_encoding(data, encoding):
    text, used = decode(data, "cities.csv")
    assert used == encoding
    assert "Şanlıurfa" in text


def test_decode_refuses_bytes_that_are_no_accepted_encoding_with_the_line():
    # 0x81 is undefined in Windows-1254 and invalid UTF-8 on its own.
    with pytest.raises(ReadError) as exc:
        decode(b"name\nKonya\n\x81\x81\n", "cities.csv")
    assert str(exc.value.location) == "cities.csv:3"
    assert "UTF-8" in exc.value.hint


@pytest.mark.parametrize(
    ("name", "data", "rows"),
    [
        ("cities.csv", b"name,country\nKonya,TR\n", 1),
        ("cities.tsv", b"name\tcountry\nKonya\tTR\nMersin\tTR\n", 2),
        ("in.yaml", b"cities:\n  - {name: Konya, country: TR}\n", 1),
        ("in.json", b'{"cities": [{"name": "Konya", "country": "TR"}]}', 1),
    ],
    ids=["csv", "tsv", "yaml", "json"],
)
def test_read_file_chooses_the_reader_by_suffix_for_paths_and_uploads(tmp_path, name, data, rows):
    path = tmp_path / name
    path.write_bytes(data)
    from_disk = read_file(path)
    from_upload = read_file(Path(name), data=data, display="upload/" + name)
    assert [len(t.rows) for t in from_disk] == [len(t.rows) for t in from_upload] == [rows]
    assert from_upload[0].source == "upload/" + name


def test_read_file_refuses_an_unknown_suffix_with_what_to_use():
    with pytest.raises(ReadError) as exc:
        read_file(Path("cities.doc"), data=b"x")
    assert "unsupported file type .doc" in str(exc.value)
    assert ".xlsx" in exc.value.hint


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (False, "false"),
        (1234.0, "1234"),
        (36.89, "36.89"),
        (dt.datetime(2024, 3, 11, 0, 0), "2024-03-11"),
        (dt.datetime(2024, 3, 11, 9, 30), "2024-03-11T09:30:00"),
        (["energy", "", "culture"], "energy; culture"),
        (" İzmir ", " İzmir "),
    ],
    ids=["none", "bool", "whole float", "float", "midnight", "datetime", "list", "text kept"],
)
def test_as_text_is_the_one_conversion_of_a_cell(value, text):
    assert as_text(value) == text
