"""Decoding: UTF-8 with/without BOM, GB18030, and clear errors for non-text."""
from pathlib import Path

import pytest

from ingest.reader import ReadError, collect_files, decode

TEXT = "景德镇市产业集群提能升级三年行动方案"


def test_utf8_plain_and_bom() -> None:
    assert decode(TEXT.encode("utf-8"), "a.txt") == TEXT
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "a.txt") == TEXT


def test_gb18030_and_gbk() -> None:
    assert decode(TEXT.encode("gb18030"), "a.txt") == TEXT
    assert decode("市科技局牵头".encode("gbk"), "a.txt") == "市科技局牵头"


def test_utf8_cut_short_keeps_its_text_not_a_gb18030_reading() -> None:
    whole = (TEXT + "〔责任单位：市科技局〕").encode("utf-8")
    for cut in (1, 2):  # the last character (3 bytes) cut after 2 or 1 of them
        assert decode(whole[:-cut], "cut.txt") == TEXT + "〔责任单位：市科技局"
    # An ASCII line ending in one GBK character looks like a cut UTF-8 one (浒 is E4 B0 in GBK): it stays GBK.
    assert decode(b"Plan v2 " + "浒".encode("gbk"), "a.txt") == "Plan v2 浒"
    assert decode("市科技局牵头".encode("gbk"), "a.txt") == "市科技局牵头"


@pytest.mark.parametrize(
    "data, needle",
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (bytes(range(1, 31)) * 40, "binary")],
)
def test_bad_bytes_name_the_file(data: bytes, needle: str) -> None:
    with pytest.raises(ReadError) as err:
        decode(data, "plan.txt")
    assert "plan.txt" in str(err.value) and needle in str(err.value)


def test_undecodable() -> None:
    with pytest.raises(ReadError, match="bad.txt: not decodable"):
        decode(b"\xff\xfe\xfd\x81\x30" * 10, "bad.txt")


def test_collect_files_expands_folders_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("y")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")  # the desktop's own file: not a document, not worth a word
    files, errors = collect_files([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt", "b.md"]
    # A file of the folder that no reader takes is named, not dropped silently.
    assert len(errors) == 2 and errors[0].startswith("picture.png: unsupported file type .png; skipped")
    assert errors[1] == f"{tmp_path / 'missing.txt'}: no such file or folder"
