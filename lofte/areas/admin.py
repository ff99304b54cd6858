from django.contrib import admin

from lofte.adminsite import RegistryAccessMixin
from lofte.areas.models import Area


@admin.register(Area)
class AreaAdmin(RegistryAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
