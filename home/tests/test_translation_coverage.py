"""Every string in the code and templates is in the French catalogue: adding one without translating fails."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = Path("locale") / "fr" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def project_with_a_copy_of_the_catalogue(tmp_path, settings, monkeypatch):
    """A temporary folder that links to the project's code and holds a copy of its locale/ folder,
    made the working directory and the only LOCALE_PATHS: makemessages writes there, never into
    the committed catalogue (which other tests read meanwhile)."""
    (tmp_path / CATALOGUE).parent.mkdir(parents=True)
    shutil.copyfile(BASE_DIR / CATALOGUE, tmp_path / CATALOGUE)
    for entry in BASE_DIR.iterdir():
        if entry.name != "locale" and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed; .ci/run installs it"
)
def test_catalogue_holds_every_string_of_the_code(project_with_a_copy_of_the_catalogue):
    copy = project_with_a_copy_of_the_catalogue / CATALOGUE
    copied_at, committed_at = copy.stat().st_mtime_ns, (BASE_DIR / CATALOGUE).stat().st_mtime_ns

    call_command(
        "makemessages",
        locale=["fr"],
        no_obsolete=True,
        symlinks=True,
        ignore_patterns=["staticfiles/*", "bench/*", "artifacts/*"],
        verbosity=0,
    )

    assert copy.stat().st_mtime_ns != copied_at, "makemessages did not rewrite the copy of the catalogue"
    assert (BASE_DIR / CATALOGUE).stat().st_mtime_ns == committed_at
    extracted = polib.pofile(str(copy))
    missing = [entry.msgid for entry in extracted if not entry.obsolete and not entry.translated()]
    assert missing == [], "Run `make messages` and translate these strings"
