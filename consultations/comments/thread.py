"""The public thread of a consultation: which comments readers see, how they nest, and their HTML.

Visibility rules live here and nowhere else: a reader sees published comments; a comment that
is not published but has published replies is shown as a placeholder, so the thread stays
readable; anything else is not shown at all.

The thread reads only what readers see, a page of conversations at a time (a top-level comment and
its replies; TRIBUNE_THREADS_PER_PAGE of them, oldest first or most supported first), in four queries
whatever its size: the published comments counted by language, the conversations counted, the page's
conversations, and their comments. Pending, returned, removed and withdrawn comments are read only when they are the
ancestor of a published one, and never their text. Comments carry their absolute date; their age
("5 minutes ago") is written by static/js/comments.js, so the HTML does not change with time and one
cached copy serves every reader.

The HTML is rendered here rather than through a template per comment: at 1,000 comments the template
engine alone took ~250 ms, string formatting takes ~15 ms (see bench/thread_render.py). Links are found by Django's Urlizer, only in
comments that contain "http" or "www.": ~25 µs for each such comment, so +4 ms at 1,000 comments
of which one in ten has a link, +25 ms if every one has.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from html import escape  # the standard library's: same output as Django's, without its lazy-string wrapper
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import Urlizer
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from consultations.models import CommentSupport, ConsultationComment, ConsultationPage
from page_cache import fragments, versions

State = ConsultationComment.State
_THREAD_FIELDS = (
    "id",
    "parent_id",
    "level",
    "user_name",
    "submit_date",
    "text",
    "state",
    "is_community_manager",
    "support_count",
    "language",
)
# The orders a reader may choose (?sort=…); anything else is the first.
SORTS = ("", "supported")
_MAY_BE_A_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class CommentLinks(Urlizer):
    """Django's ``urlize``, word by word, as comments need it.

    Django decides where a link ends (balanced parentheses kept, an unbalanced closing one and
    trailing punctuation left outside, HTML entities) and quotes the address. Tribune's changes:
    only ``http(s)://`` and ``www.`` addresses become links (never an email address: Tribune shows
    no address; never a bare domain, so a comment without "http" or "www." skips all this), a
    ``www.`` link goes to https, "?" and French quotes end a link too, and every link is
    ``rel="nofollow ugc noopener"``.
    """

    trailing_punctuation_chars = ".,:;!?"
    wrapping_punctuation = [("(", ")"), ("[", "]"), ("«", "»")]
    simple_url_2_re = re.compile(r"^www\.", re.IGNORECASE)
    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'

    @staticmethod
    def is_email_simple(value):
        return False

    def trim_punctuation(self, word):
        """Django's split of a word into what precedes, the address, and what follows; but what follows is
        taken from the word itself, since Django 5.2 drops part of it ("(see https://x.org/a)." loses its
        final "."): the address is always a run of the word right after what precedes it."""
        lead, middle, _trail = super().trim_punctuation(word)
        return lead, middle, word[len(lead) + len(middle) :]

    def link_html(self, word):
        """A word that may be a link: escaped HTML, a link if it is one."""
        html = self.handle_word(word, safe_input=False, nofollow=True, autoescape=True)
        _lead, address, _trail = self.trim_punctuation(word)
        if not address.lower().startswith("http://"):  # Django sends a typed "www." to http://
            html = html.replace('<a href="http://', '<a href="https://', 1)
        return html

    def text_html(self, text):
        """The text as escaped HTML with its links; the words between links are escaped together."""
        parts, plain = [], []
        for word in self.word_split_re.split(text):
            if ("." in word or ":" in word) and _MAY_BE_A_LINK.search(word):
                parts.append(escape("".join(plain)))
                parts.append(self.link_html(word))
                plain = []
            else:
                plain.append(word)
        parts.append(escape("".join(plain)))
        return "".join(parts)


comment_links = CommentLinks()


def comment_text_html(text):
    """A comment's text as safe HTML: escaped, links clickable (see ``CommentLinks``), line breaks kept."""
    html = escape(text) if _MAY_BE_A_LINK.search(text) is None else comment_links.text_html(text)
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 (escaped or built by CommentLinks)


