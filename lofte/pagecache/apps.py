from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    name = "lofte.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from lofte.pagecache import versions

        connection_created.connect(versions.watch_connection, dispatch_uid="pagecache-watch")
        request_finished.connect(versions.flush_at_request_end, dispatch_uid="pagecache-flush")
        # After ratelimit's (earlier in INSTALLED_APPS), which makes the cache's table.
        pre_migrate.connect(versions.before_migrate, sender=self)
        post_migrate.connect(versions.after_migrate, sender=self)
