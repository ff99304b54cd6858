from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lofte.adminsite import ConflictMixin
from lofte.history.versioned import EditConflict, diff, record
from lofte.kommuner.models import Kommun
from lofte.promises.admin_access import PromiseAccessMixin, PromiseInlineAccessMixin
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Membership, Promise


class GoalInline(PromiseInlineAccessMixin, admin.TabularInline):
    model = Goal
    promise_path = "promise"
    extra = 0


class FocusAreaInline(PromiseInlineAccessMixin, admin.TabularInline):
    model = FocusArea
    promise_path = "promise"
    prepopulated_fields = {"slug": ["name"]}
    extra = 0


@admin.register(Promise)
class PromiseAdmin(PromiseAccessMixin, admin.ModelAdmin):
    """A promise belongs to a kommun: its coordinators start promises there and coordinate
    them all. The form requires a kommun, among those the user coordinates (or the one the
    promise has); superusers choose any."""

    promise_path = ""
    inlines = [GoalInline, FocusAreaInline]
    list_display = ["title", "kommun", "area", "status", "period"]
    list_filter = ["status", ("kommun", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["kommun", "area"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["contacts"]

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, promise):
        start = date_format(promise.period_start, "SHORT_DATE_FORMAT")
        end = date_format(promise.period_end, "SHORT_DATE_FORMAT")
        return f"{start} – {end}"

    def has_add_permission(self, request, obj=None):
        # A new promise belongs to a kommun the user coordinates.
        return request.user.is_superuser or Kommun.objects.coordinated_by(request.user).exists()

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if obj is not None and not self.has_change_permission(request, obj):
            # Readers and editors see the promise, not the people behind it: contacts are
            # personal data for its coordinators, and an earlier promise may be someone's draft.
            exclude.append("contacts")
            visible = Promise.objects.visible_to(request.user)
            if obj.previous_id and not visible.filter(pk=obj.previous_id).exists():
                exclude.append("previous")
        return exclude

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kommun":
            kommuner = Kommun.objects.all()
            if not request.user.is_superuser:
                kommuner = Kommun.objects.coordinated_by(request.user)
            kwargs["queryset"] = kommuner
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("kommun")
        if field is not None and obj is not None and obj.kommun_id:
            # Its coordinators through a membership keep the kommun it has.
            field.queryset = field.queryset | Kommun.objects.filter(pk=obj.kommun_id)
        return form


@admin.register(Goal)
class GoalAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "promise"
    list_display = ["title", "promise", "order"]
    list_filter = [("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["promise"]
    search_fields = ["title"]


@admin.register(FocusArea)
class FocusAreaAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "promise"
    list_display = ["name", "promise", "order"]
    list_filter = [("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["promise"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MeasureInline(PromiseInlineAccessMixin, admin.TabularInline):
    model = Measure
    promise_path = "commitment__focus_area__promise"
    extra = 0


class CommitmentForm(forms.ModelForm):
    # The version the coordinator opened; saving over a newer one is a conflict.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        focus_area = cleaned_data.get("focus_area")
        goals = cleaned_data.get("goals") or []
        if focus_area and any(goal.promise_id != focus_area.promise_id for goal in goals):
            self.add_error("goals", _("Choose only goals of the focus area's promise."))
        if self.instance.pk:
            # Locked until the admin's transaction ends, so nobody saves in between.
            current = (
                Commitment.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned_data.get("opened_version") != current:
                raise forms.ValidationError(EditConflict.message, code="conflict")
        return cleaned_data


def _names(objects):
    return ", ".join(sorted(str(o) for o in objects))


@admin.register(Commitment)
class CommitmentAdmin(ConflictMixin, PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "focus_area__promise"
    form = CommitmentForm
    inlines = [MeasureInline]
    filter_horizontal = ["actors", "goals"]
    list_display = ["title", "focus_area", "status"]
    # RelatedOnly: a plain filter would list every promise's title, also others' drafts.
    list_filter = ["status", ("focus_area__promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["focus_area__promise"]
    search_fields = ["title", "description", "target_group"]

    # Every change is kept in history (public when the promise is) and bumps the version,
    # so an edit here and a review or report elsewhere never overwrite each other silently.
    HISTORY_FIELDS = [
        "focus_area",
        "title",
        "description",
        "target_group",
        "factor_kind",
        "factor",
        "starts_on",
        "ends_on",
        "status",
        "order",
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            request._commitment_before = None
            return
        before = Commitment.objects.select_for_update().get(pk=obj.pk)
        if before.version != form.cleaned_data.get("opened_version"):
            raise EditConflict(before)  # saved in between clean() and now: roll back
        request._commitment_before = (
            diff(before, obj, self.HISTORY_FIELDS),
            {"actors": _names(before.actors.all()), "goals": _names(before.goals.all())},
        )
        obj.version = before.version + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        promise = obj.focus_area.promise
        fields, old_m2m = getattr(request, "_commitment_before", None) or ({}, None)
        if old_m2m is not None:
            for name in ("actors", "goals"):
                new = _names(getattr(obj, name).all())
                if new != old_m2m[name]:
                    fields[name] = [old_m2m[name], new]
        for formset in formsets:
            for measure in formset.new_objects:
                # History keeps text: the word in the language of the person who added it.
                fields[f"measure:{measure.name}"] = [None, gettext("added")]
            for measure, changed in formset.changed_objects:
                fields[f"measure:{measure.name}"] = [None, ", ".join(changed)]
            for measure in formset.deleted_objects:
                fields[f"measure:{measure.name}"] = [measure.name, None]
        if change and not fields:
            return
        record(
            obj,
            user=request.user,
            promise=promise,
            action="changed" if change else "created",
            fields=fields,
            public=promise.is_public,
        )


@admin.register(Membership)
class MembershipAdmin(PromiseAccessMixin, admin.ModelAdmin):
    """Who has which role: shown only to those who may see a promise's people."""

    promise_path = "promise"
    list_display = ["user", "promise", "role"]
    list_filter = ["role", ("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "promise"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or self.in_any(
            Promise.objects.people_visible_to(request.user), obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # People already working in promises whose people the user may see; others are
            # invited by e-mail from the people page, so no coordinator sees every account.
            users = get_user_model().objects.order_by("username")
            if not request.user.is_superuser:
                visible = Membership.objects.visible_to(request.user)
                users = users.filter(pk__in=visible.values("user"))
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
