from urllib.parse import quote

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language_info

from lofte.languages import direction
from lofte.web import absolute_url


def site(request):
    """Add the demo flag and the links to this page in each language."""
    languages = []
    here = quote(request.get_full_path(), safe="/")
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(request.get_full_path(), code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": absolute_url(url),  # hreflang wants these
                # The switch remembers the choice, then shows this page in that language.
                "switch_url": reverse("choose_language", args=[code]) + f"?next={here}",
                "dir": direction(code),
            }
        )
    return {"DEMO": settings.DEMO, "site_languages": languages}
