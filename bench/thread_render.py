"""Benchmark: the consultation page and its thread, against django-comments-xtd's stock tree.

Run with `make bench` (or `.venv/bin/python bench/thread_render.py [--links SHARE] [--pending P] [N ...]`).
Uses the test settings and a throwaway SQLite database; prints one row per thread size. Each consultation
has N published comments, one in five a top-level comment and the others replies nested under the
comments before them (up to the depth limit), posted a minute apart; and P comments waiting for
moderation (default 10,000: half new threads nobody sees yet, half replies in the visible threads).
SHARE is the part of the comments that carry a link (default 0.1; 1 makes every comment carry one).
"page ms" is the whole consultation page through the test client (median of 10); "thread ms" is
`build_thread` alone (its queries and the HTML of the first page of threads); "KB" the page's HTML.
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
_arguments.add_argument("--pending", type=int, default=10_000, help="comments waiting for moderation")
_arguments.add_argument("--stock", action="store_true", help="also time xtd's stock tree (up to 1,000)")
# The sizes by default: with 10,000 pending comments each, building them takes minutes.
_arguments.add_argument("sizes", type=int, nargs="*", default=[1000, 5000])
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


def add_comments(page, count, pending):
    """``count`` published comments (one in five starts a thread, the others answer a comment of the
    current thread, as deep as allowed) and ``pending`` ones waiting for moderation, saved through the
    model so that xtd fills its thread columns."""
    import random
    from datetime import timedelta

    from consultations.models import ConsultationComment, ConsultationPage

    State = ConsultationComment.State
    chance = random.Random(17)
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    start = timezone.now() - timedelta(minutes=count + pending + 1)
    threads = []  # each: the comments that may still get a reply

    def save(number, state, parent):
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name=f"Pseudo{number}",
            user_email=f"p{number}@example.org",
            comment=comment_text(number),
            submit_date=start + timedelta(minutes=number),
            state=state,
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        return comment

    def parent_in(thread):
        return chance.choice(
            [comment for comment in thread if comment.level < settings.COMMENTS_XTD_MAX_THREAD_LEVEL]
        )

    for number in range(count):
        if not threads or chance.random() < 0.2:
            threads.append([save(number, State.PUBLISHED, None)])
        else:
            thread = threads[-1] if chance.random() < 0.7 else chance.choice(threads)
            thread.append(save(number, State.PUBLISHED, parent_in(thread)))
    for number in range(count, count + pending):
        if not threads or number % 2:
            save(number, State.PENDING, None)
        else:
            save(number, State.PENDING, parent_in(chance.choice(threads)))


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
    print(f"comments with a link: {ARGUMENTS.links:.0%}, waiting for moderation: {ARGUMENTS.pending}")
    header = (
        f"{'comments':>9} | {'Tribune page: queries':>22} | {'median ms':>9} | {'KB':>6} | {'thread ms':>9}"
    )
    if ARGUMENTS.stock:
        header += f" | {'xtd stock tree: queries':>24} | {'median ms':>9}"
    print(header)
    print("-" * len(header))
    for size in SIZES:
        page = page_factory(parent=index)
        add_comments(page, size, ARGUMENTS.pending)
        size_kb = len(client.get(page.url).content) / 1024  # also the warm-up
        page_ms, page_queries = timed(lambda page=page: client.get(page.url), runs=10)
        thread_ms, _queries = timed(lambda page=page: build_thread(page, page.max_reply_level), runs=10)
        row = f"{size:>9} | {page_queries:>22} | {page_ms:>9.1f} | {size_kb:>6.0f} | {thread_ms:>9.1f}"
        if ARGUMENTS.stock:
            if size <= STOCK_MAX:
                stock_ms, stock_queries = timed(
                    lambda page=page: stock.render(Context({"page": page, "user": AnonymousUser()}))
                )
                row += f" | {stock_queries:>24} | {stock_ms:>9.1f}"
            else:
                row += f" | {'(skipped)':>24} | {'':>9}"
        print(row)


if __name__ == "__main__":
    main()
