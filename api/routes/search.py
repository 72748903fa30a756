"""Routes: ranked search and structured answers."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .deps import service


def routes(settings: Settings) -> APIRouter:
    """GET /api/search and /api/ask."""
    router = APIRouter(tags=["search"])

    @router.get("/api/search", response_model=models.SearchResult, response_model_exclude_unset=True)
    def search(
        q: str = Query(..., description="query in Chinese"),
        k: int = Query(10, ge=1, le=settings.max_k),
        mode: str = Query("hybrid", pattern="^(hybrid|dense|lexical)$"),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.search(q, k=k, mode=mode)

    @router.get("/api/ask", response_model=models.Answer, response_model_exclude_unset=True)
    def ask(q: str = Query(...), svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.ask(q)

    return router
