"""Benchmark: the moderation queue in the Wagtail admin with many pending comments.

Run with `.venv/bin/python bench/moderation_queue.py [N]` (default 10,000). Uses the test settings and a
throwaway in-memory SQLite database (or DATABASE_URL). Prints the queries and the median time of the
queue page, of its second page and of the dashboard, as seen by a logged-in moderator.
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

from bench.measure import in_test_database, timed  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultations.moderation.permissions import COMMUNITY_MANAGERS  # noqa: E402

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def build_site():
    from bench.site_setup import consultation_index
    from consultations.factories import ConsultationPageFactory

    index = consultation_index()
    return [ConsultationPageFactory(parent=index) for _page in range(5)]


def add_pending_comments(pages, count):
    """Pending comments spread over the pages, one in ten a reply to a published one, some screened or reported.

    Saved one by one (a multi-table model cannot be bulk-created) in one transaction.
    """
    from consultations.models import CommentReport, ConsultationComment, ConsultationPage

    State = ConsultationComment.State
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    now = timezone.now()

    def add(number, state, parent=None):
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(pages[number % len(pages)].pk if parent is None else parent.object_pk),
            site_id=1,
            user_name=f"Pseudo{number}",
            user_email=f"p{number}@example.org",
            comment=f"Idea {number}: more shade and benches near the skate park.",
            submit_date=now - datetime.timedelta(minutes=count - number),
            state=state,
            screening_reasons=["phone"] if number % 7 == 0 else [],
            parent_id=parent.pk if parent else 0,
        )
        comment.save()
        return comment

    with transaction.atomic():
        published = [add(number, State.PUBLISHED) for number in range(count // 10)]
        for number in range(count):
            add(number, State.PENDING, published[number % len(published)] if number % 10 == 0 else None)
        CommentReport.objects.bulk_create(
            CommentReport(comment=target, reporter_key=f"r{target.pk}") for target in published[::5]
        )


def main():
    in_test_database(run)


def run():
    pages = build_site()
    add_pending_comments(pages, SIZE)
    moderator = get_user_model().objects.create_user("bench-moderator")
    moderator.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    client = Client()
    client.force_login(moderator)
    client.get("/admin/moderation/")  # warm-up: Wagtail's per-process caches
    print(f"{SIZE} pending comments (+{SIZE // 10} published, {SIZE // 50} of them reported), 50 per page")
    print(f"{'view':<34} | {'queries':>7} | {'median ms':>9}")
    print("-" * 57)
    for label, url in [
        ("queue, first page", "/admin/moderation/"),
        ("queue, page 100", "/admin/moderation/?p=100"),
        ("queue, filtered (reason, search)", "/admin/moderation/?reason=phone&q=shade"),
        ("dashboard", "/admin/"),
    ]:
        median, queries = timed(lambda url=url: client.get(url))
        print(f"{label:<34} | {queries:>7} | {median:>9.1f}")


if __name__ == "__main__":
    main()
