"""A closed consultation shows what came of it: the organisers' results near the top of its page, the phase
timeline's last step, and each answer to an idea under the comments it answers, with a badge."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Locale, PageViewRestriction

from consultations.comments.thread import build_thread
from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment, ConsultationPage, IdeaResponse
from consultations.results.reading import page_results
from home.page_tree import add_translation
from page_cache import versions as page_cache

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def text_of(html):
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def closed_consultation(site_tree, **fields):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        slug=fields.pop("slug", "canteen"),
        title="Lunch at the canteen",
        opens_at=timezone.now() - 60 * DAY,
        closes_at=timezone.now() - 10 * DAY,
        **fields,
    )


def publish_results(page, **fields):
    values = {
        "results_published_on": timezone.localdate() - DAY,
        "results_heard": "<p>You want <b>shorter queues</b>.</p>",
        "results_decided": "<p>A second serving line opens in January.</p>",
        "results_next": "<p>We meet again in June.</p>",
        **fields,
    }
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def answer(page, idea, response, comments=()):
    response_row = IdeaResponse(page=page, idea=idea, response=response)
    response_row.save()
    if comments:
        response_row.comments.set(comments)
        response_row.save()
    return response_row


def section(html):
    match = re.search(r'<section class="results".*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.fixture
def canteen(site_tree):
    return closed_consultation(site_tree)


def test_published_results_show_near_the_top_with_the_timeline_at_results(client, canteen):
    queue = ConsultationCommentFactory(page=canteen, user_name="Léa", comment="The queue is far too long.")
    canteen = publish_results(canteen)
    answer(canteen, "A shorter queue", "<p>A second line opens in January.</p>", [queue])

    html = client.get(canteen.url).content.decode()

    results = section(html)
    assert html.index('class="results"') < html.index('class="question"')  # before the question
    words = text_of(results)
    assert "What came of your ideas" in words
    assert "What we heard You want shorter queues ." in words
    assert "What we decided A second serving line opens in January." in words
    assert "What happens next We meet again in June." in words
    assert "Our answers to your ideas A shorter queue A second line opens in January." in words
    assert f'href="#c{queue.pk}"' in results
    assert "Léa's comment" in words
    assert "This consultation is closed." not in html  # the results say more than the closed notice
    current = re.search(
        r'<li class="timeline__step timeline__step--current"\s*aria-current="step">(.*?)</li>', html, re.S
    )
    assert "Results" in text_of(current.group(1)) and "Now" in text_of(current.group(1))
    closed = re.search(
        r'<li class="timeline__step timeline__step--done"[^>]*>\s*<span[^>]*>✓</span>\s*<p class="timeline__label">\s*Closed',
        html,
    )
    assert closed is not None
    assert html.count('aria-current="step"') == 1


def test_the_answer_shows_under_the_comment_it_answers_with_its_badge(client, canteen):
    queue = ConsultationCommentFactory(page=canteen, comment="The queue is far too long.")
    other = ConsultationCommentFactory(page=canteen, comment="More vegetarian food.")
    canteen = publish_results(canteen)
    idea = answer(canteen, "A shorter queue", "<p>A second line opens in January.</p>", [queue])

    html = client.get(canteen.url).content.decode()

    under_queue = re.search(rf'<li id="c{queue.pk}".*?</article>', html, re.S).group(0)
    under_other = re.search(rf'<li id="c{other.pk}".*?</article>', html, re.S).group(0)
    assert "Organisers' answer" in text_of(under_queue)
    assert "A second line opens in January." in text_of(under_queue)
    assert f'href="#answer-{idea.pk}"' in under_queue
    assert 'class="badge badge--organisers"' in under_queue
    assert "Organisers' answer" not in under_other


def test_a_closed_page_without_results_shows_the_closed_step_and_no_answers(client, canteen):
    queue = ConsultationCommentFactory(page=canteen)
    answer(canteen, "A shorter queue", "<p>Soon.</p>", [queue])  # written, results not published

    html = client.get(canteen.url).content.decode()

    assert section(html) == ""
    assert "organiser-answer" not in html
    assert "This consultation is closed." in html
    current = re.search(
        r'<li class="timeline__step timeline__step--current"\s*aria-current="step">(.*?)</li>', html, re.S
    )
    assert "Closed" in text_of(current.group(1))


def test_results_dated_tomorrow_wait_for_their_day(client, canteen):
    canteen = publish_results(canteen, results_published_on=timezone.localdate() + DAY)

    html = client.get(canteen.url).content.decode()

    assert section(html) == ""
    assert "This consultation is closed." in html


def test_the_document_shows_its_file_type_and_size(client, canteen):
    document = Document(title="The council's full answer")
    document.file.save("answer.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False)
    document.save()
    canteen = publish_results(canteen, results_document=document)

    words = text_of(section(client.get(canteen.url).content.decode()))

    assert (
        "The council's full answer ( PDF, 2.0 KB )" in words
        or "The council's full answer (PDF, 2.0 KB)" in words
    )


def test_a_comment_answered_then_removed_is_not_linked(client, canteen):
    queue = ConsultationCommentFactory(page=canteen)
    canteen = publish_results(canteen)
    answer(canteen, "A shorter queue", "<p>Soon.</p>", [queue])
    ConsultationComment.objects.filter(pk=queue.pk).update(state=ConsultationComment.State.REMOVED)

    html = client.get(canteen.url).content.decode()

    assert f'href="#c{queue.pk}"' not in html
    assert "organiser-answer" not in html
    assert "A shorter queue" in text_of(section(html))  # the answer itself stays


# Hostile text


def test_a_script_in_the_organisers_rich_text_never_reaches_the_page(client, canteen):
    queue = ConsultationCommentFactory(page=canteen)
    canteen = publish_results(
        canteen,
        results_heard='<p>Heard<script>alert(1)</script><img src=x onerror="alert(2)"></p>',
        results_decided='<p><a href="javascript:alert(3)">click</a> <a href="https://example.org" onclick="alert(4)">ok</a></p>',
    )
    answer(
        canteen,
        "Idea",
        '<p>Answer<script>alert(5)</script><iframe src="https://evil.example"></iframe></p>',
        [queue],
    )

    html = client.get(canteen.url).content.decode()

    for needle in ("<script>alert", "onerror", "javascript:alert", "onclick", "<iframe", "<img src=x"):
        assert needle not in html
    assert "Heard" in html and "click" in html
    assert '<a href="https://example.org" rel="noopener">ok</a>' in html


def test_an_idea_title_with_markup_or_template_syntax_is_shown_as_typed(client, canteen):
    queue = ConsultationCommentFactory(page=canteen)
    canteen = publish_results(canteen)
    answer(canteen, "<script>alert(1)</script> {{ 7|add:1 }} {% lorem 30000 w %}", "<p>Yes.</p>", [queue])

    html = client.get(canteen.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert (
        html.count("&lt;script&gt;alert(1)&lt;/script&gt; {{ 7|add:1 }} {% lorem 30000 w %}") == 2
    )  # results, thread
    assert len(html) < 100_000


# Translations


@pytest.fixture
def french(canteen):
    return add_translation(
        canteen,
        Locale.objects.get(language_code="fr"),
        slug="cantine",
        title="La cantine",
        summary="Le déjeuner.",
        question="Que changer ?",
        opens_at=canteen.opens_at,
        closes_at=canteen.closes_at,
    )


def test_a_translation_without_its_own_results_links_to_the_published_ones_in_their_language(
    client, canteen, french
):
    queue = ConsultationCommentFactory(page=canteen, comment="Trop de queue.", language="fr")
    canteen = publish_results(canteen)
    answer(canteen, "A shorter queue", "<p>A second line opens in January.</p>", [queue])

    html = client.get(french.url).content.decode()

    assert section(html) == ""  # no English text in the French page's results section
    assert f'<a href="{canteen.url}#results" hreflang="en">' in html
    assert "Les organisateurs ont publié les résultats en anglais." in text_of(html)
    under_queue = re.search(rf'<li id="c{queue.pk}".*?</article>', html, re.S).group(0)
    assert 'lang="en"' in under_queue and "A second line opens in January." in under_queue
    current = re.search(r'aria-current="step">(.*?)</li>', html, re.S)
    assert "Résultats En ce moment" in text_of(current.group(1))
    assert "La réponse des organisateurs, en anglais" in text_of(current.group(1))


def test_a_translation_with_its_own_results_shows_them(client, canteen, french):
    publish_results(canteen)
    french = publish_results(french, results_heard="<p>Vous voulez moins attendre.</p>")

    html = client.get(french.url).content.decode()

    assert "Vous voulez moins attendre." in section(html)
    assert "You want" not in html


def test_results_of_a_draft_or_private_translation_are_never_shown_or_linked(client, canteen, french):
    queue = ConsultationCommentFactory(page=canteen)
    french = publish_results(french)
    answer(french, "Une file plus courte", "<p>Secret.</p>", [queue])
    PageViewRestriction.objects.create(
        page=french, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    english = client.get(canteen.url).content.decode()

    assert "Secret." not in english
    assert "#results" not in english
    assert "This consultation is closed." in english

    PageViewRestriction.objects.filter(page=french).delete()
    french.unpublish()
    english = client.get(canteen.url).content.decode()
    assert "Secret." not in english
    assert "#results" not in english


def test_a_draft_of_results_on_a_live_page_shows_nothing_until_published(client, canteen):
    queue = ConsultationCommentFactory(page=canteen)
    canteen.results_published_on = timezone.localdate() - DAY
    canteen.results_heard = "<p>Draft words.</p>"
    draft = IdeaResponse(idea="Draft idea", response="<p>Draft.</p>")
    canteen.idea_responses.add(draft)
    draft.comments.set([queue])
    revision = canteen.save_revision()

    html = client.get(canteen.url).content.decode()

    assert "Draft words." not in html and "Draft idea" not in html and "organiser-answer" not in html
    revision.publish()
    html = client.get(canteen.url).content.decode()
    assert "Draft words." in html and "organiser-answer" in html


# Queries


def test_the_thread_draws_every_answer_with_at_most_one_more_query(
    canteen, django_assert_num_queries, settings
):
    settings.TRIBUNE_THREADS_PER_PAGE = 1000  # every comment on one page of the thread
    comments = [ConsultationCommentFactory(page=canteen) for _ in range(10)]
    canteen = publish_results(canteen)
    answer(canteen, "Idea one", "<p>One.</p>", comments[:3])
    answer(canteen, "Idea two", "<p>Two.</p>", comments[2:6])
    canteen.site_root_paths = canteen._get_site_root_paths()  # noqa: SLF001 (cached for the process)

    with CaptureQueriesContext(connection) as plain:
        build_thread(canteen, 3)
    with django_assert_num_queries(len(plain.captured_queries) + 1):
        thread = build_thread(canteen, 3, results=page_results(canteen))
    assert thread.html.count('class="organiser-answer"') == 7

    more = [ConsultationCommentFactory(page=canteen) for _ in range(200)]
    answer(canteen, "Idea three", "<p>Three.</p>", more)
    canteen = ConsultationPage.objects.get(pk=canteen.pk)
    canteen.site_root_paths = canteen._get_site_root_paths()  # noqa: SLF001
    with django_assert_num_queries(len(plain.captured_queries) + 1):
        thread = build_thread(canteen, 3, results=page_results(canteen))
    assert thread.html.count('class="organiser-answer"') == 207


def test_the_page_with_results_costs_the_same_queries_at_10_and_at_300_comments(
    client, canteen, django_assert_num_queries, settings
):
    settings.TRIBUNE_THREADS_PER_PAGE = 1000  # every comment on one page of the thread
    comments = [ConsultationCommentFactory(page=canteen) for _ in range(10)]
    canteen = publish_results(canteen)
    answer(canteen, "Idea one", "<p>One.</p>", comments[:5])
    client.get(canteen.url)
    page_cache.renew(page_cache.SITE)  # the rendering is measured, not a copy from the page cache
    with CaptureQueriesContext(connection) as small:
        assert 'class="organiser-answer"' in client.get(canteen.url).content.decode()
    # Counted now: the captured queries are a slice of the connection's log, which the 290 comments below overflow.
    small_queries = len(small.captured_queries)

    more = [ConsultationCommentFactory(page=canteen) for _ in range(290)]
    answer(canteen, "Idea two", "<p>Two.</p>", more)
    client.get(canteen.url)  # as above: the figures, renewed by the new comments, are cached again
    page_cache.renew(page_cache.SITE)
    with django_assert_num_queries(small_queries):
        html = client.get(canteen.url).content.decode()
    assert html.count('class="organiser-answer"') == 295
