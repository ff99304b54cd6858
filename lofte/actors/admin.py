from django.contrib import admin
from django.db import models

from lofte.actors.models import ContactPerson, Organisation
from lofte.adminsite import RegistryAccessMixin


@admin.register(Organisation)
class OrganisationAdmin(RegistryAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_example"]
    list_filter = ["kind", "is_example"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ContactPerson)
class ContactPersonAdmin(RegistryAccessMixin, admin.ModelAdmin):
    """Contact persons are personal data: ContactPerson.objects.viewable_by scopes them."""

    list_display = ["name", "role", "organisation", "is_press_contact", "is_public"]
    list_filter = ["is_public", "is_press_contact"]
    list_select_related = ["organisation"]
    search_fields = ["name", "role", "organisation__name"]
