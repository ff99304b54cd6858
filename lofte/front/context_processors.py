from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from lofte.web import absolute_url


def site(request):
    """Add the demo flag and the links to this page in each language."""
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(request.get_full_path(), code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": absolute_url(url),  # hreflang wants these
            }
        )
    return {"DEMO": settings.DEMO, "site_languages": languages}
