from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"


def test_every_interface_string_has_a_french_translation():
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))

    untranslated = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]

    assert untranslated == []


def translations(catalogue):
    """{(context, msgid): translation}: the same words may be translated differently in two contexts."""
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in catalogue
        if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
    }


def test_compiled_french_catalogue_matches_its_source():
    source = translations(polib.pofile(str(CATALOGUE / "django.po")))
    compiled = translations(polib.mofile(str(CATALOGUE / "django.mo")))

    assert compiled == source
