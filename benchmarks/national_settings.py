"""Settings for the national benchmark: Löfte's own, with every cache in this process's memory
(so that clearing it between uncached requests touches no shared Redis or table)."""

from lofte.settings import *  # noqa: F403
from lofte.settings import CACHES

DEBUG = False
ALLOWED_HOSTS = ["testserver"]
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in CACHES
}