@dataclass
class ThreadItem:
    id: int
    level: int
    placeholder: str  # "" for a published comment, else "pending" / "removed" / "withdrawn"


@dataclass
class Thread:
    items: list = field(default_factory=list)
    published_count: int = 0  # in every language, whatever the filter
    html: str = ""
    # [(language code, published comments in it)] in the site's order of languages, only the ones with some.
    languages: list = field(default_factory=list)
    language: str = ""  # the language shown, "" for all
    page_number: int = 1  # the page of conversations shown, of page_count
    page_count: int = 1

    def __len__(self):
        return len(self.items)


def wanted(language=""):
    """The comments a reader asked for: the published ones (written in ``language``, if given)."""
    return Q(state=State.PUBLISHED, language=language) if language else Q(state=State.PUBLISHED)


def visible(language="", threads=None):
    """The visibility rule as a filter: a published comment (in ``language``, if given), or an ancestor of
    one in any state and language, so that a reply never loses the comment it answers. ``threads``: the ids
    of the top-level comments whose threads are read (all if None).

    Ancestors are found a level at a time, as deep as threads go: the parents of the wanted comments, their
    parents… each a list the database builds once (a correlated EXISTS per comment cost twice as much)."""
    targets = ConsultationComment.objects.filter(wanted(language))
    if threads is not None:
        targets = targets.filter(thread_id__in=threads)
    shown = wanted(language)
    parents = targets.values("parent_id")
    for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
        shown |= Q(pk__in=parents)
        parents = ConsultationComment.objects.filter(pk__in=parents).values("parent_id")
    return shown


def conversations(page, language="", sort=""):
    """The top-level comments of the conversations readers see, in display order: the ones with a wanted
    comment somewhere in their thread (xtd's ``thread_id`` is its top-level comment's id)."""
    # "Among the threads of the wanted comments", one list the database builds once: a correlated EXISTS
    # a top-level comment made SQLite walk every published comment for each of them (1 s at 4,000 comments).
    threads = ConsultationComment.objects.for_page(page).filter(wanted(language)).values("thread_id")
    roots = ConsultationComment.objects.for_page(page).filter(level=0, pk__in=threads)
    if sort == "supported":
        return roots.annotate(
            root_supports=Case(When(state=State.PUBLISHED, then=support_counts()), default=Value(0))
        ).order_by("-root_supports", "submit_date", "pk")
    return roots.order_by("submit_date", "pk")


def support_counts():
    """Each comment's supports, as a subquery of the thread's one query."""
    counts = (
        CommentSupport.objects.filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), 0)


def thread_rows(page, language="", roots=None):
    """One query: the visible comments of the conversations ``roots`` (top-level comments' ids; all of the
    page's if None) in thread order, with their supports; the text only of published ones."""
    rows = ConsultationComment.objects.for_page(page).filter(visible(language, roots))
    if roots is not None:
        rows = rows.filter(thread_id__in=roots)
    return list(
        rows.order_by("thread_id", "order")
        .annotate(
            text=Case(
                When(state=State.PUBLISHED, then=F("comment")), default=Value(""), output_field=TextField()
            ),
            support_count=support_counts(),
        )
        .values(*_THREAD_FIELDS)
    )


def published_languages(page):
    """One query: [(code, count)] of the published comments, in the order of settings.LANGUAGES."""
    counts = dict(
        ConsultationComment.objects.for_page(page)
        .filter(state=State.PUBLISHED)
        .order_by()
        .values_list("language")
        .annotate(n=Count("pk"))
    )
    return [(code, counts[code]) for code, _name in settings.LANGUAGES if code in counts]


def page_number(value):
    """The page of conversations asked for (``?page=``): a whole number from 1; anything else is 1. A number
    past the last page is the last page (see ``build_thread``)."""
    value = value.strip() if isinstance(value, str) else ""
    if not (value.isascii() and value.isdigit()):
        return 1
    return max(1, int(value[:20]))  # 20 digits are past any last page; int() of a huge text is slow


