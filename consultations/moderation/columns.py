"""The columns of the queue's table (Wagtail's ``ui.tables``) and of the moderation history.

The queue's cells are rendered here in Python, not through a template each: a page is 50 rows × 9 columns,
and one template per cell took about half of the page's time with 10,000 comments waiting (NOTES.md, "The
queue in under 150 ms"). Every value a participant typed (pseudonym, text, the text replied to) goes through
``escape``/``format_html``; what is computed once per page (labels, the row's forms' shared fields) is kept on
the column, which lives as long as the view, one request.
"""

from django.contrib.admin.utils import quote
from django.forms.utils import flatatt
from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr, timesince_filter
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, Table, TitleColumn

from consultations.moderation import links, queue, urgency
from consultations.moderation.actions import QUEUE_ACTIONS
from consultations.moderation.filters import lane_label
from consultations.moderation.forms import seen_token
from consultations.moderation.screening import reason_labels
from consultations.moderation.service import accepts_replies

TEMPLATES = "consultations/admin/moderation/cells"


def queue_with_same_filters(request):
    """The queue as this request shows it (lane, filters, search), for the row's forms to come back to."""
    query = request.GET.copy()
    for transient in ("p", "_w_filter_fragment"):
        query.pop(transient, None)
    return links.queue_url() + (f"?{query.urlencode()}" if query else "")


def cell(column, html, extra_class=""):
    """A ``<td>`` with the column's classes (``extra_class`` first), around ``html`` (safe)."""
    classes = " ".join(filter(None, [extra_class, column.classname]))
    if not classes:
        return format_html("<td>{}</td>", html)
    return format_html('<td class="{}">{}</td>', classes, html)


class Memo:
    """A column's labels computed once per page for each distinct key (its lane, its language…): the column
    lives as long as the view, one request, so a label is never kept across languages or requests."""

    @cached_property
    def memo(self):
        return {}

    def remembered(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


class QueueTable(Table):
    """Rows past the promised response time carry ``tm-late`` (``queue.listing`` annotates ``is_late``)."""

    classname = "listing tm-queue"
    template_name = "consultations/admin/moderation/queue_table.html"

    class Media:
        css = {"all": ["consultations/admin/moderation.css"]}

    def get_caption(self):
        return _("Comments waiting for moderation")

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["body"] = self.render_body(parent_context)
        return context

    def render_body(self, parent_context):
        """Every row, each cell by its column's ``render_cell_html`` (no template per row or cell)."""
        columns = list(self.columns.values())
        return format_html_join(
            "",
            "<tr{}>{}</tr>",
            (
                (
                    flatatt(self.get_row_attrs(instance)),
                    format_html_join(
                        "", "{}", ((column.render_cell_html(instance, parent_context),) for column in columns)
                    ),
                )
                for instance in self.data
            ),
        )

    def get_row_classname(self, instance):
        classes = ["tm-late" if getattr(instance, "is_late", False) else ""]
        if queue.is_urgent_row(instance):
            classes.append("tm-urgent")
        return " ".join(filter(None, classes))


class QueueCheckboxColumn(BulkActionsCheckboxColumn):
    """Wagtail's bulk-action checkbox (``wagtailadmin/bulk_actions/listing_checkbox_cell.html``), in Python."""

    @cached_property
    def select_label(self):
        return gettext("Select")

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" aria-label="{}" aria-describedby="{}" /></td>',
            quote(instance.pk),
            self.select_label,
            self.get_aria_describedby(instance),
        )


class AuthorColumn(TitleColumn):
    """The author's pseudonym, linked to the comment's page, with the id the checkbox is described by."""

    def render_cell_html(self, instance, parent_context):
        name = instance.user_name if str(instance.user_name or "").strip() else self.empty_value_display
        return format_html(
            '<td class="{}"><div class="title-wrapper"><a href="{}"><span id="{}">{}</span></a></div></td>',
            " ".join(filter(None, [self.classname, "title"])),
            self.get_link_url(instance, parent_context),
            self.get_title_id(instance, parent_context),
            name,
        )


