"""A consultation of 20,000 published comments exports whole, in both formats, with memory that does not grow
with the number of comments (the CSV is streamed, the XLSX written row by row to a temporary file)."""

import datetime
import tempfile
import time
import tracemalloc

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from consultations.exports.tests.reading import READERS
from consultations.models import CommentSupport, ConsultationComment, ConsultationPage
from consultations.moderation.links import export_url

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)
BATCH = 500
# Each thread: a comment, two replies to it, and a reply to the first reply (xtd's order: 1, 2, 3, 4).
THREAD = [(0, 0, 1), (0, 1, 2), (1, 2, 3), (0, 1, 4)]  # (parent's index in the thread, level, order)


def add_comments(page, count):
    """``count`` published comments on ``page``, in threads of four, inserted in batches: the model is three
    tables (django_comments, xtd, Tribune), which Django's bulk_create refuses, so each table gets its rows."""
    first_id = (ConsultationComment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    comments = []
    for index in range(count):
        pk = first_id + index
        thread_start = pk - index % len(THREAD)
        parent_index, level, order = THREAD[index % len(THREAD)]
        comments.append(
            ConsultationComment(
                id=pk,
                comment_ptr_id=pk,
                xtdcomment_ptr_id=pk,
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=1,
                user_name=f"Pseudo{pk}",
                user_email=f"author{pk}@example.org",
                user_url="",
                comment=f"=cmd|'/C calc'!A{pk} comment {pk}\nsecond line, with «quotes», ☀️ and, a comma",
                submit_date=START + datetime.timedelta(seconds=index),
                ip_address=None,
                is_public=True,
                is_removed=False,
                thread_id=thread_start,
                parent_id=thread_start + parent_index if level else pk,
                level=level,
                order=order,
                followup=False,
                nested_count=0,
                state=ConsultationComment.State.PUBLISHED,
                language="fr" if index % 3 else "en",
                author_key="k" * 64,
            )
        )
    for model in (Comment, XtdComment, ConsultationComment):
        fields = list(model._meta.local_concrete_fields)
        for start in range(0, count, BATCH):
            model._base_manager._insert(comments[start : start + BATCH], fields=fields, raw=True)
    CommentSupport.objects.bulk_create(
        [CommentSupport(comment_id=c.pk, reader_key=f"r{c.pk}") for c in comments[::10]], batch_size=BATCH
    )


def export_measured(client, page, file_format):
    """(peak bytes allocated while exporting, seconds, the file's rows read back)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        tracemalloc.start()
        try:
            response = client.get(export_url(page.pk, file_format))
            # Read to the end, as a browser would: the test client closes the response then (closing it here
            # again would send request_finished, whose handler closes the test's database connection).
            for chunk in response.streaming_content:
                output.write(chunk)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        seconds = time.perf_counter() - started
        output.seek(0)
        return peak, seconds, READERS[file_format](output.read())


@pytest.mark.slow
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_20000_comments_export_whole_with_flat_memory(moderator_client, consultation, file_format, capsys):
    add_comments(consultation, 2_000)
    export_measured(moderator_client, consultation, file_format)  # first use: imports, caches, translations
    peak_small, seconds_small, rows_small = export_measured(moderator_client, consultation, file_format)
    add_comments(consultation, 18_000)
    peak_large, seconds_large, rows = export_measured(moderator_client, consultation, file_format)

    assert len(rows_small) == 2_001
    assert len(rows) == 20_001
    # The last thread: its comment, two replies, and a reply to the first.
    assert [row[:2] for row in rows[-4:]] == [
        ["5000", ""],
        ["5000.1", "5000"],
        ["5000.1.1", "5000.1"],
        ["5000.2", "5000"],
    ]
    last = ConsultationComment.objects.order_by("-pk").first()
    assert rows[-1][2] == last.user_name
    assert rows[-1][5] == "'" + last.comment
    assert all(row[5].startswith("'=cmd") for row in rows[1:])
    assert not any("@example.org" in cell for row in rows for cell in row)
    # Ten times the comments, not ten times the memory (the 20,000 rows held in a list would be ~10 MB more).
    assert peak_large < 1.5 * peak_small + 200_000
    with capsys.disabled():
        print(
            f"\n{file_format}: 2,000 comments {peak_small / 1e6:.2f} MB peak, {seconds_small:.2f} s; "
            f"20,000 comments {peak_large / 1e6:.2f} MB peak, {seconds_large:.2f} s (under tracemalloc)"
        )