def page_holding(page, comment_id, sort="", language="", per_page=None):
    """The number of the page that shows the published comment ``comment_id`` (its conversation's page),
    or None if readers do not see it there (not published, elsewhere, outside the language filter). Two
    queries: the comment's conversation, and the conversations before it."""
    sort = sort if sort in SORTS else ""
    per_page = per_page or settings.TRIBUNE_THREADS_PER_PAGE
    roots = conversations(page, language, sort)
    thread = ConsultationComment.objects.filter(pk=comment_id, state=State.PUBLISHED).values("thread_id")
    fields = ("pk", "submit_date", "root_supports") if sort == "supported" else ("pk", "submit_date")
    root = roots.filter(pk=Subquery(thread[:1])).values(*fields).first()
    if root is None:
        return None
    before = Q(submit_date__lt=root["submit_date"]) | Q(submit_date=root["submit_date"], pk__lt=root["pk"])
    if sort == "supported":
        supports = root["root_supports"]
        before = Q(root_supports__gt=supports) | (Q(root_supports=supports) & before)
    return roots.filter(before).count() // per_page + 1


def split_threads(rows):
    """Rows in thread order, as lists: a top-level comment followed by its replies."""
    threads = []
    for row in rows:
        if row["level"] == 0 or not threads:
            threads.append([])
        threads[-1].append(row)
    return threads


def in_order(rows, sort=""):
    """The rows of a page's conversations (in thread order) with the conversations in ``conversations``'s
    order: oldest first (xtd numbers threads by id, and a comment moved from a translation onto the
    consultation's page, migration 0023, keeps its id), or by their top-level comment's supports."""
    threads = split_threads(rows)
    if sort == "supported":
        threads.sort(
            key=lambda rows: (
                -rows[0]["support_count"] if rows[0]["state"] == State.PUBLISHED else 0,
                rows[0]["submit_date"],
                rows[0]["id"],
            )
        )
    else:
        threads.sort(key=lambda rows: (rows[0]["submit_date"], rows[0]["id"]))
    return [row for thread in threads for row in thread]


# What a comment's language mark says to a screen reader and on hover, in the page's language.
WRITTEN_IN = {"en": gettext_lazy("Written in English"), "fr": gettext_lazy("Written in French")}


def language_mark(code):
    """The mark of a comment's language ("FR"), with its meaning, as HTML."""
    name = dict(settings.LANGUAGES).get(code, code)
    meaning = escape(str(WRITTEN_IN.get(code) or gettext("Written in %(language)s") % {"language": name}))
    return (
        f'<span class="comment__language" title="{meaning}"><span aria-hidden="true">{escape(code.upper())}</span>'
        f'<span class="visually-hidden">{meaning}</span></span>'
    )


@functools.lru_cache(maxsize=4096)
def day_words(language_code, day):
    """A day in the active language, ``language_code`` (the cache's key): ``date_format`` costs ~70 µs."""
    return date_format(day, "DATE_FORMAT")


@functools.lru_cache(maxsize=4096)
def minute_words(language_code, hour, minute):
    """A time of day in the active language, ``language_code``: 1,440 of them a language, ~80 µs each."""
    return time_format(datetime.time(hour, minute), "TIME_FORMAT")


