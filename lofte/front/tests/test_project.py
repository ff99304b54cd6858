"""Checks on the project as a whole: migrations, translations, settings."""

import gettext
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from lofte.settings import database_from_url

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def read_po(path):
    """Return (msgid, msgstr values, fuzzy) for each entry of a .po file."""
    entries, fuzzy, current, field = [], False, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                strs = [v for k, v in current.items() if k.startswith("msgstr")]
                entries.append((current["msgid"], strs, fuzzy))
            current, fuzzy, field = {}, False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += line[1:-1]
        else:
            field, _, value = line.partition(" ")
            current[field] = value[1:-1]
    return entries


def test_the_swedish_translation_is_complete_and_not_fuzzy():
    entries = read_po(LOCALE / "sv/LC_MESSAGES/django.po")
    assert len(entries) > 100
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []


def test_the_compiled_swedish_catalogue_matches_the_po_file(tmp_path):
    # msgfmt comes from Debian's gettext, which scripts/test installs.
    po = LOCALE / "sv/LC_MESSAGES/django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", fresh, po], check=True)
    with open(fresh, "rb") as f1, open(po.with_suffix(".mo"), "rb") as f2:
        assert gettext.GNUTranslations(f1)._catalog == gettext.GNUTranslations(f2)._catalog


def test_database_urls_give_sqlite_and_postgresql_settings():
    sqlite = database_from_url("sqlite:////tmp/x.sqlite3")
    assert sqlite["NAME"] == "/tmp/x.sqlite3"
    # Many people saving at once wait their turn instead of getting "database is locked".
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["OPTIONS"]["timeout"] >= 10
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    pg = database_from_url("postgres://u:p%40ss@db.example.se:5433/lofte?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "u",
        "p@ss",
        "db.example.se",
        5433,
        "lofte",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    with pytest.raises(ValueError):
        database_from_url("mysql://x/y")
