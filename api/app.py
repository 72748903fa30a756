"""The HTTP app: thin routes over PolicyService, one JSON error shape, limits and a rate limit."""
from __future__ import annotations

import hmac
import logging
import math
import re
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import models
from .errors import BadRequest, PolicyKGError, TooLarge, Unauthorized
from .http_sparql import sparql_router
from .service import PolicyService
from .settings import Settings
from .sparql import SparqlEngine

log = logging.getLogger(__name__)
STATIC = resources.files("api") / "static"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_TYPES = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "json-ld": ("application/ld+json", "jsonld"),
    "nt": ("application/n-triples; charset=utf-8", "nt"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
}


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment; tests override this dependency."""
    return Settings.from_env()


class RateLimiter:
    """Sliding one-minute window per key (a client address, or one key for everyone)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.hits: dict[str, deque[float]] = {}

    def retry_after(self, client: str) -> int:
        """0 when the request may pass (and is counted), else seconds to wait."""
        now = time.monotonic()
        if len(self.hits) > 10_000:
            # Forget idle clients so the table cannot grow without bound.
            self.hits = {c: q for c, q in self.hits.items() if q and now - q[-1] <= 60}
        q = self.hits.setdefault(client, deque())
        while q and now - q[0] > 60:
            q.popleft()
        if len(q) >= self.per_minute:
            return max(1, math.ceil(60 - (now - q[0])))
        q.append(now)
        return 0

    def give_back(self, client: str) -> None:
        """Uncount the last request of a client (it was refused by another limit)."""
        q = self.hits.get(client)
        if q:
            q.pop()


# Routes whose cost grows with the query or the graph: they also share one global ceiling.
EXPENSIVE = re.compile(r"^/(api/search|api/ask|sparql|api/export(/.*)?|api/chains/[^/]+/guide\.[^/]+)$")


