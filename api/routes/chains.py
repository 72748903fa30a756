"""Routes: industry chains, their gaps and the 招商指南."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .contract import LIMITED, errors, files
from .deps import XLSX, service

# The guide's formats: media type and whether a browser shows it (else it is a download).
GUIDE_TYPES = {"xlsx": (XLSX, False), "html": ("text/html; charset=utf-8", True), "md": ("text/markdown; charset=utf-8", False)}
GuideFormat = Literal["xlsx", "html", "md"]  # the keys of GUIDE_TYPES


def routes(settings: Settings) -> APIRouter:
    """GET /api/chains, /api/chains/{cluster} and its guide."""
    router = APIRouter(tags=["chains"], responses=errors(*LIMITED))

    @router.get("/api/chains", response_model=models.ChainList, response_model_exclude_unset=True)
    def chains(svc: PolicyService = Depends(service)) -> models.ChainList:
        return svc.chains()

    @router.get("/api/chains/{cluster}", response_model=models.Chain, response_model_exclude_unset=True, responses=errors(404))
    def chain(cluster: str, svc: PolicyService = Depends(service)) -> models.Chain:
        return svc.chain(cluster)

    @router.get("/api/chains/{cluster}/guide.{fmt}", response_class=Response,
                responses={**files("the 招商指南", [m for m, _ in GUIDE_TYPES.values()]), **errors(400, 404)})
    def guide(cluster: str, fmt: GuideFormat, svc: PolicyService = Depends(service)) -> Response:
        media, inline = GUIDE_TYPES[fmt]
        data = svc.guide(cluster, fmt)
        disposition = "inline" if inline else f'attachment; filename="guide.{fmt}"'
        return Response(data, media_type=media, headers={"Content-Disposition": disposition})

    return router
