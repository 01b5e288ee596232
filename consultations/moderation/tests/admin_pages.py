"""How tests use the moderation admin as a moderator does: its addresses, a decision form as the comment's
page fills it, and a bulk decision through Wagtail's confirmation step. Other rooms' tests use these too."""

import re
from html import unescape
from urllib.parse import urlencode

from django.urls import reverse

from consultations.models import ConsultationComment
from consultations.moderation import links, queue
from consultations.moderation.forms import parse_seen, seen_token

QUEUE = "/admin/moderation/"


def decide_url(comment, action):
    return links.decide_url(comment.pk, action)


def reply_url(comment):
    return links.reply_url(comment.pk)


def comment_url(comment):
    return links.comment_url(comment.pk)


def seen(comment):
    """What the comment's page (and its row in the queue) carries of it now: when its state last changed,
    how many open reports it has."""
    return seen_token(queue.with_open_reports(ConsultationComment.objects.filter(pk=comment.pk)).get())


def seen_now(comment):
    """What a moderator who opened the comment's page now would decide on (a ``service.Seen``)."""
    return parse_seen(seen(comment))


def decision_form(comment, **fields):
    """The POST data of a decision form on the comment as it is now."""
    return {"seen": seen(comment), **fields}


def bulk_url(action, ids, **query):
    params = [("id", str(pk)) for pk in ids] + list(query.items())
    return (
        reverse("wagtail_bulk_action", args=["consultations", "consultationcomment", action])
        + "?"
        + urlencode(params)
    )


def hidden_fields(html):
    """The hidden inputs of a page's forms, as a browser would send them back."""
    return {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
        if name != "csrfmiddlewaretoken"
    }


def bulk(client, comments, action, ids=None, follow=True, **fields):
    """Select comments in the queue, open Wagtail's confirmation page, confirm with ``fields``."""
    url = bulk_url(action, ids if ids is not None else [comment.pk for comment in comments], next=QUEUE)
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**hidden_fields(page.content.decode()), **fields}, follow=follow)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
