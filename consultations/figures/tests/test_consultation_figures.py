"""The "Figures" section of a consultation page: each figure on a known small conversation, in both languages,
in a number of queries that does not grow with the conversation."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.figures.queries import consultation_figures
from consultations.models import ConsultationComment, ConsultationPage, ModerationDecision, ReasonCategory

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
HOUR = datetime.timedelta(hours=1)


def at(day, hour):
    return datetime.datetime(2026, 3, day, hour, tzinfo=PARIS)


@pytest.fixture
def closed(site_tree):
    """A consultation of eleven days, closed: one bar a day."""
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        slug="canteen",
        title="The canteen",
        opens_at=at(2, 8),
        closes_at=at(12, 20),
    )


@pytest.fixture
def french(site_tree, closed):
    translation = closed.copy_for_translation(site_tree.home_fr.locale)
    translation.title = "La cantine"
    translation.slug = "cantine"
    translation.save_revision().publish()
    return ConsultationPage.objects.get(pk=translation.pk)


def comment(page, state, submitted, decided_after=None, action=Action.APPROVE, reason=None, **fields):
    made = ConsultationCommentFactory(page=page, state=state, submit_date=submitted, **fields)
    if decided_after is not None:
        ModerationDecision.objects.create(
            comment=made,
            action=action,
            from_state=State.PENDING,
            to_state=state,
            reason=reason,
            created_at=submitted + decided_after,
        )
    return made


@pytest.fixture
def conversation(closed, french):
    personal = ReasonCategory.objects.get(title="Personal information")
    off_topic = ReasonCategory.objects.get(title="Off-topic")
    comment(closed, State.PUBLISHED, at(2, 10), HOUR, user_email="a@example.org")
    comment(french, State.PUBLISHED, at(2, 12), 3 * HOUR, user_email="b@example.org")
    comment(closed, State.PUBLISHED, at(4, 9), 2 * HOUR, user_email="A@example.org")
    comment(closed, State.REMOVED, at(4, 10), 10 * HOUR, Action.REMOVE, personal, user_email="c@example.org")
    comment(
        french, State.RETURNED, at(5, 10), 30 * HOUR, Action.RETURN, off_topic, user_email="d@example.org"
    )
    comment(closed, State.PENDING, at(5, 11), is_urgent=True, user_email="e@example.org")
    comment(closed, State.PUBLISHED, at(3, 10), HOUR, is_urgent=True, user_email="f@example.org")
    comment(closed, State.WITHDRAWN, at(6, 10), user_email="g@example.org")
    ConsultationCommentFactory(page=closed, is_community_manager=True, user_email="", submit_date=at(3, 9))
    return closed


def test_each_figure_of_a_small_conversation_is_counted_right(conversation):
    with translation.override("en"):
        figures = consultation_figures(conversation, "en", now=at(20, 12))

    assert (figures.received, figures.published, figures.returned, figures.removed) == (8, 4, 1, 1)
    assert (figures.pending, figures.withdrawn) == (1, 1)
    assert figures.participants == 3  # a (twice, in two spellings), b, f: authors of published comments
    assert figures.languages == [("English", 3), ("French", 1)]
    assert [share for _, _, share in figures.outcomes] == [67, 17, 17]
    assert figures.removal_reasons == [("Personal information", 1)]
    assert figures.period == "day"
    assert len(figures.timeline) == 11
    assert [count for _, count in figures.timeline[:4]] == [2, 1, 1, 0]
    waits = figures.waits
    assert (waits.decided, waits.median, waits.p90) == (6, 2.5 * HOUR, 30 * HOUR)
    assert (waits.within_promise, waits.within_promise_share) == (5, 83)
    assert (waits.urgent_due, waits.urgent_within, waits.urgent_within_share) == (2, 1, 50)


def test_the_english_page_shows_the_figures_with_a_chart_and_its_table_giving_the_same_numbers(
    client, conversation
):
    html = client.get(conversation.url).content.decode()

    section = html[html.index('id="figures-title"') :]
    assert "Figures" in section
    assert section.count('role="img"') == 4
    assert '<title id="figures-outcomes-title">What moderators decided</title>' in section
    assert "Published: 67% (4); Returned for revision: 17% (1); Removed: 17% (1)" in section
    assert re.search(r'<th scope="row">Published</th>\s*<td>67% \(4\)</td>', section)
    assert re.search(r'<th scope="row">Median</th>\s*<td>2 h 30 min</td>', section)
    assert re.search(r'<th scope="row">Personal information</th>\s*<td>1</td>', section)
    # Two urgent comments: too few to tell the public anything about them (PUBLIC_URGENT_MINIMUM).
    assert "Urgent" not in section
    assert "83% of comments were answered within the promised time." in section


def test_the_french_page_shows_french_labels_and_reason_titles(client, conversation, french):
    html = client.get(french.url).content.decode()

    section = html[html.index('id="figures-title"') :]
    assert "Chiffres" in section
    assert re.search(r'<th scope="row">Informations personnelles</th>\s*<td>1</td>', section)
    assert re.search(r'<th scope="row">Publiés</th>\s*<td>67\u00a0% \(4\)</td>', section)
    assert re.search(r'<th scope="row">Médiane</th>\s*<td>2 h 30 min</td>', section)
    assert "Personal information" not in section


def test_a_consultation_without_comments_says_so(client, closed):
    html = client.get(closed.url).content.decode()

    assert "No contributions yet." in html
    assert 'role="img"' not in html


def test_a_consultation_with_only_pending_comments_shows_no_moderation_percentage(client, closed):
    comment(closed, State.PENDING, at(3, 10))

    html = client.get(closed.url).content.decode()
    section = html[html.index('id="figures-title"') :]

    assert "No comment has been decided on by a moderator yet." in section
    assert "%" not in section
    assert "Not counted above: 1 waiting for moderation, 0 withdrawn by their authors." in section


def bulk_create_comments(comments):
    """Django's bulk_create refuses a model with parents (django_comments' Comment, then xtd's): one insert of
    many rows per table, the parents first."""
    comments = list(comments)
    parents = Comment.objects.bulk_create(
        Comment(
            **{field.attname: getattr(made, field.attname) for field in Comment._meta.local_concrete_fields}
        )
        for made in comments
    )
    for made, parent in zip(comments, parents, strict=True):
        made.pk = made.comment_ptr_id = made.xtdcomment_ptr_id = parent.pk
    for model in (XtdComment, ConsultationComment):
        model._base_manager._insert(comments, fields=model._meta.local_concrete_fields, raw=True)
    return comments


def make_comments(page, count):
    """``count`` comments in every state, a third of them with a moderator's decision, in three queries."""
    reason = ReasonCategory.objects.get(title="Off-topic")
    states = [State.PUBLISHED, State.PUBLISHED, State.REMOVED, State.RETURNED, State.PENDING, State.WITHDRAWN]
    comments = bulk_create_comments(
        ConsultationCommentFactory.build(
            page=page,
            state=states[index % len(states)],
            submit_date=at(2, 9) + index * datetime.timedelta(minutes=1),
            language=["en", "fr"][index % 2],
            author_key=f"key{index % 97}",
            is_urgent=index % 10 == 0,
        )
        for index in range(count)
    )
    ModerationDecision.objects.bulk_create(
        ModerationDecision(
            comment=made,
            action=Action.REMOVE,
            from_state=State.PENDING,
            to_state=made.state,
            reason=reason,
            created_at=made.submit_date + HOUR,
        )
        for made in comments[::3]
    )


