"""The policy thesaurus: loaded from YAML, written as a SKOS scheme, read back by the graph, kept apart from industries."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from ingest.lexicon import LexiconError, load_lexicon
from kg.build import lexicon_graph
from kg.query import KG
from kg.vocab import PKG, THESAURUS_SCHEME, concept_iri


def test_packaged_thesaurus_is_a_skos_scheme_the_graph_reads_back() -> None:
    lex = load_lexicon()
    assert "融资" in lex.concepts and "贷款" in lex.concepts["融资"].alt
    g = lexicon_graph(lex)
    node = concept_iri("融资")
    assert (node, SKOS.inScheme, THESAURUS_SCHEME) in g and (node, RDF.type, PKG.PolicyConcept) in g
    kg = KG(g)
    by_label = {terms[0]: set(terms) for terms in kg.thesaurus}
    assert set(by_label) == set(lex.concepts)
    assert by_label["融资"] == {"融资", *lex.concepts["融资"].alt}
    # Concepts are not industries (typed pkg:PolicyConcept, a subclass of skos:Concept, and not skos:Concept
    # itself): no question about 融资 is routed to an industry, no listing of industries shows them.
    assert (PKG.PolicyConcept, RDFS.subClassOf, SKOS.Concept) in g and (node, RDF.type, SKOS.Concept) not in g
    assert not set(by_label) & set(kg.industry_labels)
    assert not {i.label for i in kg.industries()} & set(by_label)


def test_an_extra_file_adds_terms_and_a_term_in_two_concepts_is_an_error(tmp_path: Path) -> None:
    more = tmp_path / "more.yaml"
    more.write_text("concepts:\n  - label: 融资\n    alt: [银行贷款]\n  - label: 陶瓷\n    alt: [瓷器]\n", encoding="utf-8")
    lex = load_lexicon([more])
    assert "银行贷款" in lex.concepts["融资"].alt and "贷款" in lex.concepts["融资"].alt
    assert lex.concepts["陶瓷"].alt == ("瓷器",)
    clash = tmp_path / "clash.yaml"
    clash.write_text("concepts:\n  - label: 资金\n    alt: [贷款]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"'贷款' of concept '资金' already stands in concept '融资'"):
        load_lexicon([clash])
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n  - alt: [贷款]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="concept entry without 'label'"):
        load_lexicon([bad])
