"""The passage index on Milvus (pymilvus): one collection per library holding passages, vectors, BM25 and document metadata.

`uri` chooses the deployment, as pymilvus does: a local path ending in `.db` is Milvus Lite embedded in this process
(one process per path: Lite locks its directory), `http://host:port` a server (`milvus-lite server`, Milvus Standalone
or Distributed), which any number of processes share.

One row per passage: an id Milvus assigns (a hit's `pid`), the document, task id, kind and text, the dense vector
(inner product; e5 vectors are L2-normalised, so it is the cosine), the BM25 sparse vector Milvus derives from the
text, and the document's metadata as scalar fields, so a search restricted to some documents, issuers, places, years
or kinds is filtered inside the engine. Two lexical analyzers (LEXICAL_MODES): Milvus's own jieba analyzer on the
text, or our tokenizer's tokens (the one search/lexical.py uses, user dictionary and stopwords included) handed to
Milvus as hashed words; Milvus computes BM25 either way. The configuration (dimension, lexical mode, embedder and
tokenizer) is kept in the collection's properties and checked at every open, as the file store checks its manifest.

Writes: Milvus has no transactions, so replacing a document inserts the new rows, each marked with the write's
generation (`generation`: the graph version written, so a later version wins whatever the clocks say), then
deletes the document's rows of older generations. A reader in between sees the old and the new passages side by
side (the engine ranks tasks, each once at its best passage), never a document without passages; a writer that
dies in between leaves the old rows, which the document's next write deletes. Two writers of one document: the one
whose rows are the newer generation wins; the other, finding them after its own deletion, deletes its own rows and
leaves the document's record to the winner, so one set stays, never none and never both. A winner that recorded
between the loser's check and the loser's record would be overwritten: the loser looks again after recording and
takes its record back, so the document has none and is written again at the next check.
Milvus Lite computes BM25
statistics per segment, and over the rows a filter keeps while they sit in its memtable, so on Lite every write ends
with a flush (on a Milvus server flushes are rate-limited and its statistics are collection-wide: no flush there).

Reads: the writes' own checks and the records are read at the collection's Strong consistency (a server answers
once it holds every write made before the request). Searches, and a hit's passage read again, are not
(`SEARCH_CONSISTENCY`): on a Milvus server Strong waits for the next time tick, 200 ms by default, on every search
(measured: bench/milvus_consistency.py), while a search at Bounded consistency reads what the query node has caught
up to (on a healthy server a tick behind; the server bounds it at its `common.gracefulTime`, 5 s by default). A
process makes a view of a new graph snapshot only after `catch_up`, a Strong read of the passages collection, which
returns once the query node holds every write acknowledged before it, and a query node's searches do not go back in
time, so the writes that snapshot names are found. A collection reloaded after a server restart is caught up the
same way before the request is retried (`_call`). Not covered: a search reaching another replica, or a query node
replaced without the collection being released, may be behind by up to that bound. Rows of tasks the snapshot lacks
(a document removed since, or written for a later snapshot) are left out by the view (search/milvus_view.py).

Beside the passages, a second collection (`<collection>_docs`) holds one row per document: the digest of the
passages written for it, written after them, so a reader can tell which documents are current without scanning
passages (Milvus wants a vector in every collection: a 2-d placeholder). BM25 runs with the parameters of
search/lexical.py (k1 1.5, b 0.75); Milvus reports its score times (k1 + 1), which `BM25_SCALE` undoes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from kg.remote import public_url
from search.errors import IndexStoreError, MilvusUnavailableError, ModelMismatchError, TokenizerMismatchError
from search.lexical import K1, B, Tokenize, content_tokens
from search.types import Hit, Passage

FORMAT: Final = 3  # 2: BM25 k1/b as search/lexical.py, the docs collection; 3: each document's graph stamp
CONFIG_PROPERTY: Final = "policykg.index"
STAMPS_PROPERTY: Final = "policykg.graph_store"  # the graph store whose versions the records' stamps are
BASE_PROPERTY: Final = "policykg.stamp_base"  # added to a stamp for its rows' generation (raised at each adoption)
DEFAULT_COLLECTION: Final = "policykg_passages"
SERVER_SCHEMES: Final = ("http://", "https://", "tcp://")
TEXT_BYTES: Final = 65_535  # Milvus's VARCHAR limit, in UTF-8 bytes
EXPR_DOCS: Final = 32  # documents per filter of per-document conditions (Milvus 2.2-2.3 refused 50+ `or` terms)
RESULT_WINDOW: Final = 16_384  # rows one query returns at most (Milvus's default maxQueryResultWindow)
LOOKUP_BATCH: Final = 1024  # document ids per lookup of their records (far below the result window)
INSERT_BATCH: Final = 512  # rows per insert request: 512 x 384 floats is ~0.8 MB, far below gRPC's message limit
# (name, max UTF-8 bytes) of the document metadata kept on every row; `year` is an INT32 beside them (0: unknown).
_META_FIELDS: Final = (("issuer", 512), ("jurisdiction", 256), ("level", 64), ("doc_kind", 64))
BM25_K1: Final = K1  # search/lexical.py's: the two backends rank with the same BM25
BM25_B: Final = B
BM25_SCALE: Final = BM25_K1 + 1  # Milvus's BM25 is Lucene's times (k1 + 1)
DOCS_SUFFIX: Final = "_docs"
_GRPC: Final = {"grpc.initial_reconnect_backoff_ms": 100, "grpc.min_reconnect_backoff_ms": 100,
                 "grpc.max_reconnect_backoff_ms": 1000}
# Searches read what the server holds, without waiting for a time tick (the module docstring: "Reads").
SEARCH_CONSISTENCY: Final = "Bounded"
COLLECTION_NOT_LOADED: Final = 101  # Milvus's code for a released collection (a restarted server's state)


class MilvusSettingsError(ValueError):
    """The Milvus URI cannot be used (a local path must end in `.db`, as pymilvus requires)."""

    code = "milvus_settings"


@dataclass(frozen=True)
class MilvusConfig:
    """Where the passages live: `uri` (see `check_uri`), the collection, the lexical mode and the request timeout."""

    uri: str
    collection: str = DEFAULT_COLLECTION
    lexical: str = "tokens"
    timeout: float = 10.0
    # Which graph store the records' stamps are versions of (its location, no credentials): stamps of another
    # store say nothing about this one's documents.
    graph_store: str = ""


@dataclass(frozen=True)
class DocMeta:
    """A document's metadata as the index keeps it on each of its passages; empty strings and 0 mean unknown."""

    doc_id: str
    issuer: str = ""
    jurisdiction: str = ""
    level: str = ""
    year: int = 0
    kind: str = ""


