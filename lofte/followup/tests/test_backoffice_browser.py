"""The follow-up back office in a real Chromium: WCAG 2.1 AA by axe-core on a 360 px phone."""

import csv
import io

import pytest
from django.contrib.auth.models import User

from lofte.browser import axe_violations
from lofte.followup.models import Update
from lofte.promises.models import Commitment

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def log_in(context, live_server, username, password):
    page = context.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    return page


def problems_on(page, live_server, paths):
    """Return {path: [problem]} for the pages that fail axe or are wider than the phone."""
    problems = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found = axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.append(f"page is {width} px wide")
        if found:
            problems[path] = found
    return problems


def test_every_coordinator_page_passes_axe_on_a_360_px_phone(browser, live_server, demo):
    update = (
        Update.objects.filter(commitment__focus_area__promise=demo)
        .order_by("-state", "pk")  # a submitted one first, if the demo has one
        .first()
    )
    base = f"/uppfoljning/{demo.slug}/"
    paths = [
        base,
        base + "granska/",
        base + f"granska/{update.pk}/",
        base + "historik/",
        base + "perioder/",
        base + "import/",
        base + "personer/",
        "/konto/",
        "/en" + base,
    ]
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(context, live_server, "polis", "demo-polis")
    problems = problems_on(page, live_server, paths)
    context.close()
    assert problems == {}


def test_the_import_errors_pass_axe_on_a_360_px_phone(browser, live_server, demo, tmp_path):
    period = demo.periods.order_by("starts_on").first()
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(context, live_server, "polis", "demo-polis")
    template = context.request.get(
        live_server.url + f"/uppfoljning/{demo.slug}/mall-{period.pk}.xlsx?format=csv"
    )
    rows = list(csv.reader(io.StringIO(template.body().decode("utf-8-sig")), delimiter=";"))
    value, status = rows[0].index("Värde"), rows[0].index("Status")
    rows[1][value], rows[1][status] = "inget tal", "klart"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    bad = tmp_path / "fel.csv"
    bad.write_text(out.getvalue(), encoding="utf-8")

    page.goto(live_server.url + f"/uppfoljning/{demo.slug}/import/?period={period.pk}")
    page.set_input_files("#id_file", str(bad))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("table.import-errors")
    found = axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert found == []
    assert width <= PHONE["width"]


def test_every_editor_page_passes_axe_on_a_360_px_phone(browser, live_server, demo):
    editor = User.objects.get(username="forening")
    commitment = (
        Commitment.objects.reportable_by(editor)
        .filter(focus_area__promise=demo)
        .order_by("focus_area__order", "order", "pk")
        .first()
    )
    period = demo.periods.started().order_by("-starts_on").first()
    base = f"/uppfoljning/{demo.slug}/rapportera/"
    paths = [base, base + f"{period.pk}/{commitment.pk}/", "/konto/", "/en" + base]
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(context, live_server, "forening", "demo-forening")
    problems = problems_on(page, live_server, paths)
    context.close()
    assert problems == {}
