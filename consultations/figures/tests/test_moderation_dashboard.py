"""The moderators' figures on the admin's dashboard: the last 30 days across every consultation, shown to those
who may moderate only, in their admin language, in a number of queries that does not grow with the comments."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.users.models import UserProfile

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.figures.queries import moderation_figures
from consultations.figures.tests.test_consultation_figures import bulk_create_comments
from consultations.models import ConsultationComment, ModerationDecision

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action
HOUR = datetime.timedelta(hours=1)
DASHBOARD = "/admin/"


@pytest.fixture
def colleague(db):
    return get_user_model().objects.create_user("sam_mod", password="pw")


@pytest.fixture
def private(site_tree):
    """Moderators count every consultation, a private one too."""
    page = ConsultationPageFactory(parent=site_tree.consultations, slug="council", title="Council")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="letmein")
    return page


def posted(page, ago, decided_after=None, moderator=None, state=State.PUBLISHED, **fields):
    made = ConsultationCommentFactory(page=page, state=state, submit_date=timezone.now() - ago, **fields)
    if decided_after is not None:
        ModerationDecision.objects.create(
            comment=made,
            action=Action.APPROVE if state == State.PUBLISHED else Action.REMOVE,
            from_state=State.PENDING,
            to_state=state,
            moderator=moderator,
            created_at=made.submit_date + decided_after,
        )
    return made


@pytest.fixture
def month(consultation, private, moderator_user, colleague):
    """Six comments of the last 30 days and one older: 4 decided (one after the 24 hours promised), one
    waiting for 30 hours, one fresh; an urgent one read in an hour."""
    posted(consultation, 5 * 24 * HOUR, HOUR, moderator_user, is_urgent=True)
    posted(consultation, 4 * 24 * HOUR, 3 * HOUR, moderator_user)
    posted(private, 3 * 24 * HOUR, 5 * HOUR, colleague, state=State.REMOVED)
    posted(consultation, 3 * 24 * HOUR, 30 * HOUR, moderator_user)
    posted(consultation, 30 * HOUR, state=State.PENDING)
    posted(consultation, HOUR, state=State.PENDING)
    posted(consultation, 40 * 24 * HOUR, HOUR, colleague)  # before the 30 days: not counted
    return consultation


def panel(html):
    start = html.index('id="tribune-moderation-figures')
    return html[start : html.index("</section>", start)]


def test_a_moderator_sees_the_last_30_days_against_the_promise_and_each_moderators_share(
    client, month, moderator_user
):
    client.force_login(moderator_user)

    html = panel(client.get(DASHBOARD).content.decode())
    text = re.sub(r"[ \n]+", " ", html)

    assert "Moderation over the last 30 days" in text
    assert re.search(r"<dt>Comments received</dt> <dd>6</dd>", text)
    assert re.search(r"<dt>Decided on by a moderator</dt> <dd>4</dd>", text)
    assert re.search(r"<dt>Median time to a first decision</dt> <dd>4 h 0 min</dd>", text)
    assert re.search(r"<dt>90th percentile</dt> <dd>1 d 6 h</dd>", text)
    assert re.search(r"<dt>Promised</dt> <dd>24 hours</dd>", text)
    assert "3 of 4 decided comments were decided within the promised 24 hours (75%)." in text
    assert "1 was decided after the promised 24 hours." in text
    assert "Of these comments, 1 still waits for a first decision after more than 24 hours." in text
    assert 'href="/admin/moderation/"' in html
    assert "Urgent comments read within their promise (2 hours): 1 of 1 (100%)." in text
    assert re.search(r'<th scope="row"> Camille Durand </th> <td>3</td> <td>75%</td>', text)
    assert re.search(r'<th scope="row"> sam_mod </th> <td>1</td> <td>25%</td>', text)


def test_a_superuser_sees_the_panel_and_a_plain_editor_does_not(client, month, editor_user):
    client.force_login(editor_user)
    assert "tribune-moderation-figures" not in client.get(DASHBOARD).content.decode()

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert "Moderation over the last 30 days" in client.get(DASHBOARD).content.decode()


def test_the_panel_speaks_the_moderators_admin_language(client, month, moderator_user):
    profile = UserProfile.get_for_user(moderator_user)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(moderator_user)

    text = re.sub(r"[ \n]+", " ", panel(client.get(DASHBOARD).content.decode()))

    assert "Modération des 30 derniers jours" in text
    assert re.search(r"<dt>Commentaires reçus</dt> <dd>6</dd>", text)
    assert "Commentaires urgents lus dans le délai promis (2 heures) : 1 sur 1 (100\u00a0%)." in text


def test_without_any_comment_the_panel_says_so_without_dividing_by_zero(client, site_tree, moderator_user):
    client.force_login(moderator_user)

    html = panel(client.get(DASHBOARD).content.decode())

    assert "No comment was received or decided on in these days." in html
    assert "%" not in html


def test_pending_comments_only_show_no_median_and_no_percentage(client, consultation, moderator_user):
    posted(consultation, 30 * HOUR, state=State.PENDING)
    client.force_login(moderator_user)

    text = re.sub(r"[ \n]+", " ", panel(client.get(DASHBOARD).content.decode()))

    assert re.search(r"<dt>Median time to a first decision</dt> <dd>—</dd>", text)
    assert "Of these comments, 1 still waits for a first decision" in text
    assert "%" not in text


def test_a_withdrawn_comment_is_named_and_left_out_of_the_waits(client, consultation, moderator_user):
    posted(consultation, 30 * HOUR, state=State.WITHDRAWN)
    client.force_login(moderator_user)

    text = re.sub(r"[ \n]+", " ", panel(client.get(DASHBOARD).content.decode()))

    assert re.search(r"<dt>Comments received</dt> <dd>1</dd>", text)
    assert "Not counted in the waits: 1 withdrawn by its author." in text
    assert "still wait" not in text


def make_comments(page, count, moderators):
    """``count`` comments of the last 30 days, half of them decided by one of ``moderators``, in four queries."""
    now = timezone.now()
    comments = bulk_create_comments(
        ConsultationCommentFactory.build(
            page=page,
            state=[State.PUBLISHED, State.PENDING][index % 2],
            submit_date=now - datetime.timedelta(minutes=3 * index + 1),
            is_urgent=index % 10 == 0,
        )
        for index in range(count)
    )
    ModerationDecision.objects.bulk_create(
        ModerationDecision(
            comment=made,
            action=Action.APPROVE,
            from_state=State.PENDING,
            to_state=State.PUBLISHED,
            moderator=moderators[index % len(moderators)],
            created_at=made.submit_date + HOUR,
        )
        for index, made in enumerate(comments[::2])
    )


def queries_for(site):
    with CaptureQueriesContext(connection) as captured:
        moderation_figures(site)
    return len(captured)


def test_the_panel_takes_as_many_queries_for_ten_thousand_comments_as_for_ten(
    client, consultation, private, moderator_user, colleague
):
    site = Site.objects.get(is_default_site=True)
    make_comments(consultation, 6, [moderator_user, colleague])
    make_comments(private, 4, [moderator_user, colleague])
    client.force_login(moderator_user)
    client.get(DASHBOARD)
    small = queries_for(site)
    with CaptureQueriesContext(connection) as captured:
        client.get(DASHBOARD)
    small_page = len(captured)

    make_comments(consultation, 6_000, [moderator_user, colleague])
    make_comments(private, 3_990, [moderator_user, colleague])
    large = queries_for(site)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(DASHBOARD).content.decode()
    large_page = len(captured)

    assert small == large <= 5
    assert small_page == large_page
    assert re.search(r"<dt>Comments received</dt>\s*<dd>10000</dd>", html)
    print(
        f"dashboard figures: {small} queries at 10 comments, {large} at 10,000; dashboard {small_page} / {large_page}"
    )
