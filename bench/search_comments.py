"""Benchmark: the site search with many published comments.

Run with `.venv/bin/python bench/search_comments.py [N]` (default 10,000). Uses the test settings and a
throwaway in-memory SQLite database (or DATABASE_URL). Prints the queries and the median time of the search
page for a few kinds of query: a word most comments contain, a rare one, none, an accented one, and the
longest query the box takes (200 characters of distinct short words).
"""

import datetime
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

from bench.measure import in_test_database, timed  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
WORDS = [
    "shade",
    "benches",
    "skate",
    "park",
    "music",
    "stage",
    "wifi",
    "sockets",
    "fountain",
    "trees",
    "graffiti",
    "wall",
    "basketball",
    "court",
    "calisthenics",
    "bars",
    "lighting",
    "toilets",
    "summer",
    "evening",
    "neighbours",
    "friends",
    "school",
    "canteen",
    "bus",
    "bike",
    "path",
    "ombre",
    "bancs",
    "musique",
    "scène",
    "prises",
    "fontaine",
    "arbres",
    "éclairage",
    "toilettes",
    "été",
    "soirée",
    "voisins",
    "amis",
    "école",
    "cantine",
    "vélo",
    "piste",
    "idée",
    "vraiment",
    "super",
    "génial",
    "pourquoi",
    "parce",
    "que",
    "the",
    "and",
    "a",
    "to",
    "of",
    "we",
    "would",
    "like",
    "more",
]


def add_published_comments(count):
    from bench.site_setup import consultation_index
    from consultations.factories import ConsultationPageFactory
    from consultations.models import ConsultationComment, ConsultationPage

    index = consultation_index()
    pages = [ConsultationPageFactory(parent=index) for _page in range(5)]
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    now = timezone.now()
    chance = random.Random(13)  # noqa: S311 (test data)
    with transaction.atomic():
        for number in range(count):
            text = " ".join(chance.choice(WORDS) for _word in range(chance.randint(10, 60)))
            if number % 1000 == 0:
                text += " zeppelin"
            ConsultationComment(
                content_type=content_type,
                object_pk=str(pages[number % len(pages)].pk),
                site_id=1,
                user_name=f"Pseudo{number}",
                user_email=f"p{number}@example.org",
                comment=text[:2000],
                submit_date=now - datetime.timedelta(minutes=count - number),
                state=ConsultationComment.State.PUBLISHED,
                reviewed_at=now,
                parent_id=0,
            ).save()


def main():
    in_test_database(run)


def run():
    add_published_comments(SIZE)
    client = Client()
    client.get("/en/search/", {"query": "shade"})  # warm-up: Wagtail's per-process caches
    print(f"{SIZE} published comments on 5 consultations, 10 per page")
    print(f"{'query':<42} | {'queries':>7} | {'median ms':>9}")
    print("-" * 65)
    for label, params in [
        ("common word (shade)", {"query": "shade"}),
        ("common word, comments page 100", {"query": "shade", "comments_page": "100"}),
        ("two words (shade benches)", {"query": "shade benches"}),
        ("rare word (zeppelin, 10 comments)", {"query": "zeppelin"}),
        ("accented, folded (ECOLE)", {"query": "ECOLE"}),
        ("no match (nothingmatches)", {"query": "nothingmatches"}),
        ("200 characters of distinct short words", {"query": " ".join(f"w{n}" for n in range(67))[:200]}),
        ("200 characters, words all found", {"query": " ".join(WORDS)[:200]}),
        ("16 letters most comments contain", {"query": "e a o i r s t n l u c d h m p g"}),
    ]:
        median, queries = timed(lambda params=params: client.get("/en/search/", params))
        print(f"{label:<42} | {queries:>7} | {median:>9.1f}")


if __name__ == "__main__":
    main()
