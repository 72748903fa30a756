"""Citation matching through the title index finds what comparing with every title finds."""
from __future__ import annotations

import random

from kg.query import _same_title, _TitleIndex


def test_the_index_agrees_with_comparing_every_title() -> None:
    rng = random.Random(3)
    words = ["关于", "加快", "推进", "制造业", "数字化", "转型", "行动", "方案", "实施", "意见", "若干", "措施", "产业", "集群"]
    titles = ["".join(rng.choice(words) for _ in range(rng.randint(1, 7))) for _ in range(300)]
    keys = {f"d{i}": t for i, t in enumerate(titles)}
    find = _TitleIndex(keys)
    for citing in ["d0", "d7", "nobody"]:
        for cited in titles[:120] + ["方案", "产业集群", "", "推进制造业数字化转型行动方案"]:
            brute = next((d for d, k in keys.items() if d != citing and _same_title(cited, k)), None)
            assert find(cited, citing) == brute, (cited, citing)
