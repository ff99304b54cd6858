"""Accessibility problem reports in the admin: for superusers and staff given the right.

Unlike Löfte's promise content, these belong to no promise: Django's model permissions
decide (`legal.view_problemreport`, `legal.change_problemreport`), so a coordinator sees none
unless the staff give them that right. Nobody adds a report here: residents send them.
"""

from django.contrib import admin

from lofte.legal.models import ProblemReport


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "created_at", "handled"]
    list_filter = ["handled"]
    fields = ["created_at", "page", "description", "email", "handled"]
    readonly_fields = ["created_at", "page", "description", "email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
