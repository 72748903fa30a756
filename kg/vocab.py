"""The PolicyKG vocabulary, declared once; misspelled terms fail loudly."""
from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "https://policykg.org/id/"


class PKG(DefinedNamespace):
    """Terms PolicyKG adds where DCTERMS, ORG, SKOS and PROV have none."""

    _NS = Namespace("https://policykg.org/ns#")
    _fail = True

    # Classes
    Plan: URIRef  # a policy plan document
    Section: URIRef  # a chapter or section heading
    Task: URIRef  # a numbered task (主要任务)
    WorkRequirement: URIRef  # an item of 工作要求 / 保障措施
    Target: URIRef  # a quantitative target
    Assignment: URIRef  # a unit's role on one item, with its evidence
    CollectiveUnit: URIRef  # 各县（市、区）政府, 市有关部门
    Region: URIRef
    Park: URIRef
    LeadingCluster: URIRef  # an industry the plan names as a leading cluster
    ClusterRole: URIRef  # a region's role in building a cluster, with evidence
    Mention: URIRef  # an entity named in an item's text, with evidence
    CitedDocument: URIRef  # another document named in 《…》
    GoalStatement: URIRef  # a paragraph of the plan's goals (工作目标)
    IndustryChain: URIRef  # a cluster's chain map (a skos:ConceptScheme of segments)
    ChainSegment: URIRef  # one link of a chain (a skos:Concept)
    Enterprise: URIRef  # a local enterprise from the register
    Incentive: URIRef  # money or a rate a plan offers (奖励, 补贴, 贴息 …), or the threshold to qualify
    PolicyConcept: URIRef  # a concept of the policy thesaurus (in THESAURUS_SCHEME; rdfs:subClassOf skos:Concept)
    Validity: URIRef  # the term a document gives itself (有效期), with the sentence that gives it

    # Structure
    number: URIRef  # the item's number as written in the plan ("1", "三（一）")
    ordinal: URIRef  # 1-based position among the plan's items
    label: URIRef  # the marker of a section as written
    level: URIRef
    text: URIRef  # the text of an item or section
    normalizedText: URIRef  # the whole normalised plan text that spans point into
    sourceFile: URIRef
    sha256: URIRef
    docNumber: URIRef  # 文号
    documentKind: URIRef  # 文种: 方案, 意见, 通知 …
    issuingLevel: URIRef  # national | provincial | city | county
    implements: URIRef  # document -> a document it carries out (为贯彻落实《X》)
    periodStart: URIRef
    periodEnd: URIRef
    validity: URIRef  # document -> its Validity
    validFrom: URIRef  # xsd:date the term starts (施行之日), where known
    validUntil: URIRef  # xsd:date the term ends (有效期至)
    section: URIRef  # item -> section it sits in

    # Responsibility
    leadUnit: URIRef
    coUnit: URIRef
    assignment: URIRef
    unit: URIRef
    role: URIRef  # "lead" | "co"
    writtenAs: URIRef  # a name as the plan wrote it

    # Targets
    hasTarget: URIRef
    metric: URIRef
    value: URIRef
    unitOfMeasure: URIRef
    comparator: URIRef
    year: URIRef
    deadline: URIRef
    yearly: URIRef
    yearInferred: URIRef
    qualifier: URIRef
    scale: URIRef
    scaleValue: URIRef
    scaleUnit: URIRef

    # Incentives
    hasIncentive: URIRef
    incentiveKind: URIRef  # "award" | "subsidy" | "rate" | "cap" | "threshold"
    amount: URIRef
    condition: URIRef  # "对…的企业": what a beneficiary must be or do
    beneficiary: URIRef

    # Entities
    mentions: URIRef
    mention: URIRef
    entity: URIRef
    regionKind: URIRef
    region: URIRef
    industry: URIRef
    leadsCluster: URIRef
    coBuildsCluster: URIRef
    clusterRole: URIRef

    # Chains and enterprises
    cluster: URIRef  # chain -> the cluster (industry concept) it maps
    stage: URIRef  # "upstream" | "midstream" | "downstream"
    segmentKind: URIRef
    nextSegment: URIRef  # segment -> its downstream neighbour
    keyword: URIRef
    segmentId: URIRef
    sourceLine: URIRef
    product: URIRef
    declaredSegment: URIRef  # the segment column of the register, as written
    creditCode: URIRef
    regionName: URIRef

    # Provenance: character span in the plan's normalised text
    start: URIRef
    end: URIRef


def _seg(s: str) -> str:
    return quote(s, safe="")


def doc_iri(doc_id: str) -> URIRef:
    return URIRef(f"{BASE}doc/{_seg(doc_id)}")


def item_iri(doc_id: str, ordinal: int) -> URIRef:
    return URIRef(f"{BASE}doc/{_seg(doc_id)}/item/{ordinal}")


def part_iri(doc_id: str, kind: str, n: int | str) -> URIRef:
    return URIRef(f"{BASE}doc/{_seg(doc_id)}/{kind}/{_seg(str(n))}")


def unit_iri(region: str | None, name: str) -> URIRef:
    # Units are scoped by city: 景德镇's 市科技局 is not 南昌's.
    return URIRef(f"{BASE}unit/{_seg(region or '_')}/{_seg(name)}")


def region_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}region/{_seg(name)}")


def industry_iri(label: str) -> URIRef:
    return URIRef(f"{BASE}industry/{_seg(label)}")


INDUSTRY_SCHEME = URIRef(f"{BASE}industry")
THESAURUS_SCHEME = URIRef(f"{BASE}thesaurus")


def concept_iri(label: str) -> URIRef:
    return URIRef(f"{BASE}thesaurus/{_seg(label)}")


def chain_iri(chain_id: str, segment: str | None = None) -> URIRef:
    tail = f"/{_seg(segment)}" if segment else ""
    return URIRef(f"{BASE}chain/{_seg(chain_id)}{tail}")


def enterprise_iri(name: str) -> URIRef:
    import hashlib

    return URIRef(f"{BASE}enterprise/{hashlib.sha1(name.encode()).hexdigest()[:12]}")


def task_id(doc_id: str, ordinal: int) -> str:
    """Public id of an item, used by the CLI and the API."""
    return f"{doc_id}.{ordinal}"