class ThreadRenderer:
    """Turns visible rows into HTML, looking each translation and date format up once."""

    def __init__(
        self,
        page_url,
        max_level,
        accepts_comments,
        highlighted_id,
        sort="",
        csrf_token="",
        language="",
        results=None,
        page_number=1,
    ):
        self.page_url = escape(page_url)
        self.results = results
        self.answers = results.answers_by_comment() if results is not None else {}
        self._answer_html = {}
        self.sort = sort
        self.language = escape(language)  # the language filter's (a code of settings.LANGUAGES) or ""
        self.csrf_token = escape(csrf_token)
        self.max_level = max_level
        self.accepts_comments = accepts_comments
        self.highlighted_id = highlighted_id
        # A reply link keeps the page of conversations, its order and language filter (without JavaScript it
        # opens this page again with the form set to answer).
        kept = [("page", page_number if page_number > 1 else ""), ("sort", sort), ("language", language)]
        self.reply_query = escape(urlencode([(name, value) for name, value in kept if value]))
        self.reply_query += "&amp;" if self.reply_query else ""
        self.labels = {
            "reply": escape(gettext("Reply")),
            "reply_to": escape(gettext("to")),
            "report": escape(gettext("Report")),
            "manager": escape(gettext("Community manager")),
            "pending": escape(gettext("This comment is waiting for moderation.")),
            "removed": escape(gettext("This comment was removed by a moderator.")),
            "withdrawn": escape(gettext("This comment was removed at its author's request.")),
            "me_too": escape(gettext("Me too")),
            "organisers": escape(gettext("Organisers' answer")),
            "idea": escape(gettext("Idea:")),
            "all_results": escape(gettext("All the results")),
        }
        self.language_marks = {code: language_mark(code) for code, _name in settings.LANGUAGES}
        self._supports = {}
        self.language_code = get_language()  # of the page: the key of the dates' caches

    def absolute_date(self, moment):
        """ "1 December 2026, 03:10" in the page's language; each day and minute formatted once a process."""
        return f"{day_words(self.language_code, moment.date())}, {minute_words(self.language_code, moment.hour, moment.minute)}"

    def supports_words(self, count):
        """ "3 supports", escaped."""
        if count not in self._supports:
            self._supports[count] = escape(
                ngettext("%(count)s support", "%(count)s supports", count) % {"count": count}
            )
        return self._supports[count]

    def support_html(self, row):
        """The "Me too" button and its count (the count alone once the consultation is closed; nothing
        under the community manager's answers). Its name is "Me too, 3 supports"; the page is the same
        for every reader: support.js marks the ones this browser supported (aria-pressed)."""
        if row["is_community_manager"]:
            return ""
        comment_id, count = row["id"], row["support_count"]
        words = self.supports_words(count)
        if not self.accepts_comments:
            return f'<span class="comment__supports">{words}</span>' if count else ""
        # Without JavaScript the button only adds (a double tap counts once); the confirmation that follows
        # has a button to take it back. support.js sends the state the reader saw instead.
        fields = '<input type="hidden" name="support" value="on">'
        fields += '<input type="hidden" name="sort" value="supported">' if self.sort == "supported" else ""
        fields += f'<input type="hidden" name="language" value="{self.language}">' if self.language else ""
        if self.csrf_token:  # a signed-in visitor's form without JavaScript passes Django's CSRF check
            fields += f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf_token}">'
        me_too = self.labels["me_too"]
        return (
            f'<form class="comment__support" method="post" action="{self.page_url}comments/{comment_id}/support/" '
            f'data-support="{comment_id}">{fields}<button type="submit" class="comment__action comment__action--support" '
            f'aria-label="{me_too}, {words}"><span class="support__label">{me_too}</span> '
            f'<span class="support__count" data-support-count>{count}</span></button></form>'
        )

    def answers_html(self, comment_id):
        """The organisers' answers to ideas that name this comment, each with its badge (words and an icon, not
        colour alone) and a link to the results. Each answer's HTML is built once, whatever the comments it
        answers; in another language's results, its words carry that language (``lang``)."""
        parts = []
        for answer in self.answers.get(comment_id, ()):
            if answer.id not in self._answer_html:
                results = self.results
                if results.elsewhere:
                    link = (
                        f'<a href="{escape(results.page.url)}#results" hreflang="{escape(results.language)}">'
                        f"{self.labels['all_results']}</a>"
                    )
                    lang = f' lang="{escape(results.language)}"'
                else:
                    link = f'<a href="#answer-{answer.id}">{self.labels["all_results"]}</a>'
                    lang = ""
                self._answer_html[answer.id] = (
                    '<div class="organiser-answer">'
                    '<p class="organiser-answer__head"><span class="badge badge--organisers">'
                    '<svg class="badge__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="16" '
                    'height="16"><path d="m3 11 18-5v12L3 14v-3z"/><path d="M11.6 16.8a3 3 0 1 1-5.8-1.6"/></svg>'
                    "{label}</span></p>"
                    '<p class="organiser-answer__idea"{lang}><span class="visually-hidden">{idea_label} </span>'
                    '<strong dir="auto">{idea}</strong></p>'
                    '<div class="organiser-answer__text rich-text"{lang}>{html}</div>'
                    '<p class="organiser-answer__more">{link}</p></div>'
                ).format(
                    label=self.labels["organisers"],
                    idea_label=self.labels["idea"],
                    idea=escape(answer.idea),
                    html=answer.html,  # cleaned by the results room (nh3)
                    lang=lang,
                    link=link,
                )
            parts.append(self._answer_html[answer.id])
        return "".join(parts)

    def comment_html(self, row):
        labels = self.labels
        comment_id = row["id"]
        moment = timezone.localtime(row["submit_date"])
        author = escape(row["user_name"])
        classes = "comment"
        name = f'<span class="comment__author" id="c{comment_id}-author" dir="auto">{author}</span>'
        if row["is_community_manager"]:
            # The site's display name and the badge; without a display name, the badge names the author.
            classes += " comment--manager"
            badge = f'<span class="badge badge--manager">{labels["manager"]}</span>'
            if author:
                name += badge
            else:
                author = labels["manager"]
                name = f'<span class="comment__author" id="c{comment_id}-author">{badge}</span>'
        if comment_id == self.highlighted_id:
            classes += " comment--highlighted"
        # The community manager's own answers are not for readers to report.
        report = (
            ""
            if row["is_community_manager"]
            else f'<a class="comment__action comment__action--report" href="{self.page_url}comments/{comment_id}/report/" rel="nofollow">'
            f'{labels["report"]}<span class="visually-hidden"> {author}</span></a>'
        )
        reply = ""
        if self.accepts_comments and row["level"] < self.max_level:
            reply = (
                f'<a class="comment__action" href="?{self.reply_query}reply_to={comment_id}#comment-form" '
                f'data-reply-to="{comment_id}">'
                f'{labels["reply"]}<span class="visually-hidden"> {labels["reply_to"]} {author}</span></a>'
            )
        language = row["language"] if row["language"] in self.language_marks else ""
        mark = self.language_marks[language] if language else ""
        text_lang = f' lang="{language}"' if language else ""
        return (
            f'<li id="c{comment_id}" class="{classes}">'
            f'<article class="comment__body" aria-labelledby="c{comment_id}-author">'
            f'<header class="comment__meta">{name}{mark}'
            f'<a class="comment__date" href="#c{comment_id}"><time datetime="{moment.isoformat()}">'
            f'<span class="comment__age" data-age></span>'
            f'<span class="comment__absolute-date">{self.absolute_date(moment)}</span></time></a></header>'
            f'<div class="comment__text" dir="auto"{text_lang}>{comment_text_html(row["text"])}</div>'
            f"{self.answers_html(comment_id) if self.answers else ''}"
            f'<footer class="comment__actions">{self.support_html(row)}{reply}{report}</footer></article>'
        )

    def placeholder_html(self, row, placeholder):
        return (
            f'<li id="c{row["id"]}" class="comment comment--placeholder">'
            f'<p class="comment__placeholder">{self.labels[placeholder]}</p>'
        )


