from django.contrib import admin

from lofte.events.models import Event
from lofte.promises.admin_access import PromiseAccessMixin


@admin.register(Event)
class EventAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "promise"
    list_display = ["title", "promise", "starts_at", "place_name"]
    list_filter = [("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["promise"]
    search_fields = ["title", "place_name", "address"]
    date_hierarchy = "starts_at"
