"""Signed links that let an author act on their own comment without an account.

Each link names one comment, its author (the keyed hash of their address, ``author_key``) and one
purpose, expires, and is checked against the comment's current state: a link whose author is no
longer the comment's (erased at the end of retention, or a forged key) is refused, and a revision
link works once: after the resubmission it no longer matches.
"""

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from consultations.models import ConsultationComment, ModerationDecision

MAX_AGE = {
    "revise": 60 * 60 * 24 * 14,
    "withdraw": 60 * 60 * 24 * 365,
    "download": 60 * 60 * 24 * 365,
    "unsubscribe": 60 * 60 * 24 * 365,
    "confirm": 60 * 60 * 24 * 365,
}


class InvalidLink(Exception):
    """The link is tampered with, expired, or already used. ``reason`` says which, for the page shown."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkTarget:
    comment: ConsultationComment
    decision_id: int | None
    author_key: str


def make_token(comment, purpose, decision=None):
    payload = {"c": comment.pk, "k": comment.author_key}
    if decision is not None:
        payload["d"] = decision.pk
    return signing.dumps(payload, salt=f"tribune.author.{purpose}", compress=True)


def absolute_link(comment, purpose, decision=None):
    with translation.override(comment.language or settings.LANGUAGE_CODE):
        path = reverse(f"author_{purpose}", kwargs={"token": make_token(comment, purpose, decision)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def read_token(token, purpose):
    """The comment a token points to, or InvalidLink("expired" / "invalid" / "used")."""
    try:
        payload = signing.loads(token, salt=f"tribune.author.{purpose}", max_age=MAX_AGE[purpose])
    except signing.SignatureExpired as error:
        raise InvalidLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidLink("invalid") from error
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("c"), int)
        or not isinstance(payload.get("k"), str)
        or not payload["k"]
    ):
        raise InvalidLink("invalid")
    comment = ConsultationComment.objects.select_related(None).filter(pk=payload["c"]).first()
    if comment is None or not comment.author_key or not hmac.compare_digest(comment.author_key, payload["k"]):
        raise InvalidLink("invalid")
    decision_id = payload.get("d")
    if purpose == "revise":
        latest = comment.decisions.order_by("-created_at", "-pk").values_list("pk", "action").first()
        if (
            comment.state != ConsultationComment.State.RETURNED
            or latest is None
            or latest != (decision_id, ModerationDecision.Action.RETURN)
        ):
            raise InvalidLink("used")
    if purpose == "withdraw" and comment.state == ConsultationComment.State.WITHDRAWN:
        raise InvalidLink("used")
    return LinkTarget(comment=comment, decision_id=decision_id, author_key=comment.author_key)
