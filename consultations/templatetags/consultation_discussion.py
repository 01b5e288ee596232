"""``{% consultation_discussion %}``: a consultation page's thread and comment form, drawn by the comments room.

The page model knows nothing of comments; its template asks for them here. A view that renders the
page again after a failed post passes its bound form as ``comment_form`` (and ``form_alert``,
``screening_warning``), which is kept. A confirmation token in the address (``?sent=``, see
``consultations.comments.feedback``) is shown under its comment, on the page of conversations that holds
it whatever ``?page=`` says, or at the form. A long thread is split into pages (``?page=``, see
``consultations.comments.thread``), with links that keep its order and language filter."""

import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.utils.translation import get_language, gettext, ngettext

from consultations.comments import feedback
from consultations.comments.forms import CommentForm
from consultations.comments.thread import SORTS, build_thread, page_holding, page_number, shared_thread
from consultations.comments.urls import comment_post_url
from consultations.ids import parse_id
from consultations.results.reading import page_results
from consultations.templatetags.character_counter import once_per_language, plural_forms
from page_cache import marks as page_cache

register = template.Library()


@register.inclusion_tag("consultations/includes/discussion.html", takes_context=True)
def consultation_discussion(context):
    request, page = context["request"], context["page"]
    discussion = context.flatten()
    if not page.comments_enabled:
        return discussion
    sort = request.GET.get("sort", "")
    discussion["sort"] = sort if sort in SORTS else ""
    # Only for a signed-in visitor: asking for a token sets the CSRF cookie.
    csrf_token = get_token(request) if request.user.is_authenticated else ""
    language = request.GET.get("language", "")
    sent = feedback.read_feedback(request.GET.get(feedback.PARAMETER), page)
    confirmation = (
        feedback.feedback_html(sent, page, sort=discussion["sort"], csrf_token=csrf_token, language=language)
        if sent is not None
        else ""
    )
    place = sent.place if sent is not None else None
    number = page_number(request.GET.get("page"))
    if place:  # the confirmation's comment, wherever it is now
        number = page_holding(page, place, discussion["sort"], language) or number
    # What every reader sees: not signed in (no token), no confirmation to place, not an editor's preview.
    if sent is None and not csrf_token and getattr(request, "is_preview", None) is False:
        thread = shared_thread(page, discussion["sort"], language, number, request=request)
    else:
        thread = build_thread(
            page,
            page.max_reply_level,
            accepts_comments=page.accepts_comments,
            highlighted_id=place if sent is not None and sent.kind == feedback.PUBLISHED else None,
            after={place: confirmation} if place else None,
            sort=discussion["sort"],
            csrf_token=csrf_token,
            language=language,
            results=page_results(page),
            page_number=number,
        )
    placed = place is not None and any(item.id == place and not item.placeholder for item in thread.items)
    # Not under its comment (a new thread, or that comment is hidden now): at the form; but a comment
    # said to be published that is not shown any more gets no confirmation at all.
    if confirmation and not placed and not (sent.kind == feedback.PUBLISHED and place):
        discussion["form_feedback"] = confirmation
    discussion["thread"] = thread
    page_cache.reads_parameters(
        request,
        sort=discussion["sort"],
        language=thread.language,
        page=thread.page_number if thread.page_number > 1 else "",
    )
    # Read once with the request: Wagtail then reads the site's root paths once, not once per ``page.url``.
    page_url = page.get_url(request)
    discussion["sort_links"], discussion["language_links"] = thread_links(
        page_url, discussion["sort"], thread, page.locale.language_code
    )
    discussion["pages"] = pages_nav(page_url, discussion["sort"], thread)
    discussion["fold_texts"] = fold_texts()
    discussion["support_texts"] = support_texts()
    if page.accepts_comments and discussion.get("comment_form") is None:
        reply_to = parse_id(request.GET.get("reply_to", ""))
        discussion["comment_form"] = CommentForm(
            page, user=request.user, initial={"reply_to": reply_to} if reply_to else None
        )
    discussion["page_url"] = page_url
    discussion["comment_post_url"] = comment_post_url(page)
    return discussion


def pages_nav(page_url, sort, thread):
    """The context of ``includes/pagination.html`` for the pages of conversations, or None for one page. Its
    links keep the order and language filter, nothing else of the address (a confirmation, a reply)."""
    if thread.page_count < 2:
        return None

    def link(number):
        kept = [("page", number if number > 1 else ""), ("sort", sort), ("language", thread.language)]
        query = urlencode([(name, value) for name, value in kept if value])
        return f"{page_url}{'?' if query else ''}{query}#comments-title"

    page = Paginator(range(thread.page_count), 1).page(thread.page_number)
    return {
        "page_obj": page,
        "label": gettext("Pages of the comments"),
        "previous_url": link(page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page.next_page_number()) if page.has_next() else "",
    }


def thread_links(page_url, sort, thread, page_language):
    """The links that order the thread and filter it by language, each keeping the other choice; the page's
    own language first."""

    def link(sort, language):
        query = urlencode(
            [(name, value) for name, value in (("sort", sort), ("language", language)) if value]
        )
        return f"{page_url}{'?' if query else ''}{query}#comments-title"

    sort_links = [
        {"label": gettext("By date"), "url": link("", thread.language), "current": not sort},
        {
            "label": gettext("Most supported"),
            "url": link("supported", thread.language),
            "current": sort == "supported",
        },
    ]
    if len(thread.languages) < 2:
        return sort_links, []
    names = dict(settings.LANGUAGES)
    language_links = [
        {
            "label": gettext("All languages (%(count)s)") % {"count": thread.published_count},
            "url": link(sort, ""),
            "current": not thread.language,
        }
    ] + [
        {
            "label": f"{names[code]} ({count})",
            "url": link(sort, code),
            "current": thread.language == code,
        }
        for code, count in sorted(thread.languages, key=lambda language: language[0] != page_language)
    ]
    return sort_links, language_links


@once_per_language
def fold_texts():
    """The words of the thread's "Show 3 replies" / "Hide replies" buttons (static/js/comments.js)."""
    return json.dumps(
        {
            "language": get_language(),
            "show": plural_forms(
                lambda count: ngettext("Show %(count)s reply", "Show %(count)s replies", count)
            ),
            "hide": gettext("Hide replies"),
        },
        ensure_ascii=False,
    )


@once_per_language
def support_texts():
    """The words static/js/support.js puts around a new count, in the page's language and its plural forms."""
    return json.dumps(
        {"supports": plural_forms(lambda count: ngettext("%(count)s support", "%(count)s supports", count))},
        ensure_ascii=False,
    )
