"""Löfte's admin site, and the access rules every ModelAdmin of ours shares.

Coordinators use the admin every day, so it keeps Löfte's rules; Django's model permissions
are not used for Löfte's models. Each app registers its models in its own `admin.py`:
promise content through `lofte.promises.admin_access.PromiseAccessMixin`, the shared
registries through `RegistryAccessMixin` here. Both ask the models' QuerySets who may do what.

Site-wide:
- "view on site" (/admin/r/<content type>/<id>/) is a 404 unless the user may view the object
  here, so counting ids reveals no draft;
- delete pages name only what the user may view here and count the rest (subscribers,
  invitations, history...);
- an object's history (who changed it) is for those who may see the people behind it.
"""

from collections import Counter

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, model_ngettext, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import router
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lofte.history.versioned import EditConflict


class AdminSite(admin.AdminSite):
    site_header = "Löfte"
    site_title = "Löfte"

    def get_urls(self):
        ours = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        urls = super().get_urls()
        return [ours if getattr(url, "name", None) == "view_on_site" else url for url in urls]

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to the object's page, if this user may view the object in the admin."""
        if not (content_type_id.isascii() and content_type_id.isdecimal()):
            raise Http404
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        model_admin = self._registry.get(model)
        obj = model_admin.get_object(request, unquote(object_id)) if model_admin else None
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)


class _Entry:
    """An object on a delete page: named if the user may view it in the admin, else counted."""

    def __init__(self, obj, label):
        self.opts = obj._meta
        self.label = label


def _tidy(nested):
    """Return Django's nested list of entries as text, each hidden entry (and all below it)
    counted per kind at the end of its level."""
    shown, hidden = [], Counter()
    for index, item in enumerate(nested):
        if isinstance(item, list):
            continue  # taken with the entry before it
        following = nested[index + 1] if index + 1 < len(nested) else None
        children = following if isinstance(following, list) else []
        if item.label is None:
            hidden[item.opts] += 1
            _count(children, hidden)
        else:
            shown.append(item.label)
            if below := _tidy(children):
                shown.append(below)
    for opts, count in hidden.items():
        shown.append(
            _("%(count)s %(things)s") % {"count": count, "things": model_ngettext(opts, count)}
        )
    return shown


def _count(nested, counter):
    for item in nested:
        if isinstance(item, list):
            _count(item, counter)
        else:
            counter[item.opts] += 1


def deleted_objects(objs, request, admin_site):
    """Django's get_deleted_objects, except that what the user may not view in the admin is
    counted instead of named: no delete page lists subscribers' or invited people's addresses."""
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def entry(obj):
        opts = obj._meta
        model_admin = admin_site._registry.get(type(obj))
        if model_admin is None:
            return _Entry(obj, None)
        if not model_admin.has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        if not model_admin.has_view_permission(request, obj):
            return _Entry(obj, None)
        url = reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
        )
        return _Entry(
            obj, format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)
        )

    to_delete = _tidy(collector.nested(entry))
    protected = _tidy([entry(obj) for obj in collector.protected])
    model_count = {
        model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()
    }
    return to_delete, model_count, perms_needed, protected


class AccessMixin:
    """What every ModelAdmin of Löfte's shares: delete pages and histories that leak nothing."""

    def get_deleted_objects(self, objs, request):
        return deleted_objects(objs, request, self.admin_site)

    def has_history_permission(self, request, obj):
        """Return True if the user may see who changed the object. Only superusers here."""
        return request.user.is_superuser

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_history_permission(request, obj):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


class ConflictMixin:
    """For a ModelAdmin whose form refuses a stale save (a ValidationError with code
    "conflict") and whose save_model raises EditConflict when someone saved in between the
    form's check and the save: the page answers 409 with the person's input kept."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Saved by someone else between the form's check and the save; all was rolled
            # back. The form's check now sees the newer version and says so (a 409).
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if context["adminform"].form.has_error(NON_FIELD_ERRORS, code="conflict"):
            response.status_code = 409  # as everywhere in Löfte, with the person's input kept
        return response


class RegistryAccessMixin(AccessMixin):
    """Scope the admin of a shared registry by its QuerySet (lofte.registries): coordinators
    view every row and add rows, and change or delete those they are responsible for.

    A row's kommun is one of those the user looks after (or none, a national row, or the one it
    has), and a new row gets the user's kommun to begin with. A registry's history is for
    superusers: it names coordinators of any promise.
    """

    def _may(self, rule, request, obj):
        manager = self.model._default_manager
        return getattr(manager, rule)(request.user).filter(pk=obj.pk).exists()

    def get_queryset(self, request):
        return super().get_queryset(request).viewable_by(request.user)

    def has_module_permission(self, request):
        return self.model._default_manager.looked_after_by(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return self._may("viewable_by", request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return self._may("changeable_by", request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return self._may("deletable_by", request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if self._has_kommun() and "kommun" not in initial and not request.user.is_superuser:
            kommun = self.model._default_manager.kommuner_of(request.user).first()
            if kommun is not None:
                initial["kommun"] = kommun.pk
        return initial

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("kommun")
        if field is not None and not request.user.is_superuser:
            # base_fields belong to the form class made for this request alone.
            kommuner = self.model._default_manager.kommuner_of(request.user)
            if obj is not None and obj.kommun_id:
                kommuner = kommuner | field.queryset.filter(pk=obj.kommun_id)
            field.queryset = kommuner
        return form

    def _has_kommun(self):
        return any(f.name == "kommun" for f in self.model._meta.get_fields())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