def doc_meta(doc_id: str, row: Any | None, place: str | None) -> DocMeta:
    """A document's metadata from its row in the graph (kg/query.py `DocumentRow`) and its place."""
    if row is None:
        return DocMeta(doc_id, jurisdiction=place or "")
    year = row.period[0] if row.period else int(row.date[:4]) if row.date and row.date[:4].isdigit() else 0
    return DocMeta(doc_id, issuer=(row.office or "")[:170], jurisdiction=(place or "")[:85],
                   level=row.level or "", year=year, kind=(row.kind or "")[:21])


@dataclass(frozen=True)
class DocRecord:
    """What the collection records of a document's last write: the digest of its passages and the graph store's
    version that wrote the document (-1: unknown)."""

    digest: str
    stamp: int = -1


@dataclass(frozen=True)
class DocFilter:
    """Restrict a search to documents matching every given condition (None: no condition on that field)."""

    docs: Collection[str] | None = None
    issuers: Collection[str] | None = None
    jurisdictions: Collection[str] | None = None
    levels: Collection[str] | None = None
    kinds: Collection[str] | None = None
    year_min: int | None = None
    year_max: int | None = None

    def expr(self) -> str:
        """The Milvus boolean expression ("" for no condition)."""
        parts = [f"{field} in {_literal(sorted(values))}" for field, values in (
            ("doc_id", self.docs), ("issuer", self.issuers), ("jurisdiction", self.jurisdictions),
            ("level", self.levels), ("doc_kind", self.kinds)) if values is not None]
        if self.year_min is not None:
            parts.append(f"year >= {int(self.year_min)}")
        if self.year_max is not None:
            parts.append(f"year <= {int(self.year_max)}")
        return " and ".join(f"({p})" for p in parts)


def _literal(values: Sequence[str]) -> str:
    # Milvus string literals are double-quoted with backslash escapes, which JSON's are; Milvus Lite has no
    # expression templates (filter_params), so values are quoted here, never pasted.
    return json.dumps([str(v) for v in values], ensure_ascii=False)


def token_word(token: str) -> str:
    """One of our tokens as a word Milvus's standard analyzer keeps whole (`\\w+`, lower case): 16 hex digits."""
    return hashlib.blake2b(token.encode("utf-8"), digest_size=8).hexdigest()


class _Jieba:
    """Milvus's BM25 over the text, cut by its jieba analyzer (jieba's global dictionary, search mode)."""

    name = "jieba"
    source = "text"

    def __init__(self, tokenize: Tokenize | None) -> None:
        del tokenize

    def field_params(self) -> dict[str, Any]:
        return {"enable_analyzer": True, "analyzer_params": {"tokenizer": "jieba"}}

    def document(self, text: str) -> str | None:
        return None  # Milvus analyzes the text field itself

    def query(self, text: str) -> str:
        return text.strip()

    def words(self, tokens: Sequence[str]) -> str:
        return " ".join(tokens)  # Milvus's jieba cuts them again: near our tokens, not always equal



class _Tokens:
    """Milvus's BM25 over our tokenizer's content tokens, each written as a hashed word."""

    name = "tokens"
    source = "terms"

    def __init__(self, tokenize: Tokenize | None) -> None:
        if tokenize is None:
            raise ValueError("the 'tokens' lexical mode needs the index's tokenizer")
        self._tokenize = tokenize

    def field_params(self) -> dict[str, Any]:
        return {"enable_analyzer": True, "analyzer_params": {"tokenizer": "standard"}}

    def document(self, text: str) -> str | None:
        return self.query(text)

    def query(self, text: str) -> str:
        return self.words(content_tokens(self._tokenize(text)))

    def words(self, tokens: Sequence[str]) -> str:
        return " ".join(token_word(t) for t in tokens)



LEXICAL_MODES: Final[dict[str, Callable[[Tokenize | None], _Jieba | _Tokens]]] = {"jieba": _Jieba, "tokens": _Tokens}


