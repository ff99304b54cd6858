"""The queue's own admin page (django-tasks-db's) is not shown: its rows are the transport, and
the Job table, on the coordinators' page, is what people follow."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
