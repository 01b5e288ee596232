import datetime
import html as html_module

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultations.comments.search import fold, needles
from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment
from guidelines.factories import GuidelinePageFactory
from home.search import EXCERPT_LENGTH, Part, excerpt

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "x" * 10_000,
    "%",
    "100%_",
    "\"unclosed 'quotes",
    "' OR 1=1 --",
    "AND OR NOT",
    "*",
    "^$()[]{}|\\",
    "<script>alert(1)</script>",
    "Zażółć gęślą jaźń 🦄",
    "\u202e\u200b\ufeff",
    "e\u0301te\u0301",
    "NEAR(a b)",
    "a:b",
    "-",
    "a\x00b",
    "\x00",
    "🦄🦄🦄",
    "_",
    "__",
    "a " * 100,
    " ".join(f"w{number}" for number in range(60)),
]
State = ConsultationComment.State


def search(client, query, language="en", **params):
    return client.get(f"/{language}/search/", {"query": query, **params})


def test_search_finds_pages_by_title_and_keeps_the_query_in_the_box(client, site_tree):
    response = search(client, "rules")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/en/rules/">Rules of participation</a>' in html
    assert 'value="rules"' in html
    assert '<label for="search-query">' in html


def test_search_with_no_match_says_so(client, site_tree):
    html = search(client, "nothingmatchesthis").content.decode()

    assert "Nothing matches your search." in html
    assert "0 results" in html


def test_empty_search_shows_the_form_only(client, site_tree):
    html = client.get("/en/search/").content.decode()

    assert '<input id="search-query"' in html
    assert "Nothing matches" not in html


def test_search_shows_only_pages_in_the_visitors_language(client, site_tree):
    english = search(client, "participation").content.decode()
    french = search(client, "participation", language="fr").content.decode()

    assert 'href="/en/rules/"' in english and 'href="/fr/regles/"' not in english
    assert 'href="/fr/regles/"' in french and 'href="/en/rules/"' not in french
    assert "Rechercher sur le site" in french


def test_search_does_not_show_unpublished_or_private_pages(client, site_tree):
    private = GuidelinePageFactory(parent=site_tree.guidelines, title="Conduct for members", slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    site_tree.guideline.unpublish()

    html = search(client, "conduct").content.decode()

    assert site_tree.guideline.url not in html
    assert private.url not in html
    assert "Nothing matches your search." in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_search_never_fails_on_odd_queries(client, site_tree, query):
    page = ConsultationPageFactory(parent=site_tree.consultations)
    ConsultationCommentFactory(page=page, comment="a_b 100% <script> 🦄 Zażółć gęślą jaźń x" * 3)

    response = search(client, query)

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_search_results_are_paginated_and_keep_the_query(client, site_tree):
    for number in range(12):
        GuidelinePageFactory(parent=site_tree.guidelines, title=f"Pagination rule {number}")

    first = search(client, "pagination").content.decode()
    second = search(client, "pagination", page=2).content.decode()

    assert "12 results" in first and "Page 1 of 2" in first
    assert 'href="?query=pagination&amp;page=2#search-pages"' in first
    assert "Page 2 of 2" in second
    assert search(client, "pagination", page="999").status_code == 200
    assert search(client, "pagination", page="abc").status_code == 200


def test_search_only_answers_get(client, site_tree):
    assert client.post("/en/search/", {"query": "rules"}).status_code == 405


def test_every_page_has_a_search_form_in_the_header(client, site_tree):
    html = client.get("/fr/").content.decode()

    assert '<form class="site-search" action="/fr/search/" method="get" role="search">' in html
    assert '<label class="visually-hidden" for="site-search-query">' in html


# Comments


@pytest.fixture
def park(site_tree):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        title="A youth space in the park",
        slug="park",
        summary="Shade and benches.",
    )


def comment_on(page, text, **fields):
    return ConsultationCommentFactory(page=page, comment=text, **fields)


def test_search_finds_a_published_comment_with_its_consultation_author_date_and_a_highlighted_excerpt(
    client, park
):
    comment = comment_on(
        park,
        "We need more shade near the skate ramps, and a fountain.",
        user_name="NightOwl_14",
        submit_date=datetime.datetime(2026, 11, 21, 16, 0, tzinfo=datetime.UTC),
    )

    html = search(client, "fountain").content.decode()

    assert "1 result for" in html
    assert '<h3 id="search-comments-title">Comments</h3>' in html
    assert f'<a href="/en/consultations/park/comments/{comment.pk}/">A youth space in the park' in html
    assert '<bdi class="search-hit__author">NightOwl_14</bdi>' in html
    assert '<time datetime="2026-11-21T17:00:00+01:00">Nov. 21, 2026</time>' in html
    assert "skate ramps, and a <mark>fountain</mark>." in html
    assert (
        client.get(f"/en/consultations/park/comments/{comment.pk}/").url
        == f"/en/consultations/park/#c{comment.pk}"
    )


