"""The web page's scripts: native ES modules under api/static/js, small, loaded by index.html, their imports resolvable."""
from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from api_servers import ROOT

STATIC = ROOT / "api" / "static"
JS = STATIC / "js"
MODULES = sorted(JS.rglob("*.js"))
MAX_LINES = 400
# import … from './x.js', import './x.js', export … from './x.js' and import('./x.js'): every relative specifier.
SPECIFIER = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}/[^'"]+)\1""")


def test_the_single_script_is_gone_and_modules_are_there() -> None:
    assert not (STATIC / "app.js").exists()
    assert (JS / "main.js").is_file()
    assert len(MODULES) > 1


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(JS)))
def test_module_is_small(module: Path) -> None:
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module.relative_to(ROOT)} has {lines} lines (at most {MAX_LINES})"


def test_index_loads_main_as_a_module() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script type="module" src="/static/js/main.js">']
    assert "app.js" not in html


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(JS)))
def test_relative_imports_resolve(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    specifiers = [m.group(2) for m in SPECIFIER.finditer(text)]
    missing = [s for s in specifiers if not (module.parent / s).resolve().is_file()]
    assert not missing, f"{module.relative_to(ROOT)} imports missing files: {missing}"
    # A browser resolves only full paths: './x' without .js is a 404.
    assert all(s.endswith(".js") for s in specifiers), specifiers


def test_every_module_is_reachable_from_main() -> None:
    seen: set[Path] = set()
    todo = [JS / "main.js"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for m in SPECIFIER.finditer(module.read_text(encoding="utf-8")):
            target = (module.parent / m.group(2)).resolve()
            if target.is_relative_to(JS.resolve()):
                todo.append(target)
    assert {p.resolve() for p in MODULES} == seen


@pytest.mark.slow
def test_modules_are_served_as_javascript(server: str) -> None:
    for path in ("/static/js/main.js", "/static/js/views/chains.js"):
        r = httpx.get(server + path, timeout=30)
        assert r.status_code == 200, path
        # Browsers refuse a module script served with any other type.
        assert re.match(r"(text|application)/javascript\b", r.headers["content-type"]), r.headers["content-type"]
