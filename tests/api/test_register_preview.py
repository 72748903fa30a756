"""A register preview foretells exactly what importing the register then shows, without copying the library."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.service import PolicyService
from api.settings import Settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
REGISTER = (ROOT / "tests" / "data" / "enterprises" / "register.csv").read_bytes()


def test_the_preview_is_what_the_import_then_shows(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    svc = PolicyService(Settings(data_dir=data))
    before = {c.id: c.status for c in svc.chains().chains}
    preview = svc.preview_enterprises("register.csv", REGISTER)
    assert {c.id: c.before for c in preview.chains} == before
    assert preview.register_.enterprises == 0  # the library's own register, still empty
    assert {c.id: c.status for c in svc.chains().chains} == before  # nothing was imported
    imported = svc.import_enterprises("register.csv", REGISTER)
    assert imported.imported == preview.enterprises > 0
    assert {c.id: c.after for c in preview.chains} == {c.id: c.status for c in svc.chains().chains} != before
    # Each row's matches are the segments whose enterprises list it after the import.
    listed: dict[str, set[tuple[str, str]]] = {}
    for summary in svc.chains().chains:
        for seg in svc.chain(summary.cluster).segments:
            for name in seg.enterprises:
                listed.setdefault(name, set()).add((summary.id, seg.id))
    for row in preview.rows:
        assert {(m.chain, m.segment) for m in row.matches} == listed.get(row.name, set()), row.name
