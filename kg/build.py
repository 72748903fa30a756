"""Plan records -> RDF: one pure function per kind of node."""
from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, XSD

from ingest.jurisdiction import unit_scope
from ingest.lexicon import Lexicon
from ingest.records import Incentive, Plan, Span, Target, Validity
from ingest.units import UnitResolver

from .vocab import (
    INDUSTRY_SCHEME,
    PKG,
    THESAURUS_SCHEME,
    concept_iri,
    doc_iri,
    industry_iri,
    item_iri,
    part_iri,
    region_iri,
    unit_iri,
)


def new_graph() -> Graph:
    """A graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in (("pkg", PKG._NS), ("dcterms", DCTERMS), ("org", ORG), ("skos", SKOS), ("prov", PROV)):
        g.bind(prefix, ns)
    return g


def _evidence(g: Graph, node: URIRef, doc: URIRef, span: Span) -> None:
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, PKG.start, Literal(span.start)))
    g.add((node, PKG.end, Literal(span.end)))


def lexicon_graph(lexicon: Lexicon) -> Graph:
    """Industries and the policy thesaurus as SKOS concept schemes, and regions with their parts."""
    g = new_graph()
    g.add((INDUSTRY_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((INDUSTRY_SCHEME, SKOS.prefLabel, Literal("产业体系", lang="zh")))
    for ind in lexicon.industries.values():
        node = industry_iri(ind.label)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, INDUSTRY_SCHEME))
        g.add((node, SKOS.prefLabel, Literal(ind.label, lang="zh")))
        for alt in ind.alt:
            g.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
        if ind.broader:
            g.add((node, SKOS.broader, industry_iri(ind.broader)))
            g.add((industry_iri(ind.broader), SKOS.narrower, node))
        else:
            g.add((node, SKOS.topConceptOf, INDUSTRY_SCHEME))
        if ind.cluster:
            g.add((node, RDF.type, PKG.LeadingCluster))
    g.add((THESAURUS_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((THESAURUS_SCHEME, SKOS.prefLabel, Literal("政策主题词表", lang="zh")))
    # Thesaurus concepts are typed pkg:PolicyConcept only, declared a subclass of skos:Concept: across the graph
    # (its readers, the views, the SPARQL examples) a plain skos:Concept is an industry.
    g.add((PKG.PolicyConcept, RDFS.subClassOf, SKOS.Concept))
    for concept in lexicon.concepts.values():
        node = concept_iri(concept.label)
        g.add((node, RDF.type, PKG.PolicyConcept))
        g.add((node, SKOS.inScheme, THESAURUS_SCHEME))
        g.add((node, SKOS.topConceptOf, THESAURUS_SCHEME))
        g.add((node, SKOS.prefLabel, Literal(concept.label, lang="zh")))
        for alt in concept.alt:
            g.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
    for reg in lexicon.regions.values():
        node = region_iri(reg.name)
        g.add((node, RDF.type, PKG.Park if reg.kind == "park" else PKG.Region))
        g.add((node, SKOS.prefLabel, Literal(reg.name, lang="zh")))
        g.add((node, PKG.regionKind, Literal(reg.kind)))
        for alt in (*reg.alt, *([reg.full] if reg.full else [])):
            g.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
        if reg.parent:
            g.add((node, DCTERMS.isPartOf, region_iri(reg.parent)))
    return g


def _decimal(v: float) -> Literal:
    """A figure as xsd:decimal, written as the plan writes it ("280", not "280.0")."""
    return Literal(str(v).removesuffix(".0"), datatype=XSD.decimal)


def _validity(g: Graph, node: URIRef, v: Validity, text: str, doc: URIRef) -> None:
    """The term the document gives itself, traced to its sentence."""
    g.add((doc, PKG.validity, node))
    g.add((node, RDF.type, PKG.Validity))
    if v.start:
        g.add((node, PKG.validFrom, Literal(v.start, datatype=XSD.date)))
    g.add((node, PKG.validUntil, Literal(v.until, datatype=XSD.date)))
    g.add((node, PKG.text, Literal(text[v.span.start : v.span.end], lang="zh")))
    _evidence(g, node, doc, v.span)


def _target(g: Graph, node: URIRef, t: Target, doc: URIRef) -> None:
    g.add((node, RDF.type, PKG.Target))
    g.add((node, PKG.metric, Literal(t.metric)))
    g.add((node, PKG.value, _decimal(t.value)))
    g.add((node, PKG.unitOfMeasure, Literal(t.unit)))
    g.add((node, PKG.comparator, Literal(t.comparator)))
    g.add((node, PKG.text, Literal(t.text)))
    g.add((node, PKG.yearly, Literal(t.yearly)))
    g.add((node, PKG.yearInferred, Literal(t.year_inferred)))
    if t.year is not None:
        g.add((node, PKG.year, Literal(t.year)))
    for prop, val in ((PKG.deadline, t.deadline), (PKG.qualifier, t.qualifier), (PKG.scale, t.scale), (PKG.scaleUnit, t.scale_unit)):
        if val:
            g.add((node, prop, Literal(val)))
    if t.scale_value is not None:
        g.add((node, PKG.scaleValue, _decimal(t.scale_value)))
    _evidence(g, node, doc, t.span)


def _incentive(g: Graph, node: URIRef, x: Incentive, doc: URIRef) -> None:
    g.add((node, RDF.type, PKG.Incentive))
    g.add((node, PKG.incentiveKind, Literal(x.kind)))
    g.add((node, PKG.amount, _decimal(x.amount)))
    g.add((node, PKG.unitOfMeasure, Literal(x.unit)))
    g.add((node, PKG.text, Literal(x.text)))
    for prop, val in ((PKG.condition, x.condition), (PKG.beneficiary, x.beneficiary)):
        if val:
            g.add((node, prop, Literal(val)))
    _evidence(g, node, doc, x.span)


def _unit(g: Graph, plan: Plan, name: str, written: str, units: UnitResolver) -> URIRef:
    # Units are one node per jurisdiction: a central body everywhere, 市科技局 per city; a plan
    # of an unknown place scopes its units to itself rather than merging them with others'.
    scope = unit_scope(name, units.is_national(name), plan.jurisdiction, plan.doc_id)
    node = unit_iri(scope, name)
    g.add((node, RDF.type, ORG.Organization))
    g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))
    # Every spelling of the alias table, so a query in any of them finds the unit.
    # … and the short names the document gives it ("（以下简称区建管委）").
    declared = {short for short, full in plan.aliases.items() if units.resolve(full) == name}
    for alt in {written, *units.aliases_of(name), *declared} - {name}:
        g.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
    collective = units.collective
    if plan.region:
        g.add((node, DCTERMS.spatial, region_iri(plan.region)))
    if name in collective:
        g.add((node, RDF.type, PKG.CollectiveUnit))
        for member in collective[name]:
            m = unit_iri(scope, member)
            g.add((m, RDF.type, ORG.Organization))
            g.add((m, SKOS.prefLabel, Literal(member, lang="zh")))
            g.add((node, ORG.hasMember, m))
    return node


def plan_graph(plan: Plan, units: UnitResolver) -> Graph:
    """Everything one plan says, each fact with its document and character span."""
    g = new_graph()
    doc = doc_iri(plan.doc_id)
    g.add((doc, RDF.type, PKG.Plan))
    g.add((doc, RDF.type, PROV.Entity))
    g.add((doc, DCTERMS.identifier, Literal(plan.doc_id)))
    g.add((doc, DCTERMS.title, Literal(plan.title, lang="zh")))
    g.add((doc, PKG.sourceFile, Literal(plan.source)))
    g.add((doc, PKG.normalizedText, Literal(plan.text)))
    if plan.office:
        g.add((doc, DCTERMS.publisher, Literal(plan.office, lang="zh")))
    if plan.date:
        g.add((doc, DCTERMS.issued, Literal(plan.date, datatype=XSD.date)))
    if plan.region:
        # The plan's city may be missing from the gazetteer; it still needs a name.
        g.add((doc, DCTERMS.spatial, region_iri(plan.region)))
        g.add((region_iri(plan.region), RDF.type, PKG.Region))
        g.add((region_iri(plan.region), SKOS.prefLabel, Literal(plan.region, lang="zh")))
    if plan.printed:
        # 印发日期: the day the office printed and sent it out, when it became available (成文日期 is dcterms:issued).
        g.add((doc, DCTERMS.available, Literal(plan.printed, datatype=XSD.date)))
    if plan.doc_no:
        g.add((doc, PKG.docNumber, Literal(plan.doc_no)))
    if plan.kind:
        g.add((doc, PKG.documentKind, Literal(plan.kind, lang="zh")))
    if plan.jurisdiction.level != "unknown":
        g.add((doc, PKG.issuingLevel, Literal(plan.jurisdiction.level)))
    if plan.period:
        g.add((doc, PKG.periodStart, Literal(plan.period[0])))
        g.add((doc, PKG.periodEnd, Literal(plan.period[1])))
    if plan.validity:
        _validity(g, part_iri(plan.doc_id, "validity", 1), plan.validity, plan.text, doc)
    if plan.preamble:
        g.add((doc, DCTERMS.abstract, Literal(plan.text[plan.preamble.start : plan.preamble.end], lang="zh")))

    sections = [part_iri(plan.doc_id, "section", i + 1) for i in range(len(plan.sections))]
    for i, sec in enumerate(plan.sections):
        node = sections[i]
        g.add((node, RDF.type, PKG.Section))
        g.add((node, PKG.label, Literal(sec.label)))
        g.add((node, DCTERMS.title, Literal(sec.heading, lang="zh")))
        g.add((node, PKG.level, Literal(sec.level)))
        g.add((node, DCTERMS.isPartOf, sections[sec.parent] if sec.parent is not None else doc))
        _evidence(g, node, doc, sec.span)

    for n, span in enumerate(plan.goals, start=1):
        node = part_iri(plan.doc_id, "goal", n)
        g.add((node, RDF.type, PKG.GoalStatement))
        g.add((node, PKG.text, Literal(plan.text[span.start : span.end], lang="zh")))
        g.add((node, DCTERMS.isPartOf, doc))
        _evidence(g, node, doc, span)

    for n, t in enumerate(plan.goal_targets, start=1):
        node = part_iri(plan.doc_id, "goal-target", n)
        _target(g, node, t, doc)
        g.add((doc, PKG.hasTarget, node))

    for item in plan.items:
        node = item_iri(plan.doc_id, item.ordinal)
        g.add((node, RDF.type, PKG.Task if item.kind == "task" else PKG.WorkRequirement))
        g.add((node, DCTERMS.title, Literal(item.heading, lang="zh")))
        g.add((node, PKG.number, Literal(item.number)))
        g.add((node, PKG.ordinal, Literal(item.ordinal)))
        g.add((node, PKG.text, Literal(item.text, lang="zh")))
        g.add((node, DCTERMS.isPartOf, doc))
        if item.section is not None:
            g.add((node, PKG.section, sections[item.section]))
        _evidence(g, node, doc, item.span)
        for k, ref in enumerate(item.units, start=1):
            unit = _unit(g, plan, ref.name, ref.written, units)
            g.add((node, PKG.leadUnit if ref.role == "lead" else PKG.coUnit, unit))
            a = URIRef(f"{node}/assignment/{k}")
            g.add((node, PKG.assignment, a))
            g.add((a, RDF.type, PKG.Assignment))
            g.add((a, PKG.unit, unit))
            g.add((a, PKG.role, Literal(ref.role)))
            g.add((a, PKG.writtenAs, Literal(ref.written)))
            # The evidence of an assignment is the clause that makes it.
            _evidence(g, a, doc, item.units_span or ref.span)
        for phrase in item.deadlines:
            g.add((node, PKG.deadline, Literal(phrase, lang="zh")))
        for k, t in enumerate(item.targets, start=1):
            tn = URIRef(f"{node}/target/{k}")
            _target(g, tn, t, doc)
            g.add((node, PKG.hasTarget, tn))
        for k, x in enumerate(item.incentives, start=1):
            xn = URIRef(f"{node}/incentive/{k}")
            _incentive(g, xn, x, doc)
            g.add((node, PKG.hasIncentive, xn))
        for k, m in enumerate(item.mentions, start=1):
            entity = industry_iri(m.key) if m.kind == "industry" else region_iri(m.key)
            g.add((node, PKG.mentions, entity))
            mn = URIRef(f"{node}/mention/{k}")
            g.add((node, PKG.mention, mn))
            g.add((mn, RDF.type, PKG.Mention))
            g.add((mn, PKG.entity, entity))
            _evidence(g, mn, doc, m.span)

    for k, role in enumerate(plan.cluster_roles, start=1):
        reg, ind = region_iri(role.region), industry_iri(role.industry)
        g.add((reg, PKG.leadsCluster if role.role == "lead" else PKG.coBuildsCluster, ind))
        node = part_iri(plan.doc_id, "cluster-role", k)
        g.add((doc, PKG.clusterRole, node))
        g.add((node, RDF.type, PKG.ClusterRole))
        g.add((node, PKG.region, reg))
        g.add((node, PKG.industry, ind))
        g.add((node, PKG.role, Literal(role.role)))
        _evidence(g, node, doc, role.span)

    for k, cited in enumerate(plan.references, start=1):
        node = part_iri(plan.doc_id, "cited", k)
        g.add((doc, DCTERMS.references, node))
        g.add((node, RDF.type, PKG.CitedDocument))
        g.add((node, DCTERMS.title, Literal(cited.title, lang="zh")))
        if cited.implements:
            g.add((doc, PKG.implements, node))
        _evidence(g, node, doc, cited.span)
    return g
