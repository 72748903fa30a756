"""What the routes declare they answer: each error status described once, and what FastAPI cannot infer by itself."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import models

# One description per status; a route lists the statuses it can really answer, all with the one error shape.
_WHY: dict[int, str] = {
    400: "the request is malformed: a parameter outside its declared type or bounds, or a body the route cannot read",
    401: "the write token is missing or wrong (`Authorization: Bearer <POLICYKG_API_TOKEN>`)",
    403: "refused: writes are disabled on this server (no POLICYKG_API_TOKEN), or a SPARQL query asks for what the "
         "endpoint does not allow (update, SERVICE, FROM, a dataset parameter)",
    404: "nothing with this id or name",
    406: "none of the result formats the client accepts is offered for this query form",
    413: "the request body, an upload, a query or an enterprise register exceeds its limit",
    415: "the request's Content-Type is not one this route reads",
    422: "the upload was read but nothing could be ingested",
    429: "rate limit reached (per client, or the shared ceiling of the expensive routes); `Retry-After` says when to retry",
    500: "internal error; the server logged it under the request id given in `params`",
    503: "temporarily unavailable: the search index or the graph cannot be used, or a query ran out of time",
}
_HEADERS: dict[int, dict[str, Any]] = {
    429: {"Retry-After": {"description": "seconds to wait", "required": True, "schema": {"type": "integer", "minimum": 1}}},
    401: {"WWW-Authenticate": {"description": "the scheme the route takes (RFC 6750)", "required": True,
                               "schema": {"type": "string"}}},
}

# What any route can answer: the body limit applies to every request, and any request may fail.
ANY = (413, 500)
# ... and the rate limit applies to every route but /healthz.
LIMITED = (*ANY, 429)
# The write routes need the token.
WRITE = (401, 403)


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """FastAPI `responses=` for these statuses, each with the one error body (api/errors.py)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        out[status] = {"model": models.Error, "description": _WHY[status]}
        if status in _HEADERS:
            out[status]["headers"] = _HEADERS[status]
    return out


def _body(media: str) -> dict[str, Any]:
    """A document in this media type: JSON (JSON-LD, SPARQL results) or bytes."""
    if media.split(";")[0].strip().endswith(("/json", "+json")):
        return {"schema": {"type": ["object", "array"]}}
    return {"schema": {"type": "string", "format": "binary"}}


def files(description: str, media_types: list[str]) -> dict[int | str, dict[str, Any]]:
    """A 200 that is a file in one of these media types."""
    return {200: {"description": description, "content": {m: _body(m) for m in media_types}}}


def drop_validation_422(schema: dict[str, Any]) -> None:
    """FastAPI lists a 422 HTTPValidationError on every route with parameters; here invalid parameters answer 400
    with the one error shape (declared on the routes), so those 422s and their component schemas are removed."""
    for item in schema.get("paths", {}).values():
        for op in item.values():
            answer = op.get("responses", {}).get("422", {})
            ref = answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
            if ref.endswith("/HTTPValidationError"):
                del op["responses"]["422"]
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)


# Patterns are explicit character classes, so that JSON Schema (ECMA 262), pydantic (Rust) and Python regexes,
# whose \s and \w differ, read them alike. A question must have a character that is not whitespace as Python's
# str.strip() sees it (the service strips it first).
NOT_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# A search needs something to search for: a letter or digit (ASCII, accented Latin, fullwidth), kana, hangul or a
# Chinese character. The search engine takes any word character; this class is a part of its set
# (tests/adversarial/test_schemathesis_contract.py checks every code point), so what the schema allows is always searched.
SEARCHABLE = (r"[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf"
              r"\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufa6d\ufa70-\ufad9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# What a client is told when a value misses one of these patterns (pydantic would quote the class).
_PATTERN_MESSAGES = {
    NOT_BLANK: "has only whitespace",
    SEARCHABLE: "has no letters, digits or Chinese characters to search for",
}


def validation_message(error: Mapping[str, Any]) -> str:
    """A parameter's validation error in words: pydantic's, except where it would quote a pattern or hide a length."""
    ctx = error.get("ctx") or {}
    if error.get("type") == "string_too_long":
        return f"is {len(str(error.get('input', '')))} characters long; the limit is {ctx.get('max_length')}"
    return _PATTERN_MESSAGES.get(str(ctx.get("pattern")), str(error.get("msg")))


# A GET carries its query in the URL, which the server reads within its 16 KB request head (uvicorn's h11 default,
# kept: a larger head is memory every connection may hold). 1,000 characters percent-encode to 12 KB at worst.
GET_QUERY_CHARS = 1000


def _error_ref() -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def declare_sparql(schema: dict[str, Any], result_types: list[str], max_query_chars: int, truncated_header: str) -> None:
    """GET and POST /sparql read the SPARQL protocol's parameters and bodies themselves (api/http_sparql.py), so FastAPI
    sees neither; what they take and answer is declared here. Whether a query parses is not a schema matter: a
    well-formed request may still be refused 400 (syntax), 403 (update, SERVICE, FROM) or 406 (format)."""
    item = schema.get("paths", {}).get("/sparql")
    if not item:
        return
    query = {"type": "string", "minLength": 1, "maxLength": max_query_chars, "description": "a SPARQL 1.1 query",
             "examples": ["SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3", "ASK { ?s ?p ?o }",
                          "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"]}
    fmt = {"name": "format", "in": "query", "required": False,
           "schema": {"type": "string"},
           "description": "result format: json, xml, csv, tsv, turtle, ttl, nt, ntriples, jsonld, rdfxml or a media type; "
                          "otherwise the Accept header decides"}
    results = {m: _body(m) for m in result_types}
    ok_headers = {truncated_header: {"description": "true when rows were cut at the row cap", "schema": {"type": "string", "enum": ["true", "false"]}}}
    failures = {str(status): {"description": _WHY[status], "content": _error_ref(), **({"headers": _HEADERS[status]} if status in _HEADERS else {})}
                for status in (400, 403, 406, 413, 429, 500, 503)}
    get = item.get("get")
    if get is not None:
        get["parameters"] = [{"name": "query", "in": "query", "required": False,
                              "schema": {**query, "maxLength": min(max_query_chars, GET_QUERY_CHARS)},
                              "description": "the query (a longer one goes by POST); without it the endpoint describes "
                                             "itself (JSON, or the query editor for a browser)"}, fmt]
        get["responses"] = {"200": {"description": "the query's result; without a query, the endpoint's description",
                                    "headers": ok_headers,
                                    "content": {"application/json": {"schema": {"type": "object"}},
                                                "text/html": _body("text/html"), **results}},
                            **failures}
    post = item.get("post")
    if post is not None:
        # The result format goes in the form (or in the Accept header); one given twice is a 400.
        post["requestBody"] = {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": {
                "type": "object", "required": ["query"],
                "properties": {"query": query, "format": fmt["schema"]}}},
            # (no examples here: Schemathesis has no serializer for this media type to send them with)
            "application/sparql-query": {"schema": {k: v for k, v in query.items() if k != "examples"}},
        }}
        post["responses"] = {"200": {"description": "the query's result", "headers": ok_headers,
                                     "content": results},
                             **failures,
                             "415": {"description": _WHY[415], "content": _error_ref()}}
