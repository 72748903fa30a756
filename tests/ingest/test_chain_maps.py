"""Chain maps and enterprise registers: parsing, validation with file:line, zip-bomb guard."""
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.chains import ChainError, parse_chain
from ingest.enterprises import parse_register
from ingest.reader import ReadError

DATA = Path(__file__).resolve().parent.parent / "data"


def test_parse_chain() -> None:
    chain = parse_chain((DATA / "chains" / "mini-ceramics.yaml").read_text(encoding="utf-8"), "mini-ceramics.yaml")
    assert (chain.cluster, chain.id, len(chain.segments)) == ("先进陶瓷", "mini-ceramics", 4)
    powder = chain.segments[0]
    assert (powder.id, powder.stage, powder.next, powder.line) == ("alumina-powder", "upstream", ("piezo", "chip-components"), 6)
    assert powder.terms() == ("氧化铝粉体", "高纯氧化铝粉", "氧化铝")


def test_missing_neighbour_names_file_and_line() -> None:
    text = (DATA / "chains" / "broken-neighbour.yaml").read_text(encoding="utf-8")
    with pytest.raises(ChainError, match=r"broken-neighbour.yaml:7: segment 'powder' points to missing neighbour 'sintering'"):
        parse_chain(text, "broken-neighbour.yaml")
    fixed = text.replace("next: [sintering]", "next: [parts]")
    with pytest.raises(ChainError, match=r"broken-neighbour.yaml:14: segment 'parts' points to missing neighbour 'nowhere'"):
        parse_chain(fixed, "broken-neighbour.yaml")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "file is empty"),
        ("cluster: x\nsegments: [\n", "invalid YAML"),
        ("cluster: x\nsegments: []\n", "'segments' must be a non-empty list"),
        ("cluster: x\nsegments:\n  - id: a\n    label: A\n    stage: top\n    kind: materials\n    source: s\n", ":3: segment 'a' has stage 'top'"),
        ("cluster: x\nsegments:\n  - id: a\n    label: A\n    stage: upstream\n    kind: materials\n", ":3: segment 'a' 'source'"),
        ("cluster: x\nsegments:\n  - id: A B\n    label: A\n", "must be lowercase"),
        (
            "cluster: x\nsegments:\n  - {id: a, label: A, stage: upstream, kind: materials, source: s, next: [b]}\n"
            "  - {id: b, label: B, stage: midstream, kind: components, source: s, next: [a]}\n",
            "cycle: a -> b -> a",
        ),
    ],
)
def test_invalid_chains(text: str, message: str) -> None:
    with pytest.raises(ChainError, match=message.replace("(", r"\(").replace(")", r"\)")) as err:
        parse_chain(text, "t.yaml")
    assert str(err.value).startswith("t.yaml")


def test_register_csv_keeps_good_rows_and_reports_bad_ones() -> None:
    rows, errors = parse_register((DATA / "enterprises" / "register.csv").read_bytes(), "register.csv")
    assert [(e.name, e.products, e.segment, e.region, e.scale) for e in rows] == [
        ("测试甲粉体有限公司", ("高纯氧化铝粉", "氧化锆粉"), "", "昌南新区", "规上"),
        ("测试乙电子有限公司", ("MLCC", "片式电感"), "", "浮梁县", "小微"),
        ("测试丙科技有限公司", (), "piezo", "珠山区", "小微"),
    ]
    assert errors == ["register.csv: row 5: no company name", "register.csv: row 6: 测试丁公司 has neither products nor a segment"]


def test_register_gb18030_csv_and_xlsx() -> None:
    csv_bytes = "企业名称,主营产品\n测试戊公司,压电陶瓷片\n".encode("gb18030")
    assert [e.name for e in parse_register(csv_bytes, "r.csv")[0]] == ["测试戊公司"]
    wb = Workbook()
    wb.active.append(["name", "products", "region"])
    wb.active.append(["测试己公司", "氧化铝粉体", "浮梁县"])
    buf = io.BytesIO()
    wb.save(buf)
    rows, errors = parse_register(buf.getvalue(), "r.xlsx")
    assert [(e.name, e.products) for e in rows] == [("测试己公司", ("氧化铝粉体",))] and errors == []


def test_register_errors() -> None:
    with pytest.raises(ReadError, match="no company name column"):
        parse_register("产品,地区\nA,B\n".encode(), "r.csv")
    with pytest.raises(ReadError, match="unsupported register format"):
        parse_register(b"x", "r.pdf")
    with pytest.raises(ReadError, match="not a valid .xlsx"):
        parse_register(b"not a zip at all", "r.xlsx")


def test_xlsx_zip_bomb_refused_before_opening() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    with pytest.raises(ReadError, match="too large when uncompressed"):
        parse_register(buf.getvalue(), "bomb.xlsx")
