"""What a consultation page shows of its results, read in a fixed number of queries whatever the size of the
conversation.

Each translation has its own results (texts, document, answers to ideas); a page shows its own once they are
published (``ConsultationPage.results_are_published``). A closed page without results of its own, while another
live public translation has published some, shows a link to them (in that page's language, ``hreflang``) and,
under the comments, that page's answers (marked with their language): a reader is never left without the answer
to their comment, and never sent to a draft, a private page or results not yet published.

Rich text written by organisers is Wagtail's (Draftail keeps only the features of the field), and is cleaned
again with nh3 when shown, so a row written another way (the shell, an import) cannot put a script on the page.
"""

from dataclasses import dataclass, field
from functools import cached_property

import nh3
from django.db.models import FilteredRelation, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from consultations.models import ConsultationComment, ConsultationPage, IdeaResponse
from consultations.models.comments import source_pk_text

# What organisers' rich text may hold on a public page (the fields' features: bold, italic, link, lists).
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ol", "ul", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def clean_rich_text(html):
    """Organisers' rich text as safe HTML: Wagtail's internal links expanded, anything else than the allowed
    tags dropped, links ``rel="noopener"``."""
    if not html:
        return mark_safe("")  # noqa: S308 (empty)
    cleaned = nh3.clean(
        expand_db_html(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 (cleaned by nh3 to the tags above)


@dataclass
class LinkedComment:
    id: int
    author: str
    submit_date: object
    language: str


@dataclass
class Answer:
    id: int
    idea: str
    html: str
    comments: list = field(default_factory=list)  # LinkedComment, published ones only, in thread order


@dataclass
class PageResults:
    """The results a page shows. ``page`` is the page whose results they are: the page read, or (``elsewhere``)
    another live public translation, when the page read has none of its own."""

    page: ConsultationPage
    elsewhere: bool
    answers: list

    @cached_property
    def document(self):
        """The results document (one query), with ``size`` in bytes when its file can be read, else None."""
        document = self.page.results_document
        if document is not None:
            try:
                document.size = document.file_size or document.file.size
            except OSError:
                document.size = None
        return document

    @property
    def language(self):
        return self.page.locale.language_code

    def answers_by_comment(self):
        """{comment id: [Answer]}: what the thread shows under each comment."""
        by_comment = {}
        for answer in self.answers:
            for comment in answer.comments:
                by_comment.setdefault(comment.id, []).append(answer)
        return by_comment


def results_page_for(page, now=None):
    """The page whose results ``page`` shows: itself once its results are published; else, for a closed page, the
    first live public translation (oldest first) whose results are (one query); else None."""
    now = now or timezone.now()
    if page.results_are_published(now):
        return page
    if page.pk is None or now < page.closes_at:
        return None
    return (
        ConsultationPage.objects.live()
        .public()
        .filter(ConsultationPage.results_published_q(now), translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
        .order_by("pk")
        .first()
    )


def answers_in_memory(results_page):
    """The answers of a page made from a revision (a preview of a draft), which are not in the database yet: each
    with the published comments it answers (a query per answer; previews only), else None."""
    in_memory = getattr(results_page, "_cluster_related_objects", {}).get("idea_responses")
    if in_memory is None:
        return None
    # Only this consultation's comments: a page copied from another one keeps links to the other's.
    own = set(
        ConsultationComment.objects.for_page(results_page)
        .filter(pk__in=[comment.pk for response in in_memory for comment in response.comments.all()])
        .values_list("pk", flat=True)
    )
    answers = []
    ordered = sorted(in_memory, key=lambda response: response.sort_order or 0)
    for index, response in enumerate(ordered):
        comments = sorted(
            (
                comment
                for comment in response.comments.all()
                if comment.state == ConsultationComment.State.PUBLISHED and comment.pk in own
            ),
            key=lambda comment: (comment.thread_id, comment.order),
        )
        answers.append(
            Answer(
                id=response.pk or f"new-{index}",  # an answer added in the draft has no id yet
                idea=response.idea,
                html=clean_rich_text(response.response),
                comments=[
                    LinkedComment(comment.pk, comment.user_name, comment.submit_date, comment.language)
                    for comment in comments
                ],
            )
        )
    return answers


def read_answers(results_page):
    """The answers to ideas of ``results_page``, in the organisers' order, each with the published comments it
    answers, in thread order: one query (the answers, joined to their published comments). A preview's answers
    are read from the revision it shows.

    Only this consultation's comments count: a page copied from another consultation (Wagtail copies the answers
    with their links) would otherwise name the other's authors."""
    in_memory = answers_in_memory(results_page)
    if in_memory is not None:
        return in_memory
    rows = (
        IdeaResponse.objects.filter(page=results_page)
        .annotate(
            published=FilteredRelation(
                "comments",
                condition=Q(comments__state=ConsultationComment.State.PUBLISHED),
            ),
            consultation_pk=source_pk_text(results_page),
        )
        .order_by("sort_order", "pk", "published__thread_id", "published__order")
        .values_list(
            "pk",
            "idea",
            "response",
            "published__id",
            "published__user_name",
            "published__submit_date",
            "published__language",
            "published__content_type_id",
            "published__object_pk",
            "consultation_pk",
        )
    )
    answers = {}
    for answer_id, idea, response, comment_id, author, submit_date, language, *consultation in rows:
        if answer_id not in answers:
            answers[answer_id] = Answer(id=answer_id, idea=idea, html=clean_rich_text(response))
        content_type_id, object_pk, consultation_pk = consultation
        if comment_id is not None and (content_type_id, object_pk) == (
            results_page.content_type_id,
            str(consultation_pk),
        ):
            answers[answer_id].comments.append(LinkedComment(comment_id, author, submit_date, language))
    return list(answers.values())


def page_results(page, now=None):
    """The results ``page`` shows (see ``PageResults``), or None; read once per page object (the results section
    and the thread share them): one query for a page with results of its own, two for one that shows another
    translation's, none for a page that has not closed."""
    cached = page.__dict__.get("_page_results")
    if cached is not None:
        return cached[0]
    results_page = results_page_for(page, now)
    results = None
    if results_page is not None:
        results = PageResults(
            page=results_page, elsewhere=results_page.pk != page.pk, answers=read_answers(results_page)
        )
    page.__dict__["_page_results"] = (results,)
    return results