PLACEHOLDERS = {
    State.PENDING: "pending",
    State.RETURNED: "pending",
    State.REMOVED: "removed",
    State.WITHDRAWN: "withdrawn",
}


def build_thread(
    page,
    max_level,
    accepts_comments=True,
    highlighted_id=None,
    after=None,
    sort="",
    csrf_token="",
    language="",
    results=None,
    page_number=1,
    per_page=None,
):
    """The public thread of a consultation, read on ``page`` (any of its translations): the conversations of
    page ``page_number`` (past the last page: the last), ``per_page`` (TRIBUNE_THREADS_PER_PAGE) a page, in
    display order (threads in the order they were started; ``sort="supported"``: most supported first),
    with their HTML as nested lists. The counts cover every page.

    ``language``: only the comments written in it (and the ones they answer); "" or an unknown code: all.

    ``after``: safe HTML to put right under a published comment, by id (the confirmation of a reply).
    ``csrf_token``: for a signed-in visitor only (the support forms carry it); never for others, whose
    thread is the same for everyone.
    ``results``: the results the page shows (``consultations.results.reading.PageResults``), whose answers to ideas
    are drawn under the comments they answer; read by the caller (no query here)."""
    sort = sort if sort in SORTS else ""
    thread = Thread(languages=published_languages(page))
    thread.published_count = sum(count for _code, count in thread.languages)
    thread.language = language if language in dict(thread.languages) else ""
    paginator = Paginator(
        conversations(page, thread.language, sort).values("pk"), per_page or settings.TRIBUNE_THREADS_PER_PAGE
    )
    if not thread.published_count:  # nothing to show: no need to ask
        paginator.count = 0
    shown = paginator.get_page(min(page_number, paginator.num_pages))
    thread.page_number, thread.page_count = shown.number, paginator.num_pages
    if not thread.published_count:
        return thread
    renderer = ThreadRenderer(
        page.url,
        max_level,
        accepts_comments,
        highlighted_id,
        sort,
        csrf_token,
        thread.language,
        results,
        thread.page_number,
    )
    # The page's top-level comments first: the next query filters on a short list of ids several times,
    # cheaper than the same ordered subquery repeated (25 ms instead of 45 for 50 conversations).
    roots = [row["pk"] for row in shown.object_list]
    rows = in_order(thread_rows(page, thread.language, roots), sort)
    parts = []
    for index, row in enumerate(rows):
        placeholder = "" if row["state"] == State.PUBLISHED else PLACEHOLDERS[row["state"]]
        parts.append(
            renderer.placeholder_html(row, placeholder) if placeholder else renderer.comment_html(row)
        )
        if after and not placeholder and row["id"] in after:
            parts.append(after[row["id"]])
        next_level = rows[index + 1]["level"] if index + 1 < len(rows) else 0
        if next_level > row["level"]:
            parts.append('<ol class="comment-replies">')
        else:
            parts.append("</li>" + "</ol></li>" * (row["level"] - next_level))
        thread.items.append(ThreadItem(id=row["id"], level=row["level"], placeholder=placeholder))
    thread.html = mark_safe("".join(parts))  # noqa: S308 (every piece escaped in ThreadRenderer)
    return thread


