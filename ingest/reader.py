"""Turn raw file bytes into text: documents through their format reader, text as strict UTF-8 (BOM or not), then GB18030."""
from __future__ import annotations

import re
from pathlib import Path


class ReadError(ValueError):
    """A file that cannot be read as a plan; the message names the file."""


# After ReadError: the format readers import it from here.
from .formats import FORMAT_SUFFIXES, extract_text, sniff, suffix_of  # noqa: E402

# Bytes that never occur in a text file; a few of them mean binary.
_CONTROL = set(range(9)) | {11, 12} | set(range(14, 32)) - {27}
TEXT_SUFFIXES = (".txt", ".md", ".text", ".yaml", ".yml")  # YAML: industry-chain maps
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + FORMAT_SUFFIXES


def decode(data: bytes, name: str) -> str:
    """Text of a plan file: a document format by its extension, else decoded text; ReadError naming the file."""
    if suffix_of(name) in FORMAT_SUFFIXES:
        return extract_text(name, data)
    if not data.strip():
        raise ReadError(f"{name}: file is empty")
    if real := sniff(data):
        # A PDF or Word file saved under another name (an upload labelled "upload.txt").
        return extract_text(name, data, suffix=real)
    sample = data[:8192]
    binary = b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.01
    if binary and suffix_of(name) not in TEXT_SUFFIXES and suffix_of(name):
        raise ReadError(f"{name}: unsupported file type {suffix_of(name)}; readable types: {', '.join(SUPPORTED_SUFFIXES)}")
    if b"\x00" in sample:
        raise ReadError(f"{name}: binary file (NUL bytes), not a text plan")
    if binary:
        raise ReadError(f"{name}: binary file (control bytes), not a text plan")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Strict UTF-8 first: GB18030 accepts almost any byte string, so trying it
    # first would "succeed" on UTF-8 files and produce mojibake.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A UTF-8 file cut short (an interrupted download or copy) ends in part of a character. GB18030 would
        # "decode" all of it as mojibake; the text before the cut is the file's own.
        # Only when the text before it holds UTF-8 characters of its own: an ASCII line then one GBK character can
        # look like a cut UTF-8 character too.
        if exc.reason == "unexpected end of data" and exc.end == len(data) and max(data[:exc.start], default=0) >= 0x80:
            return data[:exc.start].decode("utf-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    raise ReadError(f"{name}: not decodable as UTF-8 or GB18030")


def file_slug(name: str) -> str:
    """A URL-safe id from a file name's stem ("" when nothing ASCII is left)."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")


def read_plan_file(path: Path) -> str:
    """Read one file from disk (the I/O edge of ingest)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot read ({exc.strerror})") from None
    return decode(data, path.name)


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into plan files; return files and errors for missing paths and for files of a folder
    that no reader takes (named, so nothing is left out silently; hidden files such as .DS_Store aside)."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith(".")):
                if p.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(p)
                else:
                    errors.append(f"{p.name}: unsupported file type {p.suffix.lower() or '(no extension)'}; skipped "
                                  f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors
