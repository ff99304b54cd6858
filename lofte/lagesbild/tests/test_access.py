"""Who may see and change a lägesbild, on every view: a draft is a 404 to everyone but its
kommun's coordinators and analysts (and superusers); a published one is public; only they
change it."""

import pytest

pytestmark = pytest.mark.django_db

EDITORS = ["greta", "axel", "root"]
OTHERS = ["mats", "malin", "rut", "frida", "anonymous"]


@pytest.fixture
def cast(greta, axel, mats, malin, rut, frida, admin_user):
    return {
        "greta": greta,
        "axel": axel,
        "mats": mats,
        "malin": malin,
        "rut": rut,
        "frida": frida,
        "root": admin_user,
        "anonymous": None,
    }


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def pages(lb):
    base = f"/kommun/goteborg/lagesbild/{lb.pk}/"
    return {
        "detail": base,
        "csv": base + "lagesbild.csv",
        "pdf": base + "lagesbild.pdf",
        "edit": base + "redigera/",
        "add_problem": base + "problem/ny/",
    }


@pytest.mark.parametrize("persona", EDITORS + OTHERS)
def test_a_draft_is_a_404_to_everyone_but_its_kommuns_builders(client, cast, draft_lb, persona):
    client = client_for(client, cast[persona])
    for name, url in pages(draft_lb).items():
        response = client.get(url)
        if persona in EDITORS:
            assert response.status_code == 200, (persona, name)
        elif name in ("edit", "add_problem") and persona == "anonymous":
            assert response.status_code == 302, (persona, name)  # to the login page
            assert "logga-in" in response["Location"]
        else:
            assert response.status_code == 404, (persona, name)
            assert b"testby" not in response.content


@pytest.mark.parametrize("persona", EDITORS + OTHERS)
def test_a_published_one_is_public_and_changed_only_by_its_builders(
    client, cast, published_lb, persona
):
    client = client_for(client, cast[persona])
    for name, url in pages(published_lb).items():
        response = client.get(url)
        if name in ("detail", "csv", "pdf") or persona in EDITORS:
            assert response.status_code == 200, (persona, name)
        elif persona == "anonymous":
            assert response.status_code == 302, (persona, name)
        else:
            assert response.status_code == 403, (persona, name)


@pytest.mark.parametrize("persona", EDITORS + OTHERS)
def test_the_list_shows_drafts_only_to_the_kommuns_builders(
    client, cast, draft_lb, published_lb, persona
):
    html = client_for(client, cast[persona]).get("/kommun/goteborg/lagesbild/").content.decode()
    assert "Publicerad lägesbild" in html
    assert ("Lägesbild testby" in html) == (persona in EDITORS)


@pytest.mark.parametrize("persona", EDITORS + OTHERS)
def test_only_the_kommuns_builders_start_a_lagesbild(client, cast, testby_area, persona):
    client = client_for(client, cast[persona])
    data = {
        "title": "Ny lägesbild",
        "area": testby_area.pk,
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "status": "draft",
    }
    response = client.post("/kommun/goteborg/lagesbild/ny/", data)
    if persona in EDITORS:
        assert response.status_code == 302
    elif persona == "anonymous":
        assert "logga-in" in response["Location"]
    else:
        assert response.status_code == 403
    from lofte.lagesbild.models import Lagesbild

    assert Lagesbild.objects.filter(title="Ny lägesbild").exists() == (persona in EDITORS)


@pytest.mark.parametrize("persona", OTHERS)
def test_nobody_else_changes_or_removes_a_problem(client, cast, draft_lb, published_lb, persona):
    from lofte.lagesbild.models import Problem

    problem = Problem.objects.create(lagesbild=published_lb, order=1, title="Problemet")
    client = client_for(client, cast[persona])
    base = f"/kommun/goteborg/lagesbild/{published_lb.pk}/problem/{problem.pk}/"
    client.post(base, {"order": 1, "title": "Ändrat", "version": 1})
    client.post(base + "ta-bort/")
    draft_problem = draft_lb.problems.get()
    draft = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/problem/{draft_problem.pk}/ta-bort/"
    assert client.post(draft).status_code in (302, 404)
    assert Problem.objects.get(pk=problem.pk).title == "Problemet"
    assert Problem.objects.filter(pk=draft_problem.pk).exists()


def test_another_kommuns_url_does_not_find_it(client, greta, draft_lb):
    client.force_login(greta)
    assert client.get(f"/kommun/malmo/lagesbild/{draft_lb.pk}/").status_code == 404
