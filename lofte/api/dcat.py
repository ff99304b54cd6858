"""The installation's DCAT-AP-SE catalogue: one dataset per public promise, each with its
distributions (the data package, the API's JSON, the commitments as CSV), for Sweden's data
portal to harvest from /oppna-data/katalog.rdf (RDF/XML) or katalog.ttl (Turtle).

DCAT-AP-SE's mandatory properties: the catalogue's title, description, publisher and
datasets; each dataset's title, description and publisher (and, in Sweden, a contact point);
each distribution's accessURL, with licence and format as the portal recommends.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from lofte.promises.models import Promise
from lofte.web import absolute_url

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
SWEDISH = URIRef(EU + "language/SWE")
# The EU's data themes: justice and public safety; government and public sector.
THEMES = [URIRef(EU + "data-theme/JUST"), URIRef(EU + "data-theme/GOVE")]
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
IANA = "https://www.iana.org/assignments/media-types/"


def _page(name, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, args=args))


def _agent(graph, name, node=None):
    agent = node or BNode()
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(name, lang="sv")))
    return agent


def _distribution(graph, uri, title, url, file_type, media_type, download=True):
    node = URIRef(uri)
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(title, lang="sv")))
    graph.add((node, DCAT.accessURL, URIRef(url)))
    if download:
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add((node, DCTERMS.license, CC0))
    graph.add((node, DCTERMS["format"], URIRef(EU + "file-type/" + file_type)))
    graph.add((node, DCAT.mediaType, URIRef(IANA + media_type)))
    return node


def catalogue_graph():
    """Return the catalogue as an rdflib Graph: one query for the promises."""
    graph = Graph()
    for prefix, namespace in [("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)]:
        graph.bind(prefix, namespace)
    graph.bind("vcard", VCARD)

    catalogue = URIRef(absolute_url(reverse("opendata:catalogue_rdf")))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add(
        (
            catalogue,
            DCTERMS.title,
            Literal(f"{settings.OPEN_DATA_PUBLISHER}: medborgarlöften", lang="sv"),
        )
    )
    graph.add(
        (
            catalogue,
            DCTERMS.description,
            Literal(
                "Medborgarlöften och deras uppföljning: åtaganden, aktörer, mått, publicerade "
                "lägesrapporter och evenemang.",
                lang="sv",
            ),
        )
    )
    graph.add((catalogue, DCTERMS.publisher, _agent(graph, settings.OPEN_DATA_PUBLISHER)))
    graph.add((catalogue, FOAF.homepage, URIRef(absolute_url("/"))))
    graph.add((catalogue, DCTERMS.language, SWEDISH))
    graph.add((catalogue, DCTERMS.license, CC0))

    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.OPEN_DATA_PUBLISHER)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.LOFTE_CONTACT}")))

    promises = Promise.objects.public().select_related("kommun", "area").order_by("slug")
    for promise in promises:
        slug = promise.slug
        page = _page("promises:detail", slug)
        dataset = URIRef(absolute_url(reverse("opendata:package_json", args=[slug])) + "#dataset")
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.identifier, Literal(page)))
        graph.add((dataset, DCTERMS.title, Literal(promise.title, lang="sv")))
        graph.add((dataset, DCTERMS.description, Literal(promise.summary, lang="sv")))
        publisher = (
            promise.kommun.name + " kommun" if promise.kommun_id else settings.OPEN_DATA_PUBLISHER
        )
        agent = _agent(graph, publisher)
        if promise.kommun_id:
            graph.add((agent, DCTERMS.type, PUBLISHER_TYPE))
        graph.add((dataset, DCTERMS.publisher, agent))
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((dataset, DCAT.landingPage, URIRef(page)))
        graph.add((dataset, DCTERMS.language, SWEDISH))
        graph.add(
            (
                dataset,
                DCTERMS.modified,
                Literal(promise.updated_at.isoformat(), datatype=XSD.dateTime),
            )
        )
        for theme in THEMES:
            graph.add((dataset, DCAT.theme, theme))
        for word in ["medborgarlöfte", "brottsförebyggande", "trygghet", promise.area.name]:
            graph.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
        period = BNode()
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(promise.period_start, datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(promise.period_end, datatype=XSD.date)))
        graph.add((dataset, DCTERMS.temporal, period))
        api = absolute_url(reverse("api_v1:promise", args=[slug]))
        for distribution in [
            _distribution(
                graph,
                absolute_url(reverse("opendata:package_zip", args=[slug])),
                "Datapaket (Frictionless Data Package: CSV och datapackage.json)",
                absolute_url(reverse("opendata:package_zip", args=[slug])),
                "ZIP",
                "application/zip",
            ),
            _distribution(
                graph, api, "JSON via Löftes API", api, "JSON", "application/json", False
            ),
            _distribution(
                graph,
                absolute_url(reverse("opendata:package_csv", args=[slug, "commitments"])),
                "Åtaganden (CSV)",
                absolute_url(reverse("opendata:package_csv", args=[slug, "commitments"])),
                "CSV",
                "text/csv",
            ),
        ]:
            graph.add((dataset, DCAT.distribution, distribution))
    return graph
