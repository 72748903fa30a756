"""Routes: the graph and the ledger as files."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..errors import BadRequest
from ..service import PolicyService
from ..settings import Settings
from .deps import EXPORT_TYPES, XLSX, service


def routes(settings: Settings) -> APIRouter:
    """GET /api/export and /api/export/ledger.xlsx."""
    router = APIRouter(tags=["export"])

    @router.get("/api/export", response_class=Response, responses={200: {"description": "the graph in the format asked for", "content": {m: {} for m, _ in EXPORT_TYPES.values()}}})
    def export(format: str = Query("turtle"), svc: PolicyService = Depends(service)) -> Response:
        if format not in EXPORT_TYPES:
            raise BadRequest(f"unknown export format {format!r}; valid formats: {', '.join(EXPORT_TYPES)}")
        media, ext = EXPORT_TYPES[format]
        return Response(svc.export(format), media_type=media, headers={"Content-Disposition": f'attachment; filename="policykg.{ext}"'})

    @router.get("/api/export/ledger.xlsx", response_class=Response, responses={200: {"description": "the 任务分工台账 workbook", "content": {XLSX: {}}}})
    def ledger(svc: PolicyService = Depends(service)) -> Response:
        return Response(
            svc.ledger(),
            media_type=XLSX,
            headers={"Content-Disposition": 'attachment; filename="ledger.xlsx"'},
        )

    return router
