"""``{% consultation_discussion %}``: a consultation page's thread and comment form, drawn by the comments room.

The page model knows nothing of comments; its template asks for them here. A view that renders the
page again after a failed post passes its bound form as ``comment_form`` (and ``form_alert``,
``screening_warning``), which is kept."""

import json

from django import template
from django.utils.translation import ngettext

from consultations.comments.forms import CommentForm
from consultations.comments.thread import SORTS, build_thread
from consultations.comments.urls import comment_post_url
from consultations.ids import parse_id
from consultations.templatetags.character_counter import plural_forms

register = template.Library()


@register.inclusion_tag("consultations/includes/discussion.html", takes_context=True)
def consultation_discussion(context):
    request, page = context["request"], context["page"]
    discussion = context.flatten()
    if not page.comments_enabled:
        return discussion
    sort = request.GET.get("sort", "")
    discussion["sort"] = sort if sort in SORTS else ""
    discussion["thread"] = build_thread(
        page,
        page.max_reply_level,
        accepts_comments=page.accepts_comments,
        highlighted_id=parse_id(request.GET.get("posted", "")),
        sort=discussion["sort"],
    )
    discussion["support_texts"] = support_texts()
    if page.accepts_comments and discussion.get("comment_form") is None:
        reply_to = parse_id(request.GET.get("reply_to", ""))
        discussion["comment_form"] = CommentForm(
            page, user=request.user, initial={"reply_to": reply_to} if reply_to else None
        )
    discussion["page_url"] = page.url
    discussion["comment_post_url"] = comment_post_url(page)
    return discussion


def support_texts():
    """The words static/js/support.js puts around a new count, in the page's language and its plural forms."""
    return json.dumps(
        {"supports": plural_forms(lambda count: ngettext("%(count)s support", "%(count)s supports", count))},
        ensure_ascii=False,
    )
