"""An address kept for the results email is kept for that alone: until the email is sent, or until the
organisers' limit (``results_notice_months`` after closing), or until its author withdraws a comment or follows
an unsubscribe link. Everything else is erased as before, 30 days after closing."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Email

from consultations.authors.links import absolute_link
from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import AuthorAddress, ConsultationComment, ResultsSubscription, address_key
from consultations.moderation import service as moderation
from consultations.privacy.retention import erase_expired_author_data
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
OWL = "owl@example.org"


@pytest.fixture
def closed(consultation):
    """Closed on 31 January (local time), results never published; the organisers keep addresses 12 months."""
    consultation.closes_at = timezone.make_aware(datetime.datetime(2026, 1, 31, 18, 0))
    consultation.opens_at = consultation.closes_at - datetime.timedelta(days=30)
    consultation.save_revision().publish()
    return consultation


def subscribed(page, address=OWL, **fields):
    comment = ConsultationCommentFactory(page=page, user_email=address, **fields)
    ResultsSubscription.objects.create(
        page=page.source_page,
        address=address,
        address_key=address_key(address),
        language="en",
        comment=comment,
    )
    return comment


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def test_thirty_days_after_closing_the_comments_address_goes_and_the_one_kept_for_results_stays(closed):
    comment = subscribed(closed)
    ConfirmedAddressFactory(address=OWL)
    other = ConsultationCommentFactory(page=closed, user_email="fox@example.org")

    result = erase_expired_author_data(30, now=at(2026, 3, 3))

    comment.refresh_from_db()
    other.refresh_from_db()
    assert comment.user_email == "" and other.user_email == ""  # the 30-day rule is kept
    assert result.addresses == 2
    assert result.subscriptions == 0
    subscription = ResultsSubscription.objects.get()
    assert subscription.address == OWL
    # Its confirmation is still known, for the rules of the results email.
    assert AuthorAddress.objects.filter(key=address_key(OWL), confirmed_at__isnull=False).exists()


def test_thirty_days_after_closing_the_address_kept_for_results_no_longer_names_the_comment(closed):
    """The 30-day erasure parts an address from what its author wrote: the row kept for the results email must
    not keep pointing at the comment (its pseudonym and text) for months after."""
    comment = subscribed(closed, user_name="Owl_Secret", comment="My own words")

    erase_expired_author_data(30, now=at(2026, 3, 3))

    subscription = ResultsSubscription.objects.get()
    assert subscription.address == OWL  # still kept, for the one email
    assert subscription.comment_id is None
    assert not ConsultationComment.objects.filter(pk=comment.pk, user_email=OWL).exists()


def test_the_day_before_the_organisers_limit_nothing_kept_for_results_is_erased(closed):
    subscribed(closed)

    result = erase_expired_author_data(30, now=at(2027, 1, 31, 17))

    assert result.subscriptions == 0
    assert ResultsSubscription.objects.count() == 1


def test_past_the_limit_the_address_kept_for_results_is_erased_without_any_email(closed):
    subscribed(closed)
    ConfirmedAddressFactory(address=OWL)
    mail.outbox.clear()
    Email.objects.all().delete()

    result = erase_expired_author_data(30, now=at(2027, 1, 31, 19))

    assert result.subscriptions == 1
    assert not ResultsSubscription.objects.exists()
    assert not AuthorAddress.objects.filter(key=address_key(OWL)).exists()  # no comment or wish needs it now
    assert not Email.objects.exists()
    deliver()
    assert mail.outbox == []


def test_the_limit_is_the_organisers_number_of_months(closed):
    closed.results_notice_months = 3
    closed.save_revision().publish()
    subscribed(closed)

    assert erase_expired_author_data(30, now=at(2026, 4, 30)).subscriptions == 0  # 31 January + 3 months
    assert erase_expired_author_data(30, now=at(2026, 4, 30, 19)).subscriptions == 1


def test_the_daily_command_says_how_many_it_erased(closed):
    closed.closes_at = timezone.now() - datetime.timedelta(days=400)
    closed.opens_at = closed.closes_at - datetime.timedelta(days=30)
    closed.save_revision().publish()
    subscribed(closed)
    out = io.StringIO()

    call_command("erase_author_data", stdout=out)

    assert "1 addresses kept for results that did not come in time" in out.getvalue()
    assert not ResultsSubscription.objects.exists()


def test_withdrawing_a_comment_erases_the_wish_of_its_mailbox(consultation):
    comment = subscribed(consultation)
    another = ConsultationCommentFactory(page=consultation, user_email="OWL@example.org")
    stranger = subscribed(consultation, address="fox@example.org")

    moderation.withdraw(another)  # another comment of the same mailbox

    assert list(ResultsSubscription.objects.values_list("comment_id", flat=True)) == [stranger.pk]
    assert comment.pk != stranger.pk


def test_the_unsubscribe_link_stops_the_results_email_too_and_says_so(client, consultation):
    comment = subscribed(consultation)
    subscribed(consultation, address="fox@example.org")
    link = absolute_link(comment, "unsubscribe").removeprefix("http://testserver")

    page = client.get(link).content.decode()
    assert "You will not get the email about the results of this consultation either" in page

    done = client.post(link).content.decode()

    assert "Nor the email about the results: your address is erased from that list." in done
    assert list(ResultsSubscription.objects.values_list("address", flat=True)) == ["fox@example.org"]
    comment.refresh_from_db()
    assert comment.followup is False


def test_the_unsubscribe_page_of_an_author_who_did_not_ask_says_nothing_of_results(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email=OWL)
    link = absolute_link(comment, "unsubscribe").removeprefix("http://testserver")

    assert "results" not in client.get(link).content.decode()
    assert "results" not in client.post(link).content.decode()


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "en",
            "You asked us to tell you what happens with the ideas: we will send you one email when the results",
        ),
        ("fr", "Tu nous as demandé de te dire ce que deviennent les idées : nous t'enverrons un seul e-mail"),
    ],
)
def test_the_received_email_says_one_email_will_come_and_how_to_stop_it(
    client, site_tree, consultation, comment_data, language, sentence
):
    page = consultation
    if language == "fr":
        page = consultation.copy_for_translation(site_tree.home_fr.locale)
        page.save_revision().publish()

    client.post(comment_post_url(page), comment_data(page, email=OWL, results_notice="on"))
    client.post(comment_post_url(page), comment_data(page, email="fox@example.org", comment="No wish."))
    deliver()

    owl = next(message for message in mail.outbox if message.to == [OWL])
    fox = next(message for message in mail.outbox if message.to == ["fox@example.org"])
    assert sentence in owl.body
    unsubscribe = re.search(r"/my-comment/unsubscribe/[^/\s]+/", owl.body).group(0)
    assert unsubscribe in owl.alternatives[0][0]
    assert "/my-comment/unsubscribe/" not in fox.body
    client.post(f"/{language}{unsubscribe}")
    assert not ResultsSubscription.objects.exists()
    assert ConsultationComment.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "row"),
    [
        (
            "/en/rules/code-of-conduct/",
            "Your email address, if you ticked “Tell me what happens with the ideas” Nobody. We use it for one "
            "thing only: one email when the results are published Erased once that email is sent (its copy 30 "
            "days later); if no results come, at the limit shown next to the box: 12 months after the "
            "consultation closes, unless the organisers set another",
        ),
        (
            "/fr/regles/charte/",
            "Ton adresse e-mail, si tu as coché « Dis-moi ce que deviennent les idées » Personne. Elle sert à "
            "une seule chose : un e-mail quand les résultats sont publiés Effacée dès que cet e-mail est parti "
            "(sa copie 30 jours après) ; sans résultats, à la limite indiquée sous la case : 12 mois après la fin "
            "de la consultation, sauf autre choix des organisateurs",
        ),
    ],
)
def test_the_demo_privacy_note_says_the_rule(demo_content, client, url, row):
    import html as html_module

    page = client.get(url)

    assert page.status_code == 200
    text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
    assert row in text