def shown_uri(uri: str) -> str:
    """`uri` as logs may show it: a server's without credentials, a local file by its name alone."""
    return public_url(uri) if uri.startswith(SERVER_SCHEMES) else Path(uri).name


def check_uri(uri: str) -> str:
    """`uri` as pymilvus takes it: a server URL unchanged, a local path made absolute (its directory must exist)."""
    if not uri:
        raise MilvusSettingsError("no Milvus URI set")
    if uri.startswith(SERVER_SCHEMES):
        return uri
    if "://" in uri:
        raise MilvusSettingsError(f"unsupported Milvus URI scheme in {uri.split('://', 1)[0]!r}; use http://host:port "
                                  "for a server or a local path ending in .db for Milvus Lite")
    path = Path(uri).expanduser().absolute()
    if path.suffix != ".db":
        raise MilvusSettingsError("a local Milvus Lite path must end in .db (e.g. data/passages.db)")
    if not path.parent.is_dir():
        raise MilvusSettingsError(f"the directory of the Milvus Lite path {path.name!r} does not exist")
    return str(path)


def generation(version: int) -> int:
    """A write's generation for its rows: ordered by the graph version written (a later version wins whatever the
    machines' clocks say), then at random between writers of the same version. Above every generation of the
    earlier scheme (nanosecond times, below 2^62), so rows written before it are always older."""
    return version_floor(version) + secrets.randbelow(1 << 24)


def version_floor(version: int) -> int:
    """The lowest generation of a graph version's writes."""
    if not 0 <= version < 1 << 38:
        raise ValueError(f"a graph version of {version} is out of the generations' range")
    return (1 << 62) + (version << 24)


_PYMILVUS_READY = threading.Lock()


def _ready_pymilvus() -> None:
    """Have pymilvus look for scipy.sparse now, once, in one thread: it does so at its first search by running the
    module's code itself, outside Python's import lock, and two threads' first searches at once broke it (an
    AttributeError from a half-run scipy.sparse: HTTP 500s in bench/follow.py's 10 readers)."""
    try:
        from pymilvus.client.utils import SciPyHelper
    except ImportError:  # a pymilvus without the helper has nothing to prepare
        return
    with _PYMILVUS_READY:
        SciPyHelper.is_scipy_sparse(None)


