from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lofte.events.models import Event, EventRecord
from lofte.promises.admin_access import PromiseAccessMixin, PromiseInlineAccessMixin


class EventRecordInline(PromiseInlineAccessMixin, admin.StackedInline):
    model = EventRecord
    promise_path = "event__promise"
    extra = 0
    max_num = 1


@admin.register(Event)
class EventAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "promise"
    list_display = ["title", "promise", "starts_at", "place_name", "registration"]
    list_filter = [("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["promise"]
    search_fields = ["title", "place_name", "address"]
    date_hierarchy = "starts_at"
    # Registrants are shown to no one, here neither: only how many places are taken.
    readonly_fields = ["registered"]
    inlines = [EventRecordInline]

    @admin.display(description=_("registered"))
    def registered(self, obj):
        if obj.pk is None or not obj.registration:
            return "–"
        counts = obj.registration_counts()
        return _("%(confirmed)s places taken, %(waiting)s on the waiting list") % counts
