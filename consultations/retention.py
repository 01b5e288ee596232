"""How long Tribune keeps personal data: authors' addresses and what was sent to them."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from post_office.models import Email

from consultations.models import (
    AuthorAddress,
    CommentReport,
    ConsultationComment,
    ConsultationPage,
    UnconfirmedAddressEmail,
)


@dataclass(frozen=True)
class ErasureResult:
    addresses: int
    emails: int
    reports: int


def erase_expired_author_data(retention_days, now=None):
    """Erase addresses and report fingerprints of consultations closed more than retention_days ago,
    and every queued-email copy older than that (sent or failed).

    The keyed hash of each erased address goes with it, so the author's links stop working; addresses
    (confirmed or not) that no comment carries any more are forgotten, and so is the count of emails
    sent to unconfirmed addresses once it is older than the retention period."""
    now = now or timezone.now()
    limit = now - timedelta(days=retention_days)
    closed_ids = [
        str(pk) for pk in ConsultationPage.objects.filter(closes_at__lte=limit).values_list("pk", flat=True)
    ]
    comments = ConsultationComment.objects.select_related(None).filter(
        content_type=ContentType.objects.get_for_model(ConsultationPage), object_pk__in=closed_ids
    )
    with transaction.atomic():
        addresses = comments.exclude(user_email="").update(user_email="", followup=False, author_key="")
        comments.exclude(author_key="").update(author_key="")  # withdrawn comments kept only their key
        UnconfirmedAddressEmail.objects.filter(created_at__lte=limit).delete()
        AuthorAddress.objects.exclude(
            key__in=ConsultationComment.objects.exclude(author_key="").values("author_key")
        ).delete()
        reports, _by_model = CommentReport.objects.filter(comment__in=comments).delete()
        emails, _by_model = Email.objects.filter(created__lte=limit).delete()
    return ErasureResult(addresses=addresses, emails=emails, reports=reports)
