"""Industries, regions, cluster roles and cited documents found in the text."""
from __future__ import annotations

import re

from .lexicon import Lexicon, Segmenter
from .records import ClusterRole, Mention, Reference, Span

_LEAD_VERB = re.compile(r"牵头")
_CO_VERB = re.compile(r"共建|共创|协同|参与|聚力")
_BUILD_VERB = re.compile(r"建设|建好|打造|培育|发展|壮大|做强")


def find_mentions(text: str, span: Span, lexicon: Lexicon, seg: Segmenter) -> list[Mention]:
    """Industry and region mentions as whole tokens (so 陶瓷 in 陶瓷工业互联网 is not 先进陶瓷)."""
    industries = lexicon.industry_surface()
    regions = lexicon.region_surface()
    out: list[Mention] = []
    for word, s, e in seg.spans(text[span.start : span.end]):
        if word in industries:
            out.append(Mention("industry", industries[word], Span(span.start + s, span.start + e)))
        elif word in regions:
            out.append(Mention("region", regions[word], Span(span.start + s, span.start + e)))
    return out


def find_cluster_roles(text: str, mentions: list[Mention]) -> list[ClusterRole]:
    """"高新区要…牵头建好直升机集群" -> (高新区, 直升机, lead), one ；-clause at a time."""
    roles: list[ClusterRole] = []
    for m in re.finditer(r"[^；。\n]+", text):
        cs, ce = m.start(), m.end()
        inside = [x for x in mentions if cs <= x.span.start < ce]
        clause = m.group(0)
        head = clause.split("要", 1)[0] if "要" in clause else ""
        if not head or "集群" not in clause:
            continue
        subjects = [x for x in inside if x.kind == "region" and x.span.end <= cs + len(head)]
        # The cluster is the industry named right before "集群".
        targets = [
            x
            for x in inside
            if x.kind == "industry" and x.span.start >= cs + len(head) and text[x.span.end : x.span.end + 2] == "集群"
        ]
        if not subjects or not targets:
            continue
        rest = clause[len(head):]
        if _LEAD_VERB.search(rest):
            role = "lead"
        elif _CO_VERB.search(rest) or len(subjects) > 1:
            role = "co"
        elif _BUILD_VERB.search(rest):
            role = "lead"
        else:
            continue
        for subj in subjects:
            for ind in targets:
                roles.append(ClusterRole(subj.key, ind.key, role, Span(cs, ce)))
    return roles


def find_references(text: str, own_title: str) -> list[Reference]:
    """Documents cited in 《…》, except the plan itself."""
    own = re.sub(r"（.*?）$", "", own_title)
    out: list[Reference] = []
    for m in re.finditer(r"《([^《》\n]{2,80})》", text):
        title = m.group(1)
        if title in (own, own_title):
            continue
        out.append(Reference(title, Span(m.start(1), m.end(1))))
    return out
