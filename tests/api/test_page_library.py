"""The library page (文件库) and the enterprise register upload of the chain view, in Chromium against a
real server with a write token; and the register preview route over HTTP.

Screenshots go to test-artifacts/ (library-*.png, register-*.png).
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import ARTIFACTS, CHROMIUM, TOKEN, serving

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"chromium not found at {CHROMIUM} (`make browser` installs it)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

SEED = "jingdezhen-cluster-plan-2026-2028"
TXT_NAME = "anhui-digital.txt"
TXT = ("安徽省人民政府办公厅关于印发安徽省制造业数字化转型行动方案的通知\n皖政办〔2024〕3号\n各市人民政府，省政府各部门：\n"
       "现将《安徽省制造业数字化转型行动方案》印发给你们，请认真贯彻执行。\n安徽省人民政府办公厅\n2024年3月1日\n"
       "安徽省制造业数字化转型行动方案\n一、重点任务\n"
       "（一）推进改造。推动规上工业企业数字化改造。（省经济和信息化厅牵头，省财政厅配合）\n"
       "（二）培育服务商。培育一批数字化转型服务商。（省科技厅牵头）\n")
DOCX_NAME = "鹤溪低空经济实施方案.docx"
DOCX_LINES = ["鹤溪市人民政府办公室关于印发鹤溪市低空经济产业发展实施方案的通知", "鹤府办〔2025〕7号",
              "各县（市、区）人民政府，市政府各部门：", "现将《鹤溪市低空经济产业发展实施方案》印发给你们，请认真贯彻执行。",
              "鹤溪市人民政府办公室", "2025年6月18日", "鹤溪市低空经济产业发展实施方案", "一、重点任务",
              "（一）建设起降设施。建设一批通用机场和起降点。（市交通运输局牵头，市自然资源局配合）",
              "（二）拓展应用场景。开展低空物流和应急救援示范。（市发展改革委牵头）",
              "（三）引进龙头企业。引进整机制造企业。（市商务局牵头）", "抄送：市委办公室。", "鹤溪市人民政府办公室 2025年6月20日印发"]
REGISTER = ("企业名称,主营产品,产业链环节,所在县区,规模\n"
            "景瓷新材料有限公司,高纯氧化铝粉、导热填料,,高新区,规上\n"
            "昌南电子陶瓷有限公司,MLCC瓷粉,,昌江区,小微\n"
            "浮梁茶业有限公司,红茶,,浮梁县,\n"
            "某某科技有限公司,,不存在的环节,,\n"
            "无产品有限公司,,,,\n"
            ",氧化锆粉,,,\n").encode()


def docx_bytes() -> bytes:
    from docx import Document

    doc = Document()
    for line in DOCX_LINES:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def base_url(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    """The bundled plan and chain maps, no enterprise register, served with a write token."""
    with serving(seed_copy("library-page"), POLICYKG_API_TOKEN=TOKEN, POLICYKG_RATE_LIMIT_PER_MINUTE="100000",
                 POLICYKG_REGISTER_MAX_ROWS="1000") as base:
        yield base


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _error(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    return body["error"]["message"]


def _shot(page, name: str) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _enter_token(page, token: str = TOKEN) -> None:
    slot = page.locator("[data-token-slot]:visible").first
    slot.locator("input[type=password]").fill(token)
    slot.locator("button[type=submit]").click()
    page.wait_for_selector("[data-token-slot]:visible [data-token-state=set]")


def _segments(http: httpx.Client) -> dict[str, dict]:
    return {s["id"]: s for s in http.get("/api/chains/先进陶瓷").json()["segments"]}


# ---- HTTP: the preview route ------------------------------------------------------------------------
def test_preview_route_reports_matches_and_skips_without_importing(http) -> None:
    before = http.get("/api/chains/先进陶瓷").json()
    _error(http.post("/api/enterprises/preview", files={"file": ("r.csv", REGISTER)}), 401, "unauthorized")
    r = http.post("/api/enterprises/preview", files={"file": ("名录.csv", REGISTER)}, headers=AUTH)
    assert r.status_code == 200, r.text
    p = r.json()
    rows = {row["name"]: row for row in p["rows"]}
    assert p["file"] == "名录.csv" and p["matched"] == 2 and len(rows) == 4
    assert [(m["segment"], m["by"], m["terms"]) for m in rows["景瓷新材料有限公司"]["matches"]] == \
        [("alumina-powder", "products", ["高纯氧化铝粉", "高纯氧化铝", "导热填料"])]
    # MLCC瓷粉 is a synonym of one segment and names a keyword (MLCC) of another: both are listed.
    assert [m["segment"] for m in rows["昌南电子陶瓷有限公司"]["matches"]] == ["electronic-ceramic-powders", "chip-components"]
    assert rows["浮梁茶业有限公司"]["unmatched"] == "no_match"
    assert rows["某某科技有限公司"]["unmatched"] == "unknown_segment"
    assert [(s["row"], s["code"]) for s in p["skipped"]] == [(6, "no_products"), (7, "no_name")]
    ceramics = next(c for c in p["chains"] if c["cluster"] == "先进陶瓷")
    assert ceramics["after"].get("present") == 1 and ceramics["after"].get("weak") == 2
    # Nothing was imported.
    assert http.get("/api/chains/先进陶瓷").json() == before
    # Errors keep the one shape.
    _error(http.post("/api/enterprises/preview", files={"file": ("r.pdf", b"%PDF-1.4")}, headers=AUTH), 400, "bad_request")
    _error(http.post("/api/enterprises/preview", files={"file": ("r.csv", b"foo,bar\n1,2\n")}, headers=AUTH), 400, "bad_request")
    big = b"name,products\n" + b"".join(b"c%d,p\n" % i for i in range(1001))
    message = _error(http.post("/api/enterprises/preview", files={"file": ("big.csv", big)}, headers=AUTH), 413, "register_too_large")
    assert "POLICYKG_REGISTER_MAX_ROWS" in message
    _error(http.post("/api/enterprises/preview", headers=AUTH), 400, "bad_request")


# ---- the page -----------------------------------------------------------------------------------------
def test_library_lists_documents_and_explains_disabled_writes(page) -> None:
    page.goto("/library")
    assert page.get_attribute("body", "data-view") == "library"
    assert page.locator(".main-nav a[aria-current=page]").inner_text() == "文件库"
    page.wait_for_selector("#library-table[data-state=ready]")
    row = page.locator(f"#library-table tr[data-doc='{SEED}']")
    assert "景德镇市产业集群提能升级三年行动方案" in row.locator("a.doc-title-link").inner_text()
    assert row.locator("a.doc-title-link").get_attribute("href") == f"/doc/{SEED}"
    assert row.locator("[data-field=office]").inner_text() == "景德镇市人民政府办公室"
    assert row.locator("[data-field=level]").inner_text() == "市级"
    assert row.locator("[data-field=items]").inner_text() == "18"
    # Without a token every write control is disabled and says why.
    assert page.locator("#library-pick").is_disabled()
    assert "管理员令牌" in page.inner_text("#upload-disabled")
    assert row.locator(".doc-delete").is_disabled()
    assert page.locator("#delete-disabled").is_visible()
    _shot(page, "library-no-token")

    # A wrong token: the server refuses it, the page says so in Chinese and asks again.
    _enter_token(page, "wrong-token")
    page.set_input_files("#library-file", files=[{"name": TXT_NAME, "mimeType": "text/plain", "buffer": TXT.encode()}])
    item = page.locator("#upload-list li.upload-item").last
    page.wait_for_function("() => [...document.querySelectorAll('#upload-list li')].pop().dataset.status === 'error'")
    assert "管理员令牌无效" in item.inner_text()
    page.wait_for_selector("[data-token-slot]:visible [data-token-state=none].token-rejected")
    assert "被服务器拒绝" in page.inner_text("#view-library [data-token-slot]")
    assert page.evaluate("() => sessionStorage.length") == 0


def test_upload_list_and_delete(page, http) -> None:
    page.goto("/library")
    page.wait_for_selector("#library-table[data-state=ready]")
    _enter_token(page)
    # The token is kept for the session only: never in the URL or localStorage.
    assert page.evaluate("() => sessionStorage.getItem('policykg.apiToken')") == TOKEN
    assert page.evaluate("() => localStorage.length") == 0
    assert TOKEN not in page.url
    assert not page.locator("#library-pick").is_disabled()

    # One file dropped on the zone, three picked at once: a .docx and two bad files.
    page.evaluate("""([name, text]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/plain' }));
        const zone = document.querySelector('#drop-zone');
        for (const type of ['dragenter', 'dragover', 'drop']) {
            zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        }
    }""", [TXT_NAME, TXT])
    page.set_input_files("#library-file", files=[
        {"name": DOCX_NAME, "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "buffer": docx_bytes()},
        {"name": "扫描件.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)},
        {"name": "损坏.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 not really a zip"},
    ])
    items = page.locator("#upload-list li.upload-item")
    assert items.count() == 4
    page.wait_for_function("() => [...document.querySelectorAll('#upload-list li')].every(li => ['done', 'error'].includes(li.dataset.status))",
                           timeout=180_000)
    status = {items.nth(i).get_attribute("data-file"): items.nth(i) for i in range(4)}
    assert {k: v.get_attribute("data-status") for k, v in status.items()} == \
        {TXT_NAME: "done", DOCX_NAME: "done", "扫描件.png": "error", "损坏.docx": "error"}
    assert "不支持的文件类型（.png）" in status["扫描件.png"].inner_text()
    assert "文件已损坏或格式不正确" in status["损坏.docx"].inner_text()
    assert "not a valid .docx file" in status["损坏.docx"].locator(".alert-detail").inner_text()  # the server's text as detail
    assert "《鹤溪市低空经济产业发展实施方案》" in status[DOCX_NAME].inner_text()

    # Both listed with their metadata.
    page.wait_for_function("() => document.querySelectorAll('#library-table tbody tr[data-doc]').length === 3")
    expected = {
        "安徽省制造业数字化转型行动方案": {"doc_no": "皖政办〔2024〕3号", "office": "安徽省人民政府办公厅", "date": "2024-03-01",
                                  "kind": "行动方案", "level": "省级", "items": "2"},
        "鹤溪市低空经济产业发展实施方案": {"doc_no": "鹤府办〔2025〕7号", "office": "鹤溪市人民政府办公室", "date": "2025-06-18",
                                  "kind": "实施方案", "level": "市级", "items": "3"},
    }
    ids = {d["title"]: d["id"] for d in http.get("/api/documents").json()["documents"]}
    for title, fields in expected.items():
        row = page.locator(f"#library-table tr[data-doc='{ids[title]}']")
        assert row.locator("a.doc-title-link").inner_text() == title
        assert {f: row.locator(f"[data-field={f}]").inner_text() for f in fields} == fields
    _shot(page, "library-uploaded")

    # Delete one, after a confirmation (cancel first: nothing happens).
    anhui = ids["安徽省制造业数字化转型行动方案"]  # known by its 文号, not by the uploaded file's name
    row = page.locator(f"#library-table tr[data-doc='{anhui}']")
    row.locator(".doc-delete").click()
    row.locator(".doc-delete-cancel").click()
    assert row.locator(".doc-delete").is_visible()
    row.locator(".doc-delete").click()
    _shot(page, "library-confirm-delete")
    row.locator(".doc-delete-confirm").click()
    page.wait_for_selector(f"#library-deleted[data-doc='{anhui}']")
    page.wait_for_function(f"() => !document.querySelector(\"#library-table tr[data-doc='{anhui}']\")")
    assert http.get(f"/api/documents/{anhui}").status_code == 404
    assert page.locator("#library-table tbody tr[data-doc]").count() == 2
    # The document view of the one kept opens from the list.
    page.locator(f"#library-table tr[data-doc='{ids['鹤溪市低空经济产业发展实施方案']}'] a.doc-title-link").click()
    page.wait_for_function("() => document.body.dataset.view === 'doc' && document.querySelector('#doc-heading').textContent.includes('鹤溪市')")
    meta = page.inner_text("#doc-meta")
    assert "成文日期：2025-06-18" in meta and "印发日期：2025-06-20" in meta


# Four plans of other styles, one per format: Word with automatic numbering, printed PDF, web page, OFD.
FORMAT_PLANS = {
    ".docx": "tests/data/plans/lanjiang-province-silver-economy-fullwidth-dot.txt",
    ".pdf": "tests/data/plans/chengpu-energy-storage-annex-table.txt",
    ".html": "tests/data/plans/qingchuan-equipment-renewal-task-table.txt",
    ".ofd": "tests/data/plans/yuanyang-logistics-plan-chapters.txt",
}


def test_every_format_uploads_through_the_page(page, browser, http, lexicon, seg, tmp_path) -> None:
    """Each format through the page and the API gives its .txt twin's items and units (.doc where LibreOffice is)."""
    import shutil

    from renderers import plan_text, print_pdf, to_doc, to_docx, to_html, to_ofd

    from ingest.parse import parse_plan

    render = {".docx": lambda t: to_docx(t, auto_numbering=True), ".pdf": lambda t: print_pdf(browser, t),
              ".html": lambda t: to_html(t, gbk=True), ".ofd": to_ofd, ".doc": lambda t: to_doc(t, tmp_path / "doc")}
    plans = dict(FORMAT_PLANS)
    if shutil.which("soffice"):
        plans[".doc"] = "tests/data/plans/shangrao-digital-lead-co.txt"
    files, twins = [], {}
    for suffix, path in plans.items():
        name = Path(path).stem + suffix
        files.append({"name": name, "mimeType": "application/octet-stream", "buffer": render[suffix](plan_text(path))})
        plan = parse_plan(plan_text(path), Path(path).name, lexicon, seg)
        twins[name] = (plan.title, {(i.number, frozenset(u.name for u in i.units if u.role == "lead"),
                                     frozenset(u.name for u in i.units if u.role != "lead")) for i in plan.items})
    page.goto("/library")
    page.wait_for_selector("#library-table[data-state=ready]")
    _enter_token(page)
    page.set_input_files("#library-file", files=files)
    page.wait_for_function("(n) => { const li = [...document.querySelectorAll('#upload-list li')];"
                           " return li.length === n && li.every(x => ['done', 'error'].includes(x.dataset.status)); }",
                           arg=len(files), timeout=300_000)
    items = page.locator("#upload-list li.upload-item")
    status = {items.nth(i).get_attribute("data-file"): items.nth(i) for i in range(len(files))}
    assert {n: li.get_attribute("data-status") for n, li in status.items()} == dict.fromkeys(twins, "done")
    docs = {d["title"]: d for d in http.get("/api/documents").json()["documents"]}
    for name, (title, want) in twins.items():
        assert f"《{title}》" in status[name].inner_text()
        doc = docs[title]
        assert doc["source"].endswith(name) or doc["id"] == Path(name).stem
        tasks = http.get("/api/tasks", params={"doc": doc["id"]}).json()["tasks"]
        got = {(t["number"], frozenset(t["lead"]), frozenset(t["co"])) for t in tasks}
        assert got == want, name
        row = page.locator(f"#library-table tr[data-doc='{doc['id']}']")
        assert row.locator("[data-field=items]").inner_text() == str(len(want))
    _shot(page, "library-every-format")
    for doc in (docs[t] for t, _ in twins.values()):
        assert http.delete(f"/api/documents/{doc['id']}", headers=AUTH).status_code == 200


