"""The results email: one email to each participant who asked to be told what happens with the ideas, when the
results of their consultation are published; then their address is erased (the ``ResultsSubscription`` row).

Two ways in, one function: Wagtail's ``page_published`` of any translation whose results are public at once
(``receivers.on_page_published``), and ``manage.py send_results_notices`` (hourly) for a results day that comes
after the page was published. Each row is deleted and its email queued in one transaction, the delete first: a
second run (the command during a publication, a page published twice) finds the row gone and sends nothing, and
a rolled-back publication sends nothing either. The email is queued in the outbox like every other, so a mail
server that is down delays it and loses nothing.

Who typed the address is not known: anyone can type anyone's. So the email carries nothing a participant typed
(no pseudonym, no comment), follows the rules of unconfirmed addresses (at most
TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY a day, the next ones later, none dropped) and says it is the only one.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS

from consultations.authors.address_confirmation import is_confirmed, schedule_for_unconfirmed
from consultations.models import ConsultationPage, ResultsSubscription
from consultations.models.notices import results_notice_limit
from consultations.notifications.mail import absolute, never_blocks, queue_email
from outbox.queue import record_failure

logger = logging.getLogger(__name__)

# "The results are in English for now": language names are adjectives in French, one sentence per language.
RESULTS_IN = {
    "en": _("For now, the results are published in English only."),
    "fr": _("For now, the results are published in French only."),
}


class ResultsInLanguage:
    """The sentence saying which language the results are in, translated when the email is rendered."""

    def __init__(self, code):
        self.code = code

    def __str__(self):
        if self.code in RESULTS_IN:
            return str(RESULTS_IN[self.code])
        return str(_("For now, the results are published in %(language)s only.")) % {
            "language": get_language_info(self.code)["name_translated"]
        }


# A subscriber whose language has a live page without results yet waits this long for them, counted from the
# moment the first results became visible in another language; then they are sent to the page that has them.
OWN_LANGUAGE_WAIT = datetime.timedelta(days=3)


def pages_with_results(source, now):
    """The live translations of the consultation that show their results, oldest first."""
    pages = (
        ConsultationPage.objects.live()
        .filter(translation_key=source.translation_key)
        .select_related("locale")
        .order_by("pk")
    )
    return [page for page in pages if page.results_are_published(now)]


def results_page_for(source, language, published):
    """The page a subscriber is sent to: their language's, if it shows the results, else the oldest that does;
    and that page's language when it is not theirs (None otherwise)."""
    own = source.translation_in(language)
    if any(page.pk == own.pk for page in published):
        return own, own, None
    return own, published[0], published[0].locale.language_code


def visible_since(page):
    """When a page's results became visible: its results day's start, or its last publication if later."""
    day_start = timezone.make_aware(datetime.datetime.combine(page.results_published_on, datetime.time.min))
    published_at = page.last_published_at or page.first_published_at or day_start
    return max(day_start, published_at)


def waits_for_own_language(language, source, published, now):
    """Whether subscribers in ``language`` wait for their own page's results: it exists and is live, has none
    yet, the first results appeared less than OWN_LANGUAGE_WAIT ago, and the organisers' limit is further away."""
    own, target, _other_language = results_page_for(source, language, published)
    if own.pk == target.pk or not own.live or own.locale.language_code != language.split("-")[0]:
        return False
    first_seen = min(visible_since(page) for page in published)
    return now < first_seen + OWN_LANGUAGE_WAIT and now + OWN_LANGUAGE_WAIT < results_notice_limit(source)


def results_context(language, source, published):
    """What the email says in ``language``: the same for every subscriber of that language (built once each)."""
    own, target, other_language = results_page_for(source, language, published)
    manager = target.community_manager()
    voice = manager.texts_for(language)
    reply_to = manager.reply_to_email
    return {
        # The consultation's title in the subscriber's language where it exists: the organisers' text.
        "page_title": own.title,
        "results_link": absolute(target.url),
        "results_language": ResultsInLanguage(other_language) if other_language else "",
        "signature": voice.signature,
        "contact_line": voice.contact_line,
        "invites_reply": bool(reply_to),
    }, reply_to


