"""Schemathesis against a real server's live /openapi.json, with and without the write token: every status, media
type and header a route answers is declared, schema-valid requests are accepted, schema-violating ones refused, and
undeclared methods answer 405 with `Allow`.

`make test` runs a small deterministic sample: a few cases per operation and phase, and with the token only the
write routes (the token changes nothing else). The long run is the same test with more cases, every operation both
ways: `POLICYKG_CONTRACT_EXAMPLES=50 .venv/bin/python -m pytest tests/adversarial/test_schemathesis_contract.py -s`
(tests/adversarial/README.md has its numbers). What the settings widen, and why, is in schemathesis.toml beside this.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import get_args

import httpx
import pytest
from api_servers import AUTH, serving_to_write

from api.app import create_app
from api.routes import contract
from api.routes.chains import GUIDE_TYPES, GuideFormat
from api.routes.deps import EXPORT_TYPES, Level
from api.routes.exports import ExportFormat
from api.settings import Settings
from kg.query import INCENTIVE_KINDS, LEVELS

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "schemathesis.toml"
LONG = "POLICYKG_CONTRACT_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("POLICYKG_CONTRACT_EXAMPLES", "4"))


@pytest.fixture(scope="module")
def reader(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    """For the requests without the token: every write is refused before it is read, so nothing changes."""
    with serving_to_write(seed_copy("reader")) as base:
        yield base


@pytest.fixture
def writer(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    """For the run with the token, which uploads, deletes and re-indexes: nobody else sees its library."""
    with serving_to_write(seed_copy("writer")) as base:
        yield base


def schemathesis(base: str, workdir: Path, headers: dict[str, str], *options: str) -> dict:
    """`schemathesis run` with every check (over every operation, unless `options` narrow it); its JSON report."""
    report = workdir / "schemathesis.json"
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run", f"{base}/openapi.json",
               "--checks", "all", "--max-examples", str(EXAMPLES), "--generation-deterministic", "--request-timeout", "60",
               "--no-color", "--report", "json", "--report-json-path", str(report), *options]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    run = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=1800)
    assert report.exists(), run.stdout[-5000:] + run.stderr[-5000:]
    out = json.loads(report.read_text())
    failures = [(f["code"], f["title"], f["count"], f["operations"]) for f in out["failures"]]
    if run.returncode or failures or out["errors"]:
        print(run.stdout)  # each failure with its request, response and a curl line to reproduce it
    assert run.returncode == 0 and not failures and not out["errors"], failures or out["errors"]
    operations = out["operations"]
    assert out["complete"] and operations["tested"] == operations["selected"] and not operations["errored"], operations
    assert all(p["status"] in ("success", "skip") for p in out["phases"].values()), out["phases"]
    assert out["phases"]["coverage"]["status"] == out["phases"]["fuzzing"]["status"] == "success", out["phases"]
    cases = out["test_cases"]
    print(f"schemathesis {out['schemathesis_version']}, {EXAMPLES} examples, {operations['tested']} operations: "
          f"{cases['generated']} cases, {cases['unique_failures']} failures, {out['running_time']:.0f} s")
    return out


def test_without_the_token(reader: str, tmp_path: Path) -> None:
    """Reads answer as declared; every write is refused 401 as the schema's bearer scheme says."""
    # One worker, though nothing here changes the library: hypothesis parses source to describe a filter, and two
    # threads parsing at once can trip CPython 3.11.7's AST constructor ("AST constructor recursion depth mismatch",
    # python/cpython#106905, fixed in 3.11.8), which failed this test once in a run of `make test`.
    out = schemathesis(reader, tmp_path, {}, "--workers", "1")
    assert out["operations"]["tested"] == out["operations"]["total"] >= 26


def test_with_the_token(writer: str, tmp_path: Path) -> None:
    """Writes too: random uploads, deletes, register imports and re-indexing, against this test's own library, one
    request at a time so that a run repeats itself."""
    out = schemathesis(writer, tmp_path, AUTH, "--workers", "1", *([] if LONG else ["--include-tag", "admin"]))
    assert out["operations"]["tested"] == (out["operations"]["total"] if LONG else 6)
    assert httpx.get(f"{writer}/healthz", timeout=10).status_code == 200


def test_undeclared_methods_name_every_method_of_the_resource(reader: str) -> None:
    """405 with `Allow` listing all the methods of the path, not only those of the first route Starlette matched."""
    cases = {("TRACE", "/api/documents"): "GET, POST", ("PATCH", "/api/documents/x"): "DELETE, GET",
             ("PUT", "/sparql"): "GET, POST", ("POST", "/api/tasks"): "GET", ("DELETE", "/graph"): "GET"}
    with httpx.Client(base_url=reader, timeout=10) as http:
        for (method, path), allow in cases.items():
            r = http.request(method, path)
            assert r.status_code == 405 and r.headers["allow"] == allow, (method, path, r.status_code, r.headers)
            assert r.json()["error"]["code"] == "method_not_allowed"
        assert http.request("TRACE", "/api/nothing").status_code == 404  # no resource: not found, not 405
        spec = http.get("/openapi.json").json()
    assert "422" not in json.dumps({p: {m: op["responses"] for m, op in item.items()} for p, item in spec["paths"].items()
                                    if p != "/api/documents"})
    assert spec["paths"]["/api/search"]["get"]["responses"]["429"]["headers"]["Retry-After"]["required"]


def test_the_declared_enums_are_the_sets_the_code_takes() -> None:
    """The schema's enums are written as Literals; they must stay the sets the layers below accept."""
    assert get_args(Level) == LEVELS
    assert set(get_args(ExportFormat)) == set(EXPORT_TYPES)
    assert set(get_args(GuideFormat)) == set(GUIDE_TYPES)
    spec = create_app(Settings()).openapi()
    kind = next(p for p in spec["paths"]["/api/incentives"]["get"]["parameters"] if p["name"] == "kind")
    assert tuple(kind["schema"]["anyOf"][0]["enum"]) == INCENTIVE_KINDS


def test_the_question_patterns_agree_with_what_the_service_accepts() -> None:
    """NOT_BLANK is "not all whitespace" as str.strip() sees it; SEARCHABLE is a part of what the search engine
    searches (a word character or a Chinese one), so a question the schema allows is never refused."""
    from search.engine import _WORD

    not_blank, searchable = re.compile(contract.NOT_BLANK), re.compile(contract.SEARCHABLE)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        assert (not_blank.search(c) is None) == c.isspace(), hex(code)
        if searchable.search(c):
            assert _WORD.search(c) and not c.isspace(), hex(code)
