"""What a public body must show: the accessibility statement (tillgänglighetsredogörelse, in
DIGG's model) with a form to report a problem, and the privacy page.

The form asks for no account. A robot that fills in the honeypot is thanked and nothing is
saved; reports are counted per client (the shared rate limits hash the address and keep it
for the window only).
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lofte import ratelimit
from lofte.legal.forms import ProblemReportForm
from lofte.legal.models import ProblemReport
from lofte.legal.retention import days

# Reports per client address: a person with many problems, not a robot filling the table.
REPORTS_PER_CLIENT = ("accessibility-report-client", 5, 60 * 60)


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility(request):
    form = ProblemReportForm(request.POST if request.method == "POST" else None)
    status = 200
    ctx = {"form": form, "reviewed": settings.ACCESSIBILITY_REVIEWED, **_operator()}
    if request.method == "POST":
        if form.caught:
            return redirect("legal:report_thanks")
        if not form.is_valid():
            status = 400
        else:
            name, most, window = REPORTS_PER_CLIENT
            if ratelimit.hit(name, ratelimit.client_key(request), window) > most:
                ctx["rate_limited"] = True
                status = 429
            else:
                ProblemReport.objects.create(
                    page=form.cleaned_data["page"],
                    description=form.cleaned_data["description"],
                    email=form.cleaned_data["email"],
                )
                return redirect("legal:report_thanks")
    return render(request, "legal/accessibility.html", ctx, status=status)


def report_thanks(request):
    return render(request, "legal/report_thanks.html", _operator())


def privacy(request):
    return render(request, "legal/privacy.html", {"days": days(), **_operator()})


def _operator():
    return {"operator": settings.LOFTE_OPERATOR, "contact": settings.LOFTE_CONTACT}
