"""Translations in the admin: for the coordinators of their promises, and for superusers.

Only the text changes here (a translation is made on the coordinators' page or by the
spreadsheet); every change goes through `actions.change_translation`, so it is kept in history
and refused when someone else saved the text since the form was opened (a 409, the person's
text kept), as in the rest of Löfte's admin.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lofte.adminsite import ConflictMixin
from lofte.history.versioned import EditConflict
from lofte.promises.admin_access import PromiseAccessMixin
from lofte.promises.models import Promise
from lofte.translations.actions import change_translation
from lofte.translations.models import Translation


class TranslationForm(forms.ModelForm):
    # The version the coordinator opened; saving over a newer one is a conflict.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Translation
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version
        self.fields["text"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            current = (
                Translation.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned_data.get("opened_version") != current:
                raise forms.ValidationError(EditConflict.message, code="conflict")
        return cleaned_data


@admin.register(Translation)
class TranslationAdmin(ConflictMixin, PromiseAccessMixin, admin.ModelAdmin):
    """A coordinator sees and changes the translations of the promises they coordinate; a
    promise's readers and actors' editors see none here."""

    promise_path = "promise"
    form = TranslationForm
    list_display = ["__str__", "promise", "language", "field", "updated_at", "updated_by"]
    list_filter = ["language", ("promise", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["promise", "content_type", "updated_by"]
    search_fields = ["text"]
    fields = [
        "promise",
        "translated",
        "field",
        "language",
        "source",
        "text",
        "opened_version",
        "updated_by",
    ]
    readonly_fields = ["promise", "translated", "field", "language", "source", "updated_by"]

    def get_queryset(self, request):
        queryset = super(PromiseAccessMixin, self).get_queryset(request)
        return queryset.coordinated_by(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or self.in_any(
            Promise.objects.editable_by(request.user), obj
        )

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("translated text of"))
    def translated(self, obj):
        target = obj.content_type.get_object_for_this_type(pk=obj.object_id)
        return f"{obj.content_type.name}: {target}"

    @admin.display(description=_("Swedish text"))
    def source(self, obj):
        target = obj.content_type.get_object_for_this_type(pk=obj.object_id)
        return getattr(target, obj.field, "") or ""

    def save_model(self, request, obj, form, change):
        change_translation(
            obj, form.cleaned_data["text"], request.user, form.cleaned_data.get("opened_version")
        )

    def delete_model(self, request, obj):
        change_translation(obj, "", request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            change_translation(obj, "", request.user)
