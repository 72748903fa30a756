"""Run the HTTP app with uvicorn."""
from __future__ import annotations

import os
from typing import Any

import uvicorn

from .app import create_app
from .settings import Settings


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy-header handling from our setting.

    uvicorn trusts X-Forwarded-For from 127.0.0.1 unless told otherwise, so any process on the
    host could pick its own client address (and its own rate-limit bucket). With no trusted
    proxies the headers are ignored; with some, uvicorn takes the rightmost X-Forwarded-For hop
    that is not one of them, and only when the socket's peer is one of them.
    """
    if not settings.trusted_proxies:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.trusted_proxies)}


def serve(settings: Settings) -> None:
    """Serve until interrupted: one process, or `settings.workers` processes sharing the port."""
    print(f"PolicyKG serving on http://{settings.host}:{settings.port}/"
          + (f" ({settings.workers} processes)" if settings.workers > 1 else ""), flush=True)
    options = {"host": settings.host, "port": settings.port, "log_level": "warning", **proxy_options(settings)}
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # uvicorn starts each worker anew and builds its app from an import string, so the settings travel in the
    # environment: the CLI's flags written over the POLICYKG_* variables they override.
    os.environ.update({"POLICYKG_DATA_DIR": str(settings.data_dir), "POLICYKG_HOST": settings.host,
                       "POLICYKG_PORT": str(settings.port), "POLICYKG_WORKERS": str(settings.workers)})
    if Settings.from_env() != settings:  # settings built in code, not from the environment and the CLI's flags
        raise ValueError("serve with several workers takes its settings from the POLICYKG_* environment and the "
                         "CLI's --data/--host/--port/--workers; these settings differ from what the workers would read")
    uvicorn.run("api.app:create_app", factory=True, workers=settings.workers, **options)