def _error(exc: PolicyKGError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(exc.to_json(), status_code=exc.status, headers=headers)


class BodyLimit:
    """ASGI middleware: stop reading a request body past its limit, chunked or not (413)."""

    def __init__(self, app: Any, limit_for: Any) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        seen = 0
        exceeded = False
        started = False

        async def counted_receive() -> dict:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise _BodyTooLarge()
            return message

        async def tracked_send(message: dict) -> None:
            nonlocal started
            if exceeded:
                return  # whatever the app answers to a cut-off body, the client gets the 413 below
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _BodyTooLarge:
            pass
        if exceeded and not started:
            await _error(TooLarge(f"request body exceeds the limit of {limit} bytes"))(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API, not a static file)."""
    path = request.url.path
    return (request.method == "GET" and not path.startswith(("/api/", "/static/", "/sparql"))
            and "text/html" in request.headers.get("accept", ""))


def upload_label(filename: str | None, default: str) -> str:
    """A client's file name as a display label only: no separators, no control characters, short."""
    name = "".join(c for c in (filename or "") if c.isprintable() and c not in "/\\")
    return name[-80:] or default


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the service and the SPARQL engine live for the app's lifetime."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = PolicyService(settings)
        app.state.service = service
        graph_file = settings.data_dir / "graph" / "graph.nt"
        app.state.sparql = SparqlEngine(
            graph_file,
            timeout_s=settings.sparql_timeout_s,
            max_rows=settings.sparql_max_rows,
            workers=settings.sparql_workers,
            prefixes={p: str(ns) for p, ns in service.kg.g.namespaces()},
        )
        app.state.sparql_stamp = service.store.stamp()
        # Warm the parts a first search would otherwise pay for.
        await run_in_threadpool(lambda: service.kg and service.segmenter)
        yield
        app.state.sparql.close()

    app = FastAPI(
        title="PolicyKG",
        description="Knowledge graph and Chinese semantic search over government policy plans.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN; ours is served locally
        redoc_url=None,
        # Every error has the one shape (api/errors.py); the codes a route can answer are listed with it.
        responses={status: {"model": models.Error} for status in (400, 401, 403, 404, 413, 422, 429, 500, 503)},
    )
    limiter = RateLimiter(settings.rate_limit_per_minute)
    ceiling = RateLimiter(settings.expensive_rate_limit_per_minute)

    def rate_limited(client: str, path: str) -> JSONResponse | None:
        """A 429 with Retry-After when the client's or the expensive routes' budget is spent."""
        wait = limiter.retry_after(client)
        if wait:
            message = f"rate limit of {settings.rate_limit_per_minute} requests per minute per client exceeded"
        elif EXPENSIVE.match(path) and (wait := ceiling.retry_after("*")):
            limiter.give_back(client)  # refused, so it does not count against the client
            message = (f"the server's limit of {settings.expensive_rate_limit_per_minute} requests per minute "
                       "for search, ask, SPARQL and exports (all clients together) is reached")
        else:
            return None
        return _error(PolicyKGError(message, code="rate_limited", status=429), {"Retry-After": str(wait)})

    def service() -> PolicyService:
        return app.state.service

    def sparql_engine() -> SparqlEngine:
        # Runs in the threadpool (a sync dependency): reloading never blocks the event loop.
        stamp = app.state.service.store.stamp()
        if stamp != app.state.sparql_stamp:
            app.state.sparql_stamp = stamp
            app.state.sparql.reload()  # the graph changed (e.g. `policykg ingest` beside the server)
        return app.state.sparql

    def check_token(authorization: str | None) -> None:
        if not settings.api_token:
            raise PolicyKGError("write endpoints are disabled (no POLICYKG_API_TOKEN set)", code="forbidden", status=403)
        expected = f"Bearer {settings.api_token}".encode()
        if not hmac.compare_digest((authorization or "").encode(), expected):
            raise Unauthorized("a valid 'Authorization: Bearer <token>' header is required")

    def require_token(authorization: str | None = Header(default=None)) -> None:
        check_token(authorization)


    async def read_upload(file: UploadFile, default: str) -> tuple[str, bytes]:
        """The upload's label and bytes, refused past the upload limit."""
        data = await file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise TooLarge(f"upload exceeds {settings.max_upload_bytes} bytes")
        return upload_label(file.filename, default), data

    uploads = ("/api/documents", "/api/enterprises", "/api/enterprises/preview")
    app.add_middleware(BodyLimit, limit_for=lambda path: settings.max_upload_bytes if path in uploads else settings.max_request_bytes)

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        # The socket's address, or what uvicorn took from X-Forwarded-For of a trusted proxy
        # (api/server.py: only POLICYKG_TRUSTED_PROXIES are believed).
        client = request.client.host if request.client else "?"
        if request.url.path != "/healthz":
            refused = rate_limited(client, request.url.path)
            if refused is not None:
                return refused
        length = request.headers.get("content-length")
        limit = settings.max_upload_bytes if request.url.path in uploads else settings.max_request_bytes
        if length and length.isdigit() and int(length) > limit:
            return _error(TooLarge(f"request body of {length} bytes exceeds the limit of {limit}"))
        path = request.url.path
        writes = path in uploads or path == "/api/reindex" or path.startswith("/api/documents/")
        if request.method in ("POST", "PUT", "DELETE") and writes:
            # Before any body is read: an anonymous upload is refused, not spooled.
            try:
                check_token(request.headers.get("authorization"))
            except PolicyKGError as exc:
                return _error(exc)
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(PolicyKGError)
    async def domain_error(_: Request, exc: PolicyKGError) -> JSONResponse:
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {e.get('msg')}")
        return _error(BadRequest("; ".join(parts) or "invalid request"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and _wants_page(request):
            # A person following a wrong link gets the page, which says 页面不存在 in Chinese; programs get JSON.
            return FileResponse(str(index_html), status_code=404, media_type="text/html; charset=utf-8")
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(PolicyKGError(str(exc.detail), code=code, status=exc.status_code))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server's log under an id; the client sees only the code and that id.
        request_id = secrets.token_hex(6)
        log.error("internal error %s on %s %s", request_id, request.method, request.url.path, exc_info=exc)
        return JSONResponse({"error": {"code": "internal_error", "message": f"internal error (request {request_id})",
                                       "params": {"request_id": request_id}}}, status_code=500)

    # ---- reads --------------------------------------------------------------
    @app.get("/healthz", tags=["meta"], response_model=models.Health, response_model_exclude_unset=True)
    def healthz() -> dict[str, Any]:
        return {"status": "ok"}

    @app.get("/api/search", tags=["search"], response_model=models.SearchResult, response_model_exclude_unset=True)
    def search(
        q: str = Query(..., description="query in Chinese"),
        k: int = Query(10, ge=1, le=settings.max_k),
        mode: str = Query("hybrid", pattern="^(hybrid|dense|lexical)$"),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.search(q, k=k, mode=mode)

    @app.get("/api/ask", tags=["search"], response_model=models.Answer, response_model_exclude_unset=True)
    def ask(q: str = Query(...), svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.ask(q)

    # Which documents a list draws on; every list of the library takes them.
    _LEVEL = "^(national|provincial|city|county)$"

    @app.get("/api/tasks", tags=["graph"], response_model=models.TaskList, response_model_exclude_unset=True)
    def tasks(
        unit: str | None = Query(None, max_length=100),
        doc: str | None = Query(None, max_length=200),
        issuer: str | None = Query(None, max_length=100),
        level: str | None = Query(None, pattern=_LEVEL),
        doc_year: int | None = Query(None, ge=1900, le=2200),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.tasks(unit=unit, doc=doc, issuer=issuer, level=level, year=doc_year)

    @app.get("/api/tasks/{task_id}", tags=["graph"], response_model=models.TaskDetail, response_model_exclude_unset=True)
    def task(task_id: str, svc: PolicyService = Depends(service)) -> dict[str, Any]:
        """A task or work requirement ("<doc>.<ordinal>"), or a plan's goal statements ("<doc>.goals", kind "goals")."""
        return svc.task(task_id)

    @app.get("/api/units", tags=["graph"], response_model=models.UnitList, response_model_exclude_unset=True)
    def units(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.units()

    @app.get("/api/units/{name}/tasks", tags=["graph"], response_model=models.TaskList, response_model_exclude_unset=True)
    def unit_tasks(name: str, svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.tasks(unit=name)

    @app.get("/api/targets", tags=["graph"], response_model=models.TargetList, response_model_exclude_unset=True)
    def targets(
        year: int | None = Query(None, ge=1900, le=2200),
        unit: str | None = None,
        industry: str | None = None,
        doc: str | None = Query(None, max_length=200),
        issuer: str | None = Query(None, max_length=100),
        level: str | None = Query(None, pattern=_LEVEL),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.targets(year=year, unit=unit, industry=industry, doc=doc, issuer=issuer, level=level)

    @app.get("/api/incentives", tags=["graph"], response_model=models.IncentiveList, response_model_exclude_unset=True)
    def incentives(
        doc: str | None = Query(None, max_length=200),
        industry: str | None = Query(None, max_length=100),
        kind: str | None = Query(None, pattern="^(award|subsidy|rate|cap|threshold)$"),
        unit: str | None = Query(None, max_length=100),
        issuer: str | None = Query(None, max_length=100),
        level: str | None = Query(None, pattern=_LEVEL),
        doc_year: int | None = Query(None, ge=1900, le=2200),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.incentives(doc=doc, industry=industry, kind=kind, unit=unit, issuer=issuer, level=level, year=doc_year)

    @app.get("/api/industries", tags=["graph"], response_model=models.Industries, response_model_exclude_unset=True)
    def industries(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.industries()

    @app.get("/api/documents", tags=["graph"], response_model=models.DocumentList, response_model_exclude_unset=True)
    def documents(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.documents()

    @app.get("/api/documents/{doc_id}", tags=["graph"], response_model=models.DocumentDetail, response_model_exclude_unset=True)
    def document(doc_id: str, svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.document(doc_id)

    @app.get("/api/graph", tags=["graph"], response_model=models.GraphView, response_model_exclude_unset=True)
    def graph(
        focus: str | None = Query(None, max_length=1000),
        depth: int = Query(1, ge=1, le=3),
        svc: PolicyService = Depends(service),
    ) -> dict[str, Any]:
        return svc.graph(focus, depth)

    @app.get("/api/export", tags=["export"], response_class=Response, responses={200: {"description": "the graph in the format asked for", "content": {m: {} for m, _ in EXPORT_TYPES.values()}}})
    def export(format: str = Query("turtle"), svc: PolicyService = Depends(service)) -> Response:
        if format not in EXPORT_TYPES:
            raise BadRequest(f"unknown export format {format!r}; valid formats: {', '.join(EXPORT_TYPES)}")
        media, ext = EXPORT_TYPES[format]
        return Response(svc.export(format), media_type=media, headers={"Content-Disposition": f'attachment; filename="policykg.{ext}"'})

    @app.get("/api/export/ledger.xlsx", tags=["export"], response_class=Response, responses={200: {"description": "the 任务分工台账 workbook", "content": {XLSX: {}}}})
    def ledger(svc: PolicyService = Depends(service)) -> Response:
        return Response(
            svc.ledger(),
            media_type=XLSX,
            headers={"Content-Disposition": 'attachment; filename="ledger.xlsx"'},
        )

    @app.get("/api/chains", tags=["chains"], response_model=models.ChainList, response_model_exclude_unset=True)
    def chains(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.chains()

    @app.get("/api/chains/{cluster}", tags=["chains"], response_model=models.Chain, response_model_exclude_unset=True)
    def chain(cluster: str, svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return svc.chain(cluster)

    @app.get("/api/chains/{cluster}/guide.{fmt}", tags=["chains"], response_class=Response, responses={200: {"description": "the 招商指南", "content": {XLSX: {}, "text/html": {}, "text/markdown": {}}}})
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

    # ---- writes (token) -----------------------------------------------------
    @app.post("/api/enterprises", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.EnterpriseImport, response_model_exclude_unset=True)
    async def import_enterprises(file: UploadFile = File(...), svc: PolicyService = Depends(service)) -> dict[str, Any]:
        name, data = await read_upload(file, "register.csv")
        out = await run_in_threadpool(svc.import_enterprises, name, data)
        return out

    @app.post("/api/enterprises/preview", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.RegisterPreview, response_model_exclude_unset=True)
    async def preview_enterprises(file: UploadFile = File(...), svc: PolicyService = Depends(service)) -> dict[str, Any]:
        """What importing this register would do (rows matched to chain segments, rows skipped and why); nothing is imported."""
        name, data = await read_upload(file, "register.csv")
        return await run_in_threadpool(svc.preview_enterprises, name, data)

    @app.delete("/api/enterprises", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.EnterpriseImport, response_model_exclude_unset=True)
    async def clear_enterprises(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        out = await run_in_threadpool(svc.clear_enterprises)
        return out

    @app.post("/api/documents", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.IngestReport, response_model_exclude_unset=True,
              status_code=201,
              responses={422: {"model": models.IngestReport, "description": "no file ingested: the report names each refused file and why"}})
    async def upload(file: UploadFile = File(...), svc: PolicyService = Depends(service)) -> JSONResponse:
        name, data = await read_upload(file, "upload.txt")
        report = await run_in_threadpool(svc.ingest_bytes, [(name, data, f"upload:{name}")])
        return JSONResponse(report, status_code=201 if report["ingested"] and not report["errors"] else 422 if report["errors"] else 200)

    @app.delete("/api/documents/{doc_id}", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.Deleted, response_model_exclude_unset=True)
    async def delete(doc_id: str, svc: PolicyService = Depends(service)) -> dict[str, Any]:
        out = await run_in_threadpool(svc.delete_document, doc_id)
        return out

    @app.post("/api/reindex", tags=["admin"], dependencies=[Depends(require_token)], response_model=models.IndexReport, response_model_exclude_unset=True)
    async def reindex(svc: PolicyService = Depends(service)) -> dict[str, Any]:
        return await run_in_threadpool(svc.reindex, True)

    app.include_router(sparql_router(sparql_engine, editor=STATIC / "sparql.html"))

    # ---- the page -----------------------------------------------------------
    index_html = STATIC / "index.html"

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(str(STATIC / "docs.html"), media_type="text/html; charset=utf-8")

    @app.get("/", include_in_schema=False)
    @app.get("/graph", include_in_schema=False)
    @app.get("/matrix", include_in_schema=False)
    @app.get("/targets", include_in_schema=False)
    @app.get("/chains", include_in_schema=False)
    @app.get("/library", include_in_schema=False)
    @app.get("/doc/{doc_id}", include_in_schema=False)
    def page(doc_id: str | None = None) -> FileResponse:
        return FileResponse(str(index_html), media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