class TextColumn(Column):
    """A plain value, escaped (Wagtail's ``wagtailadmin/tables/cell.html``)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return cell(self, "" if value is None else escape(value))


class CommentColumn(Memo, Column):
    """The text, and the comment it answers."""

    @cached_property
    def labels(self):
        return {"manager": gettext("Community manager")}

    def render_cell_html(self, instance, parent_context):
        parent = ""
        if instance.parent_name is not None:
            author = instance.parent_name or self.labels["manager"]
            parent = format_html(
                '<blockquote class="tm-parent"><span class="tm-parent__label">{}</span> '
                '<span dir="auto">{}</span></blockquote>',
                gettext("In reply to %(author)s:") % {"author": author},
                Truncator(instance.parent_text or "").chars(200),
            )
        text = format_html(
            '<p class="tm-text" dir="auto" lang="{}"><span class="tm-language" title="{}">{}</span> {}</p>',
            instance.language,
            self.remembered(instance.language, lambda: str(instance.get_language_display())),
            str(instance.language).upper(),
            linebreaksbr(Truncator(instance.comment or "").chars(600), autoescape=True),
        )
        return cell(self, format_html("{}{}", parent, text))


class LaneColumn(Memo, Column):
    """The lane; for an urgent comment, what its urgent phrases are about."""

    def get_value(self, instance):
        return lane_label(instance)

    def render_cell_html(self, instance, parent_context):
        urgent = queue.is_urgent_row(instance)
        label = self.remembered(
            (urgent, instance.state, instance.awaits_review), lambda: str(lane_label(instance))
        )
        if urgent:
            about = urgency.categories(instance.urgent_phrases)
            html = format_html('<span class="tm-urgent-label">{}</span>', label)
            if about:
                html += format_html(' <span class="tm-urgent-about">{}</span>', ", ".join(map(str, about)))
        else:
            html = format_html('<span class="w-status w-status--primary">{}</span>', label)
        return cell(self, html, extra_class="tm-cell-state")


class ScreeningColumn(Memo, Column):
    def get_value(self, instance):
        return reason_labels(instance.screening_reasons)

    def render_cell_html(self, instance, parent_context):
        stored = instance.screening_reasons or []
        reasons = self.remembered(tuple(stored), lambda: [str(label) for label in reason_labels(stored)])
        html = ""
        if reasons:
            html = format_html(
                '<ul class="tm-tags w-m-0 w-p-0" role="list">{}</ul>',
                format_html_join("", '<li class="w-status w-status--label">{}</li>', ((r,) for r in reasons)),
            )
        return cell(self, html, extra_class="tm-cell-screening")


def report_count_html(count):
    """``_report_count.html`` in Python: "reported 2 times" as a label, nothing for 0."""
    if not count:
        return ""
    label = ngettext("reported %(counter)s time", "reported %(counter)s times", count) % {"counter": count}
    return format_html('<span class="w-status w-status--label">{}</span>', label)


class ReportsColumn(Column):
    def render_cell_html(self, instance, parent_context):
        return cell(self, report_count_html(self.get_value(instance)), extra_class="tm-cell-reports")


class WaitingColumn(Column):
    @cached_property
    def late_label(self):
        return gettext("Past the promised time")

    def render_cell_html(self, instance, parent_context):
        since = self.get_value(instance)
        html = ""
        if since:
            # The column's name, shown only on a card (the table has its header).
            html = format_html(
                '<span class="tm-card-label">{}</span> <time datetime="{}">{}</time>',
                self.label,
                format_date(template_localtime(since), "c"),
                timesince_filter(since),
            )
        if getattr(instance, "is_late", False):
            html = format_html('{} <span class="tm-late-label w-block">{}</span>', html, self.late_label)
        return cell(self, html, extra_class="tm-cell-waiting")


class DecideColumn(Memo, Column):
    """The decisions a row can take at once (approve or keep, restore), and the way to the others."""

    def __init__(self, name, *, get_decide_url, get_comment_url, **kwargs):
        super().__init__(name, **kwargs)
        self.get_decide_url = get_decide_url
        self.get_comment_url = get_comment_url
        self._per_request = None

    def shared(self, request):
        """What every row's forms share on this page: the CSRF field, where to come back, the labels."""
        if self._per_request is None:
            self._per_request = {
                "csrf": format_html(
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
                ),
                "next": queue_with_same_filters(request),
                "reason": gettext("Remove or return…"),
                "reply": gettext("Reply…"),
            }
        return self._per_request

    def render_cell_html(self, instance, parent_context):
        shared = self.shared(parent_context["request"])
        who = format_html('<span class="w-sr-only"> ({})</span>', instance.user_name)
        seen = seen_token(instance)
        parts = [
            format_html(
                '<form method="post" action="{}">{}<input type="hidden" name="seen" value="{}">'
                '<input type="hidden" name="next" value="{}">'
                '<button type="submit" class="button button-small">{}{}</button></form>',
                self.get_decide_url(instance, code),
                shared["csrf"],
                seen,
                shared["next"],
                self.remembered(
                    (code, instance.state, bool(getattr(instance, "has_open_reports", False))),
                    lambda action=action: str(action.button_for(instance)),
                ),
                who,
            )
            for code, action in QUEUE_ACTIONS.items()
            if not action.needs_reason and action.allows_comment(instance)
        ]
        comment_url = None
        if any(action.needs_reason and action.allows_comment(instance) for action in QUEUE_ACTIONS.values()):
            comment_url = self.get_comment_url(instance)
            parts.append(
                format_html(
                    '<a class="button button-small button-secondary" href="{}#decide">{}{}</a>',
                    comment_url,
                    shared["reason"],
                    who,
                )
            )
        if accepts_replies(instance):
            parts.append(
                format_html(
                    '<a class="button button-small button-secondary" href="{}#decision-reply">{}{}</a>',
                    comment_url or self.get_comment_url(instance),
                    shared["reply"],
                    who,
                )
            )
        return cell(
            self,
            format_html(
                '<div class="tm-decide-cell">{}</div>',
                format_html_join("", "{}", ((part,) for part in parts)),
            ),
        )


class LogActionColumn(Column):
    """A log entry's message ("Comment removed: Personal information") and its comment (the message to the
    author), as Wagtail's history shows them."""

    cell_template_name = f"{TEMPLATES}/log_action.html"


class LoggedCommentColumn(TitleColumn):
    """The comment a log entry is about: its author and the start of its text, linked to its page."""

    cell_template_name = f"{TEMPLATES}/logged_comment.html"
