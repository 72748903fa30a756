"""What a SPARQL answer looks like on the wire, for the engine's own workers (api/sparql.py) and for a remote
store's endpoint (api/sparql_remote.py) alike, and what the /sparql routes offer (api/http_sparql.py, api/app.py):
the media types each query form offers, content negotiation (`format=` aliases and Accept headers), and the
serialisation of rows, booleans and graphs."""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.processor import SPARQLResult
from rdflib.plugins.sparql.results.csvresults import CSVResultSerializer
from rdflib.plugins.sparql.results.xmlresults import XMLResultSerializer
from rdflib.term import Identifier

from api.errors import BadRequest, PolicyKGError

# --- media types -------------------------------------------------------------

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

# Offered media types per query form, in the server's order of preference
# (the first one is the default when the client accepts anything).
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "SELECT": (RESULTS_JSON, RESULTS_XML, CSV, TSV),
    "ASK": (RESULTS_JSON, RESULTS_XML, TSV),
    "CONSTRUCT": (TURTLE, N_TRIPLES, JSON_LD, RDF_XML),
    "DESCRIBE": (TURTLE, N_TRIPLES, JSON_LD, RDF_XML),
}

# `format=` aliases: (media type for SELECT/ASK, media type for CONSTRUCT/DESCRIBE).
FORMAT_ALIASES: dict[str, tuple[str | None, str | None]] = {
    "json": (RESULTS_JSON, JSON_LD),
    "xml": (RESULTS_XML, RDF_XML),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "nt": (None, N_TRIPLES),
    "ntriples": (None, N_TRIPLES),
    "jsonld": (None, JSON_LD),
    "rdfxml": (None, RDF_XML),
}

# Accept-header synonyms many clients send; application/xml is deliberately
# absent so that browsers (which rank it above */*) get the JSON default.
_ACCEPT_SYNONYMS: dict[str, tuple[str, str]] = {
    "application/json": (RESULTS_JSON, JSON_LD),
}

RDFLIB_GRAPH_FORMATS: dict[str, str] = {
    TURTLE: "turtle",
    N_TRIPLES: "nt",
    JSON_LD: "json-ld",
    RDF_XML: "xml",
}


# Marker IRI put in SPARQL XML results' <head><link>, where the format allows metadata.
TRUNCATED_LINK = "urn:policykg:truncated"


def not_acceptable(form: str) -> PolicyKGError:
    offered = ", ".join(MEDIA_TYPES[form])
    return PolicyKGError(
        f"no acceptable result format for a {form} query; available: {offered}",
        code="not_acceptable",
        status=406,
    )


class SparqlResult(NamedTuple):
    """A serialised query result: the bytes, their media type, and whether rows were cut."""

    body: bytes
    media_type: str
    truncated: bool


# --- content negotiation ------------------------------------------------------


def _parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges with their q values; malformed entries are skipped, as browsers do."""
    ranges: list[tuple[str, float]] = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        media_range = parts[0].lower()
        if media_range.count("/") != 1:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media_range, q))
    return ranges


def _quality(names: Iterable[str], ranges: Sequence[tuple[str, float]]) -> float:
    """q of the most specific range matching any of the names (RFC 9110 section 12.5.1)."""
    best_q, best_specificity = 0.0, -1
    for name in names:
        major = name.split("/")[0]
        for media_range, q in ranges:
            if media_range == name:
                specificity = 2
            elif media_range == f"{major}/*":
                specificity = 1
            elif media_range == "*/*":
                specificity = 0
            else:
                continue
            if specificity > best_specificity or (specificity == best_specificity and q > best_q):
                best_q, best_specificity = q, specificity
    return best_q


def negotiate(form: str, accept: str | None = None, format: str | None = None) -> str:
    """Pick the result media type for a query form from a `format` alias or an Accept header."""
    offered = MEDIA_TYPES[form]
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    if format:
        wanted = format.strip().lower()
        if "/" in wanted:
            media_type: str | None = wanted
        elif wanted in FORMAT_ALIASES:
            media_type = FORMAT_ALIASES[wanted][1 if graph_form else 0]
        else:
            valid = ", ".join(FORMAT_ALIASES)
            raise BadRequest(f"unknown format {format!r}; valid formats: {valid}")
        if media_type not in offered:
            raise not_acceptable(form)
        return media_type
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse_accept(accept)
    best, best_q = None, 0.0
    for media_type in offered:  # offered order breaks ties
        names = [media_type] + [s for s, pair in _ACCEPT_SYNONYMS.items() if pair[graph_form] == media_type]
        q = _quality(names, ranges)
        if q > best_q:
            best, best_q = media_type, q
    if best is None:
        raise not_acceptable(form)
    return best


# --- serialisation ----------------------------------------------------------


def _tsv_term(term: Identifier | None) -> str:
    """A term in SPARQL TSV syntax (Turtle forms, with tabs and newlines escaped)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    raise TypeError(f"unexpected term type {type(term).__name__}")


