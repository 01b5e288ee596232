import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.formats import date_format

from consultations.comments.thread import build_thread, comment_text_html
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ConsultationPage
from page_cache import versions as page_cache

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


def make_thread(page, count):
    """count comments: threads of one comment and two nested replies, in bulk for speed."""
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    now = timezone.now()
    comments = []
    for number in range(count):
        comments.append(
            ConsultationComment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=1,
                user_name=f"Pseudo{number}",
                user_email=f"p{number}@example.org",
                comment=f"Comment number {number}, see https://example.org/{number}",
                submit_date=now,
                state=State.PUBLISHED,
                is_public=True,
                level=number % 3,
                order=number % 3 + 1,
            )
        )
    created = []
    for comment in comments:  # MTI models cannot be bulk-created; keep thread columns consistent
        comment.save()
        root = created[-(comment.level)] if comment.level else comment
        ConsultationComment.objects.filter(pk=comment.pk).update(
            thread_id=root.thread_id if comment.level else comment.pk,
            parent_id=created[-1].pk if comment.level else comment.pk,
        )
        created.append(ConsultationComment.objects.get(pk=comment.pk))
    return created


def rendered_comment_ids(html):
    return [int(match) for match in re.findall(r'<li id="c(\d+)"', html)]


def test_public_thread_shows_published_comments_only(client, consultation):
    published = ConsultationCommentFactory(page=consultation, comment="Visible idea")
    ConsultationCommentFactory(page=consultation, comment="Secret pending idea", state=State.PENDING)
    ConsultationCommentFactory(page=consultation, comment="Removed idea", state=State.REMOVED)

    html = client.get(consultation.url).content.decode()

    assert rendered_comment_ids(html) == [published.pk]
    assert "Secret pending idea" not in html
    assert "Removed idea" not in html
    assert "1 comment" in html


def test_removed_parent_with_a_published_reply_becomes_a_placeholder(client, consultation):
    parent = ConsultationCommentFactory(page=consultation, comment="Call me on 06 12 34 56 78")
    reply = ConsultationCommentFactory(page=consultation, parent=parent, comment="Good idea")
    parent.state = State.REMOVED
    parent.save()

    html = client.get(consultation.url).content.decode()

    assert rendered_comment_ids(html) == [parent.pk, reply.pk]
    assert "This comment was removed by a moderator." in html
    assert "06 12 34 56 78" not in html
    assert "Good idea" in html


def test_pending_parent_with_a_published_reply_is_shown_as_awaiting_moderation(client, consultation):
    parent = ConsultationCommentFactory(page=consultation, comment="Not yet approved")
    ConsultationCommentFactory(page=consultation, parent=parent, comment="Approved reply")
    parent.state = State.PENDING
    parent.save()

    html = client.get(consultation.url).content.decode()

    assert "This comment is waiting for moderation." in html
    assert "Not yet approved" not in html


def test_publishing_a_parent_does_not_publish_its_pending_reply(consultation):
    parent = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    reply = ConsultationCommentFactory(page=consultation, parent=parent, state=State.PENDING)

    parent.state = State.PUBLISHED
    parent.save()

    reply.refresh_from_db()
    assert reply.state == State.PENDING
    assert reply.is_public is False


def test_xtd_republish_receiver_is_disconnected():
    from django_comments_xtd.models import publish_or_unpublish_on_pre_save

    sync_receivers, async_receivers = pre_save._live_receivers(ConsultationComment)
    assert publish_or_unpublish_on_pre_save not in [*sync_receivers, *async_receivers]


def test_replies_are_nested_lists_under_their_parent(client, consultation):
    parent = ConsultationCommentFactory(page=consultation)
    reply = ConsultationCommentFactory(page=consultation, parent=parent)
    ConsultationCommentFactory(page=consultation)

    page_html = client.get(consultation.url).content.decode()
    html = page_html[page_html.index('<ol class="comment-thread"') :]
    html = html[: html.index("</section>")]

    reply_position = html.index(f'<li id="c{reply.pk}"')
    assert html.rindex('<ol class="comment-replies">', 0, reply_position) > html.index(
        f'<li id="c{parent.pk}"'
    )
    assert html.count("<ol") == html.count("</ol>")
    assert html.count('<li id="c') == html.count("</li>") - html.count("<li>")


