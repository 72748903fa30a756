"""Enterprise register (企业名录) from CSV or XLSX: rows in, typed records and row errors out."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
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
MAX_COLUMNS = 256  # a register has a handful; a cell at column XFD would pad every row to 16,384


@dataclass(frozen=True)
class RegisterLimits:
    """What a register may expand to once read: the upload cap bounds only the compressed bytes."""

    max_cell_chars: int = 5_000
    max_rows: int = 100_000  # data rows, the header not counted
    max_chars: int = 10_000_000  # all cells together, a shared string counted wherever it is used
    max_columns: int = MAX_COLUMNS  # columns past it are not read (not a refusal: they are never used)


class RegisterTooLarge(ReadError):
    """A register past one of its limits; `limit` names the RegisterLimits field."""

    def __init__(self, message: str, limit: str, value: int) -> None:
        super().__init__(message)
        self.limit = limit
        self.value = value


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


def _bounded(rows: Iterable[Sequence[object]], name: str, limits: RegisterLimits) -> Iterator[list[str]]:
    """Rows as text, stopped at the first limit passed (before the next row is even built)."""
    total = 0
    for n, row in enumerate(rows, start=1):
        if n - 1 > limits.max_rows:
            raise RegisterTooLarge(f"{name}: more than {limits.max_rows} rows", "max_rows", limits.max_rows)
        row = row[: limits.max_columns]  # a register has a handful of columns; the rest is never read
        cells = ["" if v is None else str(v) for v in row]
        for col, text in enumerate(cells, start=1):
            if len(text) > limits.max_cell_chars:
                raise RegisterTooLarge(f"{name}: row {n}, column {col} holds {len(text)} characters; "
                                       f"the limit is {limits.max_cell_chars} per cell", "max_cell_chars", limits.max_cell_chars)
            total += len(text)
        if total > limits.max_chars:
            raise RegisterTooLarge(f"{name}: the register expands to more than {limits.max_chars} characters of text "
                                   f"(reached at row {n})", "max_chars", limits.max_chars)
        yield cells


def _csv_rows(data: bytes, name: str) -> Iterator[list[str]]:
    text = decode(data, name)
    reader = csv.reader(io.StringIO(text))
    try:
        yield from reader
    except csv.Error as exc:  # a field over csv's own size limit, a NUL byte, …
        if "field limit" in str(exc):
            cap = csv.field_size_limit()
            raise RegisterTooLarge(f"{name}: line {reader.line_num}: a cell holds more than {cap} characters",
                                   "max_cell_chars", cap) from None
        raise ReadError(f"{name}: not a readable CSV file (line {reader.line_num}: {exc})") from None


def _xlsx_rows(data: bytes, name: str, max_columns: int | None = None) -> Iterator[tuple[object, ...]]:
    """The first sheet's rows, one at a time, after checking the zip is not a bomb.

    With `max_columns`, rows are cut there: openpyxl pads every row to the width the sheet
    declares, which a crafted file sets to 16,384.
    """
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
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(max_col=max_columns, values_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ReadError(f"{name}: cannot read the workbook ({type(exc).__name__})") from None
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                raise ReadError(f"{name}: cannot read the workbook ({type(exc).__name__})") from None
            yield row
    finally:
        wb.close()


def _rows(data: bytes, name: str, limits: RegisterLimits | None = None) -> Iterator[Sequence[object]]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(data, name, limits.max_columns if limits else None)
    if lower.endswith((".csv", ".txt")):
        return _csv_rows(data, name)
    raise ReadError(f"{name}: unsupported register format (use .csv or .xlsx)")


def _parse(rows: Iterable[Sequence[object]], name: str, limits: RegisterLimits | None) -> tuple[list[Enterprise], list[str]]:
    if limits is not None:
        return _records(list(_bounded(rows, name, limits)), name)
    return _records([["" if v is None else str(v) for v in r] for r in rows], name)


def parse_register(data: bytes, name: str, limits: RegisterLimits | None = None) -> tuple[list[Enterprise], list[str]]:
    """CSV or XLSX by file name; with `limits`, a register expanding past them is refused."""
    return _parse(_rows(data, name, limits), name, limits)