def queue_results_email(subscription, source, published, contexts=None):
    """``contexts``: the contexts already built, by language, for the other subscribers of this run."""
    contexts = {} if contexts is None else contexts
    if subscription.language not in contexts:
        contexts[subscription.language] = results_context(subscription.language, source, published)
    context, reply_to = contexts[subscription.language]
    # Anyone may have typed this address: the rules of unconfirmed addresses apply (it carries no typed text).
    scheduled_time = None
    if not is_confirmed(subscription.address_key):
        scheduled_time = schedule_for_unconfirmed(subscription.address_key, "results")
    return queue_email(
        subscription.address,
        "results",
        context,
        subscription.language,
        scheduled_time=scheduled_time,
        reply_to=[reply_to] if reply_to else None,
    )


def locked_subscriptions(source):
    """The consultation's subscriptions, locked until the transaction ends: a simultaneous run waits, then finds
    the rows gone (PostgreSQL; SQLite runs one writing transaction at a time)."""
    return list(ResultsSubscription.objects.select_for_update().filter(page=source).order_by("pk"))


def notify_subscribers(source, now=None):
    """Queue the results email of each subscriber to this consultation (``source``: its source page) and delete
    their rows, if some translation shows its results and the organisers' limit has not passed; subscribers whose
    own language's page is about to show them wait for it (``waits_for_own_language``). Returns how many emails
    were queued."""
    now = now or timezone.now()
    if now >= results_notice_limit(source):
        return 0  # past the limit: erased unsent (privacy.retention), whatever the results day
    published = pages_with_results(source, now)
    if not published:
        return 0
    queued, contexts, waiting = 0, {}, {}
    with transaction.atomic():
        for subscription in locked_subscriptions(source):
            if subscription.language not in waiting:
                waiting[subscription.language] = waits_for_own_language(
                    subscription.language, source, published, now
                )
            if waiting[subscription.language]:
                continue  # their page's results are on their way: the hourly run sends them once they are out
            try:
                queued += send_one(subscription, source, published, contexts)
            except NotQueued as error:  # the row is back: the next run tries again; the admin sees why
                record_failure(
                    subject="[results] not queued", reason=error.reason, error_type=error.error_type
                )
    return queued


class NotQueued(Exception):
    def __init__(self, reason, error_type):
        super().__init__(reason)
        self.reason, self.error_type = reason, error_type


def send_one(subscription, source, published, contexts):
    """Delete the row, then queue its email, in a savepoint: only the run that deleted the row sends (another
    finds it gone: 0). ``queue_email`` turns an email it could not build into a failed outbox row instead of
    raising; then the savepoint is rolled back, so the row stays for the next run (NotQueued)."""
    with transaction.atomic():
        if not ResultsSubscription.objects.filter(pk=subscription.pk).delete()[0]:
            return 0
        with override(subscription.language):
            email = queue_results_email(subscription, source, published, contexts)
        if email.status == STATUS.failed:
            log = email.logs.order_by("-pk").first()
            raise NotQueued(log.message if log else "not queued", log.exception_type if log else "NotQueued")
    return 1


@never_blocks
def notify_if_results_published(page):
    """On the publication of any translation: its results are public now, so the subscribers are told."""
    if isinstance(page, ConsultationPage) and page.results_are_published():
        notify_subscribers(page.source_page)


def send_due_results_notices(now=None):
    """For an hourly cron: the consultations whose results day has come since their pages were published.
    Each consultation in its own transaction: one that fails is logged and tried again on the next run.
    Returns (emails queued, ids of consultations skipped)."""
    now = now or timezone.now()
    queued, skipped = 0, []
    sources = ConsultationPage.objects.filter(pk__in=ResultsSubscription.objects.values("page_id")).order_by(
        "pk"
    )
    for source in sources:
        try:
            queued += notify_subscribers(source, now)
        except Exception:  # one consultation must not keep the others' subscribers waiting
            logger.exception("Results notices of consultation %s not sent", source.pk)
            skipped.append(source.pk)
    return queued, skipped
