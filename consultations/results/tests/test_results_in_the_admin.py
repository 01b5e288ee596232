"""An organiser writes the results in the "Results" tab of the consultation: the answers to ideas link to this
consultation's published comments only, listed readably; a forged form cannot link anything else."""

import datetime
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment, ConsultationPage, IdeaResponse
from home.page_tree import add_translation

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["body-count"] = "0"
    if "comments_enabled" in data:  # a ticked box without a value posts "on"
        data["comments_enabled"] = "on"
    return data, html


def text_of(html):
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def draftail(text):
    """What Draftail posts for a paragraph of ``text``."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "type": "unstyled",
                    "text": text,
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


def with_answer(data, idea, response, comments, index=0):
    prefix = f"idea_responses-{index}"
    data[f"{prefix}-idea"] = idea
    data[f"{prefix}-response"] = draftail(response)
    data.setlist(f"{prefix}-comments", [str(pk) for pk in comments])
    data[f"{prefix}-ORDER"] = str(index + 1)
    data[f"{prefix}-DELETE"] = ""
    data[f"{prefix}-id"] = ""
    data["idea_responses-TOTAL_FORMS"] = str(index + 1)
    return data


def with_results(data, **fields):
    data["results_published_on"] = (timezone.localdate() - DAY).isoformat()
    data["results_heard"] = draftail("You want shorter queues.")
    data["action-publish"] = "action-publish"
    data.update(fields)
    return data


@pytest.fixture
def canteen(site_tree):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        slug="canteen",
        opens_at=timezone.now() - 60 * DAY,
        closes_at=timezone.now() - 10 * DAY,
    )


@pytest.fixture
def comments(canteen, site_tree):
    other = ConsultationPageFactory(parent=site_tree.consultations, slug="park")
    return {
        "queue": ConsultationCommentFactory(
            page=canteen, user_name="Léa", comment="The queue is far too long."
        ),
        "veggie": ConsultationCommentFactory(
            page=canteen, user_name="Sam", comment="More vegetarian food, please."
        ),
        "pending": ConsultationCommentFactory(
            page=canteen,
            user_name="Hidden",
            comment="Not published yet.",
            state=ConsultationComment.State.PENDING,
        ),
        "removed": ConsultationCommentFactory(
            page=canteen, user_name="Gone", comment="Removed words.", state=ConsultationComment.State.REMOVED
        ),
        "elsewhere": ConsultationCommentFactory(page=other, user_name="Parker", comment="About the park."),
    }


def test_the_results_tab_lists_this_consultations_published_comments_readably(
    admin_client, canteen, comments
):
    _data, html = edit_form(admin_client, canteen)

    field = re.search(r'<div class="answered-comments".*?</ul></div>', html, re.S).group(
        0
    )  # the empty form's
    words = text_of(field)
    assert "2 published comments of this consultation" in words
    assert "Léa" in words and "The queue is far too long." in words and "Sam" in words
    for hidden in ("Hidden", "Not published yet.", "Gone", "Parker", "About the park."):
        assert hidden not in words
    assert "<select" not in field


def test_an_organiser_links_an_answer_to_comments_and_publishes_it(admin_client, client, canteen, comments):
    data, _html = edit_form(admin_client, canteen)
    with_answer(
        with_results(data), "A shorter queue", "A second line opens in January.", [comments["queue"].pk]
    )

    response = admin_client.post(edit_url(canteen), dict(data.lists()))

    assert response.status_code == 302, text_of(response.content.decode())[:2000]
    answer = IdeaResponse.objects.get(page=canteen)
    assert list(answer.comments.all()) == [comments["queue"]]
    html = client.get(canteen.url).content.decode()
    assert "A second line opens in January." in html and f'href="#c{comments["queue"].pk}"' in html
    # The edit form shows the link ticked, first.
    _data, html = edit_form(admin_client, canteen)
    assert re.search(rf'value="{comments["queue"].pk}" id="[^"]+" checked', html)


@pytest.mark.parametrize(
    ("forged", "error"),
    [
        ("elsewhere", "is not a published comment of this consultation"),
        ("pending", "is not a published comment of this consultation"),
        ("removed", "is not a published comment of this consultation"),
        ("99999999999999999999", "is not a comment of this consultation"),
        ("9223372036854775808", "is not a comment of this consultation"),
        ("abc", "is not a comment of this consultation"),
        ("-1", "is not a comment of this consultation"),
    ],
)
def test_a_forged_form_cannot_link_any_other_comment(admin_client, canteen, comments, forged, error):
    data, _html = edit_form(admin_client, canteen)
    value = comments[forged].pk if forged in comments else forged
    with_answer(with_results(data), "A shorter queue", "Yes.", [comments["queue"].pk, value])

    response = admin_client.post(edit_url(canteen), dict(data.lists()))

    assert response.status_code == 200
    assert error in text_of(response.content.decode())
    assert not IdeaResponse.objects.filter(page=canteen).exists()
    assert ConsultationPage.objects.get(pk=canteen.pk).results_published_on is None


def test_the_french_page_lists_the_same_conversation_and_keeps_its_links(admin_client, canteen, comments):
    french_comment = ConsultationCommentFactory(
        page=canteen, user_name="Chloé", comment="Plus de choix.", language="fr"
    )
    french = add_translation(
        canteen,
        Locale.objects.get(language_code="fr"),
        slug="cantine",
        summary="Le déjeuner.",
        question="Que changer ?",
        opens_at=canteen.opens_at,
        closes_at=canteen.closes_at,
    )
    data, html = edit_form(admin_client, french)
    assert "Chloé" in text_of(html) and "Léa" in text_of(html) and "Parker" not in text_of(html)
    with_answer(with_results(data), "Plus de choix", "Oui.", [french_comment.pk, comments["queue"].pk])

    response = admin_client.post(edit_url(french), dict(data.lists()))

    assert response.status_code == 302, text_of(response.content.decode())[:2000]
    answer = IdeaResponse.objects.get(page=french)
    assert set(answer.comments.all()) == {french_comment, comments["queue"]}


def test_a_new_consultation_says_its_comments_come_once_it_is_saved(admin_client, site_tree):
    url = reverse(
        "wagtailadmin_pages:add", args=["consultations", "consultationpage", site_tree.consultations.pk]
    )

    html = admin_client.get(url).content.decode()

    assert "Save the page first: the comments it receives can then be linked here." in text_of(html)


def test_a_consultation_without_published_comments_says_so(admin_client, canteen):
    _data, html = edit_form(admin_client, canteen)

    assert "This consultation has no published comments yet." in text_of(html)


def test_results_dated_before_the_closing_are_refused_next_to_the_date(admin_client, canteen):
    data, _html = edit_form(admin_client, canteen)
    with_results(data, results_published_on=(timezone.localdate(canteen.closes_at) - DAY).isoformat())

    response = admin_client.post(edit_url(canteen), dict(data.lists()))

    assert response.status_code == 200
    assert "Results can only be published once the consultation has closed." in text_of(
        response.content.decode()
    )
    assert ConsultationPage.objects.get(pk=canteen.pk).results_published_on is None


def test_empty_results_boxes_publish_nothing(admin_client, client, canteen):
    data, _html = edit_form(admin_client, canteen)
    with_results(data, results_heard=draftail(""))

    assert admin_client.post(edit_url(canteen), dict(data.lists())).status_code == 302

    page = ConsultationPage.objects.get(pk=canteen.pk)
    assert (page.results_heard, page.results_decided, page.results_next) == ("", "", "")
    assert not page.results_are_published()
    assert 'id="results"' not in client.get(canteen.url).content.decode()


def test_script_typed_in_the_results_never_runs_on_the_page(admin_client, client, canteen, comments):
    data, _html = edit_form(admin_client, canteen)
    with_results(data, results_heard=draftail('<script>alert("heard")</script>'))
    with_answer(
        data,
        '<script>alert("idea")</script> {{ 7|add:1 }}',
        "<img src=x onerror=alert(1)>",
        [comments["queue"].pk],
    )

    assert admin_client.post(edit_url(canteen), dict(data.lists())).status_code == 302

    html = client.get(canteen.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert (
        '&lt;script&gt;alert("heard")&lt;/script&gt;' in html
        or "&lt;script&gt;alert(&quot;heard&quot;)" in html
    )
    assert "{{ 7|add:1 }}" in html
