"""The figures of all consultations (the home page's block): every live, public consultation of the site, in
every language, never a private or draft one, in a number of queries that does not grow with the comments."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from consultations.factories import ConsultationPageFactory
from consultations.figures.queries import site_figures
from consultations.figures.tests.test_consultation_figures import HOUR, at, comment, make_comments
from consultations.models import ConsultationComment, ConsultationPage, ModerationDecision, ReasonCategory
from consultations.templatetags import consultation_figures as tag
from home.page_tree import add_translation

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action


def consultation(site_tree, slug, title, **fields):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        slug=slug,
        title=title,
        opens_at=at(2, 8),
        closes_at=at(12, 20),
        **fields,
    )


@pytest.fixture
def canteen(site_tree):
    return consultation(site_tree, "canteen", "The canteen")


@pytest.fixture
def park(site_tree):
    park = consultation(site_tree, "park", "The park")
    add_translation(
        park,
        site_tree.home_fr.locale,
        title="Le parc",
        slug="parc",
        summary=park.summary,
        question=park.question,
        opens_at=park.opens_at,
        closes_at=park.closes_at,
    )
    return park


@pytest.fixture
def hidden(site_tree):
    """A consultation behind a password and a draft, each with a comment the public must never count."""
    private = consultation(site_tree, "private", "Secret council")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="letmein")
    draft = consultation(site_tree, "draft", "Draft idea", live=False)
    comment(private, State.PUBLISHED, at(3, 10), HOUR, user_email="private@example.org")
    comment(draft, State.PUBLISHED, at(3, 11), HOUR, user_email="draft@example.org")
    return private, draft


@pytest.fixture
def conversations(site_tree, canteen, park, hidden):
    park_fr = ConsultationPage.objects.get(
        translation_key=park.translation_key, locale=site_tree.home_fr.locale
    )
    comment(canteen, State.PUBLISHED, at(2, 10), HOUR, user_email="a@example.org")
    comment(canteen, State.REMOVED, at(2, 11), 5 * HOUR, Action.REMOVE, user_email="b@example.org")
    comment(park, State.PUBLISHED, at(3, 10), 3 * HOUR, user_email="a@example.org")
    comment(park_fr, State.PUBLISHED, at(3, 12), 5 * HOUR, user_email="c@example.org")
    comment(park_fr, State.PENDING, at(4, 12), user_email="d@example.org")
    return canteen, park, park_fr


def with_figures_block(home):
    home.body = [("site_figures", {"heading": "", "show_consultations": True})]
    home.save_revision().publish()
    return home


def test_every_public_consultation_is_counted_with_its_translations_and_no_private_or_draft_one(
    site_tree, conversations
):
    figures = site_figures(site_tree.site, "en")

    assert (figures.received, figures.published, figures.removed, figures.pending) == (5, 3, 1, 1)
    assert figures.participants == 2  # a (in both consultations, counted once) and c; b was removed
    assert figures.languages == [("English", 2), ("French", 1)]
    rows = {row.page.title: row for row in figures.consultations}
    assert set(rows) == {"The canteen", "The park"}
    assert (rows["The park"].published, rows["The park"].participants) == (2, 2)
    assert rows["The park"].median_wait == 4 * HOUR
    assert rows["The canteen"].median_wait == 3 * HOUR


def test_the_rows_name_each_consultation_in_the_readers_language(site_tree, conversations):
    rows = site_figures(site_tree.site, "fr").consultations

    assert sorted(row.page.title for row in rows) == ["Le parc", "The canteen"]


def test_the_home_page_block_shows_the_sites_figures_with_charts_and_tables_in_english(
    client, site_tree, conversations
):
    with_figures_block(site_tree.home)

    html = client.get(site_tree.home.url).content.decode()

    section = html[html.index('class="figures"') :]
    assert "Figures of all consultations" in section
    assert re.search(r"<strong>2</strong>\s*consultations", section)
    assert re.search(
        r'<a href="/en/consultations/park/">The park</a>\s*</th>\s*<td data-label="Published comments">2</td>\s*'
        r'<td data-label="Participants">2</td>\s*<td data-label="Median wait">\s*4 h 0 min\s*</td>',
        section,
    )
    assert section.count('role="img"') == 4
    assert re.search(r'<th scope="row">Published</th>\s*<td>75% \(3\)</td>', section)
    assert "Secret council" not in html and "Draft idea" not in html


def test_the_french_home_page_shows_them_in_french(client, site_tree, conversations):
    with_figures_block(site_tree.home_fr)

    html = client.get(site_tree.home_fr.url).content.decode()

    section = html[html.index('class="figures"') :]
    assert "Chiffres de toutes les consultations" in section
    assert re.search(r'<a href="/fr/[^"]*parc/">Le parc</a>', section)
    assert re.search(r'<th scope="row">Publiés</th>\s*<td>75\u00a0% \(3\)</td>', section)


def test_a_site_whose_consultations_have_no_comment_says_so_without_dividing_by_zero(
    client, site_tree, canteen
):
    with_figures_block(site_tree.home)

    html = client.get(site_tree.home.url).content.decode()

    assert "No contributions yet." in html
    assert 'role="img"' not in html and "%" not in html[html.index('class="figures"') :]


def test_comments_on_private_and_draft_consultations_only_are_never_shown(client, site_tree, hidden):
    with_figures_block(site_tree.home)

    assert site_figures(site_tree.site, "en").received == 0
    html = client.get(site_tree.home.url).content.decode()
    assert "No contributions yet." in html
    assert "Secret council" not in html


def test_a_consultation_made_private_or_unpublished_leaves_the_cached_block_at_once(
    client, site_tree, conversations
):
    """The block keeps its HTML for 5 minutes, but not a consultation the public may no longer read: its title
    and numbers go from the home page as soon as it is put behind a password or unpublished."""
    canteen, park, _park_fr = conversations
    with_figures_block(site_tree.home)
    assert "The canteen" in client.get(site_tree.home.url).content.decode()

    PageViewRestriction.objects.create(page=canteen, restriction_type="password", password="letmein")

    html = client.get(site_tree.home.url).content.decode()
    assert "The canteen" not in html and "The park" in html

    park.unpublish()
    ConsultationPage.objects.get(pk=_park_fr.pk).unpublish()

    html = client.get(site_tree.home.url).content.decode()
    assert "The park" not in html and "Le parc" not in html
    assert "No contributions yet." in html


def test_no_moderators_name_reaches_the_public_figures(client, site_tree, canteen, moderator_user):
    made = comment(canteen, State.PUBLISHED, at(2, 10), HOUR)
    made.decisions.update(moderator=moderator_user)
    with_figures_block(site_tree.home)

    html = client.get(site_tree.home.url).content.decode()

    assert "Published" in html
    assert "camille" not in html.lower() and "Durand" not in html


def test_urgent_comments_are_told_in_public_only_from_ten_on(client, site_tree, canteen, park):
    with_figures_block(site_tree.home)
    for index in range(tag.PUBLIC_URGENT_MINIMUM - 1):
        page = canteen if index % 2 else park
        comment(
            page, State.PUBLISHED, at(2, 10) + index * datetime.timedelta(minutes=1), HOUR, is_urgent=True
        )

    assert "Urgent comments" not in client.get(site_tree.home.url).content.decode()

    comment(park, State.PUBLISHED, at(3, 10), 3 * HOUR, is_urgent=True)
    assert "Urgent comments" not in client.get(site_tree.home.url).content.decode()  # kept for 5 minutes
    cache.clear()
    html = client.get(site_tree.home.url).content.decode()
    assert "Urgent comments read within their promise (2 hours): 9 of 10 (90%)." in html


def queries_for(site):
    with CaptureQueriesContext(connection) as captured:
        site_figures(site, "en")
    return len(captured)


def page_queries(client, url):
    cache.clear()  # the block keeps its figures for 5 minutes: draw them again
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_figures_take_as_many_queries_for_ten_thousand_comments_over_several_consultations_as_for_ten(
    client, site_tree, canteen, park
):
    third = consultation(site_tree, "library", "The library")
    pages = [canteen, park, third]
    for page, number in zip(pages, [4, 3, 3], strict=True):
        make_comments(page, number)
    with_figures_block(site_tree.home)
    site = Site.objects.get(pk=site_tree.site.pk)
    client.get(site_tree.home.url)  # caches the site's root paths and content types
    small, small_page = queries_for(site), page_queries(client, site_tree.home.url)

    for page, number in zip(pages, [3330, 3330, 3330], strict=True):
        make_comments(page, number)
    large, large_page = queries_for(site), page_queries(client, site_tree.home.url)

    assert small == large <= 10
    assert small_page == large_page
    figures = site_figures(site, "en")
    assert figures.received == 10_000
    assert [row.page.title for row in figures.consultations] == [
        "The library",
        "The park",
        "The canteen",
    ]  # newest first
    print(
        f"site figures: {small} queries at 10 comments, {large} at 10,000; home page {small_page} / {large_page}"
    )


def test_the_demo_home_pages_show_the_figures_of_all_consultations_in_both_languages(client, demo_content):
    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()

    assert "Figures of all consultations" in english
    assert "Chiffres de toutes les consultations" in french
    assert "A youth space in Parc des Berges</a>" in english[english.index('class="figures"') :]
    assert "Un espace jeunes au parc des Berges</a>" in french[french.index('class="figures"') :]


def test_a_reason_chosen_in_both_languages_is_one_row(site_tree, canteen, park):
    english = ReasonCategory.objects.get(title="Personal information")
    french = ReasonCategory.objects.get(translation_key=english.translation_key, locale__language_code="fr")
    park_fr = ConsultationPage.objects.get(
        translation_key=park.translation_key, locale=site_tree.home_fr.locale
    )
    comment(canteen, State.REMOVED, at(2, 10), HOUR, Action.REMOVE, english)
    comment(park_fr, State.REMOVED, at(2, 11), HOUR, Action.REMOVE, french)
    comment(park, State.REMOVED, at(2, 12), HOUR, Action.REMOVE, french)

    assert site_figures(site_tree.site, "en").removal_reasons == [("Personal information", 3)]
    assert site_figures(site_tree.site, "fr").removal_reasons == [("Informations personnelles", 3)]


def test_the_block_is_drawn_again_once_the_change_commits(django_capture_on_commit_callbacks):
    """A home page drawn between a restriction and its commit reads the consultation as still public: what it
    cached then must not outlive the commit."""
    from consultations.figures import freshness

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        freshness.renew()
    during = freshness.version()
    for callback in callbacks:
        callback()

    assert freshness.version() != during
