from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"


def test_every_interface_string_has_a_french_translation():
    catalogue = polib.pofile(str(CATALOGUE / "django.po"))

    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]

    assert untranslated == []


def test_compiled_french_catalogue_matches_its_source():
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUE / "django.po"))}
    compiled = {
        entry.msgid: entry.msgstr for entry in polib.mofile(str(CATALOGUE / "django.mo")) if entry.msgid
    }

    assert compiled == {msgid: msgstr for msgid, msgstr in source.items() if msgstr}
