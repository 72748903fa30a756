"""Enterprise register (企业名录) from CSV or XLSX: rows in, typed records and row errors out."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from .reader import ReadError, decode

# Column headers accepted for each field (Chinese or English, case-insensitive).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "名称", "name", "company"),
    "products": ("主营产品", "产品", "products", "product"),
    "segment": ("产业链环节", "环节", "segment"),
    "region": ("所在县区", "县区", "所在地", "园区", "region", "county", "park"),
    "scale": ("规模", "企业规模", "scale"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit_code"),
}
# Zip-bomb guards for .xlsx (a zip): declared size, entry count and compression ratio.
MAX_XLSX_UNCOMPRESSED = 50_000_000
MAX_XLSX_ENTRIES = 1_000
MAX_XLSX_RATIO = 100
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Enterprise:
    """One local enterprise of the register."""

    name: str
    products: tuple[str, ...]
    segment: str  # a segment id or label, when the register says it
    region: str
    scale: str
    credit_code: str
    row: int


def _split_products(s: str) -> tuple[str, ...]:
    for sep in "、，,；;/|":
        s = s.replace(sep, "、")
    return tuple(p.strip() for p in s.split("、") if p.strip())


def _header_map(header: list[str], name: str) -> dict[str, int]:
    norm = [h.strip().lower() for h in header]
    out: dict[str, int] = {}
    for field, names in COLUMNS.items():
        for n in names:
            if n.lower() in norm:
                out[field] = norm.index(n.lower())
                break
    if "name" not in out:
        raise ReadError(f"{name}: no company name column (expected one of {', '.join(COLUMNS['name'])})")
    if "products" not in out and "segment" not in out:
        raise ReadError(f"{name}: needs a products column ({'/'.join(COLUMNS['products'])}) or a segment column ({'/'.join(COLUMNS['segment'])})")
    return out


def _records(rows: list[list[str]], name: str) -> tuple[list[Enterprise], list[str]]:
    if not rows:
        raise ReadError(f"{name}: the register has no rows")
    cols = _header_map(rows[0], name)
    out: list[Enterprise] = []
    errors: list[str] = []

    def cell(row: list[str], field: str) -> str:
        i = cols.get(field)
        return (row[i] if i is not None and i < len(row) else "").strip()

    for n, row in enumerate(rows[1 : MAX_ROWS + 1], start=2):
        if not any(c.strip() for c in row):
            continue
        company = cell(row, "name")
        if not company:
            errors.append(f"{name}: row {n}: no company name")
            continue
        products, segment = _split_products(cell(row, "products")), cell(row, "segment")
        if not products and not segment:
            errors.append(f"{name}: row {n}: {company} has neither products nor a segment")
            continue
        out.append(Enterprise(company, products, segment, cell(row, "region"), cell(row, "scale"), cell(row, "credit_code"), n))
    if len(rows) - 1 > MAX_ROWS:
        errors.append(f"{name}: only the first {MAX_ROWS} rows were read")
    return out, errors


def parse_csv(data: bytes, name: str) -> tuple[list[Enterprise], list[str]]:
    """A CSV register (UTF-8 or GB18030, as Excel saves it in China)."""
    text = decode(data, name)
    return _records([list(r) for r in csv.reader(io.StringIO(text))], name)


def parse_xlsx(data: bytes, name: str) -> tuple[list[Enterprise], list[str]]:
    """An XLSX register (first sheet), after checking the zip is not a bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(f"{name}: not a valid .xlsx file") from None
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_XLSX_ENTRIES or total > MAX_XLSX_UNCOMPRESSED or total > MAX_XLSX_RATIO * max(len(data), 1):
        raise ReadError(f"{name}: .xlsx too large when uncompressed ({total} bytes in {len(infos)} entries)")
    from openpyxl import load_workbook  # local: only registers in XLSX need it

    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ReadError(f"{name}: cannot read the workbook ({type(exc).__name__})") from None
    rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    return _records(rows, name)


def parse_register(data: bytes, name: str) -> tuple[list[Enterprise], list[str]]:
    """CSV or XLSX by file name."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return parse_xlsx(data, name)
    if lower.endswith((".csv", ".txt")):
        return parse_csv(data, name)
    raise ReadError(f"{name}: unsupported register format (use .csv or .xlsx)")
