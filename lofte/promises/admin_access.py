"""Who may do what in the admin: rights come from memberships, not Django's model permissions.

A coordinator of a promise may view, add, change and delete what belongs to it; a reader may
view it. A superuser may do everything. Staff without a membership see nothing here.
"""

from lofte.promises.models import Membership, Promise


def member_promises(user):
    """Return the promises the user has any role in."""
    # The admin's login page asks too, for a visitor not yet logged in.
    if not user.is_authenticated:
        return Promise.objects.none()
    return Promise.objects.filter(memberships__user=user)


def is_coordinator(user):
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()


class PromiseAccessMixin:
    """Scope a ModelAdmin to the promises the user is a member of.

    Each admin sets promise_path, the lookup from its model to the promise: "" for Promise
    itself, "promise" for Goal, "focus_area__promise" for Commitment. There is no default,
    so an admin that forgets it fails loudly instead of filtering on the wrong field.

    A foreign key or many-to-many field to a model whose admin uses this mixin offers only
    the rows of promises the user coordinates, so a forged id fails the form's validation.
    """

    def in_promises(self, queryset, promises):
        lookup = f"{self.promise_path}__in" if self.promise_path else "pk__in"
        return queryset.filter(**{lookup: promises})

    def promise_id_of(self, obj):
        if not self.promise_path:
            return obj.pk
        *hops, last = self.promise_path.split("__")
        for hop in hops:
            obj = getattr(obj, hop)
        return getattr(obj, f"{last}_id")

    def editable_choices(self, request):
        """Return the rows the user may attach things to: those of promises they coordinate."""
        queryset = self.model._default_manager.all()
        if request.user.is_superuser:
            return queryset
        return self.in_promises(queryset, Promise.objects.editable_by(request.user))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.in_promises(queryset, member_promises(request.user))

    def has_module_permission(self, request):
        return request.user.is_superuser or member_promises(request.user).exists()

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        promises = member_promises(request.user)
        if obj is not None:
            promises = promises.filter(pk=self.promise_id_of(obj))
        return promises.exists()

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if obj is None:
            return is_coordinator(request.user)
        return Promise.objects.editable_by(request.user).filter(pk=self.promise_id_of(obj)).exists()

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        # Inlines pass the parent object; a ModelAdmin passes none, and the form's limited
        # choices keep the new object inside the user's promises.
        return self.has_change_permission(request, obj)

    def limit_choices(self, db_field, request, kwargs):
        model = db_field.related_model
        if self.admin_site.is_registered(model):
            related_admin = self.admin_site.get_model_admin(model)
            if isinstance(related_admin, PromiseAccessMixin):
                kwargs["queryset"] = related_admin.editable_choices(request)
            elif isinstance(related_admin, RegistryAccessMixin):
                # A shared registry offers what its own admin shows this user.
                kwargs["queryset"] = related_admin.get_queryset(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self.limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self.limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PromiseInlineAccessMixin(PromiseAccessMixin):
    """Scope an inline; Django passes the parent object to an inline's permission checks."""

    def promise_id_of(self, parent):
        return self.admin_site.get_model_admin(self.parent_model).promise_id_of(parent)


class RegistryAccessMixin:
    """Shared registries (organisations, contacts, areas): any coordinator may view, add and
    change them; only a superuser may delete, since other promises may rely on a row."""

    def has_module_permission(self, request):
        return request.user.is_superuser or is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
