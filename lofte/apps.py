from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with Löfte's site (lofte.adminsite), in INSTALLED_APPS in its place."""

    default_site = "lofte.adminsite.AdminSite"
