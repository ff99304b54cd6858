"""Sweden's kommuner, a page per kommun, and search across promises and commitments: what a
resident, a journalist or another kommun's coordinator sees of the whole installation."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from lofte.kommuner.models import Kommun
from lofte.lagesbild.models import Lagesbild
from lofte.promises.models import PUBLIC_STATUSES, Commitment, Promise
from lofte.search import QUERY_MAX_LENGTH

# How many of each kind a search shows: enough to find something, bounded for the page.
RESULTS = 50
PROMISES_PER_PAGE = 50


def kommuner(request):
    rows = Kommun.objects.annotate(
        promise_count=Count(
            "promises", filter=Q(promises__status__in=PUBLIC_STATUSES), distinct=True
        ),
        lagesbild_count=Count(
            "lagesbilder", filter=Q(lagesbilder__in=Lagesbild.objects.published()), distinct=True
        ),
    ).order_by("county_name", "name")
    counties = {}
    for kommun in rows:
        counties.setdefault(kommun.county_name, []).append(kommun)
    ctx = {
        "counties": sorted(counties.items()),
        "with_promises": sum(1 for k in rows if k.promise_count),
        "form": SearchForm(),
    }
    return render(request, "national/kommuner.html", ctx)


def kommun(request, slug):
    published = Lagesbild.objects.published().select_related("area").order_by("-period_end")
    kommun = get_object_or_404(
        Kommun.objects.prefetch_related(Prefetch("lagesbilder", queryset=published)), slug=slug
    )
    # A large kommun gathers promises year after year: newest first, a page at a time.
    promises = (
        Promise.objects.public()
        .filter(kommun=kommun)
        .select_related("area")
        .order_by("-period_start", "title", "pk")
    )
    page = Paginator(promises, PROMISES_PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "national/kommun.html", {"kommun": kommun, "page": page})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=QUERY_MAX_LENGTH, required=False)


def search(request):
    form = SearchForm(request.GET)
    promises = commitments = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
    if query:
        promises = list(
            Promise.objects.public().search(query).select_related("kommun", "area")[:RESULTS]
        )
        commitments = list(
            Commitment.objects.filter(focus_area__promise__in=Promise.objects.public())
            .search(query)
            .select_related("focus_area__promise__kommun")[:RESULTS]
        )
    ctx = {
        "form": form,
        "query": query,
        "promises": promises,
        "commitments": commitments,
        "limit": RESULTS,
    }
    return render(request, "national/search.html", ctx)
