"""The coordinators' translations of a promise, under /oversattningar/<slug>/.

Every page is for those who may change the promise (`Promise.can_be_changed_by`: its
coordinators, its kommun's and superusers): a draft is a 404 to everyone else, as on every
page of a promise, and a published promise's translations a 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from lofte.history.models import Change
from lofte.languages import direction
from lofte.promises.models import Promise
from lofte.translations.actions import (
    HISTORY_ACTION,
    TranslationConflict,
    easy_read_key,
    history_key,
    save_easy_read,
    save_translations,
)
from lofte.translations.content import easy_read_objects, texts_of
from lofte.translations.forms import TextsForm, UploadForm
from lofte.translations.models import (
    EASY_READ_MAX_LENGTH,
    Translation,
    translation_languages,
)
from lofte.translations.spreadsheet import Refused, build_xlsx, check_upload

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def coordinated_promise(request, slug):
    """Return the promise if the user may change it: 404 for a draft they cannot see, 403 for
    the rest. Anonymous users are sent to log in before this."""
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    return promise


def _language(code):
    names = dict(translation_languages())
    if code not in names:
        raise Http404("No such language")
    return code, names[code]


def _stored(promise, language):
    """Return {text key: Translation} of the promise's texts in language."""
    rows = Translation.objects.filter(promise=promise, language=language).translations()
    return {
        f"{r.model_label}:{r.object_id}:{r.field}": r for r in rows.select_related("content_type")
    }


