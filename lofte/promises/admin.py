from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

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
    promise_path = ""
    inlines = [GoalInline, FocusAreaInline]
    list_display = ["title", "area", "status", "period"]
    list_filter = ["status"]
    list_select_related = ["area"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["contacts"]

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, promise):
        start = date_format(promise.period_start, "SHORT_DATE_FORMAT")
        end = date_format(promise.period_end, "SHORT_DATE_FORMAT")
        return f"{start} – {end}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # Whoever creates a promise coordinates it; otherwise they could not open it again.
            Membership.objects.get_or_create(
                user=request.user, promise=obj, role=Membership.Role.COORDINATOR
            )


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
    def clean(self):
        cleaned_data = super().clean()
        focus_area = cleaned_data.get("focus_area")
        goals = cleaned_data.get("goals") or []
        if focus_area and any(goal.promise_id != focus_area.promise_id for goal in goals):
            self.add_error("goals", _("Choose only goals of the focus area's promise."))
        return cleaned_data


@admin.register(Commitment)
class CommitmentAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "focus_area__promise"
    form = CommitmentForm
    inlines = [MeasureInline]
    filter_horizontal = ["actors", "goals"]
    list_display = ["title", "focus_area", "status"]
    # RelatedOnly: a plain filter would list every promise's title, also others' drafts.
    list_filter = ["status", ("focus_area__promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["focus_area__promise"]
    search_fields = ["title", "description", "target_group"]


@admin.register(Membership)
class MembershipAdmin(PromiseAccessMixin, admin.ModelAdmin):
    promise_path = "promise"
    list_display = ["user", "promise", "role"]
    list_filter = ["role", ("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "promise"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # People already working in the coordinator's promises; others are invited by
            # e-mail from the people page, so no coordinator sees every account.
            users = get_user_model().objects.order_by("username")
            if not request.user.is_superuser:
                mine = Promise.objects.editable_by(request.user)
                users = users.filter(memberships__promise__in=mine).distinct()
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
