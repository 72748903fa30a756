"""Document formats (Word, PDF, web page, OFD, legacy Word/WPS) to plain plan text: bytes in, text out."""
from __future__ import annotations

import importlib
from collections.abc import Callable

Reader = Callable[[bytes, str], str]

# Suffix -> "module:function" of its reader; modules load on first use, so reading a
# .txt plan never imports lxml, pdfminer or python-docx.
READERS: dict[str, str] = {
    ".docx": "docx:read",
    ".pdf": "pdf:read",
    ".html": "html:read",
    ".htm": "html:read",
    ".ofd": "ofd:read",
    ".doc": "legacy:read",
    ".wps": "legacy:read",
}
FORMAT_SUFFIXES: tuple[str, ...] = tuple(READERS)


def suffix_of(name: str) -> str:
    """The lower-case extension of a file name, with its dot ("" when there is none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else ""


def reader_for(suffix: str) -> Reader:
    """The reader function of one suffix (KeyError for an unknown one)."""
    module, func = READERS[suffix].split(":")
    reader: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), func)
    return reader


def sniff(data: bytes) -> str | None:
    """The format a binary file really has, whatever its name says (".pdf", ".docx", ".ofd", ".doc"), or None."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2 compound file: Word 97-2003 or WPS
        return ".doc"
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if b"word/" in head:
            return ".docx"
        if b"OFD.xml" in head:
            return ".ofd"
    return None


def extract_text(name: str, data: bytes, suffix: str | None = None) -> str:
    """Plain text of a document, one paragraph per line; ReadError naming the file and the problem.

    The format comes from the name's extension unless `suffix` says otherwise (a sniffed file).
    """
    from ..reader import ReadError  # here, not at the top: ingest.reader imports this package

    suffix = suffix or suffix_of(name)
    if suffix not in READERS:
        shown = suffix or "(no extension)"
        raise ReadError(f"{name}: unsupported file type {shown}; readable types: .txt, .md, {', '.join(READERS)}")
    if not data.strip():
        raise ReadError(f"{name}: file is empty")
    text = reader_for(suffix)(data, name)
    if not text.strip():
        raise ReadError(f"{name}: no text found in the {suffix} file")
    return text
