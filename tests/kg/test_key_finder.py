"""The substring lookup finds what a scan of every name finds: the longest name in the text, the first on a tie."""
from __future__ import annotations

import random

from kg.index import KeyFinder


def _scan(text: str, names: list[str], min_len: int) -> str | None:
    best = None
    for name in names:
        if len(name) >= min_len and name in text and (best is None or len(name) > len(best)):
            best = name
    return best


def test_it_agrees_with_a_scan_of_every_name() -> None:
    rng = random.Random(5)
    alphabet = "市科技局工信发改委人社财政高新区陶瓷航空"
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    for min_len in (1, 2):
        finder = KeyFinder(names, min_len=min_len)
        for _ in range(500):
            text = "".join(rng.choice(alphabet + "的和，") for _ in range(rng.randint(0, 30)))
            assert finder.longest(text) == _scan(text, names, min_len), text
    assert KeyFinder([]).longest("任何") is None
