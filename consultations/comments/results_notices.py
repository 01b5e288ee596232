"""A participant's "tell me what happens with the ideas": their address, kept for that alone.

One row per mailbox (``address_key``) per consultation, on its source page, whichever translation the comment
was posted on. Ticking the box again (another comment, another page of the same consultation) updates the row:
the language of the page posted on last, that comment, that spelling of the address. The row is deleted once the
results email is queued (``notifications.results``), or when the organisers' limit has passed
(``privacy.retention``), or when the author withdraws a comment or follows an unsubscribe link
(``ResultsSubscription.objects.of_author``).
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction

from consultations.models import ResultsSubscription, address_key

logger = logging.getLogger(__name__)


def subscription_language(page):
    """The language of the page the author posted on, as the site names it ("fr-ca" reads "fr")."""
    code = (page.locale.language_code or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE[:2]


def subscribe_to_results(page, comment):
    """Remember that the author of ``comment``, posted on ``page``, wants the results email.

    Called in the comment's transaction, in a savepoint of its own: whatever happens here (two posts of the same
    mailbox racing for the unique row, a database error), the comment is stored all the same. Returns the row, or
    None when it could not be saved (logged, without the address)."""
    source = page.source_page
    key = comment.author_key or address_key(comment.user_email)
    values = {"address": comment.user_email, "language": subscription_language(page), "comment": comment}
    try:
        for _attempt in range(2):
            try:
                with transaction.atomic():
                    if ResultsSubscription.objects.filter(page=source, address_key=key).update(**values):
                        return ResultsSubscription.objects.get(page=source, address_key=key)
                    return ResultsSubscription.objects.create(page=source, address_key=key, **values)
            except IntegrityError:
                continue  # the same mailbox subscribed in between (a double post): update its row instead
        logger.warning("Results subscription for comment %s not saved: the row kept changing", comment.pk)
    except Exception:  # the comment must be stored whatever happens to this wish
        logger.exception("Results subscription for comment %s not saved", comment.pk)
    return None