def test_register_preview_then_import_from_the_chain_view(page, http) -> None:
    http.delete("/api/enterprises", headers=AUTH)
    page.goto("/chains?cluster=" + "先进陶瓷")
    page.wait_for_selector("#chain-diagram[data-state=ready][data-register-loaded=false]")
    assert page.locator("#register-pick").is_disabled()
    assert "管理员令牌" in page.inner_text("#register-disabled")
    _enter_token(page)
    assert not page.locator("#register-pick").is_disabled()

    page.set_input_files("#register-file", files=[{"name": "企业名录.csv", "mimeType": "text/csv", "buffer": REGISTER}])
    page.wait_for_selector("#register-preview[data-state=ready]")
    preview = page.locator("#register-preview")
    assert preview.get_attribute("data-matched") == "2" and preview.get_attribute("data-skipped") == "2"
    jc = page.locator("#register-rows tr[data-name='景瓷新材料有限公司']")
    assert "先进陶瓷 · 氧化铝粉体" in jc.inner_text() and "产品匹配：高纯氧化铝粉" in jc.inner_text()
    assert "不存在的环节" in page.locator("#register-rows tr[data-name='某某科技有限公司']").inner_text()
    assert page.locator("#register-rows tr[data-matched=false]").count() == 2
    skipped = page.inner_text("#register-skipped")
    assert "第 6 行：“无产品有限公司”既没有主营产品" in skipped and "第 7 行：缺少企业名称" in skipped
    assert page.locator("#register-chains tr").count() >= 2
    # The preview imported nothing.
    assert http.get("/api/chains/先进陶瓷").json()["register"]["loaded"] is False
    assert "共 6 行企业数据" in page.inner_text("#register-summary")
    page.locator("#register-card").screenshot(path=str(ARTIFACTS / "register-preview.png"))

    page.click("#register-confirm")
    page.wait_for_selector("#register-imported")
    assert "导入 4 家企业" in page.inner_text("#register-imported")
    page.wait_for_selector("#chain-diagram[data-state=ready][data-register-loaded=true]")
    assert page.get_attribute("#chain-diagram g.seg[data-segment-id='alumina-powder']", "data-status") == "present"
    assert page.get_attribute("#chain-diagram g.seg[data-segment-id='electronic-ceramic-powders']", "data-status") == "weak"
    assert _segments(http)["alumina-powder"]["enterprises"] == ["景瓷新材料有限公司"]
    _shot(page, "register-imported")
