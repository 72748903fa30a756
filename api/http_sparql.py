"""SPARQL 1.1 Protocol (query operation only) over HTTP for PolicyKG's SPARQL engines (api/sparql.py QueryEndpoint)."""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from api.errors import BadRequest, Busy, Forbidden, PolicyKGError
from api.sparql import MAX_QUERY_CHARS, READ_ONLY_MESSAGE, QueryEndpoint
from api.sparql_formats import FORMAT_ALIASES, MEDIA_TYPES, SparqlResult

__all__ = ["TRUNCATED_HEADER", "sparql_router"]

TRUNCATED_HEADER = "X-PolicyKG-Truncated"
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
# The protocol's way to choose the dataset; like FROM, it would let a client
# name files or URLs for rdflib to read.
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
_MAX_FORM_FIELDS = 32


def _error_response(exc: PolicyKGError) -> JSONResponse:
    headers = {"Vary": "Accept"}
    if isinstance(exc, Busy):
        headers["Retry-After"] = str(exc.retry_after)
    return JSONResponse(exc.to_json(), status_code=exc.status, headers=headers)


def _internal_error() -> JSONResponse:
    # Never a stack trace or server path in the body.
    return JSONResponse({"error": {"code": "internal_error", "message": "internal error"}}, status_code=500)


def _one(values: list[str], name: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(f"exactly one '{name}' parameter is allowed, got {len(values)}")
    return values[0]


def _refuse_writes_and_datasets(params: Mapping[str, list[str]]) -> None:
    if "update" in params:
        raise Forbidden(READ_ONLY_MESSAGE)
    for name in DATASET_PARAMS:
        if name in params:
            raise Forbidden(f"'{name}' is not allowed: the dataset is this endpoint's graph only")


def _query_params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def body_limit(max_query_chars: int = MAX_QUERY_CHARS) -> int:
    """The largest body a SPARQL request needs (the app's body-limit rule applies it to /sparql)."""
    # Worst case of a form-encoded query: 4 UTF-8 bytes per character, each
    # percent-encoded as 3; plus room for the other parameters.
    return max_query_chars * 12 + 4096


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")  # the protocol fixes UTF-8
    except UnicodeDecodeError:
        raise BadRequest("request body is not valid UTF-8") from None


def _describe(engine: QueryEndpoint) -> dict[str, Any]:
    """What GET /sparql without a query answers: how to use this endpoint."""
    return {
        "service": "PolicyKG SPARQL endpoint",
        "protocol": "SPARQL 1.1 Protocol, query operation only",
        "read_only": True,
        "usage": [
            "GET /sparql?query=<url-encoded query>[&format=json|xml|csv|tsv|turtle|nt|jsonld]",
            f"POST /sparql with Content-Type {FORM_TYPE} and query=<query>",
            f"POST /sparql with Content-Type {QUERY_TYPE} and the query as the body",
        ],
        "query_forms": list(MEDIA_TYPES),
        "result_formats": {form: list(types) for form, types in MEDIA_TYPES.items()},
        "format_aliases": sorted(FORMAT_ALIASES),
        "limits": {
            "timeout_s": engine.timeout_s,
            "max_rows": engine.max_rows,
            "max_query_chars": engine.max_query_chars,
        },
        "refused": ["SPARQL Update", "SERVICE", "FROM", "FROM NAMED", *DATASET_PARAMS],
        "truncation": f"results cut at max_rows carry the header {TRUNCATED_HEADER}: true "
        "(and \"truncated\": true in SPARQL JSON results)",
    }


def _result_response(result: SparqlResult) -> Response:
    media_type = result.media_type
    if media_type.startswith("text/"):
        # Text types default to ISO-8859-1 without a charset; our data is Chinese.
        media_type += "; charset=utf-8"
    headers = {TRUNCATED_HEADER: "true" if result.truncated else "false", "Vary": "Accept"}
    return Response(content=result.body, media_type=media_type, headers=headers)


def _wants_html(request: Request) -> bool:
    """A browser opening the address: HTML preferred over every SPARQL and JSON type it lists."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/sparql-results" not in accept and "application/json" not in accept


def sparql_router(get_engine: Callable[[], QueryEndpoint], *, max_concurrent: int = 8,
                  editor: Path | Traversable | None = None) -> APIRouter:
    """Routes for GET and POST /sparql; `get_engine` is used as a FastAPI dependency.

    GET /sparql without a query answers 200 with a JSON description of the
    endpoint (usage, formats, limits); a browser gets the `editor` page (YASGUI) instead.
    At most `max_concurrent` engine calls occupy threads at once; others wait
    without a thread, and that wait counts against their query deadline.
    """
    router = APIRouter()
    # A limiter of our own: blocked SPARQL calls must not use up the shared
    # threadpool that the app's other sync routes run in.
    limiter = anyio.CapacityLimiter(max_concurrent)

    async def run_query(request: Request, engine: QueryEndpoint, query: str, accept: str | None, fmt: str | None) -> Response:
        deadline = time.monotonic() + engine.timeout_s  # the clock starts when the request arrives
        # The client's address (the socket's, or a trusted proxy's X-Forwarded-For): what fairness is kept by.
        client = request.client.host if request.client else "?"
        call = partial(engine.query, query, accept=accept, format=fmt, deadline=deadline, client=client)
        result = await anyio.to_thread.run_sync(call, limiter=limiter)
        return _result_response(result)

    @router.get("/sparql", summary="SPARQL query (GET)")
    async def sparql_get(request: Request, engine: QueryEndpoint = Depends(get_engine)) -> Response:
        try:
            params = _query_params(request)
            _refuse_writes_and_datasets(params)
            query = _one(params.get("query", []), "query")
            if query is None:
                if editor is not None and _wants_html(request):
                    return FileResponse(str(editor), media_type="text/html; charset=utf-8")
                return JSONResponse(_describe(engine))
            fmt = _one(params.get("format", []), "format")
            return await run_query(request, engine, query, request.headers.get("accept"), fmt)
        except PolicyKGError as exc:
            return _error_response(exc)
        except Exception:
            return _internal_error()

    @router.post("/sparql", summary="SPARQL query (POST form or sparql-query body)")
    async def sparql_post(request: Request, engine: QueryEndpoint = Depends(get_engine)) -> Response:
        try:
            params = _query_params(request)
            _refuse_writes_and_datasets(params)
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == UPDATE_TYPE:
                raise Forbidden(READ_ONLY_MESSAGE)
            if content_type not in (FORM_TYPE, QUERY_TYPE):
                raise PolicyKGError(
                    f"unsupported Content-Type {content_type or '(none)'!r}; use {FORM_TYPE} or {QUERY_TYPE}",
                    code="unsupported_media_type",
                    status=415,
                )
            body = _decode(await request.body())  # its size was bounded by the app's body-limit middleware
            if content_type == FORM_TYPE:
                try:
                    form = parse_qs(body, keep_blank_values=True, max_num_fields=_MAX_FORM_FIELDS)
                except ValueError:
                    raise BadRequest(f"too many form fields (at most {_MAX_FORM_FIELDS})") from None
                _refuse_writes_and_datasets(form)
                query = _one(form.get("query", []), "query")
                fmt = _one(form.get("format", []) + params.get("format", []), "format")
            else:
                query = body
                fmt = _one(params.get("format", []), "format")
            if query is None:
                raise BadRequest("missing 'query' parameter")
            return await run_query(request, engine, query, request.headers.get("accept"), fmt)
        except PolicyKGError as exc:
            return _error_response(exc)
        except Exception:
            return _internal_error()

    return router
