"""Routes: industry chains, their gaps and the 招商指南."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .. import models
from ..errors import BadRequest
from ..service import PolicyService
from ..settings import Settings
from .deps import XLSX, service


def routes(settings: Settings) -> APIRouter:
    """GET /api/chains, /api/chains/{cluster} and its guide."""
    router = APIRouter(tags=["chains"])

    @router.get("/api/chains", response_model=models.ChainList, response_model_exclude_unset=True)
    def chains(svc: PolicyService = Depends(service)) -> models.ChainList:
        return svc.chains()

    @router.get("/api/chains/{cluster}", response_model=models.Chain, response_model_exclude_unset=True)
    def chain(cluster: str, svc: PolicyService = Depends(service)) -> models.Chain:
        return svc.chain(cluster)

    @router.get("/api/chains/{cluster}/guide.{fmt}", response_class=Response, responses={200: {"description": "the 招商指南", "content": {XLSX: {}, "text/html": {}, "text/markdown": {}}}})
    def guide(cluster: str, fmt: str, svc: PolicyService = Depends(service)) -> Response:
        media = {
            "xlsx": XLSX,
            "html": "text/html; charset=utf-8",
            "md": "text/markdown; charset=utf-8",
        }
        if fmt not in media:
            raise BadRequest(f"unknown guide format {fmt!r}; valid formats: {', '.join(media)}")
        data = svc.guide(cluster, fmt)
        disposition = "inline" if fmt == "html" else f'attachment; filename="guide.{fmt}"'
        return Response(data, media_type=media[fmt], headers={"Content-Disposition": disposition})

    return router
