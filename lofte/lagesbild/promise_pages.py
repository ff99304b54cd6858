"""The lägesbild's part of a promise's page: a link to the lägesbilder it acts on."""

from lofte.lagesbild.models import Lagesbild
from lofte.promises import pages


@pages.adds_to("detail")
def lagesbild_links(request, promise, **objects):
    lagesbilder = list(
        Lagesbild.objects.visible_to(request.user)
        .acted_on_by(promise)
        .select_related("kommun", "area")
    )
    return {"lagesbilder": lagesbilder, "parts": {"summary": ["lagesbild/_promise_links.html"]}}
