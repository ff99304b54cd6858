from django.http import Http404


def accept(request, token):
    raise Http404("Not built yet")


people = accept
