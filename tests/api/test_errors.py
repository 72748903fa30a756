"""A server error: logged with its traceback under a request id; the client gets the code and the id only."""
from __future__ import annotations

import logging
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


def test_a_server_error_is_logged_with_an_id_the_client_also_gets(tmp_path: Path, caplog) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"))

    @app.get("/api/boom")
    def boom() -> dict:
        raise RuntimeError("disk on fire at /srv/secret/path")

    with caplog.at_level(logging.ERROR, logger="api.app"), TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/api/boom")
    assert r.status_code == 500
    body = r.json()["error"]
    assert body["code"] == "internal_error" and "/srv/secret" not in r.text and "Traceback" not in r.text
    request_id = body["params"]["request_id"]
    assert request_id in body["message"]
    logged = [rec for rec in caplog.records if request_id in rec.getMessage()]
    assert logged and logged[0].exc_info and "disk on fire" in str(logged[0].exc_info[1])
