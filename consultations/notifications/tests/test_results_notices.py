"""The results email, as its reader gets it: once, in their language, with the link to their page (or to the page
that shows the results, saying in which language), signed by the community manager; then the address is gone."""

import datetime
import html as html_module
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from post_office.models import STATUS, Email

from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ResultsSubscription, UnconfirmedAddressEmail, address_key
from consultations.notifications import results
from consultations.notifications.tests.mail_backends import FlakySMTPBackend
from guidelines.factories import CommunityManagerSettingsFactory
from guidelines.models import ManagerTexts
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db

LINA, OWEN = "lina@example.org", "owen@example.org"

WORDS = {
    "en": {
        "subject": "The results of “A youth space” are out",
        "sentence": "When you posted on “A youth space”, you asked us to tell you what happens with the ideas. The "
        "organisers have published the results: what they heard, what they decided and what happens next.",
        "link": "Read the results:",
        "only": "This is the only email about it: we have erased your address from the list of people to tell.",
        "signature": "Sam, Community manager",
        "other_language": "For now, the results are published in French only.",
    },
    "fr": {
        "subject": "Les résultats de « Un espace jeunes » sont publiés",
        "sentence": "Quand tu as participé à « Un espace jeunes », tu nous as demandé de te dire ce que "
        "deviennent les idées. Les organisateurs ont publié les résultats : ce qu'ils ont entendu, ce qu'ils ont "
        "décidé et la suite.",
        "link": "Lire les résultats :",
        "only": "C'est le seul e-mail à ce sujet : nous avons effacé ton adresse de la liste des personnes à "
        "prévenir.",
        "signature": "Sam, Animatrice de la communauté",
        "other_language": "Pour l'instant, les résultats sont publiés en anglais uniquement.",
    },
}


@pytest.fixture
def manager(site_tree):
    settings = CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Sam", role="Community manager", reply_to_email="team@example.org"
    )
    ManagerTexts.objects.create(settings=settings, language="fr", role="Animatrice de la communauté")
    return settings


@pytest.fixture
def closed(site_tree, consultation, manager):
    """The consultation closed yesterday, in English and French, results not written yet."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    consultation.opens_at = yesterday - datetime.timedelta(days=30)
    consultation.closes_at = yesterday
    consultation.save_revision().publish()
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.title = "Un espace jeunes"
    french.save_revision().publish()
    return {"en": consultation, "fr": french}


def subscribe(page, address, language, confirmed=True):
    comment = ConsultationCommentFactory(page=page, user_email=address, user_name="Owl_{{ 7|add:1 }}")
    if confirmed:
        ConfirmedAddressFactory(address=address)
    return ResultsSubscription.objects.create(
        page=page.source_page,
        address=address,
        address_key=address_key(address),
        language=language,
        comment=comment,
    )


def publish_results(page, day=None, text="<p>We heard you: more shade.</p>"):
    page.refresh_from_db()
    page.results_published_on = day or timezone.localdate()
    page.results_heard = text
    page.save_revision().publish()


def as_read(html):
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def delivered():
    deliver()
    return {
        message.to[0]: (message.subject, message.body, message.alternatives[0][0], message)
        for message in mail.outbox
    }


def test_results_of_both_languages_email_each_subscriber_once_in_their_language_with_their_page(closed):
    """The organisers wrote the results in both languages for the same day: at that day, each subscriber gets
    their own language's page."""
    subscribe(closed["en"], OWEN, "en")
    subscribe(closed["fr"], LINA, "fr")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    publish_results(closed["en"], day=tomorrow)
    publish_results(closed["fr"], day=tomorrow, text="<p>On vous a entendus : plus d'ombre.</p>")
    assert delivered() == {}

    call_command("send_results_notices", stdout=io.StringIO())  # the hourly run, the same day: not yet
    assert delivered() == {}
    assert results.send_due_results_notices(now=timezone.now() + datetime.timedelta(days=1)) == (2, [])

    emails = delivered()
    assert sorted(emails) == [LINA, OWEN]
    for address, language in ((OWEN, "en"), (LINA, "fr")):
        subject, text, html, message = emails[address]
        words = WORDS[language]
        link = f"http://testserver{closed[language].url}"
        assert subject == words["subject"]
        assert words["sentence"] in text and words["sentence"] in as_read(html)
        assert f"{words['link']} {link}" in text
        assert f'href="{link}"' in html
        assert words["only"] in text and words["only"] in as_read(html)
        assert words["signature"] in text and words["signature"] in as_read(html)
        assert words["other_language"] not in text
        assert message.extra_headers.get("Reply-To") == "team@example.org"
        # Nothing a participant typed: not their pseudonym, not their comment.
        assert "Owl_" not in text + html and "benches" not in text + html
    assert not ResultsSubscription.objects.exists()


