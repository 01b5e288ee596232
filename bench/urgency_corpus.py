"""The urgent phrases as seeded, against the corpus they were written with and the held-out set written after
(consultations/moderation/tests/urgency_corpus.py): recall and false positives per language, and what is
missed or wrongly caught in the held-out set.

Run with `.venv/bin/python bench/urgency_corpus.py`. Uses the test settings and a throwaway in-memory SQLite
database made by the migrations (so the list is the seeded one).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

from bench.measure import in_test_database  # noqa: E402

django.setup()


def report():
    from consultations.moderation.tests import urgency_corpus as corpus
    from consultations.moderation.urgency import find_urgent

    def joined(*sets):
        return {
            language: [text for texts in sets for text in texts.get(language, [])]
            for language in ("fr", "en")
        }

    for title, urgent, everyday in (
        (
            "corpus",
            joined(corpus.URGENT, corpus.FIRST_HELD_OUT_URGENT),
            joined(corpus.EVERYDAY, corpus.FIRST_HELD_OUT_EVERYDAY),
        ),
        ("held out", corpus.HELD_OUT_URGENT, corpus.HELD_OUT_EVERYDAY),
    ):
        for language in ("fr", "en"):
            missed = [text for text in urgent[language] if not find_urgent(text)]
            caught = [text for text in everyday[language] if find_urgent(text)]
            found = len(urgent[language]) - len(missed)
            print(
                f"{title:9} {language}: recall {found}/{len(urgent[language])} "
                f"({100 * found / len(urgent[language]):.0f} %), "
                f"everyday caught {len(caught)}/{len(everyday[language])}"
            )
            if title == "held out":
                for text in missed:
                    print(f"    missed: {text}")
                for text in caught:
                    print(f"    caught: {text}")


if __name__ == "__main__":
    in_test_database(report)
