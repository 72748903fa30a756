"""Routes: ranked search and structured answers."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .contract import LIMITED, NOT_BLANK, SEARCHABLE, errors
from .deps import DocScope, doc_scope, service


def routes(settings: Settings) -> APIRouter:
    """GET /api/search and /api/ask."""
    router = APIRouter(tags=["search"], responses=errors(*LIMITED))

    def question(description: str, pattern: str = NOT_BLANK) -> Any:
        # The service strips a question and refuses it when blank or too long: the schema says the same.
        return Query(..., min_length=1, max_length=settings.max_query_chars, pattern=pattern, description=description)

    @router.get("/api/search", response_model=models.SearchResult, response_model_exclude_unset=True,
                responses=errors(400, 404, 503))
    def search(
        q: str = question("query in Chinese: at least one letter, digit or Chinese character", SEARCHABLE),
        k: int = Query(10, ge=1, le=settings.max_k),
        mode: Literal["hybrid", "dense", "lexical"] = Query("hybrid"),
        scope: DocScope = Depends(doc_scope),
        words: bool = Query(True, description="let a place or a year in the query's own words filter the documents "
                                              "(when no document filter is given); the result's `scope` says what it read"),
        svc: PolicyService = Depends(service),
    ) -> models.SearchResult:
        """Ranked tasks and, for a question the graph answers, the exact answer; both from the documents kept."""
        return svc.search(q, k=k, mode=mode, words=words, **scope.kwargs())

    @router.get("/api/ask", response_model=models.Answer, response_model_exclude_unset=True, responses=errors(400, 404, 503))
    def ask(q: str = question("a question in Chinese; not only whitespace"), scope: DocScope = Depends(doc_scope),
            words: bool = Query(True, description="answer from the documents of a place the question names (when no "
                                                  "document filter is given); the answer's `scope` says what it read"),
            svc: PolicyService = Depends(service)) -> models.Answer:
        """The exact answer from the graph, from the documents the filters keep."""
        return svc.ask(q, words=words, **scope.kwargs())

    return router
