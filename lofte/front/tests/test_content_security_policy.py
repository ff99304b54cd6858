"""A Content-Security-Policy and a Permissions-Policy on every response, and nothing inline.

The policy allows scripts and styles only from Löfte's own files, or an inline script with the
response's nonce (the events' JSON-LD). The pages are checked here for anything a strict
policy would refuse; the browser tests (lofte/conftest.py) fail on what Chromium refuses.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lofte.events.models import Event
from lofte.followup.models import Update

LOFTE = Path(__file__).resolve().parents[2]


def policy(response):
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    directives = (d.split() for d in response["Content-Security-Policy"].split(";"))
    return {d[0]: d[1:] for d in directives if d}


class InlineCode(HTMLParser):
    """Collect what a policy without 'unsafe-inline' refuses: style attributes, <style>,
    event handler attributes, javascript: links, and inline scripts without the nonce."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce, self.found = nonce, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs.items())[:80]}>"
        if "style" in attrs or tag == "style":
            self.found.append(f"style: {where}")
        if any(name.startswith("on") for name in attrs):
            self.found.append(f"event handler: {where}")
        if (attrs.get("href") or "").strip().lower().startswith("javascript:"):
            self.found.append(f"javascript: link: {where}")
        if tag == "script" and "src" not in attrs and attrs.get("nonce") != self.nonce:
            self.found.append(f"script without this response's nonce: {where}")


def inline_code(response):
    nonce = next(
        (s[len("'nonce-") : -1] for s in policy(response)["script-src"] if s.startswith("'nonce-")),
        None,
    )
    parser = InlineCode(nonce)
    parser.feed(response.content.decode())
    return parser.found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "/konto/logga-in/", "/admin/login/", "/medborgarloften/finns-inte/", "/healthz"],
)
def test_every_response_has_a_strict_content_security_policy(client, path):
    response = client.get(path)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'" and "'unsafe-inline'" not in csp["script-src"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_every_response_turns_off_the_browser_features_no_page_uses(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


@pytest.mark.django_db
def test_the_events_json_ld_carries_the_nonce_of_its_own_response(client, promise):
    event = Event.objects.create(
        promise=promise,
        title="Trygghetsvandring",
        starts_at="2024-05-01T18:00:00+02:00",
        ends_at="2024-05-01T20:00:00+02:00",
        place_name="Torget",
    )
    first, second = client.get(event.get_absolute_url()), client.get(event.get_absolute_url())
    html = first.content.decode()
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in policy(first)["script-src"]
    assert f"'nonce-{nonce}'" not in policy(second)["script-src"]  # a new one each time
    assert inline_code(first) == []


def test_no_template_has_inline_style_or_event_handlers():
    found = []
    for template in sorted(LOFTE.glob("*/templates/**/*.html")):
        text = template.read_text()
        for pattern in (r"\sstyle=", r"<style", r"\son[a-z]+=", r"javascript:"):
            if re.search(pattern, text, re.I):
                found.append(f"{template.relative_to(LOFTE)}: {pattern}")
        for script in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in script and "nonce=" not in script:
                found.append(f"{template.relative_to(LOFTE)}: {script}")
    assert found == []


def test_the_pages_with_charts_and_back_office_forms_have_nothing_inline(client, demo):
    commitment = demo.commitments().filter(measures__isnull=False).first()
    update = Update.objects.filter(commitment__focus_area__promise=demo).first()
    public = [
        demo.get_absolute_url(),
        commitment.get_absolute_url(),
        f"/medborgarloften/{demo.slug}/rapport/",
        f"/medborgarloften/{demo.slug}/uppfoljning/",
    ]
    back_office = [
        f"/uppfoljning/{demo.slug}/",
        f"/uppfoljning/{demo.slug}/granska/{update.pk}/",
        f"/uppfoljning/{demo.slug}/import/",
        f"/uppfoljning/{demo.slug}/personer/",
        f"/admin/promises/promise/{demo.pk}/change/",
    ]
    found = {path: inline_code(client.get(path)) for path in public}
    client.login(username="polis", password="demo-polis")
    for path in back_office:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = inline_code(response)
    assert {path: problems for path, problems in found.items() if problems} == {}
