"""Routes: the graph and the ledger as files."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..service import PolicyService
from ..settings import Settings
from .contract import LIMITED, errors, files
from .deps import EXPORT_TYPES, XLSX, service

ExportFormat = Literal["turtle", "json-ld", "nt", "graphml", "gexf"]  # the keys of EXPORT_TYPES


def routes(settings: Settings) -> APIRouter:
    """GET /api/export and /api/export/ledger.xlsx."""
    router = APIRouter(tags=["export"], responses=errors(*LIMITED))

    @router.get("/api/export", response_class=Response,
                responses={**files("the graph in the format asked for", [m for m, _ in EXPORT_TYPES.values()]), **errors(400)})
    def export(format: ExportFormat = Query("turtle"), svc: PolicyService = Depends(service)) -> Response:
        media, ext = EXPORT_TYPES[format]
        return Response(svc.export(format), media_type=media, headers={"Content-Disposition": f'attachment; filename="policykg.{ext}"'})

    @router.get("/api/export/ledger.xlsx", response_class=Response, responses=files("the 任务分工台账 workbook", [XLSX]))
    def ledger(svc: PolicyService = Depends(service)) -> Response:
        return Response(
            svc.ledger(),
            media_type=XLSX,
            headers={"Content-Disposition": 'attachment; filename="ledger.xlsx"'},
        )

    return router