def test_publishing_again_or_running_the_command_sends_nothing_more(closed):
    subscribe(closed["en"], OWEN, "en")
    publish_results(closed["en"])
    assert len(delivered()) == 1
    mail.outbox.clear()

    publish_results(closed["en"], text="<p>Corrected.</p>")
    out = io.StringIO()
    call_command("send_results_notices", stdout=out)

    assert delivered() == {}
    assert "results notices: 0 email(s) queued" in out.getvalue()


def test_a_run_that_finds_the_rows_it_read_already_gone_sends_nothing(closed, monkeypatch):
    """The command and a publication at once: the other run deletes the rows and queues the emails between this
    run's read and its delete; this one deletes nothing, so sends nothing."""
    subscribe(closed["en"], OWEN, "en")
    subscribe(closed["fr"], LINA, "fr")
    for page in closed.values():
        publish_results(page, day=timezone.localdate() + datetime.timedelta(days=1))  # not yet
    assert delivered() == {}
    real = results.locked_subscriptions
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    def read_then_overtaken(source):
        rows = real(source)
        monkeypatch.setattr(results, "locked_subscriptions", real)
        results.notify_subscribers(source, now=tomorrow)  # the other run, first to delete
        return rows

    monkeypatch.setattr(results, "locked_subscriptions", read_then_overtaken)

    queued, skipped = results.send_due_results_notices(now=tomorrow)

    assert (queued, skipped) == (0, [])
    assert sorted(delivered()) == [LINA, OWEN]
    assert len(mail.outbox) == 2


def test_a_subscriber_whose_language_has_no_results_yet_waits_for_them_a_few_days(closed):
    """Publishing the results of one translation tells its own subscribers at once; those of a language whose
    page has no results yet wait for it, and get their own page once it shows them."""
    subscribe(closed["fr"], LINA, "fr")
    subscribe(closed["en"], OWEN, "en")

    publish_results(closed["en"])  # the French page has no results yet
    assert list(delivered()) == [OWEN]
    assert WORDS["en"]["other_language"] not in delivered()[OWEN][1]
    mail.outbox.clear()

    publish_results(closed["fr"], text="<p>On vous a entendus : plus d'ombre.</p>")

    subject, text, html, _message = delivered()[LINA]
    words = WORDS["fr"]
    assert subject == words["subject"]
    assert f"{words['link']} http://testserver{closed['fr'].url}" in text
    assert words["other_language"] not in text
    assert not ResultsSubscription.objects.exists()


def test_after_the_wait_a_subscriber_gets_the_page_that_has_the_results(closed):
    """If their language's page still has no results after the wait, they are sent to the page that has them,
    and told in which language they are."""
    subscribe(closed["fr"], LINA, "fr")
    publish_results(closed["en"])
    assert results.send_due_results_notices(now=timezone.now() + datetime.timedelta(days=2)) == (0, [])
    assert delivered() == {}

    queued, _skipped = results.send_due_results_notices(
        now=timezone.now() + datetime.timedelta(days=3, hours=1)
    )

    assert queued == 1
    subject, text, html, _message = delivered()[LINA]
    words = WORDS["fr"]
    assert subject == words["subject"]  # the title in their language
    assert f"{words['link']} http://testserver{closed['en'].url}" in text
    assert words["other_language"] in text and words["other_language"] in as_read(html)


def test_a_language_without_a_page_is_sent_the_results_at_once(closed):
    subscribe(closed["en"], LINA, "de")

    publish_results(closed["en"])

    assert list(delivered()) == [LINA]


def test_results_whose_day_comes_later_are_sent_by_the_hourly_command(closed):
    subscribe(closed["en"], OWEN, "en")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    publish_results(closed["en"], day=tomorrow)
    queued_now = results.send_due_results_notices()

    assert queued_now == (0, [])
    assert delivered() == {}
    assert ResultsSubscription.objects.count() == 1

    queued, _skipped = results.send_due_results_notices(now=timezone.now() + datetime.timedelta(days=1))

    assert queued == 1
    assert list(delivered()) == [OWEN]
    assert not ResultsSubscription.objects.exists()


def test_a_draft_or_an_unpublished_translation_sends_nothing(closed):
    subscribe(closed["en"], OWEN, "en")
    page = closed["en"]
    page.results_published_on = timezone.localdate()
    page.results_heard = "<p>Draft.</p>"
    page.save_revision()  # a draft: not public

    results.send_due_results_notices()

    assert delivered() == {}
    assert ResultsSubscription.objects.count() == 1


