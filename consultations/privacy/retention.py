"""How long Tribune keeps personal data: authors' addresses and what was sent to them."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from post_office.models import Email

from consultations.models import (
    AuthorAddress,
    CommentReport,
    CommentSupport,
    ConsultationComment,
    ConsultationPage,
    ResultsSubscription,
    UnconfirmedAddressEmail,
)
from consultations.models.moderation import edit_log_entries, forget_edited_text
from consultations.models.notices import results_notice_limit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErasureResult:
    addresses: int
    emails: int
    reports: int
    skipped: tuple = ()
    edits: int = 0  # log entries of "edit out" whose text before was erased
    subscriptions: int = 0  # addresses kept for the results email, erased unsent at the organisers' limit


def erase_consultation_author_data(page_id):
    """Erase the addresses, their keyed hashes, the report and support fingerprints of one consultation's
    comments (the author's links stop working; supports still count), the link from an address kept for the
    results email to its comment, and the text before a moderator's edit kept in the log; returns the counts of
    addresses and reports."""
    comments = ConsultationComment.objects.select_related(None).filter(
        content_type=ContentType.objects.get_for_model(ConsultationPage), object_pk=str(page_id)
    )
    with transaction.atomic():
        addresses = comments.exclude(user_email="").update(user_email="", followup=False, author_key="")
        comments.exclude(author_key="").update(author_key="")  # withdrawn comments kept only their key
        # An address kept for the results email stays, but no longer says which comment (pseudonym, text) is its.
        ResultsSubscription.objects.filter(comment__in=comments).update(comment=None)
        reports, _by_model = CommentReport.objects.filter(comment__in=comments).delete()
        CommentSupport.objects.filter(comment__in=comments).exclude(reader_key=None).update(
            reader_key=None, network_key="", site_key=""
        )
        forget_edited_text(edit_log_entries(comments.values_list("pk", flat=True)))
    return addresses, reports


def erase_expired_author_data(retention_days, now=None):
    """Erase addresses and report fingerprints of consultations closed more than retention_days ago,
    and every queued-email copy older than that (sent or failed).

    Addresses kept for the results email (``ResultsSubscription``) are not erased with the others: they are kept
    until that email is sent, or until the consultation's ``results_notice_months`` after it closes, then erased.

    Each consultation is erased in its own transaction: one that fails is logged, reported in
    ``skipped`` and tried again on the next run, and the others are erased all the same. Then
    addresses (confirmed or not) that no comment carries any more are forgotten, and so is the count
    of emails sent to unconfirmed addresses once it is older than the retention period, and the text before
    a moderator's edit (what was taken out: personal data) once the edit is older than that, whether or not
    the consultation is closed.
    """
    now = now or timezone.now()
    limit = now - timedelta(days=retention_days)
    addresses = reports = 0
    skipped = []
    for page_id in ConsultationPage.objects.filter(closes_at__lte=limit).values_list("pk", flat=True):
        try:
            erased_addresses, erased_reports = erase_consultation_author_data(page_id)
        except Exception:  # one consultation must not keep the others' data
            logger.exception("Author data of consultation %s not erased", page_id)
            skipped.append(page_id)
            continue
        addresses += erased_addresses
        reports += erased_reports
    subscriptions = erase_expired_results_subscriptions(now)
    with transaction.atomic():
        UnconfirmedAddressEmail.objects.filter(scheduled_for__lte=limit).delete()
        # An address kept for the results email keeps its confirmation: that email follows the rules of
        # unconfirmed addresses (``notifications.results``), so whether it is confirmed must still be known.
        AuthorAddress.objects.exclude(
            key__in=ConsultationComment.objects.exclude(author_key="").values("author_key")
        ).exclude(key__in=ResultsSubscription.objects.values("address_key")).delete()
        emails, _by_model = Email.objects.filter(created__lte=limit).delete()
        edits = forget_edited_text(edit_log_entries().filter(timestamp__lte=limit))
    return ErasureResult(
        addresses=addresses,
        emails=emails,
        reports=reports,
        skipped=tuple(skipped),
        edits=edits,
        subscriptions=subscriptions,
    )


def erase_expired_results_subscriptions(now=None):
    """Delete, unsent, the subscriptions to the results of consultations closed more than their
    ``results_notice_months`` ago (the results were never published, or too late). Those whose results came in
    time were deleted when their email was queued. Returns how many were deleted."""
    now = now or timezone.now()
    erased = 0
    sources = ConsultationPage.objects.filter(pk__in=ResultsSubscription.objects.values("page_id")).only(
        "pk", "closes_at", "results_notice_months"
    )
    for source in sources:
        if now >= results_notice_limit(source):
            erased += ResultsSubscription.objects.filter(page_id=source.pk).delete()[0]
    return erased
