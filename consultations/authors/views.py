"""What an author can do from the links in their emails, without an account."""

import functools
import json

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from consultations.authors.address_confirmation import confirm, is_confirmed
from consultations.authors.links import InvalidLink, read_token
from consultations.comments import feedback
from consultations.comments.forms import COMMENT_MAX_LENGTH, CommentTextField
from consultations.models import ConsultationComment, ResultsSubscription
from consultations.moderation import service as moderation
from guidelines.models import CommunityManagerSettings

INVALID_MESSAGES = {
    "invalid": gettext_lazy("This link is not valid. Please use the link exactly as it is in your email."),
    "expired": gettext_lazy("This link has expired. Nothing was changed."),
    "used": gettext_lazy("This link has already been used. Nothing was changed."),
}


class RevisionForm(forms.Form):
    comment = CommentTextField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": COMMENT_MAX_LENGTH, "data-counter": "true"}),
        error_messages={
            "required": gettext_lazy("Your comment is empty. Write something before sending it."),
            "max_length": gettext_lazy(
                "Your comment is too long: %(show_value)d characters, %(limit_value)d at most."
            ),
        },
    )


def invalid_link(request, error):
    # Emails come from a no-reply sender: invite a reply only when the site names an address someone reads.
    manager = CommunityManagerSettings.for_site_without_saving(Site.find_for_request(request))
    return render(
        request,
        "consultations/author_link_invalid.html",
        {
            "message": INVALID_MESSAGES[error.reason],
            "invites_reply": bool(manager.reply_to_email),
            "contact_line": manager.texts_for(get_language()).contact_line,
        },
        status=400,
    )


def signed_link(purpose, confirmed_only=False):
    """Views reached by a signed link get its LinkTarget; a bad, expired or used link gets a clear page.

    ``confirmed_only`` views show what the author wrote: until the address is confirmed they show the
    confirmation button instead (a POST, as mail scanners open links), then the view itself.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, token):
            try:
                target = read_token(token, purpose)
            except InvalidLink as error:
                return invalid_link(request, error)
            if confirmed_only and not is_confirmed(target.author_key):
                if request.method == "POST" and "confirm_address" in request.POST:
                    confirm(target.author_key)
                    return HttpResponseRedirect(request.path)
                return confirmation_page(request, target, then=CONTINUE_MESSAGES[purpose])
            return view(request, target)

        return wrapped

    return decorator


CONTINUE_MESSAGES = {
    "revise": gettext_lazy("Then you can change your comment."),
    "download": gettext_lazy("Then you can download what you posted."),
}


def confirmation_page(request, target, then=""):
    return render(
        request,
        "consultations/author_confirm.html",
        {"consultation": target.comment.page_in_author_language, "then": then},
    )


def outcome(request, title, message, comment=None, help_lines=None):
    page = comment.page_in_author_language if comment is not None else None
    return render(
        request,
        "consultations/author_outcome.html",
        {"title": title, "message": message, "consultation": page, "help_lines": help_lines},
    )


@signed_link("confirm")
def confirm_address(request, target):
    """The one-click confirmation that an address is its owner's: remembered for all their comments."""
    if request.method == "POST" and "confirm_address" in request.POST:
        confirm(target.author_key)
        return outcome(
            request,
            _("Thank you, your address is confirmed"),
            _("From now on, our emails about your comments show their text."),
            target.comment,
        )
    if is_confirmed(target.author_key):
        return outcome(
            request,
            _("Your address is already confirmed"),
            _("Our emails about your comments show their text."),
            target.comment,
        )
    return confirmation_page(request, target)


@signed_link("revise", confirmed_only=True)
def revise(request, target):
    comment = target.comment
    decision = comment.decisions.filter(pk=target.decision_id).select_related("reason").first()
    if request.method == "POST":
        form = RevisionForm(request.POST)
        if form.is_valid():
            try:
                moderation.resubmit(comment, form.cleaned_data["comment"])
            except moderation.ModerationError:
                return invalid_link(request, InvalidLink("used"))
            page = comment.page_in_author_language
            if comment.is_urgent and page is not None:
                # As after posting an urgent comment: a person will read it, and the help lines at once.
                title, details = feedback.feedback_texts(feedback.Feedback(feedback.URGENT, None), page)
                return outcome(request, title, " ".join(details), comment, feedback.help_lines(page))
            return outcome(
                request,
                _("Thank you!"),
                _(
                    "Your new text is with the moderators. They will read it again, and we will email you what they decide."
                ),
                comment,
            )
    else:
        form = RevisionForm(initial={"comment": comment.comment})
    reason = decision.reason.in_language(comment.language) if decision and decision.reason else None
    return render(
        request,
        "consultations/author_revise.html",
        {
            "form": form,
            "comment": comment,
            "decision": decision,
            "reason": reason,
            "consultation": comment.page_in_author_language,
        },
        status=400 if form.errors else 200,
    )


@signed_link("withdraw")
def withdraw(request, target):
    comment = target.comment
    if request.method == "POST":
        try:
            moderation.withdraw(comment)
        except moderation.ModerationError:
            return invalid_link(request, InvalidLink("used"))
        return outcome(
            request,
            _("Your comment is deleted"),
            _(
                "Its text has been erased. If people replied to it, their replies stay, under “removed at its author's request”."
            ),
            comment,
        )
    return render(
        request,
        "consultations/author_withdraw.html",
        {
            "comment": comment,
            "consultation": comment.page_in_author_language,
            # Whoever typed this address may not be its owner: their text is shown only to a confirmed owner.
            "show_text": is_confirmed(target.author_key),
        },
    )


@signed_link("download", confirmed_only=True)
def download(request, target):
    """Everything this comment's author posted (same address key, even after a withdrawal), as JSON,
    without any address in it. After retention erasure the key is gone and the link is refused."""
    comments = ConsultationComment.objects.filter(author_key=target.author_key).order_by("submit_date")
    titles = {}  # the consultation's title in the comment's language, looked up once per page and language

    def title_of(comment):
        key = (comment.content_type_id, comment.object_pk, comment.language)
        if key not in titles:
            titles[key] = getattr(comment.page_in_author_language, "title", "")
        return titles[key]

    data = {
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": comment.pk,
                "consultation": title_of(comment),
                "name": comment.user_name,
                "text": comment.comment,
                "posted_at": comment.submit_date.isoformat(),
                "state": comment.state,
                "reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
            }
            for comment in comments
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-tribune-comments.json"'
    return response


@csrf_exempt  # mail clients send RFC 8058 one-click unsubscribes without a CSRF token; the signed token is the key
@signed_link("unsubscribe")
def unsubscribe(request, target):
    """Stops the emails about replies to this comment and, if its author asked for it, the results email of its
    consultation (the subscription of this mailbox is deleted: its address is erased)."""
    comment = target.comment
    subscriptions = ResultsSubscription.objects.of_author(comment)
    if request.method == "POST":
        ConsultationComment.objects.filter(pk=comment.pk).update(followup=False)
        message = _("You will not receive emails about replies to this comment any more.")
        if subscriptions.delete()[0]:
            message += " " + _("Nor the email about the results: your address is erased from that list.")
        return outcome(request, _("Done"), message, comment)
    return render(
        request,
        "consultations/author_unsubscribe.html",
        {
            "comment": comment,
            "consultation": comment.page_in_author_language,
            "results_notice": subscriptions.exists(),
        },
    )
