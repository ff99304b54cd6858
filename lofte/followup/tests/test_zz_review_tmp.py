"""TEMPORARY review probes -- delete after the review."""

import io

import pytest
from django.test import Client

from lofte.followup.actions import approve_update, save_update
from lofte.followup.models import Update
from lofte.promises.models import Commitment, Membership

pytestmark = pytest.mark.django_db


def _client(user=None):
    c = Client(raise_request_exception=False)
    if user is not None:
        c.force_login(user)
    return c


def _update(commitment, period, user, text="Gjort", publishable=True, state=None):
    u = Update(commitment=commitment, period=period, status="done", text=text,
               is_publishable=publishable)
    save_update(u, {}, user, 0, submit=True)
    return u


def test_report_period_superscript(promise, periods):
    r = _client().get("/medborgarloften/testby/rapport/?period=%C2%B2")
    print("report ?period=² ->", r.status_code)
    r = _client().get("/medborgarloften/testby/rapport.pdf?period=%C2%B2")
    print("report.pdf ?period=² ->", r.status_code)


def test_report_period_huge(promise, periods):
    r = _client().get("/medborgarloften/testby/rapport/?period=" + "9" * 30)
    print("report ?period=9*30 ->", r.status_code)


def test_huge_url_ids(promise, periods, alice):
    for url in [
        "/medborgarloften/testby/ataganden/" + "9" * 30 + "/",
        "/medborgarloften/testby/handelser/" + "9" * 30 + "/",
        "/uppfoljning/testby/bevis/" + "9" * 30 + "/",
    ]:
        print(url[:40], _client().get(url).status_code)
    for url in [
        "/uppfoljning/testby/granska/" + "9" * 30 + "/",
        "/uppfoljning/testby/rapportera/" + "9" * 30 + "/1/",
        "/uppfoljning/testby/mall-" + "9" * 30 + ".xlsx",
    ]:
        print(url[:40], _client(alice).get(url).status_code)


def test_sida(promise, alice):
    for q in ["abc", "-1", "0", "9" * 40, "1e5"]:
        print("timeline sida", q, _client().get(f"/medborgarloften/testby/uppfoljning/?sida={q}").status_code)
        print("history sida", q, _client(alice).get(f"/uppfoljning/testby/historik/?sida={q}").status_code)


def test_import_get_superscript(promise, periods, alice):
    r = _client(alice).get("/uppfoljning/testby/import/?period=%C2%B2")
    print("import ?period=² ->", r.status_code)


def test_people_superscript(promise, alice):
    r = _client(alice).post("/uppfoljning/testby/personer/", {"action": "remove", "membership": "²"})
    print("people remove membership=² ->", r.status_code)
    r = _client(alice).post("/uppfoljning/testby/personer/", {"action": "withdraw", "invitation": "9" * 30})
    print("people withdraw invitation=9*30 ->", r.status_code)


def test_import_csv_superscript(promise, periods, alice):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    m = c.measures.first()
    data = ("Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\r\n"
            f"²;{m.pk};3;klart;Text\r\n").encode()
    f = io.BytesIO(data)
    f.name = "x.csv"
    r = _client(alice).post("/uppfoljning/testby/import/",
                            {"period": periods[0].pk, "mode": "draft", "file": f})
    print("import csv with id ² ->", r.status_code)
    data = ("Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\r\n"
            f"{'9' * 30};{m.pk};3;klart;Text\r\n").encode()
    f = io.BytesIO(data)
    f.name = "x.csv"
    r = _client(alice).post("/uppfoljning/testby/import/",
                            {"period": periods[0].pk, "mode": "draft", "file": f})
    print("import csv with huge id ->", r.status_code)


