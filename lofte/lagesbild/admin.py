"""The lägesbild in the admin, with the rules of its own pages: a kommun's lägesbilder are
its coordinators' and analysts' (Lagesbild.objects.editable_by), nobody else's, drafts or not.
Outcome measures belong to a promise's goal and follow the promise's rules."""

from django.contrib import admin

from lofte.adminsite import AccessMixin
from lofte.areas.models import Area
from lofte.kommuner.models import Kommun
from lofte.lagesbild.models import EDITING_ROLES, Lagesbild, OutcomeMeasure, Problem
from lofte.promises.admin_access import PromiseAccessMixin
from lofte.promises.models import Commitment, Promise


def _kommuner(user):
    return (
        Kommun.objects.all()
        if user.is_superuser
        else Kommun.objects.with_role(user, *EDITING_ROLES)
    )


class ProblemInline(admin.TabularInline):
    model = Problem
    extra = 0
    fields = ["order", "title", "description", "commitments"]

    def has_view_permission(self, request, obj=None):
        return obj is None or obj.can_be_changed_by(request.user)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "commitments":
            promises = Promise.objects.filter(kommun__in=_kommuner(request.user))
            kwargs["queryset"] = Commitment.objects.filter(
                focus_area__promise__in=promises
            ).select_related("focus_area__promise")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Lagesbild)
class LagesbildAdmin(AccessMixin, admin.ModelAdmin):
    list_display = ["title", "area", "kommun", "period_start", "period_end", "status"]
    list_filter = ["status"]
    list_select_related = ["area", "kommun"]
    fields = [
        "kommun",
        "area",
        "title",
        "period_start",
        "period_end",
        "status",
        "is_example",
        "other_information",
        "analysis",
    ]
    inlines = [ProblemInline]

    def _may(self, request, obj):
        if obj is None:
            return _kommuner(request.user).exists()
        return obj.can_be_changed_by(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def has_module_permission(self, request):
        return self._may(request, None)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request):
        return self._may(request, None)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_history_permission(self, request, obj):
        return self._may(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kommun":
            kwargs["queryset"] = _kommuner(request.user)
        elif db_field.name == "area":
            kwargs["queryset"] = Area.objects.filter(kommun__in=_kommuner(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        # A save here moves the version on, so a form opened on the site before it is stale.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "goal__promise"
    list_display = ["goal", "indicator", "area", "baseline_from"]
    list_select_related = ["goal__promise", "indicator", "area"]
