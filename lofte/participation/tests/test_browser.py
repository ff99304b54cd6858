"""Residents' voice in a real Chromium: a resident on a 360 px phone answers a survey and leaves
a comment, every page passes axe-core's WCAG 2.1 AA rules, and all of it works without
JavaScript."""

import pytest

from lofte.browser import phone_problems as check
from lofte.participation.models import Comment, Response, Survey

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_a_resident_on_a_phone_answers_a_survey_and_leaves_a_comment(browser, live_server, demo):
    survey = Survey.objects.get(title__startswith="(Exempel) Inför")
    answered = survey.responses.count()
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    assert check(page) == []

    page.click(f"#voice a[href$='/enkater/{survey.pk}/']")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == survey.title
    assert check(page) == []
    # Sent without the question that must be answered: the page says so, in Swedish.
    page.click("form button[type=submit]")
    page.wait_for_selector(".errors[role=alert]")
    assert "Svara på frågan: den måste besvaras." in page.content()
    assert check(page) == []

    multiple, scale, text = survey.questions.order_by("order")
    page.check(f"label:has-text('Fritid') input[name=q{multiple.pk}]")
    page.check(f"input[name=q{scale.pk}][value='4']")
    page.fill(f"#id_q{text.pk}", "En fritidsgård som är öppen på helgen.")
    page.click("form button[type=submit]")
    page.wait_for_url("**/tack/")
    assert page.locator("h1").inner_text() == "Tack för dina svar!"
    assert check(page) == []
    assert survey.responses.count() == answered + 1

    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    page.check("input[name=kind][value=idea]")
    page.fill("#id_text", "Fler bänkar vid Backa torg.")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_url("**/synpunkter/tack/")
    assert check(page) == []
    comment = Comment.objects.get(text="Fler bänkar vid Backa torg.")
    assert (comment.kind, comment.state, comment.language) == ("idea", "waiting", "sv")
    context.close()


def test_answering_and_commenting_work_without_javascript(browser, live_server, demo):
    survey = Survey.objects.get(title__startswith="(Exempel) Inför")
    multiple = survey.questions.get(kind="multiple")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + f"/en/medborgarloften/hisings-backa/enkater/{survey.pk}/")
    page.check(f"label:has-text('Skola') input[name=q{multiple.pk}]")
    page.click("form button[type=submit]")
    page.wait_for_url("**/tack/")
    assert Response.objects.filter(survey=survey).count() == 4
    page.goto(live_server.url + "/en/medborgarloften/hisings-backa/synpunkter/")
    page.fill("#id_text", "Utan JavaScript.")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_url("**/synpunkter/tack/")
    assert Comment.objects.filter(text="Utan JavaScript.").exists()
    # The honeypot is not there for people.
    page.goto(live_server.url + "/en/medborgarloften/hisings-backa/synpunkter/")
    assert not page.locator("#id_webbplats").is_visible()
    context.close()


def test_every_page_of_residents_voice_passes_axe_on_a_phone(browser, live_server, demo):
    closed = Survey.objects.get(title__startswith="(Exempel) Trygghet")
    waiting = Comment.objects.filter(state="waiting").first()
    commitment = Comment.objects.exclude(commitment=None).first().commitment
    public = [
        "/medborgarloften/hisings-backa/synpunkter/",
        "/medborgarloften/hisings-backa/synpunkter/tack/",
        f"/medborgarloften/hisings-backa/ataganden/{commitment.pk}/",
        f"/medborgarloften/hisings-backa/ataganden/{commitment.pk}/synpunkter/",
        "/medborgarloften/hisings-backa/enkater/",
        f"/medborgarloften/hisings-backa/enkater/{closed.pk}/",
        f"/medborgarloften/hisings-backa/enkater/{closed.pk}/resultat/",
        f"/en/medborgarloften/hisings-backa/enkater/{closed.pk}/resultat/",
        f"/medborgarloften/hisings-backa/enkater/{closed.pk}/tack/",
    ]
    office = [
        "/dialog/hisings-backa/",
        "/dialog/hisings-backa/?visa=published",
        f"/dialog/hisings-backa/synpunkter/{waiting.pk}/",
        "/dialog/hisings-backa/installningar/",
        "/dialog/hisings-backa/enkater/",
        "/dialog/hisings-backa/enkater/ny/",
        f"/dialog/hisings-backa/enkater/{closed.pk}/",
        f"/dialog/hisings-backa/enkater/{closed.pk}/fritext/",
    ]
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in public:
        assert page.goto(live_server.url + path).status == 200, path
        problems[path] = check(page)
    page.goto(live_server.url + "/konto/logga-in/")
    page.fill("#id_username", "polis")
    page.fill("#id_password", "demo-polis")
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    for path in office:
        assert page.goto(live_server.url + path).status == 200, path
        problems[path] = check(page)
    # Forms with their errors shown.
    page.goto(live_server.url + "/dialog/hisings-backa/enkater/ny/")
    page.fill("#id_fragor-0-text", "En fråga utan alternativ")
    page.click("form.report-form:not([action]) button[type=submit], form[action=''] button")
    page.wait_for_selector(".errors[role=alert]")
    problems["new survey with errors"] = check(page)
    page.goto(live_server.url + f"/dialog/hisings-backa/synpunkter/{waiting.pk}/")
    page.click("button[name=decision][value=reject]")
    page.wait_for_selector(".errors[role=alert]")
    problems["moderation with errors"] = check(page)
    context.close()
    assert {path: found for path, found in problems.items() if found} == {}