def test_formula_injection(promise, periods, alice, erik):
    from openpyxl import load_workbook

    c = Commitment.objects.filter(focus_area__promise=promise, actors__slug="aktor-testby-0").first()
    r = _client(erik).post(
        f"/uppfoljning/testby/rapportera/{periods[0].pk}/{c.pk}/",
        {"status": "done", "text": '=HYPERLINK("https://evil.example/","Klicka")', "version": 0,
         "action": "submit", "is_publishable": "on"},
    )
    print("erik post", r.status_code)
    u = Update.objects.get(commitment=c, period=periods[0])
    r = _client(alice).get(f"/uppfoljning/testby/mall-{periods[0].pk}.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["Uppföljning"]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                print("TEMPLATE cell", cell.coordinate, cell.data_type, cell.value)
    approve_update(u, alice)
    r = _client().get("/medborgarloften/testby/rapport.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    print("REPORT cell", ws.title, cell.coordinate, cell.data_type, cell.value)


def test_nonpublishable_leaks(promise, periods, alice, erik):
    c = Commitment.objects.filter(focus_area__promise=promise, actors__slug="aktor-testby-0").first()
    u = _update(c, periods[0], erik, text="HEMLIG", publishable=False)
    approve_update(u, alice)
    c.refresh_from_db()
    print("commitment status after non-publishable approval:", c.status)
    page = _client().get("/medborgarloften/testby/").content.decode()
    print("HEMLIG on page", "HEMLIG" in page)
    r = _client().get(f"/medborgarloften/testby/rapport/?period={periods[0].pk}")
    html = r.content.decode()
    import re
    print("report anon mentions approved:", re.findall(r"[^<>]{0,80}godkänd[^<>]{0,80}", html)[:5])
    js = _client().get("/medborgarloften/testby/lofte.json").json()
    print("json statuses", [cm["status"] for fa in js["focus_areas"] for cm in fa["commitments"]])


def test_pdf_emoji(promise, periods, alice, erik):
    c = Commitment.objects.filter(focus_area__promise=promise, actors__slug="aktor-testby-0").first()
    u = _update(c, periods[0], erik, text="Bra 👍 jobbat 中文 \u200b \x00 \x07")
    approve_update(u, alice)
    r = _client().get("/medborgarloften/testby/rapport.pdf")
    print("report.pdf with emoji/control ->", r.status_code)
    Commitment.objects.filter(pk=c.pk).update(title="Titel 🎉 \x0b")
    r = _client().get("/medborgarloften/testby/hela.pdf")
    print("hela.pdf with emoji ->", r.status_code)
    r = _client().get("/medborgarloften/testby/uppdateringar.atom")
    print("atom with control chars ->", r.status_code)
    r = _client(alice).get(f"/uppfoljning/testby/mall-{periods[0].pk}.xlsx")
    print("template xlsx with control chars ->", r.status_code)
    r = _client().get("/medborgarloften/testby/rapport.xlsx")
    print("report xlsx with control chars ->", r.status_code)


def test_history_reader_sees_emails(promise, alice, erik):
    from django.contrib.auth.models import User

    reader = User.objects.create_user("r", "r@example.se", "x")
    Membership.objects.create(user=reader, promise=promise, role=Membership.Role.READER)
    victim = User.objects.create_user("victim@example.se", "victim@example.se", "x")
    m = Membership.objects.create(user=victim, promise=promise, role=Membership.Role.READER)
    from lofte.accounts.actions import remove_membership

    remove_membership(m, alice)
    html = _client(reader).get("/uppfoljning/testby/historik/").content.decode()
    print("reader sees victim email in history:", "victim@example.se" in html)


def test_admin_membership_users(promise, other_promise, alice, charlie):
    html = _client(charlie).get("/admin/promises/membership/add/").content.decode()
    print("charlie admin add membership status; sees alice@example.se:", "alice@example.se" in html,
          "alice" in html)


def test_editor_cross(promise, other_promise, periods, erik, fatima, alice, charlie):
    from lofte.followup.models import ReportingPeriod

    other_periods = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))
    c0 = Commitment.objects.filter(focus_area__promise=promise, actors__slug="aktor-testby-0").exclude(
        actors__slug="aktor-testby-2").first()
    # fatima on erik-only commitment
    r = _client(fatima).post(f"/uppfoljning/testby/rapportera/{periods[0].pk}/{c0.pk}/",
                             {"status": "done", "text": "x", "version": 0})
    print("fatima on erik's commitment", r.status_code)
    # period of another promise
    r = _client(erik).post(f"/uppfoljning/testby/rapportera/{other_periods[0].pk}/{c0.pk}/",
                           {"status": "done", "text": "x", "version": 0})
    print("erik with other promise period", r.status_code)
    oc = Commitment.objects.filter(focus_area__promise=other_promise).first()
    r = _client(erik).post(f"/uppfoljning/testby/rapportera/{periods[0].pk}/{oc.pk}/",
                           {"status": "done", "text": "x", "version": 0})
    print("erik with other promise commitment", r.status_code)
    u = _update(c0, periods[0], erik)
    r = _client(erik).post(f"/uppfoljning/testby/granska/{u.pk}/", {"decision": "approve", "version": u.version})
    print("erik review own", r.status_code)
    r = _client(charlie).post(f"/uppfoljning/annanstad/granska/{u.pk}/", {"decision": "approve", "version": u.version})
    print("charlie review via own slug", r.status_code)
    r = _client(charlie).post(f"/uppfoljning/testby/granska/{u.pk}/", {"decision": "approve", "version": u.version})
    print("charlie review testby", r.status_code)
    r = _client(charlie).post("/uppfoljning/annanstad/paminn/", {"period": periods[0].pk,
                                                               "organisation": c0.actors.first().pk})
    print("charlie remind with testby period", r.status_code, r.get("Location"))
    for who, cl in [("erik", _client(erik)), ("charlie", _client(charlie)), ("anon", _client())]:
        for url in ["/uppfoljning/testby/", "/uppfoljning/testby/perioder/", "/uppfoljning/testby/import/",
                    "/uppfoljning/testby/personer/", "/uppfoljning/testby/granska/",
                    "/uppfoljning/testby/historik/", f"/uppfoljning/testby/bevis/{u.pk}/"]:
            print(who, url, cl.get(url).status_code)


def test_evidence(promise, periods, erik, fatima, alice, charlie, dana):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c0 = Commitment.objects.filter(focus_area__promise=promise, actors__slug="aktor-testby-0").exclude(
        actors__slug="aktor-testby-2").first()
    f = SimpleUploadedFile("bevis.pdf", b"%PDF-1.4 hemlig", content_type="application/pdf")
    r = _client(erik).post(f"/uppfoljning/testby/rapportera/{periods[0].pk}/{c0.pk}/",
                           {"status": "done", "text": "x", "version": 0, "evidence_file": f,
                            "is_publishable": ""})
    print("erik upload", r.status_code)
    u = Update.objects.get(commitment=c0, period=periods[0])
    for who, cl in [("anon", _client()), ("dana", _client(dana)), ("charlie", _client(charlie)),
                    ("fatima", _client(fatima)), ("alice", _client(alice))]:
        print("evidence", who, cl.get(f"/uppfoljning/testby/bevis/{u.pk}/").status_code)
    u.evidence_file.delete(save=False)