@pytest.mark.parametrize("state", [State.PENDING, State.RETURNED, State.REMOVED, State.WITHDRAWN])
def test_search_never_finds_a_comment_readers_cannot_see(client, park, state):
    comment_on(park, "A secret fountain idea", state=state)

    html = search(client, "fountain").content.decode()

    assert "secret" not in html
    assert "Nothing matches your search." in html


def test_search_ignores_comments_on_hidden_or_closed_to_comments_pages_and_in_the_other_language(
    client, site_tree, park
):
    draft = ConsultationPageFactory(parent=site_tree.consultations, title="Draft")
    private = ConsultationPageFactory(parent=site_tree.consultations, title="Private")
    silent = ConsultationPageFactory(parent=site_tree.consultations, title="Silent", comments_enabled=False)
    french = ConsultationPageFactory(parent=site_tree.consultations_fr, title="Française")
    for page in (draft, private, silent, french):
        comment_on(page, f"fountain on {page.title}")
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    comment_on(park, "fountain on the park")

    english = search(client, "fountain").content.decode()
    in_french = search(client, "fountain", language="fr").content.decode()

    assert "<mark>fountain</mark> on the park" in english
    for title in ("Draft", "Private", "Silent", "Française"):
        assert f"fountain</mark> on {title}" not in english
    assert "<mark>fountain</mark> on Française" in in_french
    assert "on the park" not in in_french


def test_every_word_must_be_in_a_comment_in_any_order(client, park):
    comment_on(park, "Benches in the shade, please")
    comment_on(park, "More benches")
    comment_on(park, "Shade!")

    html = search(client, "shade benches").content.decode()

    assert "<mark>Benches</mark> in the <mark>shade</mark>, please" in html
    assert "More benches" not in html and "More <mark>benches</mark>" not in html
    assert "<mark>Shade</mark>!" not in html


@pytest.mark.parametrize(
    ("query", "text"),
    [("ecole", "Près de l'École Jules Ferry"), ("ÉCOLE", "près de l'ecole"), ("CAFÉ", "un café")],
)
def test_comment_search_ignores_case_and_accents(client, park, query, text):
    comment_on(park, text)

    html = search(client, query).content.decode()

    assert "1 result for" in html
    assert "<mark>" in html


def test_a_capital_i_with_a_dot_is_an_accented_i(client, park):
    comment_on(park, "Next summer in İzmir, İstanbul and Diyarbakır")

    html = search(client, "istanbul izmir").content.decode()

    assert "1 result for" in html
    assert "Next summer in <mark>İzmir</mark>, <mark>İstanbul</mark> and Diyarbakır" in html


def test_like_wildcards_in_a_word_match_only_themselves(client, park):
    comment_on(park, "axb is not it")
    comment_on(park, "a_b is the one")

    html = search(client, "a_b").content.decode()

    assert "<mark>a_b</mark> is the one" in html
    assert "axb" not in html


