"""What is known to work in a real Chromium: WCAG 2.1 AA by axe-core on a 360 px phone."""

import pytest

from lofte.browser import axe_violations
from lofte.evaluation.models import CommitmentKind, InterventionKind

pytestmark = pytest.mark.browser


def test_the_catalogue_an_entry_and_a_tagged_commitment_pass_axe_on_a_phone(
    browser, live_server, demo
):
    lighting = InterventionKind.objects.get(name="Förbättrad gatubelysning")
    commitment = demo.commitments().first()
    # The demo tags some commitments already; this one is lighting here.
    CommitmentKind.objects.update_or_create(commitment=commitment, defaults={"kind": lighting})
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in (
        "/vad-fungerar/",
        f"/vad-fungerar/{lighting.pk}/",
        "/en/vad-fungerar/",
        f"/medborgarloften/{demo.slug}/",
        f"/medborgarloften/{demo.slug}/ataganden/{commitment.pk}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found = axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            found.append(f"page is {width} px wide")
        if found:
            problems[path] = found
    assert "Förbättrad gatubelysning" in page.content()
    context.close()
    assert problems == {}


def test_the_evaluation_report_passes_axe_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in (
        f"/vad-fungerar/medborgarloften/{demo.slug}/",
        f"/en/vad-fungerar/medborgarloften/{demo.slug}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found = axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            found.append(f"page is {width} px wide")
        if found:
            problems[path] = found
    assert "Comparison areas" in page.content() and "<svg" in page.content()
    context.close()
    assert problems == {}
