from django.contrib import admin
from django.contrib.auth import get_user_model

from lofte.adminsite import AccessMixin
from lofte.kommuner.models import Kommun, KommunMembership


def has_a_role(user):
    """Return True if the user has a role anywhere: in a kommun or in a promise."""
    return user.is_superuser or (
        user.is_authenticated and (user.kommun_memberships.exists() or user.memberships.exists())
    )


@admin.register(Kommun)
class KommunAdmin(AccessMixin, admin.ModelAdmin):
    """SCB's list of kommuner: everyone with a role may look it up, only superusers correct
    it, and nobody adds or deletes one."""

    list_display = ["name", "code", "county_name"]
    list_filter = ["county_name"]
    search_fields = ["name", "code"]

    def has_module_permission(self, request):
        return has_a_role(request.user)

    def has_view_permission(self, request, obj=None):
        return has_a_role(request.user)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KommunMembership)
class KommunMembershipAdmin(AccessMixin, admin.ModelAdmin):
    """Who has which role in a kommun: managed by its coordinators, shown to nobody else
    (Kommun.objects.people_visible_to)."""

    list_display = ["user", "kommun", "role", "organisation"]
    list_filter = ["role", ("kommun", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "kommun", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def _manages(self, request, obj):
        if obj is None:
            return Kommun.objects.people_visible_to(request.user).exists()
        return obj.kommun.shows_people_to(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return self._manages(request, None)

    def has_view_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_add_permission(self, request):
        return self._manages(request, None)

    def has_history_permission(self, request, obj):
        return self._manages(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kommun":
            kwargs["queryset"] = Kommun.objects.people_visible_to(request.user)
        elif db_field.name == "user":
            # People already working in the kommuner whose people the user sees; others are
            # invited by e-mail from the kommun's people page, so nobody sees every account.
            users = get_user_model().objects.order_by("username")
            if not request.user.is_superuser:
                visible = KommunMembership.objects.visible_to(request.user)
                users = users.filter(pk__in=visible.values("user"))
            kwargs["queryset"] = users
        elif db_field.name == "organisation" and self.admin_site.is_registered(
            db_field.related_model
        ):
            related_admin = self.admin_site.get_model_admin(db_field.related_model)
            kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
