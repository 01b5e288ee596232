"""``{% consultation_discussion %}``: a consultation page's thread and comment form, drawn by the comments room.

The page model knows nothing of comments; its template asks for them here. A view that renders the
page again after a failed post passes its bound form as ``comment_form`` (and ``form_alert``,
``screening_warning``), which is kept."""

from django import template

from consultations.comments.forms import CommentForm
from consultations.comments.thread import build_thread
from consultations.comments.urls import comment_post_url
from consultations.ids import parse_id

register = template.Library()


@register.inclusion_tag("consultations/includes/discussion.html", takes_context=True)
def consultation_discussion(context):
    request, page = context["request"], context["page"]
    discussion = context.flatten()
    if not page.comments_enabled:
        return discussion
    discussion["thread"] = build_thread(
        page,
        page.max_reply_level,
        accepts_comments=page.accepts_comments,
        highlighted_id=parse_id(request.GET.get("posted", "")),
    )
    if page.accepts_comments and discussion.get("comment_form") is None:
        reply_to = parse_id(request.GET.get("reply_to", ""))
        discussion["comment_form"] = CommentForm(
            page, user=request.user, initial={"reply_to": reply_to} if reply_to else None
        )
    discussion["page_url"] = page.url
    discussion["comment_post_url"] = comment_post_url(page)
    return discussion