def test_comment_shows_author_dates_permalink_and_actions(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_name="NightOwl_14")

    html = client.get(consultation.url).content.decode()

    assert "NightOwl_14" in html
    assert f'href="#c{comment.pk}"' in html
    # The absolute date, the same whenever the page is read; comments.js writes the age beside it.
    moment = timezone.localtime(comment.submit_date)
    assert re.search(
        rf'<time datetime="{re.escape(moment.isoformat())}"><span class="comment__age" data-age></span>'
        rf'<span class="comment__absolute-date">{re.escape(date_format(moment, "DATE_FORMAT"))}, ',
        html,
    )
    assert "just now" not in html and " ago" not in html
    assert f"?reply_to={comment.pk}" in html
    assert f"comments/{comment.pk}/report/" in html


def test_email_addresses_are_never_rendered(client, consultation):
    ConsultationCommentFactory(page=consultation, user_email="secret.author@example.org")

    assert "secret.author@example.org" not in client.get(consultation.url).content.decode()


def test_replies_stop_at_the_depth_limit(consultation, settings):
    parent = ConsultationCommentFactory(page=consultation)
    for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
        parent = ConsultationCommentFactory(page=consultation, parent=parent)

    thread = build_thread(consultation, settings.COMMENTS_XTD_MAX_THREAD_LEVEL)

    assert thread.html.count("data-reply-to=") == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    assert f'data-reply-to="{parent.pk}"' not in thread.html


def test_urls_become_safe_links_and_punctuation_stays_outside():
    html = comment_text_html('See https://example.org/a?b=1&c=2. Or www.example.org, and "<b>bold</b>"')

    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>. '
        in html
    )
    assert '<a href="https://www.example.org" rel="nofollow ugc noopener">www.example.org</a>,' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_javascript_urls_are_never_linked():
    html = comment_text_html("javascript:alert(1) and data:text/html,<script>")

    assert "<a " not in html
    assert "&lt;script&gt;" in html


def test_thread_costs_at_most_four_queries(consultation, django_assert_max_num_queries):
    make_thread(consultation, 60)
    consultation.url  # noqa: B018 (the page's address is looked up once, then kept)

    # The published comments counted by language, the conversations counted, a page of them, their comments.
    with django_assert_max_num_queries(4):
        thread = build_thread(consultation, 3)

    assert thread.published_count == 60


def test_page_makes_the_same_number_of_queries_with_1000_comments_as_with_10(
    client, site_tree, consultation, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_thread(consultation, 10)
    client.get(consultation.url)  # warm caches that live for the process (content types, site)
    page_cache.renew(page_cache.SITE)  # the rendering is measured, not a copy from the page cache
    with CaptureQueriesContext(connection) as small:
        assert client.get(consultation.url).status_code == 200

    make_thread(consultation, 990)  # bulk_create: no signal renews the page's copy
    page_cache.renew(page_cache.SITE)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(consultation.url)

    # The first page: 50 conversations, the first batch's 4 (10 comments) and 46 of 3.
    assert len(rendered_comment_ids(response.content.decode())) == 148
    assert "1000 comments" in response.content.decode()


def test_readers_can_report_a_participants_comment_but_not_the_community_managers_answer(
    client, consultation
):
    question = ConsultationCommentFactory(page=consultation, comment="Can we have a skatepark?")
    answer = ConsultationCommentFactory(
        page=consultation, parent=question, comment="We will ask the city.", is_community_manager=True
    )

    html = client.get(consultation.url).content.decode()

    assert f"comments/{question.pk}/report/" in html
    assert f"comments/{answer.pk}/report/" not in html
    assert "We will ask the city." in html
