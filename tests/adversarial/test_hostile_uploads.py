"""A hostile upload for every accepted format, against a running server: each refused (422, its error naming the
file), none ingested, nothing new beside the server's data directory (in the test's folder), none of the paths the
files aim at created (a cron entry, a marker file a YAML tag would touch), the server healthy after.

The cases are keyed by suffix and must cover every suffix the reader accepts: a format added without a hostile
case here fails the first test.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import AUTH, serving_to_write
from hostile import TEXT_PDF, encrypted, laughs_docx, traversal_ofd, zip_bomb

from ingest.reader import SUPPORTED_SUFFIXES

PWNED = Path("/tmp/policykg-hostile-upload-ran")


def _yaml_laughs() -> bytes:
    """A chain map whose segments are nine levels of aliases, 9^9 items if anything expanded them."""
    levels = "a: &a [" + ",".join(["lol"] * 9) + "]\n" + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    return (levels + "id: laughs\ncluster: 航空\nlabel: 笑\nsegments: *i\n").encode()


def _html_laughs() -> bytes:
    """A page whose internal DTD declares the billion-laughs entities."""
    entities = "".join(f'<!ENTITY a{k} "{("&a" + (str(k - 1) if k > 1 else "") + ";") * 10}">' for k in range(1, 10))
    return f'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">{entities}]><html><body><p>&a9;</p></body></html>'.encode()


HOSTILE: dict[str, tuple[bytes, str]] = {  # suffix: (bytes, what the refusal says)
    ".txt": (b"\x00\x01PK binary" * 1000, "binary"),
    ".text": (b"", "empty"),
    ".md": (bytes(range(1, 9)) * 5000, "binary"),
    ".yaml": (_yaml_laughs(), "expected a mapping"),
    ".yml": (b'id: x\ncluster: y\nsegments: !!python/object/apply:os.system ["touch ' + str(PWNED).encode() + b'"]\n',
             "expected a mapping"),
    ".docx": (zip_bomb(), "zip bomb"),
    ".pdf": (encrypted(TEXT_PDF, "secret", "owner"), "encrypted"),
    ".html": (b"<html><body>" + b"<div>" * 800_000 + "深".encode() + b"</body></html>", "no article text"),
    ".htm": (_html_laughs(), "entity expansion"),
    ".ofd": (traversal_ofd(), "unsafe path"),
    ".doc": (zip_bomb(), "zip bomb"),  # a .docx saved as .doc, as sites serve them: read as what it is
    ".wps": (laughs_docx(), "entity expansion"),
}


@pytest.fixture(scope="module")
def server(seed_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(seed_data, folder / "data")
    with serving_to_write(folder / "data") as base:
        yield base, folder


def test_every_accepted_format_has_a_hostile_case() -> None:
    assert set(HOSTILE) == set(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("suffix", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_and_changes_nothing(server: tuple[str, Path], suffix: str) -> None:
    base, folder = server
    data, says = HOSTILE[suffix]
    name = f"hostile{suffix}"
    outside = sorted(p for p in folder.rglob("*") if "data" not in p.relative_to(folder).parts)
    with httpx.Client(base_url=base, timeout=120) as http:
        documents = http.get("/api/documents").json()["documents"]
        res = http.post("/api/documents", files={"file": (name, data)}, headers=AUTH)
        assert res.status_code == 422, (res.status_code, res.text[:300])
        errors = res.json()["errors"]
        assert len(errors) == 1 and errors[0]["error"].startswith(f"{name}:") and says in errors[0]["error"], errors
        assert not res.json().get("ingested")
        assert http.get("/api/documents").json()["documents"] == documents
        assert http.get("/healthz").json()["status"] == "ok"
    assert sorted(p for p in folder.rglob("*") if "data" not in p.relative_to(folder).parts) == outside
    assert not PWNED.exists() and not Path("/etc/cron.d/policykg-test").exists()
