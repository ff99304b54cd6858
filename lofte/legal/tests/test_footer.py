"""Every public page's footer: 112 and 114 14, the statement and the privacy page; and on a
promise's pages, the Police and the kommun behind it."""

import pytest
from django.urls import reverse

from lofte.actors.models import Organisation


@pytest.fixture
def police(promise):
    # The test promise's first actor is of the Police's kind; named here as one would be.
    organisation = Organisation.objects.get(slug="aktor-testby-0", kind=Organisation.Kind.POLICE)
    organisation.name = "Lokalpolisområde Testby"
    organisation.save()
    return organisation


@pytest.fixture
def no_police(promise):
    Organisation.objects.filter(kind=Organisation.Kind.POLICE).update(kind=Organisation.Kind.OTHER)


def footer(response):
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/medborgarloften/testby/",
        "/medborgarloften/testby/handelser/",
        "/medborgarloften/testby/synpunkter/",
        "/medborgarloften/testby/rapport/",
        "/tillganglighet/",
        "/personuppgifter/",
        "/konto/logga-in/",
    ],
)
def test_every_page_says_112_and_114_14_and_links_the_statement_and_privacy(client, promise, url):
    response = client.get(url)
    assert response.status_code == 200, url

    text = footer(response)

    assert "Vid nödläge, ring 112." in text
    assert "ring 114 14" in text
    assert f'href="{reverse("legal:accessibility")}"' in text
    assert f'href="{reverse("legal:privacy")}"' in text


@pytest.mark.parametrize(
    "url",
    [
        "/medborgarloften/testby/",
        "/medborgarloften/testby/handelser/",
        "/medborgarloften/testby/rapport/",
        "/medborgarloften/testby/synpunkter/",
    ],
)
def test_a_promises_pages_name_the_police_and_the_kommun_behind_it(client, police, url):
    text = footer(client.get(url))

    assert (
        'Bakom löftet står Polisen (<span lang="sv">Lokalpolisområde Testby</span>) och '
        'kommunen <span lang="sv">Göteborg</span>.'
    ) in text


def test_without_a_police_actor_it_still_names_the_police_and_the_kommun(client, no_police):
    text = footer(client.get("/medborgarloften/testby/handelser/"))

    assert 'Bakom löftet står Polisen och kommunen <span lang="sv">Göteborg</span>.' in text


def test_pages_without_a_promise_name_no_one(client, promise):
    assert "Bakom löftet" not in footer(client.get("/tillganglighet/"))


def test_the_names_come_from_what_the_promise_page_fetched_or_from_one_query(
    promise, police, django_assert_num_queries
):
    from lofte.promises.models import Promise

    fetched = Promise.objects.with_content().get(pk=promise.pk)
    with django_assert_num_queries(0):
        assert fetched.names_behind() == (["Lokalpolisområde Testby"], "Göteborg")
    plain = Promise.objects.get(pk=promise.pk)
    with django_assert_num_queries(1):
        assert plain.names_behind() == (["Lokalpolisområde Testby"], "Göteborg")