def _chunks(items: Sequence[str], size: int = EXPR_DOCS) -> Iterator[Sequence[str]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _per_doc(gens: Mapping[str, int], condition: str) -> list[str]:
    """Filters of rows by document, each document with its own generation condition ("gen < {}"), at most
    EXPR_DOCS documents per filter."""
    return [" or ".join(f"(doc_id == {_quoted(d)} and {condition.format(gens[d])})" for d in chunk)
            for chunk in _chunks(sorted(gens))]


def _quoted(value: str) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # as `_literal`


class MilvusIndex:
    """A library's passages in one Milvus collection (the module docstring describes rows, writes and consistency).

    Searches are safe from any number of threads; writes to one collection must come one at a time (Milvus Lite
    does not serialise writers, and a replace is two requests).
    """

    def __init__(
        self,
        uri: str,
        dim: int,
        *,
        collection: str = DEFAULT_COLLECTION,
        lexical: str = "tokens",
        tokenize: Tokenize | None = None,
        tokenizer_config: Mapping[str, Any] | None = None,
        embedder_config: Mapping[str, Any] | None = None,
        dense_index: str = "FLAT",
        timeout: float = 10.0,
    ) -> None:
        try:
            from pymilvus import MilvusClient
            # pymilvus logs every failed call with its traceback at ERROR; here a failure is reported once, as
            # MilvusUnavailableError (a 503 naming the operation), so only its critical messages are kept.
            logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
        except ImportError as exc:  # the optional extra: pip install 'policykg[milvus]'
            raise MilvusSettingsError("the Milvus backend needs pymilvus and milvus-lite: "
                                      "pip install 'policykg[milvus]'") from exc
        _ready_pymilvus()  # apart: a broken scipy is not a missing extra
        if lexical not in LEXICAL_MODES:
            raise ValueError(f"unknown lexical mode {lexical!r}; valid modes: {', '.join(LEXICAL_MODES)}")
        self.uri = check_uri(uri)
        self.shown = shown_uri(self.uri)
        self.collection = collection
        self.docs_collection = collection + DOCS_SUFFIX
        self.dim = int(dim)
        self.timeout = float(timeout)
        self._lexical = LEXICAL_MODES[lexical](tokenize)
        self.config: dict[str, Any] = json.loads(json.dumps({
            "format": FORMAT, "dim": self.dim, "lexical": lexical, "dense_index": dense_index,
            "tokenizer": dict(tokenizer_config or {}) if lexical == "tokens" else {"tokenizer": "jieba (Milvus)"},
            "embedder": dict(embedder_config or {}),
        }, sort_keys=True))
        # A connection of our own (pymilvus shares one per address otherwise), which retries a lost server at
        # most a second apart: gRPC's default backoff grows to minutes (searches failed 11 s after a 30 s outage
        # had ended, measured).
        self._client = self._call("connect", lambda: MilvusClient(uri=self.uri, timeout=self.timeout, dedicated=True,
                                                                  grpc_options=_GRPC))
        self.lite = str(self._call("version", lambda: self._client.get_server_version())).startswith("milvus_lite")
        if self._call("has_collection", lambda: self._client.has_collection(collection, timeout=self.timeout)):
            self._check_config()
        else:
            self._create(dense_index)
        if not self._call("has_collection", lambda: self._client.has_collection(self.docs_collection,
                                                                                timeout=self.timeout)):
            self._create_docs()
        self._load("load", time.monotonic() + self.timeout)

    # -- set-up -------------------------------------------------------------

    def _call(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` with Milvus's failures made ours: MilvusUnavailableError when it did not answer; a released
        collection (a restarted server's) loaded again and the call made once more."""
        from pymilvus.exceptions import MilvusException

        try:
            try:
                return fn(*args)
            except MilvusException as exc:
                if getattr(exc, "code", None) != COLLECTION_NOT_LOADED:
                    raise
                return self._reloaded(what, fn, *args)
        except MilvusException as exc:
            # pymilvus reports an unreachable server as a MilvusException too (code 2, "Fail connecting", or a
            # gRPC deadline or unavailability); those mean the store did not answer. Its code 1 is also a bad
            # parameter, which no retry mends: raised as it is.
            message = str(getattr(exc, "message", "") or exc).lower()
            if getattr(exc, "code", None) == 2 or any(w in message for w in ("deadline", "unavailable", "connect")):
                raise MilvusUnavailableError(f"Milvus at {self.shown} did not answer {what} (down, unreachable or past "
                                              f"the {self.timeout:g} s timeout)") from exc
            raise

    def _reloaded(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` once a restarted server's released collections are loaded again and caught up (its query
        node may be behind the writes made before the restart: see "Reads"). Load and call are tried again until
        the timeout: a search right after the restart found the collection released again while the background
        rebuild's thread was loading it (`make test`, once); past the timeout it is the store not answering."""
        from pymilvus.exceptions import MilvusException

        deadline = time.monotonic() + self.timeout
        while True:
            self._load(what, deadline)
            try:
                self._strong_read()
                return fn(*args)
            except MilvusException as exc:
                if getattr(exc, "code", None) != COLLECTION_NOT_LOADED:
                    raise
                if time.monotonic() >= deadline:
                    raise MilvusUnavailableError(f"Milvus at {self.shown} did not answer {what}: its collections "
                                                 f"stayed released for {self.timeout:g} s after a load") from exc
            time.sleep(0.1)

    def _load(self, what: str, deadline: float) -> None:
        """Both collections loaded, a failed load tried again until `deadline`: Milvus Lite builds a loaded
        segment's index file and writes it in place, and a load from another thread or process that finds it half
        written fails (code 1, numpy's "No data left in file": `make test`, once); the next load reads it whole."""
        from pymilvus.exceptions import MilvusException

        while True:
            try:
                for name in (self.collection, self.docs_collection):
                    self._client.load_collection(name, timeout=self.timeout)
                return
            except MilvusException as exc:
                if time.monotonic() >= deadline:
                    raise MilvusUnavailableError(f"Milvus at {self.shown} did not answer {what}: its collections did "
                                                 f"not load within {self.timeout:g} s ({exc})") from exc
            time.sleep(0.1)

    def _create(self, dense_index: str) -> None:
        from pymilvus import DataType, Function, FunctionType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=True)
        schema.add_field("pid", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
        schema.add_field("gen", DataType.INT64)
        schema.add_field("task_id", DataType.VARCHAR, max_length=512)
        schema.add_field("kind", DataType.VARCHAR, max_length=16)
        text_params = self._lexical.field_params() if self._lexical.source == "text" else {}
        schema.add_field("text", DataType.VARCHAR, max_length=TEXT_BYTES, **text_params)
        if self._lexical.source == "terms":
            schema.add_field("terms", DataType.VARCHAR, max_length=TEXT_BYTES, **self._lexical.field_params())
        schema.add_field("lex", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("vec", DataType.FLOAT_VECTOR, dim=self.dim)
        for name, size in _META_FIELDS:
            schema.add_field(name, DataType.VARCHAR, max_length=size)
        schema.add_field("year", DataType.INT32)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=[self._lexical.source], output_field_names=["lex"]))
        index = self._client.prepare_index_params()
        index.add_index(field_name="vec", index_type=self.config["dense_index"], metric_type="IP")
        index.add_index(field_name="lex", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                        params={"bm25_k1": BM25_K1, "bm25_b": BM25_B})
        index.add_index(field_name="doc_id", index_type="INVERTED")
        self._create_collection(self.collection, schema, index)
        self._call("alter_collection_properties", lambda: self._client.alter_collection_properties(
            self.collection, properties={CONFIG_PROPERTY: json.dumps(self.config, sort_keys=True)},
            timeout=self.timeout))

    def _create_docs(self) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256, is_primary=True)
        schema.add_field("digest", DataType.VARCHAR, max_length=128)
        schema.add_field("stamp", DataType.INT64)
        schema.add_field("placeholder", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector in every collection
        index = self._client.prepare_index_params()
        index.add_index(field_name="placeholder", index_type="FLAT", metric_type="L2")
        self._create_collection(self.docs_collection, schema, index)

    def _create_collection(self, name: str, schema: Any, index: Any) -> None:
        """A new, empty collection with its indexes (loaded by the caller)."""
        self._call("create_collection", lambda: self._client.create_collection(
            name, schema=schema, consistency_level="Strong", timeout=self.timeout))
        # Not pymilvus's create_collection(index_params=...): it waits for each index by polling every 0.5 s,
        # 2 s per new collection, and an index on an empty collection has nothing to build.
        self._call("create_index", lambda: self._client.create_index(name, index, timeout=self.timeout, sync=False))

    def _check_config(self) -> None:
        info = self._call("describe_collection",
                          lambda: self._client.describe_collection(self.collection, timeout=self.timeout))
        raw = (info.get("properties") or {}).get(CONFIG_PROPERTY)
        try:
            built = json.loads(raw) if raw else None
        except ValueError:
            built = None
        if not isinstance(built, dict) or built.get("format") != FORMAT:
            raise IndexStoreError(f"Milvus collection {self.collection!r} was not made by this index (format "
                                  f"{built.get('format') if isinstance(built, dict) else None}); use another collection")
        for key, error in (("embedder", ModelMismatchError), ("dim", ModelMismatchError),
                           ("lexical", TokenizerMismatchError), ("tokenizer", TokenizerMismatchError)):
            if built.get(key) != self.config[key]:
                raise error(f"Milvus collection {self.collection!r} was built with {key} {built.get(key)}, "
                            f"the configured one is {self.config[key]}; configure the same or rebuild the collection")

    def stamp_owner(self) -> tuple[str, int]:
        """The graph store whose versions the records' stamps are ("" for a collection that never said), and the
        base its writes add to a stamp for their rows' generation."""
        info = self._call("describe_collection",
                          lambda: self._client.describe_collection(self.docs_collection, timeout=self.timeout))
        props = info.get("properties") or {}
        try:
            base = int(props.get(BASE_PROPERTY) or 0)
        except ValueError:
            base = 0
        return str(props.get(STAMPS_PROPERTY) or ""), base

    def newest_version(self) -> int:
        """The highest graph version (base included) any row was written for, -1 for none (a scan of every row's
        generation: for an adoption, not a write)."""
        gens = [int(r["gen"]) for r in self._scan(self.collection, ["gen"], f"gen >= {version_floor(0)}")]
        return max(((g - version_floor(0)) >> 24 for g in gens), default=-1)

    def unrecorded(self, through: int, base: int = 0) -> set[str]:
        """The documents holding rows of graph versions up to `through` (`base`: the collection's) and no record: what
        a writer that died between its insert and its record left (a scan of every such row's document: for a forced
        rebuild, not a check). Unversioned rows (another store's writers', or a graph's without versions) are not
        counted: nothing tells a live write of them from a dead one."""
        held = {str(r["doc_id"]) for r in self._scan(
            self.collection, ["doc_id"], f"gen >= {version_floor(0)} and gen < {version_floor(base + through + 1)}")}
        return held - self.records(held).keys()

    def restamp(self, graph_store: str, records: Mapping[str, DocRecord], base: int | None = None) -> None:
        """Record these documents' stamps as versions of `graph_store`, and say so, with `base` when given (their
        passages are untouched)."""
        marks = [{"doc_id": d, "digest": r.digest, "stamp": r.stamp, "placeholder": [0.0, 0.0]}
                 for d, r in records.items()]
        for start in range(0, len(marks), INSERT_BATCH):
            chunk = marks[start : start + INSERT_BATCH]
            self._call("upsert", lambda c: self._client.upsert(self.docs_collection, c, timeout=self.timeout), chunk)
        props = {STAMPS_PROPERTY: graph_store} | ({} if base is None else {BASE_PROPERTY: str(base)})
        self._call("alter_collection_properties", lambda: self._client.alter_collection_properties(
            self.docs_collection, properties=props, timeout=self.timeout))
        self._settle()

    def close(self) -> None:
        """Let go of the connection (an embedded Milvus Lite keeps running until the process ends)."""
        self._client.close()

    # -- writing ------------------------------------------------------------

    def replace_document(self, meta: DocMeta, passages: Sequence[Passage], vectors: np.ndarray,
                         record: DocRecord = DocRecord("")) -> bool:
        """Make `passages` (their pids are ignored) and their `vectors` the document's only rows, recorded as
        `record` (see `records`). No passages: the document holds none. False when a newer write of the document
        (a higher stamp) was found, which this one left in place."""
        return not self.replace_documents([(meta, passages, vectors)], {meta.doc_id: record})

    def replace_documents(self, docs: Sequence[tuple[DocMeta, Sequence[Passage], np.ndarray]],
                          records: Mapping[str, DocRecord] | None = None, base: int = 0,
                          force: bool = False) -> set[str]:
        """`replace_document` for several documents, flushed once (on Lite, one flush makes one segment: a bulk
        load keeps its BM25 statistics library-wide). `records` (document id: what was written, by default
        DocRecord("")) are kept once the passages are in; `base` is the collection's (`stamp_owner`); `force`
        replaces every other generation, newer ones too (a writer whose stamps are not the collection's).
        Returns the documents left to a newer write."""
        recs = {meta.doc_id: (records or {}).get(meta.doc_id, DocRecord("")) for meta, _, _ in docs}
        # A write of no known version (a graph without store versions) is ordered by its time, as all writes
        # once were: among such writes the last one wins, and below every versioned write.
        gens = {d: generation(base + r.stamp) if r.stamp >= 0 else time.time_ns() for d, r in recs.items()}
        rows = [row for meta, passages, vectors in docs for row in self._rows(meta, passages, vectors, gens[meta.doc_id])]
        # The id of each document's first row: a deletion (by document and generation) that came between two of
        # its inserts took the earlier rows, so the first one is gone whenever any is.
        first: dict[str, int] = {}
        for start in range(0, len(rows), INSERT_BATCH):
            batch = rows[start : start + INSERT_BATCH]
            done = self._call("insert", lambda b: self._client.insert(self.collection, b, timeout=self.timeout), batch)
            for row, pid in zip(batch, done["ids"], strict=True):
                first.setdefault(row["doc_id"], int(pid))
        # Only after every new row is in: the older generations go, then a newer one wins (the module docstring).
        self._delete_rows(gens, "gen != {}" if force else "gen < {}")
        above = self._above(gens)
        # Rows above ours (a later version's, or another writer's of the same version, whose passages may differ
        # after a lexicon change): ours go, so one set stays, and the record is left to that writer.
        yielded = set() if force else set(above)
        # Our rows can be gone too (another store's forced write deleted them): no record is made to name them,
        # and those inserted after that deletion go too. Where none at or above ours is left, the document's
        # older record goes as well: every process then sees the count change, reads every record, and writes
        # the document again.
        lost = first.keys() - self._present(first)
        self._delete_rows({d: gens[d] for d in yielded | lost}, "gen == {}")
        yielded |= lost
        self._delete_rows({d: (1 << 62) if force else recs[d].stamp for d in lost - above},
                          "stamp <= {}", self.docs_collection)
        # A later version recorded with no rows (its passages all gone) is not recorded over.
        stored = self.records([d for d in recs if d not in yielded]) if not force else {}
        emptied = {d for d, r in stored.items() if r.stamp > recs[d].stamp >= 0}
        self._delete_rows({d: gens[d] for d in emptied}, "gen == {}")
        yielded |= emptied
        marks = [{"doc_id": d, "digest": r.digest, "stamp": r.stamp, "placeholder": [0.0, 0.0]}
                 for d, r in recs.items() if d not in yielded]
        if marks:
            self._call("upsert", lambda: self._client.upsert(self.docs_collection, marks, timeout=self.timeout))
            # Another writer may have inserted and recorded between our check and our record, which then names
            # our passages over its rows: taken back where it is still ours, the record is missing, and the
            # document is written again at the next check rather than left wrong.
            marked = {d: gens[d] for d in recs if d not in yielded}
            late = set() if force else self._above(marked)
            for chunk in _chunks(sorted(late)):
                self._call("delete", lambda c: self._client.delete(self.docs_collection, filter=" or ".join(
                    f"(doc_id == {_quoted(d)} and stamp == {recs[d].stamp} and digest == {_quoted(recs[d].digest)})"
                    for d in c), timeout=self.timeout), chunk)
            yielded |= late
        self._settle()
        return yielded

    def _above(self, gens: Mapping[str, int]) -> set[str]:
        """The documents holding rows of a generation above the given one (only those rows are read, usually none:
        reading the writer's own rows too took a third of a bulk write's time on Lite)."""
        return {str(r["doc_id"]) for expr in _per_doc(gens, "gen > {}") for r in self._rows_of(expr, ["doc_id"])}

    def _rows_of(self, expr: str, fields: list[str]) -> list[dict[str, Any]]:
        """The passages' rows matching `expr`: one query, and a scan only past the result window (an iterator
        costs Lite 0.1 s to set up even for no rows)."""
        rows = self._call("query", lambda: self._client.query(
            self.collection, filter=expr, output_fields=fields, limit=RESULT_WINDOW, timeout=self.timeout))
        return list(rows) if len(rows) < RESULT_WINDOW else self._scan(self.collection, fields, expr)

    def _present(self, rows: Mapping[str, int]) -> set[str]:
        """Of these documents, those whose given row (document: row id) is still there (looked up by id)."""
        found = self._call("query", lambda: self._client.query(
            self.collection, ids=list(rows.values()), output_fields=["doc_id"], timeout=self.timeout)) if rows else []
        return {str(r["doc_id"]) for r in found}

    def _delete_rows(self, gens: Mapping[str, int], condition: str, collection: str | None = None) -> None:
        """Delete each document's rows meeting its condition (`_per_doc`), in the passages or another collection."""
        name = collection or self.collection
        for expr in _per_doc(gens, condition):
            self._call("delete", lambda e: self._client.delete(name, filter=e, timeout=self.timeout), expr)

    def _rows(self, meta: DocMeta, passages: Sequence[Passage], vectors: np.ndarray, gen: int) -> list[dict[str, Any]]:
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        if x.shape != (len(passages), self.dim):
            raise ValueError(f"need one {self.dim}-d vector per passage: {x.shape} for {len(passages)} passages")
        if not np.isfinite(x).all():
            raise ValueError("vectors contain NaN or infinity")
        for p in passages:
            if len(p.text.encode("utf-8")) > TEXT_BYTES:
                raise ValueError(f"passage text of task {p.task_id} exceeds {TEXT_BYTES} bytes")
        base = {"doc_id": meta.doc_id, "gen": gen, "issuer": meta.issuer, "jurisdiction": meta.jurisdiction,
                "level": meta.level, "doc_kind": meta.kind, "year": int(meta.year)}
        rows = []
        for p, vec in zip(passages, x.tolist(), strict=True):
            row = {**base, "task_id": p.task_id, "kind": p.kind, "text": p.text, "vec": vec}
            terms = self._lexical.document(p.text)
            if terms is not None:
                row["terms"] = terms
            rows.append(row)
        return rows

    def remove_document(self, doc_id: str) -> None:
        """Delete every passage of `doc_id` (nothing happens for an unknown document)."""
        self.remove_documents([doc_id])

    def remove_documents(self, doc_ids: Collection[str], through: int | None = None, base: int = 0) -> None:
        """Delete the passages of these documents, then their records; with `through`, only those of graph versions
        up to it (`base`: the collection's, `stamp_owner`), so a later version's write of one of them, arrived
        since the removal was decided, stays (unversioned rows and records always go)."""
        if not doc_ids:
            return
        ids = _literal(sorted(doc_ids))
        rows = "" if through is None else f" and gen < {version_floor(base + through + 1)}"
        records = "" if through is None else f" and stamp <= {through}"
        self._call("delete", lambda: self._client.delete(
            self.collection, filter=f"doc_id in {ids}{rows}", timeout=self.timeout))
        self._call("delete", lambda: self._client.delete(
            self.docs_collection, filter=f"doc_id in {ids}{records}", timeout=self.timeout))
        self._settle()

    def _settle(self) -> None:
        if self.lite:
            # Lite scores BM25 per segment, and over the filtered rows only while they sit in its memtable.
            for name in (self.collection, self.docs_collection):
                self._call("flush", lambda n: self._client.flush(n, timeout=self.timeout), name)

    # -- reading ------------------------------------------------------------

    def dense_search(self, qvec: np.ndarray, k: int, docs: Collection[str] | None = None,
                     where: DocFilter | None = None) -> list[Hit]:
        """Top-k passages by inner product with one query vector (dim,) or (1, dim), within the documents given."""
        return [h for h, _ in self.dense_hits(qvec, k, docs, where)]

    def dense_hits(self, qvec: np.ndarray, k: int, docs: Collection[str] | None = None,
                   where: DocFilter | None = None) -> list[tuple[Hit, Passage]]:
        """`dense_search` with each hit's passage (read in the same request)."""
        q = np.asarray(qvec, dtype=np.float32)
        if q.shape not in ((self.dim,), (1, self.dim)):
            raise ValueError(f"dense_search takes one {self.dim}-d query vector, got shape {q.shape}")
        return self.dense_hits_many(q.reshape(1, self.dim), k, docs, where)[0]

    def dense_hits_many(self, qvecs: np.ndarray, k: int, docs: Collection[str] | None = None,
                        where: DocFilter | None = None) -> list[list[tuple[Hit, Passage]]]:
        """`dense_hits` for each row of `qvecs` (m, dim), in one request."""
        q = np.asarray(qvecs, dtype=np.float32)
        if q.ndim != 2 or q.shape[1] != self.dim:
            raise ValueError(f"dense_hits_many takes (m, {self.dim}) query vectors, got shape {q.shape}")
        return self._search("vec", q.tolist(), k, docs, where, bm25=False) if len(q) else []

    def lexical_search(self, query: str, k: int, docs: Collection[str] | None = None,
                       where: DocFilter | None = None) -> list[Hit]:
        """Top-k passages by Milvus's BM25 for a query string, within the documents given."""
        return [h for h, _ in self.lexical_hits([query], k, docs, where)[0]]

    def lexical_hits(self, queries: Sequence[str], k: int, docs: Collection[str] | None = None,
                     where: DocFilter | None = None) -> list[list[tuple[Hit, Passage]]]:
        """Top-k passages with their passages for each query string, in one request;
        scores are Lucene's BM25 (as search/lexical.py's), not Milvus's (k1 + 1) times it."""
        texts = [self._lexical.query(q) for q in queries]
        asked = [t for t in texts if t]
        found = iter(self._search("lex", asked, k, docs, where, bm25=True) if asked else [])
        return [next(found) if t else [] for t in texts]

    def lexical_token_hits(self, tokens: Sequence[str], k: int, docs: Collection[str] | None = None,
                           where: DocFilter | None = None) -> list[tuple[Hit, Passage]]:
        """`lexical_hits` for a query already cut into our tokens; a token given twice counts twice (Milvus's BM25
        sums a query's repeated terms, as search/lexical.py's does), which is how terms are weighted."""
        text = self._lexical.words(list(tokens))
        return self._search("lex", [text], k, docs, where, bm25=True)[0] if text else []

    def _search(self, field: str, data: list[Any], k: int, docs: Collection[str] | None,
                where: DocFilter | None, bm25: bool) -> list[list[tuple[Hit, Passage]]]:
        if k <= 0 or (docs is not None and not docs):
            return [[] for _ in data]
        if docs is not None:
            where = DocFilter(**{**(where.__dict__ if where else {}), "docs": docs})
        expr = where.expr() if where else ""
        res = self._call("search", lambda: self._client.search(
            self.collection, data=data, anns_field=field, limit=int(k), filter=expr,
            output_fields=["task_id", "kind", "text"], consistency_level=SEARCH_CONSISTENCY, timeout=self.timeout))
        out = []
        for found in res:
            hits = []
            for h in found:
                # Milvus Lite reports BM25 as a negated distance, Milvus itself as a positive score.
                score = abs(float(h["distance"])) / BM25_SCALE if bm25 else float(h["distance"])
                if bm25 and score <= 0:
                    continue
                e = h["entity"]
                pid = int(h["pid"])
                hits.append((Hit(pid=pid, score=score), Passage(pid, str(e["task_id"]), str(e["kind"]),
                                                                str(e["text"]))))
            out.append(hits)
        return out

    def records(self, doc_ids: Collection[str] | None = None) -> dict[str, DocRecord]:
        """What each document's last write recorded: of these documents (looked up by id, so the cost follows
        them, not the library: 1–2 ms for 20 of 100,000 on Lite), or of every document (a scan of one row per
        document: 2.8 s at 100,000 on Lite; bench/milvus_records.py). Documents never written are left out."""
        fields = ["doc_id", "digest", "stamp"]
        if doc_ids is None:
            rows = self._scan(self.docs_collection, fields)
        else:
            ids, rows = sorted(doc_ids), []
            for start in range(0, len(ids), LOOKUP_BATCH):
                expr = f"doc_id in {_literal(ids[start : start + LOOKUP_BATCH])}"
                rows += self._call("query", lambda e: self._client.query(
                    self.docs_collection, filter=e, output_fields=fields, timeout=self.timeout), expr)
        return {str(r["doc_id"]): DocRecord(str(r["digest"]), int(r["stamp"])) for r in rows}

    def document_count(self) -> int:
        """How many documents have a record (Milvus counts them: 47 ms at 100,000 on Lite, against 2.8 s to read them)."""
        rows = self._call("query", lambda: self._client.query(
            self.docs_collection, filter="", output_fields=["count(*)"], timeout=self.timeout))
        return int(rows[0]["count(*)"]) if rows else 0

    def catch_up(self) -> bool:
        """Return once Milvus holds every write acknowledged before the call, so the searches after it (which do
        not wait: `SEARCH_CONSISTENCY`) find them; one tick on a server (the module docstring, "Reads"). True when
        the collection holds some passage."""
        return bool(self._call("catch_up", self._strong_read))

    def _strong_read(self) -> list[Any]:
        """One passage row (or none), read at Strong consistency."""
        return list(self._client.query(self.collection, filter="", limit=1, output_fields=["pid"],
                                       consistency_level="Strong", timeout=self.timeout))

    def holds_any(self) -> bool:
        """Whether some document has been written (one row asked for, not a scan)."""
        return bool(self._call("query", lambda: self._client.query(
            self.docs_collection, filter="", limit=1, output_fields=["doc_id"], timeout=self.timeout)))

    def digests(self) -> dict[str, str]:
        """Each document's digest as recorded by its last write."""
        return {doc: r.digest for doc, r in self.records().items()}

    def _batches(self, collection: str, fields: list[str], expr: str = "", size: int = 4096
                 ) -> Iterator[list[dict[str, Any]]]:
        """Every row matching `expr`, `size` at a time (a plain query stops at Milvus's result window)."""
        it = self._call("query_iterator", lambda: self._client.query_iterator(
            collection, batch_size=size, filter=expr, output_fields=fields, timeout=self.timeout))
        try:
            while batch := self._call("query_iterator", it.next):
                yield batch
        finally:
            it.close()

    def _scan(self, collection: str, fields: list[str], expr: str = "") -> list[dict[str, Any]]:
        """Every row matching `expr`, of a few small fields (a batch is one gRPC message), read in whole result
        windows: Lite reads every row for each batch of an iterator (100,000 rows: 21.1 s in batches of 1,000,
        7.3 s of 4,096, 4.3 s of 16,384; bench/milvus_sweep.py)."""
        return [row for batch in self._batches(collection, fields, expr, RESULT_WINDOW) for row in batch]

    def passages(self, pids: Sequence[int]) -> dict[int, Passage]:
        """The passages with these ids, read as searches are, without waiting for a tick (the ids came from a
        search, whose rows the server already held); ids whose deletion the server has applied are left out."""
        if not pids:
            return {}
        rows = self._call("query", lambda: self._client.query(
            self.collection, ids=[int(p) for p in pids], output_fields=["task_id", "kind", "text"],
            consistency_level=SEARCH_CONSISTENCY, timeout=self.timeout))
        return {int(r["pid"]): Passage(int(r["pid"]), str(r["task_id"]), str(r["kind"]), str(r["text"])) for r in rows}

    def vectors(self, batch: int = 4096) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every passage's text and stored vector, `batch` rows at a time (moving a library back embeds nothing)."""
        for rows in self._batches(self.collection, ["text", "vec"], size=batch):
            yield [str(r["text"]) for r in rows], np.asarray([r["vec"] for r in rows], dtype=np.float32)

    def documents(self) -> dict[str, int]:
        """Passage count of each document held (a scan of the doc ids: for checks and tests, not per query)."""
        counts: dict[str, int] = {}
        for r in self._scan(self.collection, ["doc_id"]):
            counts[str(r["doc_id"])] = counts.get(str(r["doc_id"]), 0) + 1
        return counts


__all__ = [
    "LEXICAL_MODES",
    "DocFilter",
    "DocMeta",
    "DocRecord",
    "MilvusConfig",
    "MilvusIndex",
    "MilvusSettingsError",
    "MilvusUnavailableError",
    "check_uri",
    "doc_meta",
    "shown_uri",
    "token_word",
]
