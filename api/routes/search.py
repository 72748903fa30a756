"""Routes: ranked search and structured answers."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .deps import DocScope, doc_scope, service


def routes(settings: Settings) -> APIRouter:
    """GET /api/search and /api/ask."""
    router = APIRouter(tags=["search"])

    @router.get("/api/search", response_model=models.SearchResult, response_model_exclude_unset=True)
    def search(
        q: str = Query(..., description="query in Chinese"),
        k: int = Query(10, ge=1, le=settings.max_k),
        mode: str = Query("hybrid", pattern="^(hybrid|dense|lexical)$"),
        scope: DocScope = Depends(doc_scope),
        svc: PolicyService = Depends(service),
    ) -> models.SearchResult:
        """Ranked tasks and, for a question the graph answers, the exact answer; both from the documents kept."""
        return svc.search(q, k=k, mode=mode, **scope.kwargs())

    @router.get("/api/ask", response_model=models.Answer, response_model_exclude_unset=True)
    def ask(q: str = Query(...), scope: DocScope = Depends(doc_scope), svc: PolicyService = Depends(service)) -> models.Answer:
        """The exact answer from the graph, from the documents the filters keep."""
        return svc.ask(q, **scope.kwargs())

    return router
