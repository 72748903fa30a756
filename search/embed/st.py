"""sentence-transformers embedder: any model by local path or hub name (bge, e5, ...)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np

from search.embed.base import Embedder, as_unit_rows, clean_texts

# Instruction from the bge-*-zh model cards, used on queries only.
BGE_ZH_QUERY_PROMPT: Final = "为这个句子生成表示以用于检索相关文章："
E5_QUERY_PROMPT: Final = "query: "
E5_PASSAGE_PROMPT: Final = "passage: "


def model_basename(model: str) -> str:
    """Last component of a hub id or path, lower-cased ("BAAI/bge-small-zh-v1.5" -> "bge-small-zh-v1.5").

    Only the model's own name decides its family, so a directory like
    /home/e5user/ cannot make a model look like e5.
    """
    return Path(model.rstrip("/\\")).name.lower()


def default_prompts(model: str) -> tuple[str, str] | None:
    """(query, passage) prompts the model family was trained with, or None if unknown.

    e5 models expect "query: "/"passage: "; bge zh models an instruction on
    queries and nothing on passages. e5 "instruct" models use a task
    description format instead, so they are left to their own config.
    """
    name = model_basename(model)
    if re.search(r"(^|[-_])e5([-_]|$)", name) and "instruct" not in name:
        return E5_QUERY_PROMPT, E5_PASSAGE_PROMPT
    if name.startswith("bge-") and re.search(r"[-_]zh([-_]|$)", name):
        return BGE_ZH_QUERY_PROMPT, ""
    return None


class SentenceTransformerEmbedder(Embedder):
    """Wraps `sentence_transformers.SentenceTransformer`.

    Prompt precedence: explicit `query_prompt`/`passage_prompt`, then the
    family defaults of `default_prompts`, then the prompts saved in the
    model's own config ("query", "document"/"passage"), else none. The
    resolved prompts are always passed explicitly, so a model's
    default_prompt_name can never apply one to both sides behind our back.
    """

    name = "sentence-transformers"

    def __init__(
        self,
        model: str | None = None,
        query_prompt: str | None = None,
        passage_prompt: str | None = None,
        device: str | None = None,
        batch_size: int = 32,
    ) -> None:
        if not model:
            raise ValueError("the sentence-transformers backend needs a model (a local directory or a hub name)")
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        # Imported here, not at module level: it costs ~7 s and 420 MB (torch,
        # transformers), which commands using the default backend must not pay.
        from sentence_transformers import SentenceTransformer

        local = Path(model).expanduser()
        # A local directory is recorded by absolute path so the manifest names
        # exactly which weights built the index; hub names are kept as given.
        self._model_name = str(local.resolve()) if local.is_dir() else model
        self._model = SentenceTransformer(self._model_name, device=device)
        self._batch_size = batch_size

        own: dict[str, str] = dict(getattr(self._model, "prompts", None) or {})
        family = default_prompts(model)
        self.query_prompt = (
            query_prompt if query_prompt is not None else family[0] if family else own.get("query", "")
        )
        self.passage_prompt = (
            passage_prompt
            if passage_prompt is not None
            else family[1]
            if family
            else own.get("document", own.get("passage", ""))
        )
        self.dim = self._embedding_dim()

    def _embedding_dim(self) -> int:
        # The method was renamed across sentence-transformers releases; probe as a last resort.
        for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
            getter = getattr(self._model, attr, None)
            if getter is not None:
                dim = getter()
                if dim:
                    return int(dim)
        return int(np.asarray(self._raw_encode(["dimension probe"], "")).shape[1])

    def _raw_encode(self, texts: list[str], prompt: str) -> Any:
        return self._model.encode(
            texts,
            prompt=prompt,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        items = clean_texts(texts)
        if not items:
            return np.empty((0, self.dim), dtype=np.float32)
        return as_unit_rows(self._raw_encode(items, prompt), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries with the resolved query prompt."""
        return self._encode(texts, self.query_prompt)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages with the resolved passage prompt."""
        return self._encode(texts, self.passage_prompt)

    def config(self) -> dict[str, Any]:
        """Vector-space identity saved in every index manifest."""
        return {
            "backend": self.name,
            "model": self._model_name,
            "dim": self.dim,
            "query_prompt": self.query_prompt,
            "passage_prompt": self.passage_prompt,
        }