def shared_thread(page, sort="", language="", page_number=1, request=None):
    """``build_thread`` for a visitor who sees what every reader sees (not signed in, no confirmation to place):
    kept in the shared cache under the site's and the consultation's page-cache versions (``page_cache.fragments``),
    so a page the page cache does not serve (a session cookie, a miss) still costs no thread query. A decision, a
    published comment, a support or a publication renews a version and the thread is drawn again; it is never kept
    past the consultation's next change (it opens or closes, its results day comes). A page number past the last
    page is drawn as the last page but not kept under that number, so made-up numbers cannot fill the cache."""
    # Results sit below comments (.importlinter); read only when the thread is drawn.
    from consultations.results.reading import page_results

    sort = sort if sort in SORTS else ""
    language = language if language in dict(settings.LANGUAGES) else ""
    accepts_comments = page.accepts_comments
    name = ":".join(
        str(part)
        for part in (
            "thread",
            page.pk,
            get_language(),
            sort or "-",
            language or "-",
            page_number,
            settings.TRIBUNE_THREADS_PER_PAGE,
            int(accepts_comments),
            page.max_reply_level,
        )
    )

    def draw():
        return build_thread(
            page,
            page.max_reply_level,
            accepts_comments=accepts_comments,
            sort=sort,
            language=language,
            results=page_results(page),
            page_number=page_number,
        )

    return fragments.fetch(
        name,
        (versions.SITE, ConsultationPage.conversation_version(page.translation_key)),
        draw,
        expires_at=page.next_change(),
        keep=lambda thread: thread.page_number == page_number,
        request=request,
    )
