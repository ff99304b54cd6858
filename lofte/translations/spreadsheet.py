"""A promise's texts as a spreadsheet for a translation agency, and reading it back.

The file has one row per Swedish text: its key (which object and field), where it sits, the
Swedish text, the source's digest and a column for the translation. Reading it back writes
nothing: `check_upload` returns the translations to save, or every problem with its row
number. It refuses a file for another promise or language, a row whose Swedish text has
changed since the export (its digest no longer matches), an unknown key and a text that is too
long; a blank translation leaves the stored one as it is. The last column holds the version of
the stored translation at the export, so that saving the file refuses a translation someone
changed in Löfte since (`actions.TranslationConflict`).
"""

import io

from django.utils.translation import gettext as _

from lofte.followup.spreadsheet.reading import FileProblem, read_table
from lofte.text import keep_formulas_as_text, text_from_person, xlsx_row
from lofte.translations.content import texts_of

FORMAT = "lofte-translations/1"
HEADER = ("key", "where", "field", "swedish", "source digest", "translation", "version")


def build_xlsx(promise, language, translations, versions=None):
    """Return XLSX bytes of the promise's texts, with the stored translations filled in and
    their versions ({key: version}; 0 for none)."""
    versions = versions or {}
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Translations"
    ws.append(xlsx_row([FORMAT, promise.slug, language]))
    ws.append(
        [
            _("Key"),
            _("Where"),
            _("Field"),
            _("Swedish"),
            _("Source digest"),
            _("Translation"),
            _("Version (do not change)"),
        ]
    )
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for text in texts_of(promise):
        ws.append(
            xlsx_row(
                [
                    text.key,
                    text.where,
                    text.field_label,
                    text.source,
                    text.digest,
                    translations.get(text.key, ""),
                    versions.get(text.key, 0),
                ]
            )
        )
    for column, width in zip("ABCDEFG", (28, 22, 16, 60, 20, 60, 10), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in (row[3], row[5]):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    keep_formulas_as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Refused(Exception):
    """The whole file is refused: it is not ours, or for another promise or language."""


def check_upload(promise, language, name, data, versions=None):
    """Return ([(Text, translation)], [row errors]) of an uploaded file; writes nothing.
    Fills `versions` (a dict, when given) with {key: (the version at the export, row number)}
    of each translated row that has one (files exported before versions were kept have none).

    Raises Refused when the file cannot be read or is not this promise's in this language.
    """
    versions = {} if versions is None else versions
    try:
        table = read_table(name, data)
    except FileProblem as problem:
        raise Refused(str(problem)) from None
    if not table or (table[0][1] + [None] * 3)[0] != FORMAT:
        raise Refused(_("This is not a translation file exported from Löfte."))
    _number, first = table[0]
    first = first + [None] * 3
    if first[1] != promise.slug:
        raise Refused(_("This file is for another promise (%(slug)s).") % {"slug": first[1] or "–"})
    if first[2] != language:
        raise Refused(
            _("This file is for another language (%(language)s).") % {"language": first[2] or "–"}
        )
    texts = {t.key: t for t in texts_of(promise)}
    found, errors, seen = [], [], set()
    for number, cells in table[2:]:
        cells = (cells + [None] * len(HEADER))[: len(HEADER)]
        key, _where, _field, _source, source_digest, translation, version = cells
        translation = text_from_person(str(translation)) if translation is not None else ""
        text = texts.get(str(key or ""))
        if text is None:
            errors.append(_("Row %(row)s: no such text in this promise.") % {"row": number})
            continue
        if key in seen:
            errors.append(_("Row %(row)s: this text comes twice.") % {"row": number})
            continue
        seen.add(key)
        if source_digest != text.digest:
            errors.append(
                _(
                    "Row %(row)s: the Swedish text has changed since the file was exported; "
                    "export a new file."
                )
                % {"row": number}
            )
            continue
        if len(translation) > text.max_length:
            errors.append(
                _("Row %(row)s: the translation is longer than %(max)s characters.")
                % {"row": number, "max": text.max_length}
            )
            continue
        if translation:
            found.append((text, translation))
            if isinstance(version, int | float) and version >= 0:
                versions[text.key] = (int(version), number)
    return found, errors
