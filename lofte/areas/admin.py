from django.contrib import admin

from lofte.areas.models import Area
from lofte.promises.admin_access import RegistryAccessMixin


@admin.register(Area)
class AreaAdmin(RegistryAccessMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