@login_required
def overview(request, slug):
    promise = coordinated_promise(request, slug)
    texts = texts_of(promise)
    languages = []
    for code, name in translation_languages():
        stored = _stored(promise, code)
        done = [t for t in texts if t.key in stored]
        outdated = [t for t in done if stored[t.key].is_outdated(t.source)]
        languages.append(
            {
                "code": code,
                "name": name,
                "total": len(texts),
                "done": len(done),
                "outdated": len(outdated),
            }
        )
    ctx = {"promise": promise, "languages": languages, "upload": UploadForm()}
    return render(request, "translations/overview.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, slug, language):
    promise = coordinated_promise(request, slug)
    code, name = _language(language)
    texts = texts_of(promise)
    stored = _stored(promise, code)
    items = [
        (
            f"t{n}",
            f"{t.where} · {t.field_label}",
            t.max_length,
            getattr(stored.get(t.key), "text", ""),
        )
        for n, t in enumerate(texts)
    ]
    versions = {f"t{n}": getattr(stored.get(t.key), "version", 0) for n, t in enumerate(texts)}
    form = TextsForm(request.POST or None, items=items, language=code, versions=versions)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_translations(
                promise,
                code,
                [(t, form.cleaned_data[f"t{n}"]) for n, t in enumerate(texts)],
                request.user,
                seen=_seen(form, "t", [t.key for t in texts]),
            )
        except TranslationConflict as conflict:
            keys = [t.key for t in texts]
            form = _conflicting(request, items, code, versions, "t", keys, conflict)
            status = 409
        else:
            messages.success(
                request,
                ngettext("%(n)s text saved.", "%(n)s texts saved.", changed) % {"n": changed},
            )
            return redirect(reverse("translations:edit", args=[promise.slug, code]))
    rows = [
        {
            "text": t,
            "field": form[f"t{n}"],
            "version": form[f"t{n}_v"],
            "outdated": t.key in stored and stored[t.key].is_outdated(t.source),
        }
        for n, t in enumerate(texts)
    ]
    ctx = {
        "promise": promise,
        "language": code,
        "language_name": name,
        "dir": direction(code),
        "form": form,
        "rows": rows,
    }
    if form.errors and status == 200:
        status = 400
    return render(request, "translations/edit.html", ctx, status=status)


def _seen(form, prefix, keys):
    """{text key: the version the person saw} of the boxes whose version came back."""
    seen = {key: form.seen_version(f"{prefix}{n}") for n, key in enumerate(keys)}
    return {key: version for key, version in seen.items() if version is not None}


def _conflicting(request, items, language, versions, prefix, keys, conflict):
    """The form again with the person's own texts, each text someone else saved meanwhile
    marked with what is stored now; its hidden versions now the stored ones, so that saving
    again (after looking) is meant."""
    data = request.POST.copy()
    for n, key in enumerate(keys):
        if key in conflict.current:
            data[f"{prefix}{n}_v"] = getattr(conflict.current[key], "version", 0)
    form = TextsForm(data, items=items, language=language, versions=versions)
    form.is_valid()
    form.add_error(None, str(TranslationConflict.message))
    for n, key in enumerate(keys):
        if key in conflict.current:
            now = getattr(conflict.current[key], "text", "") or _("(empty)")
            form.add_error(
                f"{prefix}{n}",
                _("Someone else saved this text meanwhile. It now reads: “%(text)s”")
                % {"text": now},
            )
    return form


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def easy_read(request, slug):
    promise = coordinated_promise(request, slug)
    objects = easy_read_objects(promise)
    stored = {
        (r.model_label, r.object_id): r
        for r in Translation.objects.of_objects([o for o, _w in objects]).easy_read()
    }
    keys = [easy_read_key(obj) for obj, _w in objects]
    rows = [stored.get((obj._meta.label_lower, obj.pk)) for obj, _w in objects]
    items = [
        (f"e{n}", f"{where}: {obj}", EASY_READ_MAX_LENGTH, getattr(rows[n], "text", ""))
        for n, (obj, where) in enumerate(objects)
    ]
    versions = {f"e{n}": getattr(row, "version", 0) for n, row in enumerate(rows)}
    language = settings.LANGUAGE_CODE
    form = TextsForm(request.POST or None, items=items, language=language, versions=versions)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_easy_read(
                promise,
                [(obj, form.cleaned_data[f"e{n}"]) for n, (obj, _w) in enumerate(objects)],
                request.user,
                seen=_seen(form, "e", keys),
            )
        except TranslationConflict as conflict:
            form = _conflicting(request, items, language, versions, "e", keys, conflict)
            status = 409
        else:
            messages.success(
                request,
                ngettext("%(n)s text saved.", "%(n)s texts saved.", changed) % {"n": changed},
            )
            return redirect(reverse("translations:easy_read", args=[promise.slug]))
    ctx = {"promise": promise, "form": form}
    if form.errors and status == 200:
        status = 400
    return render(request, "translations/easy_read.html", ctx, status=status)


@login_required
def history(request, slug, language):
    """Who changed one text's translation into language, when, and what it read before."""
    promise = coordinated_promise(request, slug)
    code, name = _language(language)
    key = request.GET.get("text", "")
    text = next((t for t in texts_of(promise) if t.key == key), None)
    if text is None:
        raise Http404("No such text")
    wanted = history_key(code, text.field)
    changes = [
        {"change": c, "old": old, "new": new}
        for c in Change.objects.of(text.obj).filter(action=HISTORY_ACTION).select_related("user")
        if wanted in (c.fields or {})
        for old, new in [(list(c.fields[wanted]) + ["", ""])[:2]]
    ]
    ctx = {
        "promise": promise,
        "language": code,
        "language_name": name,
        "dir": direction(code),
        "text": text,
        "changes": changes,
    }
    return render(request, "translations/history.html", ctx)


@login_required
def export(request, slug, language):
    promise = coordinated_promise(request, slug)
    code, _name = _language(language)
    rows = _stored(promise, code)
    stored = {key: row.text for key, row in rows.items()}
    versions = {key: row.version for key, row in rows.items()}
    response = HttpResponse(
        build_xlsx(promise, code, stored, versions),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{promise.slug}-{code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def import_file(request, slug, language):
    promise = coordinated_promise(request, slug)
    code, name = _language(language)
    form = UploadForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            errors = [_("The file is larger than %(max)s MB.") % {"max": 2}]
        else:
            exported = {}
            try:
                found, errors = check_upload(
                    promise, code, upload.name, upload.read(), versions=exported
                )
            except Refused as refused:
                errors = [str(refused)]
            if not errors:
                seen = {key: version for key, (version, _row) in exported.items()}
                try:
                    changed = save_translations(promise, code, found, request.user, seen=seen)
                except TranslationConflict as conflict:
                    errors = [
                        _(
                            "Row %(row)s: someone changed this translation in Löfte since the "
                            "file was exported; export a new file."
                        )
                        % {"row": exported[key][1]}
                        for key in sorted(conflict.current, key=lambda k: exported[k][1])
                    ]
                else:
                    messages.success(
                        request,
                        ngettext("%(n)s text imported.", "%(n)s texts imported.", changed)
                        % {"n": changed},
                    )
                    return redirect(reverse("translations:edit", args=[promise.slug, code]))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    ctx = {"promise": promise, "language": code, "language_name": name, "errors": errors}
    return render(request, "translations/import_refused.html", ctx, status=400)
