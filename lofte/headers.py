"""Response headers every page gets: the Permissions-Policy, and no caching of private work.

Back-office pages (follow-up, residents' voice, people, account, the admin), the files behind
them (evidence, import templates) and every answer to someone logged in are `private,
no-store`: neither a shared proxy nor the browser's disk keeps a copy of what a logged-in
person saw.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# URL namespaces, and single views, that make up the back office.
BACK_OFFICE = {
    "admin",
    "followup",
    "accounts",
    "dialog",
    "translations",
    "front:login",
    "front:logout",
    "front:account",
}


def is_back_office(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and bool({match.namespace, match.view_name} & BACK_OFFICE)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if is_back_office(request) or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
