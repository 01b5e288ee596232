"""The edit view of a consultation in the Wagtail admin: its form and the panels about its translations.

A consultation is one page per language. Its first page (the source, ``ConsultationPage.source_page``) holds
the settings every translation follows (``ConsultationPage.FOLLOWED_SETTINGS``): on a translation the form
shows them read-only, with the source's values, and ignores what is posted for them; the model's ``save``
takes them from the source whatever the form says. The translations panel lists the consultation's pages
in every content language and creates a missing one in one step (``consultations.translations``).

This module sits below the models (``.importlinter``): it reads the page it is given and imports no room.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.admin.panels.base import get_form_for_model
from wagtail.models import Locale, Page

# The largest id a database column holds (consultations.ids, a sibling this module may not import): past it, a
# query raises instead of finding nothing.
MAX_ID = 2**63 - 1

# Sentences that name a language as an adjective, one per content language (French agrees "la page anglaise",
# "la traduction française"); other languages get the fallback with the language's name.
SET_ON_SOURCE = {
    "en": _("Set on the English page: translations follow it."),
    "fr": _("Set on the French page: translations follow it."),
}
SET_ON_SOURCE_FALLBACK = _("Set on the page in %(language)s: translations follow it.")
FOLLOWS_SOURCE = {
    "en": _("This page follows the English page for its dates, moderation, comments and rules."),
    "fr": _("This page follows the French page for its dates, moderation, comments and rules."),
}
FOLLOWS_SOURCE_FALLBACK = _(
    "This page follows the page in %(language)s for its dates, moderation, comments and rules."
)
EDIT_SOURCE = {"en": _("Edit the English page"), "fr": _("Edit the French page")}
EDIT_SOURCE_FALLBACK = _("Edit the page in %(language)s")
CREATE_TRANSLATION = {"en": _("Create the English translation"), "fr": _("Create the French translation")}
CREATE_TRANSLATION_FALLBACK = _("Create the translation in %(language)s")
CREATED = {
    "en": _("The English translation of “%(title)s” is created, as a draft: translate it, then publish it."),
    "fr": _("The French translation of “%(title)s” is created, as a draft: translate it, then publish it."),
}
CREATED_FALLBACK = _(
    "The translation in %(language)s of “%(title)s” is created, as a draft: translate it, then publish it."
)
ALREADY_TRANSLATED = {
    "en": _("This consultation already has its English page: here it is."),
    "fr": _("This consultation already has its French page: here it is."),
}
ALREADY_TRANSLATED_FALLBACK = _("This consultation already has its page in %(language)s: here it is.")


def in_language(phrases, fallback, language_code, **values):
    """The phrase of ``phrases`` for ``language_code``, else ``fallback`` with the language's name; then
    formatted with ``values`` (as data: a title is never read as a format)."""
    if language_code in phrases:
        return phrases[language_code] % values if values else phrases[language_code]
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return fallback % {"language": names.get(language_code, language_code), **values}


def translated_parent(page, locale):
    """The page under which ``page``'s translation into ``locale`` is created, or None when it has none yet
    (Wagtail then creates the missing parents as aliases, ``copy_parents``)."""
    parent = page.get_parent()
    return parent if parent.is_root() else parent.get_translation_or_none(locale)


def may_create_translation(user, page, locale):
    """Whether ``user`` may create ``page``'s translation into ``locale``: Wagtail's own check (simple
    translation's "submit translation" permission and editing the page), and adding a page where the
    translation goes (or, when its parent is not translated yet, where the page is)."""
    if not (
        user.has_perm("simple_translation.submit_translation") and page.permissions_for_user(user).can_edit()
    ):
        return False
    parent = translated_parent(page, locale) or page.get_parent()
    return parent.permissions_for_user(user).can_add_subpage()


class ConsultationPageForm(WagtailAdminPageForm):
    """On a translation, the followed settings are disabled (Django keeps their initial values, whatever is
    posted), show the source page's values and say where they are set."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        # Passed on to each answer to an idea (``IdeaResponsesPanel``): the comments it may link to.
        self.answerable_comments = AnswerableComments(instance)
        self.source_page = None
        if instance is not None and instance.pk is not None and not instance.is_source:
            self.source_page = instance.source_page
            # The instance is the translation's latest revision: it may hold old settings.
            for column in instance.followed_columns():
                setattr(instance, column, getattr(self.source_page, column))
        super().__init__(*args, **kwargs)
        if self.source_page is not None:
            help_text = in_language(
                SET_ON_SOURCE, SET_ON_SOURCE_FALLBACK, self.source_page.locale.language_code
            )
            for name in instance.FOLLOWED_SETTINGS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = help_text


class FollowedFieldPanel(FieldPanel):
    """A followed setting: a field on the source page; on a translation, its value as text (the field is
    disabled) with the help text saying where it is set. ``empty_text`` is what an empty value means."""

    def __init__(self, field_name, *args, empty_text="—", **kwargs):
        super().__init__(field_name, *args, **kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "empty_text": self.empty_text}

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return self.empty_text
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return super().format_value_for_display(value)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is not None and self.bound_field.field.disabled:
                self.read_only = True

        @property
        def comments_enabled(self):
            return not self.read_only and super().comments_enabled

        def is_required(self):
            return not self.read_only and super().is_required()


class FollowedSettingsNote(Panel):
    """At the top of the Participation tab: on a translation, that its settings are the source page's, with a
    link to edit it; on the source page, that its translations follow what is set here."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/followed_settings_note.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            source = page.source_page if page.pk is not None else page
            context["source"] = None
            if source.pk != page.pk:
                language = source.locale.language_code
                context.update(
                    source=source,
                    follows=in_language(FOLLOWS_SOURCE, FOLLOWS_SOURCE_FALLBACK, language),
                    edit_label=in_language(EDIT_SOURCE, EDIT_SOURCE_FALLBACK, language),
                    edit_url=reverse("wagtailadmin_pages:edit", args=[source.pk]),
                )
            return context


class TranslationsPanel(Panel):
    """At the top of the Content tab: the consultation's page in every content language, its title, status
    and edit link, or a button that creates the missing translation (a draft) and opens it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/translations_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            pages = {
                translation.locale.language_code: translation
                for translation in Page.objects.filter(translation_key=page.translation_key).select_related(
                    "locale"
                )
            }
            locales = Locale.objects.in_bulk(
                [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES], field_name="language_code"
            )
            user = self.request.user if self.request is not None else None
            rows = []
            for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
                translation = pages.get(code)
                row = {"code": code, "name": name, "page": translation, "is_current": False}
                if translation is not None:
                    row["is_current"] = translation.pk == page.pk
                    row["edit_url"] = reverse("wagtailadmin_pages:edit", args=[translation.pk])
                elif (
                    code in locales and user is not None and may_create_translation(user, page, locales[code])
                ):
                    row["create_label"] = in_language(CREATE_TRANSLATION, CREATE_TRANSLATION_FALLBACK, code)
                    row["create_url"] = reverse("consultations_create_translation", args=[page.pk, code])
                rows.append(row)
            context["rows"] = rows
            return context


class AnswerableComments:
    """The comments an answer to an idea may link to: the consultation's published ones (in every language, kept
    on its source page), read once per edit form however many answers it holds. ``queryset`` validates what is
    posted; ``options`` (one query, only when a form is drawn) labels them for the organiser."""

    TEXT_LENGTH = 90

    def __init__(self, page):
        self.page = page

    @cached_property
    def queryset(self):
        if self.page is None or self.page.pk is None:
            return None
        return self.page.answerable_comments()

    @cached_property
    def options(self):
        """[(id, label as HTML)], in thread order: "Léa · 3 December 2026 · FR — Start of the text…"."""
        if self.queryset is None:
            return []
        rows = self.queryset.values_list("pk", "user_name", "submit_date", "language", "comment", "level")
        return [
            (
                pk,
                format_html(
                    '{}<strong dir="auto">{}</strong> · {} · {} — <span dir="auto">{}</span>',
                    "↳ " if level else "",
                    name,
                    formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT"),
                    (language or "").upper(),
                    Truncator(" ".join(text.split())).chars(self.TEXT_LENGTH),
                ),
            )
            for pk, name, moment, language, text, level in rows
        ]


class AnsweredCommentsWidget(forms.Widget):
    """Checkboxes for the consultation's published comments, the ticked ones first, with a filter box
    (answered_comments.js; without JavaScript the whole list shows). Labels are escaped data."""

    allow_multiple_selected = True

    def __init__(self, answerable=None, attrs=None):
        super().__init__(attrs)
        self.answerable = answerable

    @property
    def media(self):
        return forms.Media(
            css={"all": ["consultations/admin/answered_comments.css"]},
            js=["consultations/admin/answered_comments.js"],
        )

    def id_for_label(self, id_):
        return ""  # a list of boxes, each with its own label: the field's label points at none of them

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty list is "no comment", not "left out"

    def render(self, name, value, attrs=None, renderer=None):
        options = self.answerable.options if self.answerable is not None else []
        if not options:
            message = (
                _("Save the page first: the comments it receives can then be linked here.")
                if self.answerable is None or self.answerable.queryset is None
                else _("This consultation has no published comments yet.")
            )
            return format_html('<p class="answered-comments__empty">{}</p>', message)
        chosen = {str(pk) for pk in (value or [])}
        ordered = [option for option in options if str(option[0]) in chosen] + [
            option for option in options if str(option[0]) not in chosen
        ]
        base_id = (attrs or {}).get("id") or f"id_{name}"
        items = format_html_join(
            "",
            '<li class="answered-comments__item"><label for="{0}-{1}"><input type="checkbox" name="{2}" '
            'value="{1}" id="{0}-{1}"{3}> <span>{4}</span></label></li>',
            ((base_id, pk, name, " checked" if str(pk) in chosen else "", label) for pk, label in ordered),
        )
        count = ngettext(
            "%(count)s published comment of this consultation, in every language; ticked ones first.",
            "%(count)s published comments of this consultation, in every language; ticked ones first.",
            len(options),
        ) % {"count": len(options)}
        return format_html(
            '<div class="answered-comments" data-answered-comments id="{}">'
            '<p class="answered-comments__count">{}</p>'
            '<label class="answered-comments__filter" hidden>{} <input type="search" data-answered-comments-filter '
            'autocomplete="off"></label>'
            '<ul class="answered-comments__list">{}</ul></div>',
            base_id,
            count,
            _("Filter by pseudonym or words"),
            items,
        )


class AnsweredCommentsField(forms.ModelMultipleChoiceField):
    """The comments an answer links to: only ids of the consultation's published comments are accepted; a forged
    id (another consultation's comment, an unpublished one, a huge or non-numeric value) is a form error."""

    default_error_messages = {
        "invalid_choice": _(
            "Comment %(value)s is not a published comment of this consultation: an answer can only link to those."
        ),
        "invalid_pk_value": _("“%(pk)s” is not a comment of this consultation."),
        "invalid_list": _("Choose comments from the list."),
    }

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= MAX_ID):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class IdeaResponseForm(WagtailAdminModelForm):
    """One answer to an idea: its ``comments`` field lists (and accepts) only the consultation's published
    comments, given by the page's form as ``answerable_comments``."""

    def __init__(self, *args, answerable_comments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "comments" not in self.fields:
            return
        old = self.fields["comments"]
        answerable = answerable_comments or AnswerableComments(None)
        queryset = answerable.queryset if answerable.queryset is not None else old.queryset.none()
        self.fields["comments"] = AnsweredCommentsField(
            queryset=queryset,
            required=False,
            label=old.label,
            help_text=_(
                "Tick the comments this answer replies to: it is shown under each of them, with an "
                "“Organisers' answer” badge, once the results are published."
            ),
            widget=AnsweredCommentsWidget(answerable),
        )
        # The saved links stay ticked, whatever the queryset (Django reads them from the instance).
        self.fields["comments"].initial = old.initial


class IdeaResponsesPanel(InlinePanel):
    """The answers to ideas: each one's form is ``IdeaResponseForm``, given the page's answerable comments."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        meta = {}
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        if deferred:
            meta["defer_required_on_fields"] = deferred
        formset["form"] = get_form_for_model(self.db_field.related_model, form_class=IdeaResponseForm, **meta)
        formset["inherit_kwargs"] = ["answerable_comments"]
        return options
