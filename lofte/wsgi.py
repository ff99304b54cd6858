import os

from django.core.wsgi import get_wsgi_application

from lofte.ops.memory import FreezeLongLived

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
application = FreezeLongLived(get_wsgi_application())
