import csv
import io
import json
import subprocess
import sys
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from rdflib import Graph
from rdflib import namespace as ns

from lofte.actors.models import ContactPerson
from lofte.api.tests.test_read_api import publish_update
from lofte.followup.models import Update
from lofte.promises.models import Promise
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(promise, periods):
    commitments = list(promise.commitments().order_by("order"))
    publish_update(commitments[0], periods[0], text="=SUMMA(A1) och mer")
    publish_update(commitments[1], periods[0], text="Hemligt.", publishable=False)
    Update.objects.create(commitment=commitments[2], period=periods[0], text="Utkast.")
    return commitments


def unzip(content, folder):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(folder)
    return json.loads((folder / "datapackage.json").read_text())


def test_the_data_package_is_valid_under_frictionless(client, reported, tmp_path):
    answer = client.get("/oppna-data/testby/datapaket.zip")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    package = unzip(answer.content, tmp_path)
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"][0]["name"] == "CC0-1.0"
    # `frictionless validate`, as a person would run it, in its own process.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frictionless",
            "validate",
            "--json",
            str(tmp_path / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert result.returncode == 0


def test_a_damaged_package_fails_frictionless(client, reported, tmp_path):
    """The validation above can fail: a value of the wrong type is found."""
    package = unzip(client.get("/oppna-data/testby/datapaket.zip").content, tmp_path)
    measures = tmp_path / "measures.csv"
    measures.write_text(measures.read_text().replace(",10.00,", ",tio,"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frictionless",
            "validate",
            "--json",
            str(tmp_path / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert package["name"] == "lofte-testby"
    assert json.loads(result.stdout)["valid"] is False


def read_csv(client, resource):
    answer = client.get(f"/oppna-data/testby/{resource}.csv")
    assert answer.status_code == 200
    return list(csv.DictReader(io.StringIO(answer.content.decode())))


def test_the_package_has_only_published_updates_and_no_personal_data(client, reported, tmp_path):
    updates = read_csv(client, "updates")
    assert [u["commitment"] for u in updates] == [str(reported[0].pk)]
    # A formula is kept as text, as every CSV of Löfte does (lofte.text.csv_text).
    assert updates[0]["text"] == "'=SUMMA(A1) och mer"
    content = client.get("/oppna-data/testby/datapaket.zip").content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        everything = "".join(archive.read(n).decode() for n in archive.namelist())
    contact = ContactPerson.objects.get()
    for secret in [contact.email, contact.phone, contact.name, "Hemligt", "Utkast", "@example"]:
        assert secret not in everything


def test_the_descriptor_and_csv_files_are_served_one_by_one(client, reported):
    package = client.get("/oppna-data/testby/datapackage.json").json()
    names = [r["name"] for r in package["resources"]]
    assert names[:5] == ["promise", "goals", "focus_areas", "actors", "commitments"]
    for name in names:
        assert client.get(f"/oppna-data/testby/{name}.csv").status_code == 200
    assert client.get("/oppna-data/testby/secrets.csv").status_code == 404


def test_a_draft_has_no_data_package(client):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    for path in ["datapaket.zip", "datapackage.json", "commitments.csv"]:
        assert client.get(f"/oppna-data/utkast/{path}").status_code == 404


def test_the_package_takes_the_same_number_of_queries_at_two_sizes(client, reported, periods):
    from lofte.api.tests.test_read_api import _grow

    promise = Promise.objects.get(slug="testby")
    with CaptureQueriesContext(connection) as small:
        client.get("/oppna-data/testby/datapaket.zip")
    _grow(promise, periods, 15)
    with CaptureQueriesContext(connection) as large:
        client.get("/oppna-data/testby/datapaket.zip")
    assert len(small) == len(large) <= 12


MANDATORY = {
    ns.DCAT.Catalog: [
        ns.DCTERMS.title,
        ns.DCTERMS.description,
        ns.DCTERMS.publisher,
        ns.DCAT.dataset,
    ],
    ns.DCAT.Dataset: [
        ns.DCTERMS.title,
        ns.DCTERMS.description,
        ns.DCTERMS.publisher,
        ns.DCAT.contactPoint,
        ns.DCAT.distribution,
    ],
    ns.DCAT.Distribution: [ns.DCAT.accessURL, ns.DCTERMS.license, ns.DCTERMS["format"]],
}


@pytest.mark.parametrize("path,fmt", [("katalog.rdf", "xml"), ("katalog.ttl", "turtle")])
def test_the_catalogue_has_dcat_ap_se_mandatory_properties(
    client, promise, other_promise, path, fmt
):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    answer = client.get(f"/oppna-data/{path}")
    assert answer.status_code == 200
    graph = Graph().parse(data=answer.content, format=fmt)
    datasets = list(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) == 2  # the two published promises, not the draft
    titles = {str(graph.value(d, ns.DCTERMS.title)) for d in datasets}
    assert titles == {"Medborgarlöfte testby", "Medborgarlöfte annanstad"}
    for kind, properties in MANDATORY.items():
        subjects = list(graph.subjects(ns.RDF.type, kind))
        assert subjects
        for subject in subjects:
            for prop in properties:
                assert graph.value(subject, prop) is not None, (kind, prop)
    for dataset in datasets:
        assert len(list(graph.objects(dataset, ns.DCAT.distribution))) == 3
        publisher = graph.value(dataset, ns.DCTERMS.publisher)
        assert graph.value(publisher, ns.FOAF.name) is not None
    for distribution in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        assert str(graph.value(distribution, ns.DCTERMS.license)) == (
            "http://creativecommons.org/publicdomain/zero/1.0/"
        )


def test_the_rdf_xml_catalogue_is_well_formed_xml(client, promise):
    root = etree.fromstring(client.get("/oppna-data/katalog.rdf").content)
    assert root.tag == "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"


def test_the_catalogue_takes_the_same_number_of_queries_for_more_promises(client, promise):
    with CaptureQueriesContext(connection) as one:
        client.get("/oppna-data/katalog.ttl")
    for slug in ["andra", "tredje", "fjarde"]:
        make_promise(slug, kommun="1480")
    with CaptureQueriesContext(connection) as four:
        answer = client.get("/oppna-data/katalog.ttl")
    assert answer.content.decode().count("dcat:Dataset") == 4
    assert len(one) == len(four) <= 2