def queries_for(page):
    with CaptureQueriesContext(connection) as captured:
        consultation_figures(page, "en")
    return len(captured)


def test_the_figures_take_as_many_queries_for_ten_thousand_comments_as_for_ten(site_tree, closed):
    large = ConsultationPageFactory(
        parent=site_tree.consultations, slug="large", opens_at=at(2, 8), closes_at=at(12, 20)
    )
    make_comments(closed, 10)
    make_comments(large, 10_000)
    closed, large = ConsultationPage.objects.get(pk=closed.pk), ConsultationPage.objects.get(pk=large.pk)

    consultation_figures(closed, "en")  # the first call caches the site's root paths and content types
    small_count, large_count = queries_for(closed), queries_for(large)

    assert small_count == large_count <= 8
    figures = consultation_figures(large, "en")
    assert figures.received == 10_000
    assert figures.participants == 97


def test_urgent_comments_are_told_in_public_only_from_ten_on(client, closed):
    from consultations.templatetags import consultation_figures as tag

    for minutes in range(tag.PUBLIC_URGENT_MINIMUM - 1):
        comment(
            closed, State.PUBLISHED, at(2, 10) + minutes * datetime.timedelta(minutes=1), HOUR, is_urgent=True
        )

    assert "Urgent comments" not in client.get(closed.url).content.decode()

    comment(closed, State.PUBLISHED, at(3, 10), 3 * HOUR, is_urgent=True)
    html = client.get(closed.url).content.decode()
    assert "Urgent comments read within their promise (2 hours): 9 of 10 (90%)." in html
