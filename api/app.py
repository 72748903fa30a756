"""The HTTP app: thin routes over PolicyService, one JSON error shape, limits and a rate limit."""
from __future__ import annotations

import logging
import math
import re
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from kg.remote import RemoteGraphStore, StoreError, StoreRefused
from search.errors import IndexStoreError, MilvusUnavailableError

from . import models
from .errors import BadRequest, PolicyKGError, TooLarge
from .http_sparql import TRUNCATED_HEADER, sparql_router
from .http_sparql import body_limit as sparql_body_limit
from .routes import admin, chains, exports, graph, search
from .routes.contract import ANY, declare_sparql, drop_validation_422, errors, validation_message
from .routes.deps import check_token
from .service import PolicyService
from .settings import Settings
from .sparql import MAX_QUERY_CHARS, QueryEndpoint, SparqlEngine
from .sparql_formats import MEDIA_TYPES
from .sparql_remote import RemoteSparqlEngine

log = logging.getLogger(__name__)
# Beside this package (not `resources.files("api")`: with tests/ on sys.path, "api" can resolve to tests/api).
STATIC = Path(__file__).resolve().parent / "static"
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
    if exc.status == 401:  # RFC 6750: a refused credential says which scheme the route takes
        headers = {**(headers or {}), "WWW-Authenticate": 'Bearer realm="policykg"'}
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


