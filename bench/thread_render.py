"""Benchmark: the consultation page and its thread, against django-comments-xtd's stock tree.

Run with `make bench` (or `.venv/bin/python bench/thread_render.py [--links SHARE] [N ...]`). Uses
the test settings and a throwaway SQLite database; prints one row per thread size. SHARE is the part
of the comments that carry a link (default 0.1; 1 makes every comment carry one). "thread ms" is
`build_thread` alone (one query and the HTML), the part of the page the number of comments drives.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

from bench.measure import in_test_database, timed  # noqa: E402

django.setup()
settings.ROOT_URLCONF = "bench.urls"  # xtd's stock tree reverses xtd's own URLs

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

_arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_arguments.add_argument("--links", type=float, default=0.1, help="share of comments with a link (0 to 1)")
_arguments.add_argument("sizes", type=int, nargs="*", default=[10, 100, 1000, 5000])
ARGUMENTS = _arguments.parse_args()
SIZES = ARGUMENTS.sizes
# Comments as people write them; the ones with a link have it where people put it: at the end of a
# sentence, in parentheses, with a balanced pair of its own.
PLAIN = "Idea {number}: more shade and benches near the skate park, and water for everyone.\nThanks!"
LINKED = (
    "Idea {number}: more shade and benches near the skate park, see https://example.org/{number}.\nThanks!",
    "Like this one (https://fr.wikipedia.org/wiki/Skatepark_(Paris)), with trees around it: {number}",
    "Idea {number}: a covered bowl, www.example.org/bowls?size=big&roof=yes shows some.",
)
STOCK_MAX = 1000  # xtd's stock tree is too slow to time beyond this in a reasonable run


def build_site():
    from bench.site_setup import consultation_index
    from consultations.factories import ConsultationPageFactory

    index = consultation_index()
    return index, ConsultationPageFactory


def add_comments(page, count, start):
    """Threads of a comment with two nested replies, like a lively discussion."""
    from consultations.models import ConsultationComment, ConsultationPage

    content_type = ContentType.objects.get_for_model(ConsultationPage)
    now = timezone.now()
    parents = []
    for number in range(start, start + count):
        level = number % 3
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name=f"Pseudo{number}",
            user_email=f"p{number}@example.org",
            comment=comment_text(number),
            submit_date=now,
            state=ConsultationComment.State.PUBLISHED,
            parent_id=parents[-1].pk if level else 0,
        )
        comment.save()
        parents = [*parents[-2:], comment] if level < 2 else parents[:-1]
        if level == 0:
            parents = [comment]


def comment_text(number):
    """Every 1/SHARE-th comment carries a link, spread evenly through the thread."""
    share = ARGUMENTS.links
    if share > 0 and int(number * share) != int((number + 1) * share):
        return LINKED[number % len(LINKED)].format(number=number)
    return PLAIN.format(number=number)


def main():
    in_test_database(run)


def run():
    index, page_factory = build_site()
    client = Client()
    from consultations.comments.thread import build_thread

    stock = Template("{% load comments_xtd %}{% render_xtdcomment_tree for page %}")
    print(f"comments with a link: {ARGUMENTS.links:.0%}")
    print(
        f"{'comments':>9} | {'Tribune page: queries':>22} | {'median ms':>9} | {'thread ms':>9} | "
        f"{'xtd stock tree: queries':>24} | {'median ms':>9}"
    )
    print("-" * 98)
    for size in SIZES:
        page = page_factory(parent=index)
        add_comments(page, size, 0)
        client.get(page.url)  # warm-up
        page_ms, page_queries = timed(lambda page=page: client.get(page.url))
        thread_ms, _queries = timed(lambda page=page: build_thread(page, page.max_reply_level))
        if size <= STOCK_MAX:
            stock_ms, stock_queries = timed(
                lambda page=page: stock.render(Context({"page": page, "user": AnonymousUser()}))
            )
            stock_cells = f"{stock_queries:>24} | {stock_ms:>9.1f}"
        else:
            stock_cells = f"{'(skipped)':>24} | {'':>9}"
        print(f"{size:>9} | {page_queries:>22} | {page_ms:>9.1f} | {thread_ms:>9.1f} | {stock_cells}")


if __name__ == "__main__":
    main()
