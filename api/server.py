"""Run the HTTP app with uvicorn."""
from __future__ import annotations

import uvicorn

from .app import create_app
from .settings import Settings


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    print(f"PolicyKG serving on http://{settings.host}:{settings.port}/", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
