"""Hostile documents, one kind per reader: shared by the reader's tests (tests/ingest/test_formats.py) and the
upload tests against a running server (tests/adversarial/test_hostile_uploads.py)."""
from __future__ import annotations

import io
import zipfile

import pytest
from renderers import build_zip, to_docx, to_ofd


def minimal_pdf(content: bytes, resources: str) -> bytes:
    """A one-page PDF written by hand (object offsets and all)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode("latin-1") + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + (obj if isinstance(obj, bytes) else obj.encode()) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def scanned_pdf() -> bytes:
    """A page that is only an image (what a scanner makes)."""
    image = "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>"
    pdf = minimal_pdf(b"q 500 0 0 700 40 60 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>")
    # Append the image object and rebuild the cross-reference table by letting pdfminer fall back to scanning.
    return pdf.replace(b"trailer", b"5 0 obj\n" + image.encode() + b"\nstream\n\x00\xff\xff\x00\nendstream\nendobj\ntrailer").replace(b"/Size 5", b"/Size 6")


TEXT_PDF = minimal_pdf(b"BT /F1 14 Tf 72 760 Td (Plan text layer) Tj ET",
                       "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>")


def encrypted(pdf: bytes, user: str, owner: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A .docx whose document part inflates to 300 MB of zeros (about 300 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\x00" * (1 << 20)
            for _ in range(300):
                f.write(chunk)
    return out.getvalue()


def laughs_docx() -> bytes:
    """A .docx whose document part is the billion-laughs entity expansion."""
    from renderers import W_NS

    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              + "".join(f'<!ENTITY lol{k} "{("&lol" + str(k - 1) + ";") * 10}">' for k in range(2, 10))
              + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    zin = zipfile.ZipFile(io.BytesIO(to_docx("一、总体要求", auto_numbering=False)))
    return build_zip({**{n: zin.read(n) for n in zin.namelist()}, "word/document.xml": laughs.encode()})


def traversal_ofd() -> bytes:
    """An OFD carrying an entry named ../../etc/cron.d/x."""
    good = zipfile.ZipFile(io.BytesIO(to_ofd("一、总体要求\n（一）目标。")))
    return build_zip({**{n: good.read(n) for n in good.namelist()}, "../../etc/cron.d/policykg-test": b"* * * * * root true"})