def _rows_result(variables: Sequence[Variable], rows: Sequence[Mapping[Variable, Identifier]]) -> SPARQLResult:
    return SPARQLResult({"type_": "SELECT", "vars_": list(variables), "bindings": list(rows)})


def _term_json(term: Identifier) -> dict[str, str]:
    """One RDF term as SPARQL 1.1 Query Results JSON writes it (section 3.2.2)."""
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode" if isinstance(term, BNode) else "uri", "value": str(term)}


def serialize_select(
    variables: Sequence[Variable], rows: list[dict[Variable, Identifier]], truncated: bool, media_type: str
) -> bytes:
    if media_type == RESULTS_JSON:
        doc: dict[str, Any] = {
            "head": {"vars": [str(v) for v in variables]},
            "results": {
                "bindings": [{str(k): _term_json(v) for k, v in row.items()} for row in rows]
            },
        }
        if truncated:
            # Extra top-level members are ignored by SPARQL JSON readers.
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if media_type == RESULTS_XML:
        out = io.BytesIO()
        XMLResultSerializer(_rows_result(variables, rows)).serialize(out, encoding="utf-8")
        body = out.getvalue()
        if truncated:
            # <link> is the XML results format's slot for metadata; it must
            # follow the <variable> elements, i.e. sit just before </head>.
            body = body.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"></link></head>'.encode(), 1)
        return body
    if media_type == CSV:
        out = io.BytesIO()
        CSVResultSerializer(_rows_result(variables, rows)).serialize(out, encoding="utf-8")
        return out.getvalue()
    if media_type == TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_tsv_term(row.get(v)) for v in variables) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise not_acceptable("SELECT")


def serialize_ask(answer: bool, media_type: str) -> bytes:
    if media_type == RESULTS_JSON:
        return json.dumps({"head": {}, "boolean": answer}).encode("utf-8")
    if media_type == RESULTS_XML:
        out = io.BytesIO()
        XMLResultSerializer(SPARQLResult({"type_": "ASK", "askAnswer": answer})).serialize(out, encoding="utf-8")
        return out.getvalue()
    if media_type == TSV:
        # TSV defines no boolean form; this follows Apache Jena's convention.
        return f"?_askResult\n{'true' if answer else 'false'}\n".encode()
    raise not_acceptable("ASK")


def capped_graph(source: Iterable[tuple[Any, Any, Any]], max_triples: int,
                 namespaces: Iterable[tuple[str, URIRef]]) -> tuple[Graph, bool]:
    """A CONSTRUCT or DESCRIBE answer as a graph of at most `max_triples` triples, and whether triples were cut."""
    out = Graph(bind_namespaces="core")
    for prefix, namespace in namespaces:
        out.bind(prefix, namespace, override=True, replace=True)
    truncated = False
    for index, triple in enumerate(source):
        if index >= max_triples:
            truncated = True
            break
        out.add(triple)
    return out, truncated


__all__ = [
    "FORMAT_ALIASES",
    "MEDIA_TYPES",
    "N_TRIPLES",
    "RDFLIB_GRAPH_FORMATS",
    "RESULTS_JSON",
    "RESULTS_XML",
    "TRUNCATED_LINK",
    "SparqlResult",
    "capped_graph",
    "negotiate",
    "not_acceptable",
    "serialize_ask",
    "serialize_select",
]
