"""PDF with a text layer (pdfminer.six): characters and table rulings per page, laid out as plan text."""
from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..reader import ReadError
from .layout import Glyph, Page, Rule, pages_text, unify_ideographs
from .safety import check_size

if TYPE_CHECKING:  # pdfminer is imported when a PDF is read, not at start-up
    from pdfminer.layout import LTComponent, LTItem, LTPage

MAX_BYTES = 100_000_000
MAX_PAGES = 2_000
_CID = re.compile(r"^\(cid:\d+\)$")  # pdfminer's stand-in for a glyph without a Unicode mapping
_THIN = 3.0  # points: a filled rectangle this thin is a drawn line


def _page(layout: LTPage, stats: dict[str, int]) -> Page:
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    x_min, _, x_max, y_max = layout.bbox
    page = Page(width=x_max - x_min, height=layout.height)

    def box(o: LTComponent) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = o.bbox
        return x0 - x_min, y_max - y1, x1 - x_min, y_max - y0  # y-down, origin at the page's top left

    def walk(container: Iterable[LTItem]) -> None:
        for o in container:
            if isinstance(o, LTChar):
                text = o.get_text()
                stats["chars"] += 1
                if _CID.match(text):
                    stats["unmapped"] += 1
                    continue
                if not o.upright or not text or (not text.isprintable() and not text.isspace()):
                    continue  # rotated watermarks, control characters
                x0, top, x1, bottom = box(o)
                page.glyphs.append(Glyph(x0, x1, top, bottom, max(bottom - top, 1.0), unify_ideographs(text)))
            elif isinstance(o, LTRect):
                x0, top, x1, bottom = box(o)
                if x1 - x0 <= _THIN or bottom - top <= _THIN:
                    page.rules.append(Rule(x0, top, x1, bottom))
                elif o.stroke:  # an outlined rectangle: its four sides
                    page.rules += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom), Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]
            elif isinstance(o, LTLine):
                x0, top, x1, bottom = box(o)
                if x1 - x0 <= _THIN or bottom - top <= _THIN:
                    page.rules.append(Rule(x0, top, x1, bottom))
            elif isinstance(o, LTImage):
                stats["images"] += 1
            elif isinstance(o, LTContainer) and not isinstance(o, LTCurve):
                walk(o)  # form XObjects (LTFigure)

    walk(layout)
    return page


def read(data: bytes, name: str) -> str:
    """Text of a PDF's text layer; a scanned or encrypted PDF is a ReadError saying so."""
    check_size(data, name, ".pdf", MAX_BYTES)
    if b"%PDF-" not in data[:1024]:
        raise ReadError(f"{name}: not a PDF file (no %PDF header)")
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    # pdfminer warns about every font descriptor Chrome leaves without a FontBBox; not our reader's news.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    stats = {"chars": 0, "unmapped": 0, "images": 0}
    pages: list[Page] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)  # characters as placed, no layout guessing
        interpreter = PDFPageInterpreter(manager, device)
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PAGES:
                raise ReadError(f"{name}: more than {MAX_PAGES} pages; refused")
            interpreter.process_page(pdf_page)
            pages.append(_page(device.get_result(), stats))
    except ReadError:
        raise
    except PDFPasswordIncorrect:
        raise ReadError(f"{name}: encrypted PDF that needs a password to open; save an unprotected copy") from None
    except PDFEncryptionError as exc:
        raise ReadError(f"{name}: encrypted PDF that cannot be opened ({exc})") from None
    except Exception as exc:  # pdfminer raises PSEOF, PDFSyntaxError, KeyError, TypeError… on damaged files
        raise ReadError(f"{name}: not a readable PDF (damaged: {type(exc).__name__})") from None
    if not pages:
        raise ReadError(f"{name}: the PDF has no pages")
    if stats["chars"] and stats["unmapped"] > stats["chars"] // 2:
        raise ReadError(f"{name}: the PDF's fonts carry no Unicode mapping, so its text cannot be extracted; OCR is not supported")
    if not any(p.glyphs for p in pages):
        if not stats["images"]:
            raise ReadError(f"{name}: the PDF's pages are blank (no text, no images)")
        raise ReadError(f"{name}: no text layer (scanned PDF); OCR is not supported")
    return pages_text(pages)
