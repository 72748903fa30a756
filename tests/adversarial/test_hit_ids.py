"""Every id a search hit carries resolves through /api/tasks/{id}, goal statements included."""
from __future__ import annotations

import time

import httpx

SEED = "jingdezhen-cluster-plan-2026-2028"
QUERIES = [
    "2028年目标", "工作目标", "到2028年主要目标", "企业贷款难怎么办", "哪些任务由市科技局负责", "人才引进",
    "绿色发展", "数字化转型", "直升机", "先进陶瓷", "土地要素保障", "专精特新",
]


def test_every_search_hit_id_resolves(seeded_server: str) -> None:
    hits: list[dict] = []
    started = time.monotonic()
    with httpx.Client(base_url=seeded_server, timeout=60) as http:
        for q in QUERIES:  # bounded in count (24 searches) and in time (20 s, the first ones always run)
            for mode in ("hybrid", "lexical"):
                if len(hits) >= 40 and time.monotonic() - started > 20:
                    break
                r = http.get("/api/search", params={"q": q, "k": 20, "mode": mode})
                assert r.status_code == 200, r.text
                hits.extend(r.json()["hits"])
        ids = {h["id"]: h for h in hits}
        tasks = {t["id"] for t in http.get("/api/tasks").json()["tasks"]}
        assert f"{SEED}.goals" in ids, sorted(ids)
        assert set(ids) <= tasks | {f"{SEED}.goals"} and len(ids) >= len(tasks) // 2
        for hit_id, hit in ids.items():
            r = http.get(f"/api/tasks/{hit_id}")
            assert r.status_code == 200, (hit_id, r.text)
            body = r.json()
            assert body["id"] == hit_id and body["doc"] == hit["doc"] and body["title"] == hit["title"]
            assert body["kind"] in ("task", "requirement", "goals")
            assert (body["kind"] == "goals") == hit_id.endswith(".goals")
            assert {"lead", "co", "targets", "text", "evidence", "assignments"} <= set(body)


def test_goal_statements_answer_with_their_text_targets_and_evidence(seeded_server: str) -> None:
    with httpx.Client(base_url=seeded_server, timeout=60) as http:
        goals = http.get(f"/api/tasks/{SEED}.goals").json()
        assert goals["kind"] == "goals" and goals["number"] == "goals" and goals["lead"] == [] == goals["co"]
        assert goals["statements"] and all(s["text"] for s in goals["statements"])
        doc_text = http.get(f"/api/documents/{SEED}").json()["text"]
        for s in goals["statements"]:
            ev = s["evidence"]
            assert ev["doc"] == SEED and doc_text[ev["start"]:ev["end"]] == ev["text"]
        plan_targets = [t for t in http.get("/api/targets").json()["targets"] if t["doc"] == SEED and not t["task_id"]]
        assert goals["targets"] == plan_targets and plan_targets
        for missing in (f"{SEED}x.goals", ".goals", "goals", f"{SEED}.99"):
            r = http.get(f"/api/tasks/{missing}")
            assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", (missing, r.text)
