"""SKOS Turtle export of the standards and the equivalences between them (rdflib writes it)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from juntos.credentials.choices import MatchKind
from juntos.credentials.models import Equivalence, Standard

JUNTOS = Namespace("urn:juntos:vocab:")

_RELATION = {
    MatchKind.EXACT: SKOS.exactMatch,
    MatchKind.CLOSE: SKOS.closeMatch,
    MatchKind.BROAD: SKOS.broadMatch,
    MatchKind.NARROW: SKOS.narrowMatch,
    MatchKind.RELATED: SKOS.relatedMatch,
}


def _concept(graph: Graph, standard: Standard) -> URIRef:
    node = URIRef(standard.uri)
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.notation, Literal(standard.code)))
    graph.add((node, SKOS.inScheme, URIRef(f"urn:juntos:scheme:{standard.framework.code}")))
    for language, title in sorted(standard.titles.items()):
        graph.add((node, SKOS.prefLabel, Literal(title, lang=language)))
    if standard.uncertain:
        graph.add(
            (node, SKOS.editorialNote, Literal("Not yet confirmed with the publisher", lang="en"))
        )
    return node


def equivalences_turtle(equivalences: Iterable[Equivalence]) -> str:
    """Every mapping as a SKOS mapping triple, with its status and source as notes."""
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("juntos", JUNTOS)
    for e in equivalences:
        source, target = _concept(graph, e.source), _concept(graph, e.target)
        graph.add((source, _RELATION[MatchKind(e.match)], target))
        mapping = URIRef(f"urn:juntos:mapping:{e.key}")
        graph.add((mapping, RDF.type, JUNTOS.Mapping))
        graph.add((mapping, JUNTOS.source, source))
        graph.add((mapping, JUNTOS.target, target))
        graph.add((mapping, JUNTOS.status, Literal(e.status)))
        graph.add((mapping, DCTERMS.source, Literal(e.source_note)))
        if not e.official:
            graph.add((mapping, SKOS.scopeNote, Literal("Not an official recognition", lang="en")))
        if e.endorsed_by:
            graph.add((mapping, JUNTOS.endorsedBy, Literal(e.endorsed_by)))
    return graph.serialize(format="turtle")
