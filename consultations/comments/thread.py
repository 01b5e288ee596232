"""The public thread of a consultation: which comments readers see, how they nest, and their HTML.

Visibility rules live here and nowhere else: a reader sees published comments; a comment that
is not published but has published replies is shown as a placeholder, so the thread stays
readable; anything else is not shown at all.

The thread costs one query whatever its size, and is rendered to HTML here rather than through
a template per comment: at 1,000 comments the template engine alone took ~250 ms, string
formatting takes ~15 ms (see bench/thread_render.py). Links are found by Django's Urlizer, only in
comments that contain "http" or "www.": ~25 µs for each such comment, so +4 ms at 1,000 comments
of which one in ten has a link, +25 ms if every one has.
"""

import re
from dataclasses import dataclass, field
from html import escape  # the standard library's: same output as Django's, without its lazy-string wrapper

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import Urlizer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext

from consultations.models import CommentSupport, ConsultationComment

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

    def __len__(self):
        return len(self.items)


def visible_rows(rows, language=""):
    """Rows (in thread order) a reader may see: published ones, and the ancestors of those.

    ``language``: only the published ones written in it, and their ancestors in any language, so that a
    reply never loses the comment it answers."""
    by_id = {row["id"]: row for row in rows}
    keep = set()
    for row in rows:
        if row["state"] != State.PUBLISHED or (language and row["language"] != language):
            continue
        current = row
        while current is not None and current["id"] not in keep:
            keep.add(current["id"])
            parent_id = current["parent_id"]
            current = by_id.get(parent_id) if parent_id != current["id"] else None
    return [row for row in rows if row["id"] in keep]


def support_counts():
    """Each comment's supports, as a subquery of the thread's one query."""
    counts = (
        CommentSupport.objects.filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), 0)


def thread_rows(page):
    """One query: every comment of the page in display order, with its supports; the text only of
    published ones."""
    return list(
        ConsultationComment.objects.for_page(page)
        .order_by("thread_id", "order")
        .annotate(
            text=Case(
                When(state=State.PUBLISHED, then=F("comment")), default=Value(""), output_field=TextField()
            ),
            support_count=support_counts(),
        )
        .values(*_THREAD_FIELDS)
    )


def split_threads(rows):
    """Rows in thread order, as lists: a top-level comment followed by its replies."""
    threads = []
    for row in rows:
        if row["level"] == 0 or not threads:
            threads.append([])
        threads[-1].append(row)
    return threads


def oldest_first(rows):
    """The threads in the order their top-level comments were posted. xtd numbers threads by id, and a
    comment moved from a translation onto the consultation's page (migration 0023) keeps its id."""
    threads = split_threads(rows)
    threads.sort(key=lambda rows: (rows[0]["submit_date"], rows[0]["id"]))
    return [row for thread in threads for row in thread]


def published_languages(rows):
    """[(code, count)] of the published comments, in the order of settings.LANGUAGES."""
    counts = {}
    for row in rows:
        if row["state"] == State.PUBLISHED:
            counts[row["language"]] = counts.get(row["language"], 0) + 1
    return [(code, counts[code]) for code, _name in settings.LANGUAGES if code in counts]


def most_supported_first(rows):
    """The threads (a top-level comment and its replies) reordered by their top-level comment's supports,
    most first; ties and replies keep their order."""
    threads = split_threads(rows)
    threads.sort(key=lambda rows: -rows[0]["support_count"] if rows[0]["state"] == State.PUBLISHED else 0)
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


class ThreadRenderer:
    """Turns visible rows into HTML, looking each translation and date format up once."""

    def __init__(
        self,
        page_url,
        max_level,
        accepts_comments,
        highlighted_id,
        now,
        sort="",
        csrf_token="",
        language="",
        results=None,
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
        self.now = now
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
        self._dates = {}
        self._times = {}
        self._ages = {}

    def absolute_date(self, moment):
        day = moment.date()
        if day not in self._dates:
            self._dates[day] = date_format(moment, "DATE_FORMAT")
        minute = (moment.hour, moment.minute)
        if minute not in self._times:
            self._times[minute] = time_format(moment, "TIME_FORMAT")
        return f"{self._dates[day]}, {self._times[minute]}"

    def relative_age(self, moment):
        """ "5 minutes ago", "3 hours ago", "2 days ago": coarse on purpose."""
        seconds = max(0, int((self.now - moment).total_seconds()))
        if seconds < 60:
            key = ("now", 0)
        elif seconds < 3600:
            key = ("minutes", seconds // 60)
        elif seconds < 86400:
            key = ("hours", seconds // 3600)
        else:
            key = ("days", seconds // 86400)
        if key not in self._ages:
            unit, count = key
            self._ages[key] = escape(
                gettext("just now")
                if unit == "now"
                else {
                    "minutes": ngettext("%(count)d minute ago", "%(count)d minutes ago", count),
                    "hours": ngettext("%(count)d hour ago", "%(count)d hours ago", count),
                    "days": ngettext("%(count)d day ago", "%(count)d days ago", count),
                }[unit]
                % {"count": count}
            )
        return self._ages[key]

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
                f'<a class="comment__action" href="?reply_to={comment_id}#comment-form" data-reply-to="{comment_id}">'
                f'{labels["reply"]}<span class="visually-hidden"> {labels["reply_to"]} {author}</span></a>'
            )
        language = row["language"] if row["language"] in self.language_marks else ""
        mark = self.language_marks[language] if language else ""
        text_lang = f' lang="{language}"' if language else ""
        return (
            f'<li id="c{comment_id}" class="{classes}">'
            f'<article class="comment__body" aria-labelledby="c{comment_id}-author">'
            f'<header class="comment__meta">{name}{mark}'
            f'<a class="comment__date" href="#c{comment_id}"><time datetime="{moment.isoformat()}">{self.relative_age(moment)}'
            f'<span class="comment__absolute-date"> · {self.absolute_date(moment)}</span></time></a></header>'
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
    now=None,
    after=None,
    sort="",
    csrf_token="",
    language="",
    results=None,
):
    """The public thread of a consultation, read on ``page`` (any of its translations), in display order
    (threads in the order they were started; ``sort="supported"``: most supported first), with its HTML as
    nested lists.

    ``language``: only the comments written in it (and the ones they answer); "" or an unknown code: all.

    ``after``: safe HTML to put right under a published comment, by id (the confirmation of a reply).
    ``csrf_token``: for a signed-in visitor only (the support forms carry it); never for others, whose
    thread is the same for everyone.
    ``results``: the results the page shows (``consultations.results.reading.PageResults``), whose answers to ideas
    are drawn under the comments they answer; read by the caller (no query here)."""
    sort = sort if sort in SORTS else ""
    all_rows = thread_rows(page)
    thread = Thread(languages=published_languages(all_rows))
    thread.published_count = sum(row["state"] == State.PUBLISHED for row in all_rows)
    thread.language = language if language in dict(thread.languages) else ""
    renderer = ThreadRenderer(
        page.url,
        max_level,
        accepts_comments,
        highlighted_id,
        now or timezone.now(),
        sort,
        csrf_token,
        thread.language,
        results,
    )
    rows = oldest_first(visible_rows(all_rows, thread.language))
    if sort == "supported":
        rows = most_supported_first(rows)
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
