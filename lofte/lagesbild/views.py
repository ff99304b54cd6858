"""The lägesbild's pages: the public page (published ones), CSV and PDF, and the editing pages
of the kommun's coordinators and analysts. Who sees and changes what is
`Lagesbild.objects` (visible_to, editable_by); these views only ask."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lofte.history.versioned import EditConflict
from lofte.kommuner.models import Kommun
from lofte.lagesbild import actions, content, exports
from lofte.lagesbild.forms import LagesbildForm, ProblemForm
from lofte.lagesbild.models import Lagesbild, Problem
from lofte.web import absolute_url

lagesbilder = Lagesbild.objects


def _editable_or_403(request, lagesbild):
    if not lagesbild.can_be_changed_by(request.user):
        raise PermissionDenied


@require_GET
def index(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    shown = lagesbilder.visible_to(request.user).filter(kommun=kommun).select_related("area")
    may_add = lagesbilder.may_start_in(request.user, kommun)
    ctx = {"kommun": kommun, "lagesbilder": shown, "may_add": may_add}
    return render(request, "lagesbild/index.html", ctx)


@require_GET
def detail(request, kommun, pk):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    ctx = {
        "lagesbild": lagesbild,
        "kommun": lagesbild.kommun,
        "c": content.gather(lagesbild, request.user),
        "may_change": lagesbild.can_be_changed_by(request.user),
    }
    return render(request, "lagesbild/detail.html", ctx)


@require_GET
def csv_export(request, kommun, pk):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    data = exports.to_csv(content.gather(lagesbild, request.user))
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lagesbild-{lagesbild.pk}.csv"'
    return response


@require_GET
def pdf_export(request, kommun, pk):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    url = absolute_url(lagesbild.get_absolute_url())
    data = exports.to_pdf(content.gather(lagesbild, request.user), url)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lagesbild-{lagesbild.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def create(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    if not lagesbilder.may_start_in(request.user, kommun):
        raise PermissionDenied
    status = 200
    form = LagesbildForm(request.POST or None, kommun=kommun, instance=Lagesbild(kommun=kommun))
    if request.method == "POST":
        if form.is_valid():
            lagesbild = actions.create_lagesbild(form.instance, request.user)
            messages.success(request, _("The lägesbild is saved."))
            return redirect(lagesbild)
        status = 400
    return render(request, "lagesbild/edit.html", {"kommun": kommun, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, kommun, pk):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    _editable_or_403(request, lagesbild)
    status = 200
    form = LagesbildForm(request.POST or None, kommun=lagesbild.kommun, instance=lagesbild)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_lagesbild(
                    form.instance, form.cleaned_data["version"] or 0, request.user
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            else:
                messages.success(request, _("The lägesbild is saved."))
                return redirect(lagesbild)
        else:
            status = 400
    ctx = {"kommun": lagesbild.kommun, "lagesbild": lagesbild, "form": form}
    return render(request, "lagesbild/edit.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def problem(request, kommun, pk, problem_id=None):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    _editable_or_403(request, lagesbild)
    if problem_id is None:
        instance = Problem(lagesbild=lagesbild, order=lagesbild.problems.count() + 1)
    else:
        instance = get_object_or_404(Problem, lagesbild=lagesbild, pk=problem_id)
    status = 200
    form = ProblemForm(request.POST or None, kommun=lagesbild.kommun, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_problem(
                    form.instance,
                    form.cleaned_data["version"] or 0,
                    form.cleaned_data["commitments"],
                    request.user,
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            else:
                messages.success(request, _("The problem is saved."))
                return redirect(lagesbild.get_absolute_url() + "#action-plan")
        else:
            status = 400
    ctx = {"kommun": lagesbild.kommun, "lagesbild": lagesbild, "form": form, "problem": instance}
    return render(request, "lagesbild/problem.html", ctx, status=status)


@login_required
@require_POST
def remove_problem(request, kommun, pk, problem_id):
    lagesbild = lagesbilder.get_visible_or_404(request.user, kommun, pk)
    _editable_or_403(request, lagesbild)
    problem = get_object_or_404(Problem, lagesbild=lagesbild, pk=problem_id)
    actions.remove_problem(problem, request.user)
    messages.success(request, _("The problem is removed."))
    return redirect(lagesbild.get_absolute_url() + "#action-plan")