def sparql_engine_for(service: PolicyService, timeout_s: float | None = None) -> SparqlEngine | RemoteSparqlEngine:
    """The /sparql engine as the server runs it: SPARQL workers over a public snapshot of the embedded store, or
    the remote store's own endpoint behind the same checks; `timeout_s` replaces the served deadline (a benchmark
    measures past it)."""
    settings = service.settings
    prefixes = {p: str(ns) for p, ns in service.kg.g.namespaces()}
    timeout_s = timeout_s or settings.sparql_timeout_s
    if isinstance(service.store, RemoteGraphStore):
        return RemoteSparqlEngine(service.store, timeout_s=timeout_s, max_rows=settings.sparql_max_rows, prefixes=prefixes)
    snapshot = service.store.snapshot(public=True)  # the workers read one version at a time
    return SparqlEngine(snapshot, timeout_s=timeout_s, max_rows=settings.sparql_max_rows,
                        workers=settings.sparql_workers, prefixes=prefixes)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the service and the SPARQL engine live for the app's lifetime."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = PolicyService(settings)
        app.state.service = service
        try:
            app.state.sparql = sparql_engine_for(service)
            try:
                app.state.sparql_stamp = service.store.stamp()
                # Warm the parts a first search would otherwise pay for; a search index behind the graph (a
                # crash between the two writes) catches up in the background while searches use the last
                # consistent one.
                await run_in_threadpool(service.warm)
                yield
            finally:
                app.state.sparql.close()
        finally:
            # Also when start-up failed: the background rebuild's retries and the stores' connections stop.
            await run_in_threadpool(service.close)

    app = FastAPI(
        title="PolicyKG",
        description="Knowledge graph and Chinese semantic search over government policy plans.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN; ours is served locally
        redoc_url=None,
        # Every error has the one shape (api/errors.py); each router and route lists the statuses it can answer
        # (api/routes/contract.py).
    )
    app.state.settings = settings
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

    def sparql_engine() -> QueryEndpoint:
        # Runs in the threadpool (a sync dependency): reloading never blocks the event loop.
        if isinstance(app.state.sparql, RemoteSparqlEngine):
            return app.state.sparql  # each query reads the store as it is: nothing to reload
        stamp = app.state.service.store.stamp()
        if stamp != app.state.sparql_stamp:
            app.state.sparql_stamp = stamp
            app.state.sparql.reload(app.state.service.store.snapshot(public=True))  # the graph changed (an upload, the CLI)
        return app.state.sparql

    # The write routes are the admin router's; the token is checked before any body is read (an anonymous
    # upload is refused, not spooled), then again by the router's dependency.
    admin_router = admin.routes(settings)
    writes = [(r.methods or set(), r.path_regex) for r in admin_router.routes if isinstance(r, APIRoute)]

    def _is_write(request: Request) -> bool:
        return any(request.method in methods and regex.match(request.url.path) for methods, regex in writes)

    def body_limit(path: str) -> int:
        """The one rule for how large a request body may be: uploads get the upload limit, a SPARQL request what
        its longest query needs, everything else the request limit. Routes read bodies this rule has bounded."""
        if path in admin.UPLOADS:
            return settings.max_upload_bytes
        if path == "/sparql":
            return min(sparql_body_limit(), settings.max_request_bytes)
        return settings.max_request_bytes

    app.add_middleware(BodyLimit, limit_for=body_limit)

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
        limit = body_limit(request.url.path)
        if length and length.isdigit() and int(length) > limit:
            return _error(TooLarge(f"request body of {length} bytes exceeds the limit of {limit}"))
        if _is_write(request):
            # Before any body is read: an anonymous upload is refused, not spooled.
            try:
                check_token(settings, request.headers.get("authorization"))
            except PolicyKGError as exc:
                return _error(exc)
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(PolicyKGError)
    async def domain_error(_: Request, exc: PolicyKGError) -> JSONResponse:
        return _error(exc)

    @app.exception_handler(StoreError)
    async def graph_store_error(request: Request, exc: StoreError) -> JSONResponse:
        # The remote store's address and its reason stay in the server's log; the client gets the code.
        log.warning("graph store error on %s %s: %s", request.method, request.url.path, exc)
        if isinstance(exc, StoreRefused):
            return _error(PolicyKGError("the graph store refused the request", code=exc.code, status=502))
        return _error(PolicyKGError("the graph store is unavailable; try again shortly", code=exc.code, status=503),
                      {"Retry-After": "5"})

    @app.exception_handler(MilvusUnavailableError)
    async def passage_store_error(request: Request, exc: MilvusUnavailableError) -> JSONResponse:
        # As for the graph store: the address and the reason go to the log, the client gets the code.
        log.warning("passage store error on %s %s: %s", request.method, request.url.path, exc)
        return _error(PolicyKGError("the passage store is unavailable; try again shortly", code=exc.code, status=503),
                      {"Retry-After": "5"})

    @app.exception_handler(IndexStoreError)
    async def index_store_error(request: Request, exc: IndexStoreError) -> JSONResponse:
        # A search index that cannot be used as configured (e.g. a Milvus collection built with another tokenizer)
        # and that the service's own recovery did not mend: the operator's to fix, said without its details.
        log.warning("search index error on %s %s: %s", request.method, request.url.path, exc)
        return _error(PolicyKGError("the search index is unavailable; see the server's log", code="index_unavailable",
                                    status=503))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {validation_message(e)}")
        return _error(BadRequest("; ".join(parts) or "invalid request"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and _wants_page(request):
            # A person following a wrong link gets the page, which says 页面不存在 in Chinese; programs get JSON.
            return FileResponse(str(index_html), status_code=404, media_type="text/html; charset=utf-8")
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names the methods of the first route whose path matched; the resource has them all.
            headers["Allow"] = ", ".join(_allowed_methods(request.url.path))
        return _error(PolicyKGError(str(exc.detail), code=code, status=exc.status_code), headers)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server's log under an id; the client sees only the code and that id.
        request_id = secrets.token_hex(6)
        log.error("internal error %s on %s %s", request_id, request.method, request.url.path, exc_info=exc)
        return JSONResponse({"error": {"code": "internal_error", "message": f"internal error (request {request_id})",
                                       "params": {"request_id": request_id}}}, status_code=500)

    def _allowed_methods(path: str) -> list[str]:
        """Every method some route takes at this path (the app's own routes and those of the routers it includes)."""
        routes = [*app.router.routes, *(r for router in routers for r in router.routes)]
        methods: set[str] = set()
        for route in routes:
            if isinstance(route, Route) and route.methods and route.path_regex.match(path):
                methods |= route.methods
        return sorted(methods)

    @app.get("/healthz", tags=["meta"], response_model=models.Health, response_model_exclude_unset=True,
             responses=errors(*ANY))
    def healthz(request: Request) -> models.Health:
        return request.app.state.service.health()

    routers = [*(build(settings) for build in (search.routes, graph.routes, exports.routes, chains.routes)), admin_router,
               sparql_router(sparql_engine, editor=STATIC / "sparql.html")]
    for router in routers:
        app.include_router(router)

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

    def openapi() -> dict[str, Any]:
        """FastAPI's schema, with what it cannot infer: no 422 where validation answers 400, and the SPARQL protocol."""
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            drop_validation_422(schema)
            declare_sparql(schema, sorted({m for types in MEDIA_TYPES.values() for m in types}), MAX_QUERY_CHARS,
                           TRUNCATED_HEADER)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
    return app
