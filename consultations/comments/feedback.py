"""The confirmation a reader sees after posting, replying or reporting, next to where they acted.

Not Django's messages: they live in a cookie (or a session), and the next GET of the public page
would send a Set-Cookie to delete it. The redirect carries a short-lived signed token in its
query string instead (``?sent=…#feedback``), which the page reads back here.

The token holds only what the confirmation needs: the page, what happened ("pending", "published",
"duplicate", "reported", "urgent", and without JavaScript "supported" / "unsupported") and where to show it, a comment everyone can already read (the
comment replied to, the published comment, the reported one) or none (at the form). It never
holds a pending comment's id, name, email or text, and the page checks that the place is a
comment it shows anyway: a token copied into another address, forged, garbled or older than
a few minutes shows nothing.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guidelines.availability_text import reply_expectation

SALT = "tribune.comments.feedback"
MAX_AGE = 5 * 60  # seconds: long enough to read it, short enough not to greet a later visit
PARAMETER = "sent"
FRAGMENT = "feedback"
MAX_TOKEN_LENGTH = 200
logger = logging.getLogger(__name__)

PENDING, PUBLISHED, DUPLICATE, REPORTED = "pending", "published", "duplicate", "reported"
SUPPORTED, UNSUPPORTED = "supported", "unsupported"
# A comment that says its author is hurt or in danger (moderation/urgency.py): the help lines, at once.
URGENT = "urgent"
KINDS = (PENDING, PUBLISHED, DUPLICATE, REPORTED, SUPPORTED, UNSUPPORTED, URGENT)


@dataclass(frozen=True)
class Feedback:
    kind: str
    place: int | None  # the id of the comment it is shown under, or None: at the form


def make_token(page, kind, place=None):
    return signing.dumps({"p": page.pk, "k": kind, "c": place or 0}, salt=SALT)


def feedback_url(page, kind, place=None, sort="", language=""):
    """The page's address with the confirmation's token, scrolled to the confirmation (and the thread's
    order and language filter kept, for a support sent from the "most supported" order or one language)."""
    order = f"sort={sort}&" if sort else ""
    order += f"language={language}&" if language in dict(settings.LANGUAGES) else ""
    return f"{page.url}?{order}{PARAMETER}={make_token(page, kind, place)}#{FRAGMENT}"


def read_feedback(value, page):
    """The `Feedback` a token stands for on this page, or None for anything else (never raises)."""
    if not isinstance(value, str) or not value or len(value) > MAX_TOKEN_LENGTH:
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None  # SignatureExpired is a BadSignature
    if not isinstance(data, dict) or data.get("p") != page.pk or data.get("k") not in KINDS:
        return None
    place = data.get("c")
    if type(place) is not int or place < 0:
        return None
    return Feedback(kind=data["k"], place=place or None)


def feedback_texts(feedback, page, now=None):
    """The confirmation's title and what happens next, in the active language."""
    now = now or timezone.now()
    if feedback.kind == PUBLISHED:
        return _("Thank you! Your comment is published."), [_("Everyone can read it now.")]
    if feedback.kind == DUPLICATE:
        return _("You already sent this comment. It is not posted twice."), []
    if feedback.kind == SUPPORTED:
        return _("Your support is counted. Thank you!"), []
    if feedback.kind == UNSUPPORTED:
        return _("Your support is withdrawn."), []
    if feedback.kind == URGENT:
        return _("Thank you for telling us. A person from our team will read your message soon."), [
            _("Your message is not public: only the team can read it.")
        ]
    try:
        when = [reply_expectation(page.community_manager(), now, in_words=True)]
    except Exception:  # as the banner: broken settings cost the sentence, never the page
        logger.exception("Could not compute the moderator availability")
        when = []
    if feedback.kind == REPORTED:
        return _("Thank you for telling us. A moderator will look at this comment."), when
    return _("Thank you! Your comment will be visible once a moderator has read it."), when


def feedback_html(feedback, page, now=None, sort="", csrf_token="", language=""):
    """The confirmation's HTML. A support sent without JavaScript is confirmed with a button that takes it
    back (the "Me too" form of a page without JavaScript only ever adds, so a double tap counts once)."""
    title, details = feedback_texts(feedback, page, now)
    undo_url = f"{page.url}comments/{feedback.place}/support/" if feedback.kind == SUPPORTED else ""
    return render_to_string(
        "consultations/includes/feedback.html",
        {
            "title": title,
            "details": details,
            "help_lines": help_lines(page) if feedback.kind == URGENT else None,
            "kind": feedback.kind,
            "fragment": FRAGMENT,
            "undo_url": undo_url,
            "sort": sort,
            "language": language if language in dict(settings.LANGUAGES) else "",
            "csrf_token_value": csrf_token,
        },
    )


def help_lines(page):
    """The help lines of the page's site in the active language (every line if none is in it); [] if the
    settings cannot be read (the confirmation still gives the emergency number)."""
    try:
        return page.community_manager().help_lines_for(get_language())
    except Exception:
        logger.exception("Could not read the help lines")
        return []


def help_html(page):
    """The help lines alone, for an urgent text that could not be posted yet (the author's budget is spent)."""
    return render_to_string(
        "consultations/includes/help_lines.html", {"help_lines": help_lines(page), "standalone": True}
    )
