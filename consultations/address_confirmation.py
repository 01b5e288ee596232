"""Whether an author's address is known to be theirs, and how much mail it may get until it is.

Anyone can type any address into the comment form. Until the owner of that address has clicked the
confirmation link (once, for all their comments), Tribune sends it none of anyone's text and at most
TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY emails per rolling 24 hours, so nobody can use Tribune to write to,
or flood, a stranger's inbox. Addresses are only ever named by their keyed hash (``address_key``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consultations.models import AuthorAddress, UnconfirmedAddressEmail

logger = logging.getLogger(__name__)


def is_confirmed(key):
    return bool(key) and AuthorAddress.objects.filter(key=key, confirmed_at__isnull=False).exists()


def confirm(key):
    """Remember that the owner of this address confirmed it; the first confirmation's time is kept."""
    with transaction.atomic():
        address, _created = AuthorAddress.objects.select_for_update().get_or_create(key=key)
        if address.confirmed_at is None:
            address.confirmed_at = timezone.now()
            address.save(update_fields=["confirmed_at"])
    return address


def may_email_unconfirmed(key, kind, now=None):
    """Record an email meant for an unconfirmed address; False (and a log line) when it is over the cap.

    The address's row is locked while counting, so simultaneous posts cannot all slip under the cap.
    """
    now = now or timezone.now()
    limit = settings.TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY
    with transaction.atomic():
        address, _created = AuthorAddress.objects.select_for_update().get_or_create(key=key)
        sent = address.emails.filter(queued=True, created_at__gt=now - timedelta(hours=24)).count()
        allowed = sent < limit
        UnconfirmedAddressEmail.objects.create(address=address, kind=kind, queued=allowed, created_at=now)
    if not allowed:
        logger.warning(
            "Email %r not queued: address %s… is unconfirmed and already got %d emails in 24 hours",
            kind,
            key[:8],
            limit,
        )
    return allowed
