"""The search layer's errors, in a module of their own: the HTTP layer maps them to answers without importing the
search stack (FAISS, the embedder, pymilvus), which loads only when a search runs."""
from __future__ import annotations


class IndexStoreError(Exception):
    """Base of the index stores' errors; messages name versions and models, never filesystem paths."""


class NoIndexError(IndexStoreError):
    """No version has been published yet."""


class OutdatedIndexError(NoIndexError):
    """The current version is in an older on-disk format: like no index, it is rebuilt (from the caches)."""


class CorruptIndexError(IndexStoreError):
    """The current version is incomplete or inconsistent and is refused."""


class ModelMismatchError(IndexStoreError):
    """The index was built by a different embedder than the one offered to search it."""


class TokenizerMismatchError(IndexStoreError):
    """The index was built with a different tokenizer configuration."""


class MilvusUnavailableError(IndexStoreError):
    """Milvus did not answer (down, unreachable, or slower than the timeout); the message names the operation."""

    code = "search_store_unavailable"


class EngineClosedError(IndexStoreError):
    """A search reached an engine that was closed (the server is shutting down)."""


__all__ = ["CorruptIndexError", "EngineClosedError", "IndexStoreError", "MilvusUnavailableError", "ModelMismatchError", "NoIndexError",
           "OutdatedIndexError", "TokenizerMismatchError"]
