"""Word 97-2003 .doc and WPS .wps: converted to .docx by LibreOffice (headless, in a temporary folder), then read as .docx."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..reader import ReadError
from .safety import check_size

MAX_BYTES = 64_000_000
CONVERT_TIMEOUT_S = 60.0
_OFFICE = ("soffice", "libreoffice")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature of Word 97-2003 and WPS files
_HOW = "install LibreOffice (apt-get install libreoffice-writer) or save the file as .docx"


def find_office() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return next((path for exe in _OFFICE if (path := shutil.which(exe))), None)


def _embedded(data: bytes) -> str | None:
    """A '.doc' that is really another format (sites serve .docx, HTML and PDF under .doc)."""
    head = data[:1024].lstrip()
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head[:200].lower().startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in data[:4096].lower():
        return ".html"
    return None


def _import_filter(data: bytes, name: str, suffix: str) -> str:
    """LibreOffice's import filter for the bytes. Named, not guessed: left to guess, LibreOffice
    reads a damaged file as plain text and "converts" its bytes into gibberish."""
    if data.lstrip()[:5] == b"{\\rtf":
        return "Rich Text Format"
    if data.startswith(_OLE) and "WordDocument".encode("utf-16-le") in data:
        return "MS Word 97"  # Word 97-2003, and WPS Office's .wps, which keeps Word's binary layout
    raise ReadError(f"{name}: not a Word 97-2003 or WPS document (damaged, or another format saved as {suffix})")


def convert_to_docx(data: bytes, name: str, suffix: str, timeout: float | None = None) -> bytes:
    """Run LibreOffice on the bytes in a private temporary folder (its profile too) and return the .docx it wrote."""
    timeout = CONVERT_TIMEOUT_S if timeout is None else timeout
    office = find_office()
    if office is None:
        raise ReadError(f"{name}: {suffix} files need LibreOffice to be read; {_HOW}")
    infilter = _import_filter(data, name, suffix)
    with tempfile.TemporaryDirectory(prefix="policykg-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"  # never the user's file name
        source.write_bytes(data)
        (work / "out").mkdir()
        env = {**os.environ, "HOME": str(work), "TMPDIR": str(work)}  # its caches and scratch files stay in here
        cmd = [office, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"-env:UserInstallation={(work / 'profile').as_uri()}",
               f"--infilter={infilter}", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)]
        try:
            # Its own session: `soffice` is a script that starts soffice.bin, and a timeout must stop both.
            proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise ReadError(f"{name}: LibreOffice could not be started ({exc.strerror}); {_HOW}") from None
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReadError(f"{name}: LibreOffice did not convert the {suffix} file within {timeout:g} s; {_HOW}") from None
        finally:
            try:  # whatever it left running (after a timeout, all of it)
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        produced = work / "out" / "input.docx"
        if returncode != 0 or not produced.is_file():
            raise ReadError(f"{name}: LibreOffice could not convert the {suffix} file (damaged or not a Word/WPS document)")
        return produced.read_bytes()


def read(data: bytes, name: str) -> str:
    """Text of a .doc or .wps file."""
    from . import extract_text, suffix_of

    check_size(data, name, "legacy Word file", MAX_BYTES)
    real = _embedded(data)
    if real:
        return extract_text(name, data, suffix=real)
    suffix = suffix_of(name) if suffix_of(name) in (".doc", ".wps") else ".doc"
    return extract_text(name, convert_to_docx(data, name, suffix), suffix=".docx")
