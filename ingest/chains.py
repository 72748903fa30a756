"""Industry-chain maps (产业链图谱) from YAML: validated, with file and line in every error."""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .reader import file_slug

STAGES = ("upstream", "midstream", "downstream")
KINDS = ("materials", "components", "systems", "products", "applications", "services")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ChainError(ValueError):
    """A chain map that is not valid; the message names the file and line."""


@dataclass(frozen=True)
class Segment:
    """One link of an industry chain."""

    id: str
    label: str
    stage: str
    kind: str
    synonyms: tuple[str, ...]
    keywords: tuple[str, ...]
    next: tuple[str, ...]  # downstream neighbours
    source: str
    line: int

    def terms(self) -> tuple[str, ...]:
        """Every string that indicates this segment in text or product names."""
        return tuple(dict.fromkeys((self.label, *self.synonyms, *self.keywords)))


@dataclass(frozen=True)
class ChainMap:
    """A cluster's chain: segments ordered upstream -> downstream."""

    cluster: str
    label: str
    source: str
    file: str
    segments: tuple[Segment, ...]
    id: str = ""  # set by whoever stores it (a URL-safe document id)


def _node_map(node: yaml.Node, where: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ChainError(f"{where}: expected a mapping")
    return {k.value: v for k, v in node.value}


def _scalar(node: yaml.Node | None, where: str, required: bool = True) -> str:
    if node is None:
        if required:
            raise ChainError(f"{where}: missing")
        return ""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ChainError(f"{where}: expected a non-empty text")
    return str(node.value).strip()


def _strings(node: yaml.Node | None, where: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise ChainError(f"{where}: expected a list")
    return tuple(_scalar(n, where) for n in node.value)


def parse_chain(text: str, name: str) -> ChainMap:
    """Parse and validate one chain map; every error says file:line and what is wrong."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ChainError(f"{name}{line}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
    if root is None:
        raise ChainError(f"{name}: file is empty")
    top = _node_map(root, f"{name}:1")
    cluster = _scalar(top.get("cluster"), f"{name}:1: 'cluster'")
    segs_node = top.get("segments")
    if not isinstance(segs_node, yaml.SequenceNode) or not segs_node.value:
        raise ChainError(f"{name}:{root.start_mark.line + 1}: 'segments' must be a non-empty list")
    segments: list[Segment] = []
    next_lines: dict[str, list[tuple[str, int]]] = {}
    for node in segs_node.value:
        line = node.start_mark.line + 1
        where = f"{name}:{line}"
        fields = _node_map(node, where)
        sid = _scalar(fields.get("id"), f"{where}: segment 'id'")
        if not _ID.match(sid):
            raise ChainError(f"{where}: segment id {sid!r} must be lowercase letters, digits and hyphens")
        if any(s.id == sid for s in segments):
            raise ChainError(f"{where}: duplicate segment id {sid!r}")
        stage = _scalar(fields.get("stage"), f"{where}: segment {sid!r} 'stage'")
        if stage not in STAGES:
            raise ChainError(f"{where}: segment {sid!r} has stage {stage!r}; valid stages: {', '.join(STAGES)}")
        kind = _scalar(fields.get("kind"), f"{where}: segment {sid!r} 'kind'")
        if kind not in KINDS:
            raise ChainError(f"{where}: segment {sid!r} has kind {kind!r}; valid kinds: {', '.join(KINDS)}")
        nxt_node = fields.get("next")
        nxt = _strings(nxt_node, f"{where}: segment {sid!r} 'next'")
        if nxt_node is not None:
            next_lines[sid] = [(n.value, n.start_mark.line + 1) for n in nxt_node.value]
        segments.append(
            Segment(
                id=sid,
                label=_scalar(fields.get("label"), f"{where}: segment {sid!r} 'label'"),
                stage=stage,
                kind=kind,
                synonyms=_strings(fields.get("synonyms"), f"{where}: segment {sid!r} 'synonyms'"),
                keywords=_strings(fields.get("keywords"), f"{where}: segment {sid!r} 'keywords'"),
                next=nxt,
                source=_scalar(fields.get("source"), f"{where}: segment {sid!r} 'source' (every segment needs a source note)"),
                line=line,
            )
        )
    ids = {s.id for s in segments}
    for sid, refs in next_lines.items():
        for ref, ref_line in refs:
            if ref not in ids:
                raise ChainError(f"{name}:{ref_line}: segment {sid!r} points to missing neighbour {ref!r}")
    _check_acyclic(segments, name)
    return ChainMap(
        cluster=cluster,
        label=_scalar(top.get("label"), f"{name}:1: 'label'", required=False) or f"{cluster}产业链",
        source=_scalar(top.get("source"), f"{name}:1: 'source'", required=False),
        file=name,
        segments=tuple(segments),
        id=file_slug(name) or "chain",
    )


def _check_acyclic(segments: list[Segment], name: str) -> None:
    graph = {s.id: s.next for s in segments}
    state: dict[str, int] = {}

    def visit(sid: str, path: list[str]) -> None:
        if state.get(sid) == 1:
            cycle = " -> ".join(path[path.index(sid):] + [sid])
            line = next(s.line for s in segments if s.id == sid)
            raise ChainError(f"{name}:{line}: the chain has a cycle: {cycle}")
        if state.get(sid) == 2:
            return
        state[sid] = 1
        for n in graph[sid]:
            visit(n, path + [sid])
        state[sid] = 2

    for s in segments:
        visit(s.id, [])
