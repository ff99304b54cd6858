from django.http import HttpResponse


def detail(request, slug):
    return HttpResponse("todo")


whole = whole_pdf = as_json = contact = commitment = detail
