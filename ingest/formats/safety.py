"""Guards shared by the zip-of-XML formats (.docx, .ofd): zip-bomb caps, safe entry names, XML without DTDs."""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..reader import ReadError


@dataclass(frozen=True)
class ZipLimits:
    """What a document zip may declare before a single byte of it is inflated."""

    max_entries: int = 2_000
    max_total: int = 256_000_000  # sum of declared uncompressed sizes
    max_entry: int = 64_000_000  # one declared uncompressed entry
    max_ratio: int = 200  # uncompressed : compressed, for entries past ratio_floor
    ratio_floor: int = 1_000_000  # small entries may compress well without being bombs


LIMITS = ZipLimits()
# A DTD is how entity-expansion ("billion laughs") and external-entity attacks start;
# OOXML and OFD never carry one, so any document that does is refused outright.
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def open_zip(data: bytes, name: str, kind: str, limits: ZipLimits = LIMITS) -> zipfile.ZipFile:
    """Open a document zip after checking its entry names and declared sizes (never trusting what it inflates to)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ReadError(f"{name}: not a valid {kind} file (damaged zip: {exc})") from None
    if len(infos) > limits.max_entries:
        raise ReadError(f"{name}: {kind} has {len(infos)} zip entries (limit {limits.max_entries}); refused as a zip bomb")
    total = 0
    for info in infos:
        check_entry_name(info.filename, name)
        total += info.file_size
        if info.file_size > limits.max_entry:
            raise ReadError(f"{name}: {kind} entry {info.filename!r} declares {info.file_size} bytes uncompressed "
                            f"(limit {limits.max_entry}); refused as a zip bomb")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ReadError(f"{name}: {kind} entry {info.filename!r} compresses {ratio}:1 (limit {limits.max_ratio}:1); "
                            "refused as a zip bomb")
    if total > limits.max_total:
        raise ReadError(f"{name}: {kind} declares {total} bytes uncompressed (limit {limits.max_total}); refused as a zip bomb")
    return zf


def check_entry_name(entry: str, name: str) -> None:
    """Refuse entry names that would leave the package: absolute paths, drive letters, '..' segments."""
    clean = entry.replace("\\", "/")
    if clean.startswith("/") or (len(clean) > 1 and clean[1] == ":") or ".." in clean.split("/"):
        raise ReadError(f"{name}: unsafe path in the archive ({entry!r}); refused")


def resolve(base_dir: str, ref: str, name: str) -> str:
    """A package-internal reference ("Pages/Page_0/Content.xml", "/Doc_0/Res.xml") as a zip entry name."""
    ref = ref.strip().replace("\\", "/")
    path = posixpath.normpath(ref.lstrip("/") if ref.startswith("/") else posixpath.join(base_dir, ref))
    if path.startswith("../") or path == ".." or ":" in path.split("/")[0]:
        raise ReadError(f"{name}: reference {ref!r} points outside the package; refused")
    return path


def read_entry(zf: zipfile.ZipFile, entry: str, name: str, kind: str) -> bytes:
    """The bytes of one entry (its size was capped by open_zip)."""
    try:
        return zf.read(entry)
    except KeyError:
        raise ReadError(f"{name}: {kind} is missing {entry!r}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ReadError(f"{name}: {kind} entry {entry!r} is damaged ({exc})") from None


def refuse_dtd(blob: bytes, entry: str, name: str) -> None:
    """Refuse an XML part that declares a DTD or entities (entity expansion, external entities)."""
    if any(mark in blob for mark in _DTD_MARKS):
        raise ReadError(f"{name}: XML part {entry!r} declares a DTD or entities; refused (entity expansion)")


def parse_xml(blob: bytes, entry: str, name: str) -> etree._Element:
    """Parse one XML part: no DTD, no entity expansion, no network."""
    refuse_dtd(blob, entry, name)
    try:
        # A parser per call: lxml parsers must not be shared between threads.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: XML part {entry!r} is damaged ({exc.msg})") from None


def check_size(data: bytes, name: str, kind: str, limit: int) -> None:
    """Refuse a file past the size a reader accepts, before any parsing."""
    if len(data) > limit:
        raise ReadError(f"{name}: {kind} of {len(data)} bytes exceeds the {limit}-byte limit; refused")
