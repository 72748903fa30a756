"""An enterprise register is refused by what it expands to, not only by its compressed size."""
from __future__ import annotations

import time

import httpx
import pytest
from api_servers import AUTH
from xlsx_bombs import amplifying_register, shared_string_xlsx

from ingest.enterprises import RegisterLimits, RegisterTooLarge, parse_register

HEADER = ["企业名称", "主营产品"]


def _csv(rows: int, product: str = "高纯氧化铝粉") -> bytes:
    return ("企业名称,主营产品\n" + "".join(f"测试{i}公司,{product}\n" for i in range(rows))).encode()


def test_the_issue_register_is_refused_by_cell_length_in_milliseconds() -> None:
    data = amplifying_register()  # 200 rows x one 350,000-character shared string
    assert len(data) < 30_000
    started = time.perf_counter()
    with pytest.raises(RegisterTooLarge, match="row 2, column 2 holds 350000 characters; the limit is 5000") as exc:
        parse_register(data, "bomb.xlsx", RegisterLimits())
    assert exc.value.limit == "max_cell_chars" and time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("data", "name", "limits", "limit"),
    [
        # many cells, each under the cell limit, sharing one string: the total is what is too much
        (shared_string_xlsx([*HEADER, "瓷" * 4000] + [f"企{i}" for i in range(3000)],
                            [[0, 1]] + [[3 + i, 2] for i in range(3000)], padding=20_000),
         "many.xlsx", RegisterLimits(), "max_chars"),
        (_csv(51), "rows.csv", RegisterLimits(max_rows=50), "max_rows"),
        (_csv(2, "粉" * 301), "cell.csv", RegisterLimits(max_cell_chars=300), "max_cell_chars"),
        (_csv(100, "粉" * 50), "total.csv", RegisterLimits(max_chars=2_000), "max_chars"),
        # a cell past csv's own field limit (it used to escape as a 500)
        (("企业名称,主营产品\n甲," + "粉" * 200_000 + "\n").encode(), "huge.csv", RegisterLimits(), "max_cell_chars"),
    ],
)
def test_each_limit_is_named(data: bytes, name: str, limits: RegisterLimits, limit: str) -> None:
    with pytest.raises(RegisterTooLarge) as exc:
        parse_register(data, name, limits)
    assert exc.value.limit == limit


def test_a_declared_width_of_16384_columns_is_not_read() -> None:
    # openpyxl pads each row to the width the sheet declares; only the first 256 columns are read, so the text
    # counted against the limit is the cells' own: 8 characters of header and 8 per row.
    data = shared_string_xlsx([*HEADER, "氧化铝粉"], [[0, 1]] + [[2, 2]] * 20, dimension="A1:XFD21")
    enterprises, errors = parse_register(data, "wide.xlsx", RegisterLimits(max_chars=8 + 20 * 8))
    assert len(enterprises) == 20 and not errors
    with pytest.raises(RegisterTooLarge):
        parse_register(data, "wide.xlsx", RegisterLimits(max_chars=8 + 20 * 8 - 1))


def test_an_honest_register_at_the_limits_passes() -> None:
    chars = 8 + sum(len(f"测试{i}公司") + 300 for i in range(50))
    at_limits = RegisterLimits(max_rows=50, max_cell_chars=300, max_chars=chars)
    enterprises, errors = parse_register(_csv(50, "粉" * 300), "ok.csv", at_limits)
    assert len(enterprises) == 50 and not errors
    for past in (RegisterLimits(max_rows=49, max_cell_chars=300, max_chars=chars),
                 RegisterLimits(max_rows=50, max_cell_chars=299, max_chars=chars),
                 RegisterLimits(max_rows=50, max_cell_chars=300, max_chars=chars - 1)):
        with pytest.raises(RegisterTooLarge):
            parse_register(_csv(50, "粉" * 300), "ok.csv", past)


def _post(base: str, name: str, data: bytes) -> httpx.Response:
    return httpx.post(f"{base}/api/enterprises", files={"file": (name, data)}, headers=AUTH, timeout=60)


@pytest.mark.serial  # a deadline of seconds: run alone, after the parallel tests
def test_over_http_the_refusal_is_413_naming_the_setting_and_nothing_changes(seeded_server: str) -> None:
    before = httpx.get(f"{seeded_server}/api/chains/先进陶瓷", timeout=30).json()
    cases = [
        ("bomb.xlsx", amplifying_register(), "POLICYKG_REGISTER_MAX_CELL_CHARS"),
        ("rows.csv", _csv(51), "POLICYKG_REGISTER_MAX_ROWS"),  # the server allows 50
        ("total.csv", _csv(40, "粉" * 600), "POLICYKG_REGISTER_MAX_CHARS"),  # and 20,000 characters
    ]
    for name, data, setting in cases:
        started = time.perf_counter()
        r = _post(seeded_server, name, data)
        assert r.status_code == 413, r.text
        err = r.json()["error"]
        assert err["code"] == "register_too_large" and setting in err["message"] and name in err["message"]
        assert time.perf_counter() - started < 5
    started = time.perf_counter()
    assert httpx.get(f"{seeded_server}/api/units", timeout=30).status_code == 200
    assert time.perf_counter() - started < 2
    assert httpx.get(f"{seeded_server}/api/chains/先进陶瓷", timeout=30).json() == before


@pytest.mark.serial  # a deadline of seconds: run alone, after the parallel tests
def test_over_http_an_honest_register_within_the_limits_is_imported(seeded_server: str) -> None:
    try:
        r = _post(seeded_server, "ok.csv", _csv(50))
        assert r.status_code == 200 and r.json() == {"imported": 50, "errors": []}
        started = time.perf_counter()
        assert httpx.get(f"{seeded_server}/api/units", timeout=30).status_code == 200
        assert time.perf_counter() - started < 2
    finally:
        httpx.delete(f"{seeded_server}/api/enterprises", headers=AUTH, timeout=60)
