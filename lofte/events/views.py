from django.http import HttpResponse


def index(request, slug):
    return HttpResponse("todo")


detail = ical = index
