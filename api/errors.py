"""Domain errors that the HTTP layer turns into one JSON error shape."""
from __future__ import annotations


class PolicyKGError(Exception):
    """Base error: carries an HTTP status and a stable machine-readable code."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params = params or {}
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status

    def to_json(self) -> dict:
        """The one error shape every endpoint and the CLI use; `params` lets a client word the message itself."""
        body: dict = {"code": self.code, "message": self.message}
        if self.params:
            body["params"] = self.params
        return {"error": body}


class BadRequest(PolicyKGError):
    status, code = 400, "bad_request"


class NotFound(PolicyKGError):
    status, code = 404, "not_found"


class Forbidden(PolicyKGError):
    status, code = 403, "forbidden"


class Unauthorized(PolicyKGError):
    status, code = 401, "unauthorized"


class TooLarge(PolicyKGError):
    status, code = 413, "too_large"


class Timeout(PolicyKGError):
    status, code = 503, "timeout"


class Busy(PolicyKGError):
    """Over capacity: the client is told when to come back (the HTTP layer sends `Retry-After`)."""

    status, code = 503, "busy"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message, code=code, status=status)
        self.retry_after = max(1, retry_after)


class UnknownUnit(NotFound):
    """A unit name no ingested plan gives a role, with the names it may have meant."""

    code = "unknown_unit"

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unit {name!r} is not named in any ingested plan{hint}",
                         params={"name": name, "suggestions": suggestions})
