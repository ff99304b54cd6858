"""The reader's language: which one, remembered how, written which way, and each text's own.

Swedish is the default and has no prefix (`/medborgarloften/…`); every other language has one
(`/en/…`, `/ar/…`). A reader who opens a Swedish address is sent to their language's when they
chose one with the language switch (a cookie) or, before they have chosen, when their browser
asks for one (Accept-Language). An address with a prefix always shows its language, so a shared
link reads the same for everyone.

Texts written by people (a promise's title, a commitment) may be shown in another language than
the page's: in Swedish when nobody has translated them yet. An object whose texts were
translated for a page carries `text_languages` ({field: language}); the template filters here
give each text its own `lang` and `dir`, and a note when it is not in the reader's language.
"""

from django import template
from django.conf import settings
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

COOKIE_MAX_AGE = 365 * 24 * 3600
RTL = {"ar", "fa", "he", "ur"}

register = template.Library()


def direction(code):
    """Return "rtl" for a language written right to left, otherwise "ltr"."""
    return "rtl" if (code or "").split("-")[0] in RTL else "ltr"


def codes():
    return [code for code, _name in settings.LANGUAGES]


def chosen_language(request):
    """Return the language the reader chose (cookie) or their browser asks for, or None."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code in codes():
        return code
    for accepted, _q in translation.trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        if accepted == "*":
            break
        try:
            return translation.get_supported_language_variant(accepted)
        except LookupError:
            continue
    return None


def safe_next(request, url):
    """Return url when it is a path on this site, otherwise the home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


def remember(response, code, request):
    """Keep the reader's choice of language in a cookie for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )


class ReadersLanguageMiddleware:
    """Send a reader who opens a Swedish address to the same page in their language.

    After LocaleMiddleware. Only GET and HEAD, only to a page that exists in that language; the
    answer to an address without prefix varies with the cookie and Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect

        unprefixed = not translation.get_language_from_path(request.path_info)
        if unprefixed and request.method in ("GET", "HEAD"):
            code = chosen_language(request)
            if code and code != settings.LANGUAGE_CODE:
                prefixed = f"/{code}{request.path_info}"
                urlconf = getattr(request, "urlconf", None)
                with translation.override(code):
                    exists = is_valid_path(prefixed, urlconf)
                if exists:
                    query = request.META.get("QUERY_STRING", "")
                    url = request.META.get("SCRIPT_NAME", "") + prefixed
                    response = redirect(f"{url}?{query}" if query else url)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        if unprefixed:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


@register.filter
def lang_attrs(obj, field):
    """` lang="…" dir="…"` for the text `field` of obj, in the language it is shown in."""
    code = text_language(obj, field)
    return format_html(' lang="{}" dir="{}"', code, direction(code))


@register.filter
def untranslated(obj, field):
    """A note, in the reader's language, when the text `field` of obj is not in it."""
    if not obj or text_language(obj, field) == translation.get_language():
        return ""
    return format_html(
        ' <span class="untranslated" lang="{}" dir="{}">({})</span>',
        translation.get_language(),
        direction(translation.get_language()),
        _("not yet translated"),
    )


@register.filter
def in_its_language(obj, field):
    """The text `field` of obj in a span marked with its language, and the note when it is
    not in the reader's: for a text inside a translated sentence, where no element of its own
    can carry `lang_attrs`."""
    if not obj:
        return ""
    return format_html(
        "<span{}>{}</span>{}", lang_attrs(obj, field), getattr(obj, field), untranslated(obj, field)
    )


@register.simple_tag
def page_direction():
    return mark_safe(direction(translation.get_language()))


def text_language(obj, field):
    """The language obj's text `field` is shown in: its translation's, else Swedish, the
    language promises are written in."""
    return (getattr(obj, "text_languages", None) or {}).get(field, settings.LANGUAGE_CODE)
