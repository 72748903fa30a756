"""Query-adaptive fusion: BM25's vote follows its coverage of the query, and a list without a vote seats nothing."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from search.engine import SearchEngine
from search.types import Hit, Passage


@dataclass
class _Table:
    """The one part of an open index `_fuse` reads: the passage table."""

    passages: list[Passage]

    def passage(self, pid: int) -> Passage:
        return self.passages[pid]


def _engine(tmp_path: Path) -> SearchEngine:
    return SearchEngine(tmp_path, str.split, {"tokenizer": "split"})


def test_a_list_without_a_vote_seats_no_task_ahead_of_the_deeper_dense_hits(tmp_path: Path) -> None:
    table = _Table([Passage(i, f"d.{i}", "task", f"text {i}") for i in range(6)])
    dense, deeper, lexical = [Hit(0, 0.9), Hit(1, 0.8)], [Hit(2, 0.7)], [Hit(4, 9.0), Hit(5, 8.0)]
    fused = _engine(tmp_path)._fuse(table, "q", [(dense, 1.0), (lexical, 0.0)], deeper, 3, boost=False)
    assert [h.id for h in fused] == ["d.0", "d.1", "d.2"]
    # With a vote, BM25's tasks take part.
    voted = _engine(tmp_path)._fuse(table, "q", [(dense, 1.0), (lexical, 1.0)], deeper, 3, boost=False)
    assert {"d.4"} <= {h.id for h in voted}


def test_lexical_trust_rises_with_coverage(tmp_path: Path, jieba_tokenize) -> None:
    from search.lexical import LexicalIndex

    engine = _engine(tmp_path)
    lexical = LexicalIndex.build(["完善城市综合交通网络，推进昌景黄高铁和机场改扩建工程。", "支持高校和科研院所开展陶瓷新材料研发。",
                                  "提高基本医疗保险参保率。"], [0, 1, 2], jieba_tokenize)

    @dataclass
    class _Index:
        lexical: LexicalIndex

        def coverage(self, query: str, score: float) -> float:
            return self.lexical.coverage(query, score)

    index = _Index(lexical)

    def trust(query: str) -> float:
        return engine._lexical_trust(index, query, lexical.search(query, 5))

    assert trust("推进昌景黄高铁和机场改扩建工程") == 1.0  # the text's own words: BM25's full vote
    assert trust("坐火车坐飞机更方便的工程") == 0.0  # only a common word matched: left to e5
    assert trust("火星探测") == 0.0  # no hit at all
    engine.ranking = replace(engine.ranking, lexical_trust_high=0.0)
    assert trust("坐火车坐飞机更方便的工程") == 1.0  # high = 0: a fixed weight
