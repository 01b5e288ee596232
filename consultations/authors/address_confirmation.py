"""Whether an author's address is known to be theirs, and how much mail it may get until it is.

Anyone can type any address into the comment form. Until the owner of that address has clicked the
confirmation link (once, for all their comments), Tribune sends it none of anyone's text and at most
TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY emails per rolling 24 hours (the others wait, none is dropped), so
nobody can use Tribune to write to, or flood, a stranger's inbox. Addresses are only ever named by their keyed hash (``address_key``).
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


def schedule_for_unconfirmed(key, kind, now=None):
    """Record an email for an unconfirmed address and return when it may be sent: None for now, or later.

    With N = TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY and the address's emails scheduled at t1 ≤ … ≤ tk, the next
    goes at max(now, t(k-N+1) + 24 hours): never more than N in any 24 hours, and none is dropped. The
    address's row is locked while scheduling, so simultaneous posts cannot all take the same slot.
    """
    now = now or timezone.now()
    limit = max(1, settings.TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY)
    with transaction.atomic():
        address, _created = AuthorAddress.objects.select_for_update().get_or_create(key=key)
        latest = address.emails.order_by("-scheduled_for", "-pk").values_list("scheduled_for", flat=True)
        latest = list(latest[:limit])
        at = max(now, latest[-1] + timedelta(hours=24)) if len(latest) == limit else now
        UnconfirmedAddressEmail.objects.create(address=address, kind=kind, created_at=now, scheduled_for=at)
    if at <= now:
        return None
    logger.info(
        "Email %r deferred to %s: address %s… is unconfirmed and has %d emails in the 24 hours before that",
        kind,
        at.isoformat(timespec="minutes"),
        key[:8],
        limit,
    )
    return at