def test_a_mail_server_that_is_down_delays_the_email_and_loses_nothing(closed, settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "consultations.notifications.tests.mail_backends.FlakySMTPBackend"},
    }
    subscribe(closed["en"], OWEN, "en")
    FlakySMTPBackend.down = True
    try:
        publish_results(closed["en"])
        deliver()
        assert mail.outbox == []
        assert Email.objects.filter(status=STATUS.requeued, to=[OWEN]).count() == 1
    finally:
        FlakySMTPBackend.down = False
    Email.objects.update(scheduled_time=timezone.now() - datetime.timedelta(seconds=1))

    assert list(delivered()) == [OWEN]
    assert len(mail.outbox) == 1


def test_an_email_that_cannot_be_built_never_blocks_the_publication_and_the_notice_waits(closed, monkeypatch):
    subscribe(closed["en"], OWEN, "en")

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(results, "queue_results_email", broken)

    publish_results(closed["en"])

    closed["en"].refresh_from_db()
    assert closed["en"].results_are_published()
    assert Email.objects.filter(
        status=STATUS.failed, subject__contains="notify_if_results_published"
    ).exists()
    assert ResultsSubscription.objects.count() == 1  # kept: the next run tries again
    monkeypatch.undo()

    assert results.send_due_results_notices()[0] == 1
    assert list(delivered()) == [OWEN]


def test_an_email_whose_text_cannot_be_rendered_keeps_its_subscriber_for_the_next_run(closed, monkeypatch):
    """``queue_email`` turns a rendering error into a failed outbox row instead of raising: the subscription must
    not be deleted then (its one email would be lost for good), and the other subscribers are told all the same."""
    from consultations.notifications import mail as mail_module

    subscribe(closed["en"], OWEN, "en")
    subscribe(closed["fr"], LINA, "fr")
    real_render = mail_module.render_to_string

    def broken_in_french(template_name, context=None, *args, **kwargs):
        if "/results" in template_name and (context or {}).get("language") == "fr":
            raise ValueError("a broken French template")
        return real_render(template_name, context, *args, **kwargs)

    monkeypatch.setattr(mail_module, "render_to_string", broken_in_french)
    publish_results(closed["en"])
    publish_results(closed["fr"], text="<p>On vous a entendus.</p>")

    assert list(delivered()) == [OWEN]
    assert list(ResultsSubscription.objects.values_list("address", flat=True)) == [LINA]  # kept: not sent
    # The admin sees why, in the outbox.
    assert Email.objects.filter(status=STATUS.failed, subject__contains="results").exists()
    mail.outbox.clear()
    monkeypatch.undo()

    assert results.send_due_results_notices()[0] == 1
    assert list(delivered()) == [LINA]
    assert not ResultsSubscription.objects.exists()


def test_an_unconfirmed_address_gets_it_within_the_daily_limit_of_unconfirmed_addresses(closed, settings):
    """Anyone can type anyone's address: a mailbox that never confirmed it is its owner's gets no more than
    TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY emails a day; the results email waits its turn (it is never dropped)."""
    settings.TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY = 3
    subscribe(closed["en"], OWEN, "en", confirmed=False)
    from consultations.authors.address_confirmation import schedule_for_unconfirmed

    for _ in range(3):
        schedule_for_unconfirmed(address_key(OWEN), "received")

    publish_results(closed["en"])

    email = Email.objects.get(to=[OWEN])
    assert email.scheduled_time > timezone.now() + datetime.timedelta(hours=23)
    assert UnconfirmedAddressEmail.objects.filter(kind="results").count() == 1
    assert "Owl_" not in email.message + email.html_message
    assert not ResultsSubscription.objects.exists()


def test_hostile_titles_and_pseudonyms_stay_text(closed):
    page = closed["en"]
    page.title = "{{ 7|add:1 }} {% lorem 3000 w %} <b>bold</b>"
    page.save_revision().publish()
    subscribe(page, OWEN, "en")

    publish_results(page)

    subject, text, html, _message = delivered()[OWEN]
    assert "{{ 7|add:1 }} {% lorem 3000 w %} <b>bold</b>" in subject
    assert "“{{ 7|add:1 }} {% lorem 3000 w %} <b>bold</b>”" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    assert len(text) < 2000


def test_past_the_organisers_limit_no_email_is_sent(closed):
    subscribe(closed["en"], OWEN, "en")
    page = closed["en"]
    page.results_notice_months = 1
    page.save_revision().publish()

    publish_results(page)  # on time: sent
    assert list(delivered()) == [OWEN]
    mail.outbox.clear()

    subscribe(closed["en"], LINA, "en")  # a row left behind past the limit is never sent
    later = timezone.now() + datetime.timedelta(days=40)

    assert results.send_due_results_notices(now=later) == (0, [])
    assert delivered() == {}
