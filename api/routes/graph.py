"""Routes: the graph's tasks, units, targets, incentives, industries, documents and views."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from .. import models
from ..service import PolicyService
from ..settings import Settings
from .contract import LIMITED, errors
from .deps import DocScope, Level, doc_scope, service


def routes(settings: Settings) -> APIRouter:
    """The read routes over the graph; every list takes the document filters."""
    router = APIRouter(tags=["graph"], responses=errors(*LIMITED))

    @router.get("/api/tasks", response_model=models.TaskList, response_model_exclude_unset=True, responses=errors(400, 404))
    def tasks(
        unit: str | None = Query(None, max_length=100),
        scope: DocScope = Depends(doc_scope),
        svc: PolicyService = Depends(service),
    ) -> models.TaskList:
        return svc.tasks(unit=unit, **scope.kwargs())

    @router.get("/api/tasks/{task_id}", response_model=models.TaskDetail, response_model_exclude_unset=True, responses=errors(404))
    def task(task_id: str, svc: PolicyService = Depends(service)) -> models.TaskDetail:
        """A task or work requirement ("<doc>.<ordinal>"), or a plan's goal statements ("<doc>.goals", kind "goals")."""
        return svc.task(task_id)

    @router.get("/api/units", response_model=models.UnitList, response_model_exclude_unset=True)
    def units(svc: PolicyService = Depends(service)) -> models.UnitList:
        return svc.units()

    @router.get("/api/units/{name}/tasks", response_model=models.TaskList, response_model_exclude_unset=True, responses=errors(404))
    def unit_tasks(name: str, svc: PolicyService = Depends(service)) -> models.TaskList:
        return svc.tasks(unit=name)

    @router.get("/api/targets", response_model=models.TargetList, response_model_exclude_unset=True, responses=errors(400, 404))
    def targets(
        year: int | None = Query(None, ge=1900, le=2200),
        unit: str | None = Query(None, max_length=100),
        industry: str | None = Query(None, max_length=100),
        doc: str | None = Query(None, max_length=200),
        issuer: str | None = Query(None, max_length=100),
        level: Level | None = Query(None),
        svc: PolicyService = Depends(service),
    ) -> models.TargetList:
        return svc.targets(year=year, unit=unit, industry=industry, doc=doc, issuer=issuer, level=level)

    @router.get("/api/incentives", response_model=models.IncentiveList, response_model_exclude_unset=True, responses=errors(400, 404))
    def incentives(
        industry: str | None = Query(None, max_length=100),
        kind: Literal["award", "subsidy", "rate", "cap", "threshold"] | None = Query(None),
        unit: str | None = Query(None, max_length=100),
        scope: DocScope = Depends(doc_scope),
        svc: PolicyService = Depends(service),
    ) -> models.IncentiveList:
        return svc.incentives(industry=industry, kind=kind, unit=unit, **scope.kwargs())

    @router.get("/api/industries", response_model=models.Industries, response_model_exclude_unset=True)
    def industries(svc: PolicyService = Depends(service)) -> models.Industries:
        return svc.industries()

    @router.get("/api/documents", response_model=models.DocumentList, response_model_exclude_unset=True)
    def documents(svc: PolicyService = Depends(service)) -> models.DocumentList:
        return svc.documents()

    @router.get("/api/documents/{doc_id}", response_model=models.DocumentDetail, response_model_exclude_unset=True,
                responses=errors(404))
    def document(doc_id: str, svc: PolicyService = Depends(service)) -> models.DocumentDetail:
        return svc.document(doc_id)

    @router.get("/api/graph", response_model=models.GraphView, response_model_exclude_unset=True, responses=errors(400, 404))
    def graph(
        focus: str | None = Query(None, max_length=1000),
        depth: int = Query(1, ge=1, le=3),
        svc: PolicyService = Depends(service),
    ) -> models.GraphView:
        return svc.graph(focus, depth)

    return router
