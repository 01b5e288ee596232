"""Every string in the code and templates is in the French catalogue: adding one without translating fails."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed; .ci/run installs it"
)
def test_catalogue_holds_every_string_of_the_code(tmp_path):
    committed = CATALOGUE.read_bytes()
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                "fr",
                "--no-obsolete",
                "--ignore",
                ".venv/*",
                "--ignore",
                "staticfiles/*",
                "--ignore",
                "bench/*",
                "--ignore",
                "artifacts/*",
            ],
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
        extracted = polib.pofile(str(CATALOGUE))
    finally:
        CATALOGUE.write_bytes(committed)

    missing = [entry.msgid for entry in extracted if not entry.obsolete and not entry.translated()]
    assert missing == [], "Run `make messages` and translate these strings"
