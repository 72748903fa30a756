"""What the routes share: the service, the write-token check, upload labels, export media types."""
from __future__ import annotations

import hmac
from dataclasses import asdict, dataclass
from typing import Any, Literal

from fastapi import Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import PolicyKGError, Unauthorized
from ..service import PolicyService
from ..settings import Settings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_TYPES = {
    "turtle": ("text/turtle; charset=utf-8", "ttl"),
    "json-ld": ("application/ld+json", "jsonld"),
    "nt": ("application/n-triples; charset=utf-8", "nt"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
}


def service(request: Request) -> PolicyService:
    """The app's one service object (made at start-up)."""
    return request.app.state.service


def check_token(settings: Settings, authorization: str | None) -> None:
    """Writes need `Authorization: Bearer <POLICYKG_API_TOKEN>`; without a configured token they are off."""
    if not settings.api_token:
        raise PolicyKGError("write endpoints are disabled (no POLICYKG_API_TOKEN set)", code="forbidden", status=403)
    expected = f"Bearer {settings.api_token}".encode()
    if not hmac.compare_digest((authorization or "").encode(), expected):
        raise Unauthorized("a valid 'Authorization: Bearer <token>' header is required")


# Declares the bearer scheme in the OpenAPI schema; the check itself is check_token's (the app's middleware runs it too).
_BEARER = HTTPBearer(auto_error=False, scheme_name="token", description="POLICYKG_API_TOKEN")

Level = Literal["national", "provincial", "city", "county"]


def require_token(request: Request, _: HTTPAuthorizationCredentials | None = Security(_BEARER)) -> None:
    """The write routes' dependency."""
    check_token(request.app.state.settings, request.headers.get("authorization"))


def upload_label(filename: str | None, default: str) -> str:
    """A client's file name as a display label only: no separators, no control characters, short."""
    name = "".join(c for c in (filename or "") if c.isprintable() and c not in "/\\")
    return name[-80:] or default


@dataclass(frozen=True)
class DocScope:
    """The document filters every list and answer takes: one document, an issuer, a level, a year covered."""

    doc: str | None = None
    issuer: str | None = None
    level: str | None = None
    year: int | None = None

    def kwargs(self) -> dict[str, Any]:
        """As the service's keyword arguments."""
        return asdict(self)


def doc_scope(
    doc: str | None = Query(None, max_length=200, description="one document's id"),
    issuer: str | None = Query(None, max_length=100, description="documents whose issuer or title contains this"),
    level: Level | None = Query(None),
    doc_year: int | None = Query(None, ge=1900, le=2200, description="documents whose period or term (有效期) covers, or that were issued in, this year"),
) -> DocScope:
    """The document filters, declared and bounded once for every route that takes them."""
    return DocScope(doc, issuer, level, doc_year)
