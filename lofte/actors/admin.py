from django.contrib import admin
from django.db import models
from django.db.models import Q

from lofte.actors.models import ContactPerson, Organisation
from lofte.promises.admin_access import RegistryAccessMixin
from lofte.promises.models import Promise


@admin.register(Organisation)
class OrganisationAdmin(RegistryAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_example"]
    list_filter = ["kind", "is_example"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ContactPerson)
class ContactPersonAdmin(RegistryAccessMixin, admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "is_press_contact", "is_public"]
    list_filter = ["is_public", "is_press_contact"]
    list_select_related = ["organisation"]
    search_fields = ["name", "role", "organisation__name"]

    def get_queryset(self, request):
        """Contact persons are personal data: a coordinator sees those of their own promises
        (attached to them, or of their actors), and the ones they add without a promise."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        mine = Promise.objects.editable_by(request.user)
        return queryset.filter(
            Q(promises__in=mine)
            | Q(organisation__commitments__focus_area__promise__in=mine)
            | Q(promises=None, organisation__commitments=None)
        ).distinct()