HOSTILE_COMMENTS = [
    ("<script>alert(1)</script> fountain", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>fountain</mark>"),
    (
        "{{ request.user }} fountain {% now 'Y' %}",
        "{{ request.user }} <mark>fountain</mark> {% now &#x27;Y&#x27; %}",
    ),
    ("fountain \u202egnp.exe", "<mark>fountain</mark> gnp.exe"),
    ("<b>bold</b> & fountain", "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>fountain</mark>"),
]


@pytest.mark.parametrize(("text", "shown"), HOSTILE_COMMENTS, ids=range(len(HOSTILE_COMMENTS)))
def test_a_comment_found_is_shown_as_plain_text(client, park, text, shown):
    comment_on(park, text, user_name="<i>Owl</i>")

    html = search(client, "fountain").content.decode()

    assert shown in html
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;i&gt;Owl&lt;/i&gt;" in html and "<i>Owl" not in html


def test_a_long_comment_without_spaces_is_cut_around_the_word_found(client, park):
    comment_on(park, "x" * 1000 + "fountain" + "y" * 1000)

    html = search(client, "fountain").content.decode()

    shown = html.split('<p class="search-hit__excerpt" dir="auto">')[1].split("</p>")[0].strip()
    assert f"…{'x' * 60}<mark>fountain</mark>" in shown
    assert shown.endswith("…")
    assert len(html_module.unescape(shown.replace("<mark>", "").replace("</mark>", ""))) <= EXCERPT_LENGTH + 2


def test_comments_are_paginated_apart_from_pages(client, site_tree, park):
    for number in range(12):
        comment_on(
            park, f"Pagination idea {number}", submit_date=timezone.now() - datetime.timedelta(hours=number)
        )
    for number in range(12):
        GuidelinePageFactory(parent=site_tree.guidelines, title=f"Pagination rule {number}")

    first = search(client, "pagination").content.decode()
    second = search(client, "pagination", page=2, comments_page=2).content.decode()

    assert "24 results" in first
    assert (
        '<a href="#search-pages">12 pages</a>' in first
        and '<a href="#search-comments">12 comments</a>' in first
    )
    assert "<mark>Pagination</mark> idea 0" in first and "idea 11" not in first
    assert 'href="?query=pagination&amp;comments_page=2#search-comments"' in first
    assert 'href="?query=pagination&amp;page=2#search-pages"' in first
    assert "idea 11" in second and "idea 0<" not in second
    assert second.count("Page 2 of 2") == 2
    assert search(client, "pagination", comments_page="abc").status_code == 200
    assert search(client, "pagination", comments_page="99999999999999999999").status_code == 200


def test_comment_search_costs_the_same_few_queries_for_one_or_a_full_page_of_results(client, park):
    comment_on(park, "fountain one")
    search(client, "fountain")  # Wagtail caches the site's root paths
    with CaptureQueriesContext(connection) as one:
        search(client, "fountain")
    for number in range(15):
        comment_on(park, f"fountain {number}")
    with CaptureQueriesContext(connection) as many:
        html = search(client, "fountain").content.decode()

    assert "16 results" in html
    assert len(many) == len(one) <= 13  # 4 of them are the footer's code of conduct link


def test_pages_found_show_a_highlighted_excerpt_of_their_summary(client, park):
    html = search(client, "benches").content.decode()

    assert '<a href="/en/consultations/park/">A youth space in the park</a>' in html
    assert "Shade and <mark>benches</mark>." in html


def test_a_page_excerpt_shows_a_plain_text_field_as_the_page_does_and_rich_text_as_read(client, site_tree):
    ConsultationPageFactory(
        parent=site_tree.consultations, title="Kiosk", summary="Fish &amp; chips <b>kiosk</b> at 3 &lt; 5 pm"
    )
    site_tree.consultations.intro = "<p>Every <b>gazebo</b> &amp; shelter</p>"
    site_tree.consultations.save_revision().publish()

    kiosk = search(client, "kiosk").content.decode()
    gazebo = search(client, "gazebo").content.decode()

    assert "Fish &amp;amp; chips &lt;b&gt;<mark>kiosk</mark>&lt;/b&gt; at 3 &amp;lt; 5 pm" in kiosk
    assert "Every <mark>gazebo</mark> &amp; shelter" in gazebo


# Excerpts and folding


def test_fold_ignores_case_and_accents_and_needles_drop_repeated_words():
    assert fold("Été À l'ÉCOLE, Ça") == "ete a l'ecole, ca"
    assert fold("İSTANBUL İzmir") == "istanbul izmir"
    assert needles(["parc", "Par", "PARC", "école", "a"]) == ["ecole", "parc"]


def test_excerpt_keeps_short_text_whole_and_marks_every_word():
    assert excerpt("Shade, shade and benches", ["shade", "BENCHES"]) == [
        Part("Shade", True),
        Part(", "),
        Part("shade", True),
        Part(" and "),
        Part("benches", True),
    ]


def test_excerpt_cuts_long_text_at_spaces_around_the_first_match():
    text = " ".join(f"word{number}" for number in range(200)) + " fountain " + "end " * 100

    parts = excerpt(text, ["fountain"])
    shown = "".join(part.text for part in parts)

    assert parts[0] == Part("…") and parts[-1] == Part("…")
    assert Part("fountain", True) in parts
    assert shown[1] == "w" and shown[-2] == "d"  # whole words at both ends
    assert len(shown) <= EXCERPT_LENGTH + 2


def test_excerpt_without_a_match_is_the_start_of_the_text():
    assert excerpt("Plain words", ["nothing"]) == [Part("Plain words")]
    assert excerpt("", ["x"]) == []


def test_on_sqlite_each_comment_is_folded_once_per_query_whatever_the_number_of_words(
    client, park, monkeypatch
):
    from consultations.comments import search as comment_search

    if connection.vendor != "sqlite":
        pytest.skip("the folding function is SQLite's")
    texts = [f"{number} the quick brown fox jumps over a lazy dog" for number in range(5)]
    for text in texts:
        comment_on(park, text)
    folded = []
    monkeypatch.setattr(comment_search, "fold", lambda text: folded.append(text) or fold(text))

    html = search(client, "a b c d e f g h i j k l m n o p").content.decode()

    assert "5 results" in html
    # Two queries (the count, then the page): a comment is folded at most once in each, not once per word.
    assert max(folded.count(text) for text in texts) <= 2


@pytest.mark.parametrize(
    "cluster",
    ["e\u0301", "Z\u0351\u0316\u0300", "\U0001f469\u200d\U0001f467", "\U0001f44d\U0001f3fd", "\u2764\ufe0f"],
)
@pytest.mark.parametrize("words", [["fountain"], ["nothing"]])
def test_an_excerpt_never_cuts_a_letter_from_its_accents_nor_an_emoji_apart(cluster, words):
    before = cluster * 150 + " "
    text = before + "fountain " + cluster * 150

    shown = "".join(part.text for part in excerpt(text, words)).strip("…")
    start = text.find(shown)
    end = start + len(shown)

    assert start % len(cluster) == 0, shown[:3]
    assert (end if end < len(before) else end - len(before) - len("fountain ")) % len(cluster) == 0, shown[
        -3:
    ]
