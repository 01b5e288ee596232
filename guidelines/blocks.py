"""The blocks organisers build rules pages from.

No block stores a default heading or label: a default would be frozen in the language of the editor's admin.
What a block says by itself comes from its template ({% translate %}), in the page's language; the previews
of the block picker are translated too (gettext_lazy), so they come out in the admin's language."""

import logging

from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

logger = logging.getLogger(__name__)

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class DoDontItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("rule"), max_length=200)
    explanation = blocks.TextBlock(label=_("explanation"), required=False, max_length=500)

    class Meta:
        icon = "list-ul"
        label = _("Item")
        help_text = _("A short rule, and why if it helps.")
        template = "guidelines/blocks/do_dont_item.html"
        preview_value = {"text": _("Use a pseudonym if you are under 18"), "explanation": ""}


class DoDontBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    dos = blocks.ListBlock(DoDontItemBlock(), label=_("Do"), min_num=1)
    donts = blocks.ListBlock(DoDontItemBlock(), label=_("Don't"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Do / don't list")
        help_text = _("Two short lists: what to do and what not to do. Keep each item to one sentence.")
        description = _("What to do and what not to do, side by side.")
        template = "guidelines/blocks/do_dont.html"
        preview_value = {
            "heading": _("How we talk here"),
            "dos": [
                {"text": _("Respect the others and post constructive contributions"), "explanation": ""},
                {"text": _("Use a pseudonym if you are under 18"), "explanation": ""},
            ],
            "donts": [
                {
                    "text": _("Publish personal information about yourself or others"),
                    "explanation": _("No address, phone number or school."),
                },
            ],
        }


class PrivacyRowBlock(blocks.StructBlock):
    what_we_store = blocks.CharBlock(label=_("what we store"), max_length=200)
    who_sees_it = blocks.CharBlock(label=_("who sees it"), max_length=200)
    how_long = blocks.CharBlock(label=_("how long"), max_length=200)

    class Meta:
        icon = "table"
        label = _("Row")
        help_text = _("One kind of data: what it is, who sees it, how long it is kept.")
        template = "guidelines/blocks/privacy_row.html"
        preview_value = {
            "what_we_store": _("Your pseudonym"),
            "who_sees_it": _("Everyone"),
            "how_long": _("Until the consultation is archived"),
        }


class PrivacyNoteBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)
    rows = blocks.ListBlock(PrivacyRowBlock(), label=_("what we store, who sees it, how long"), min_num=0)
    policy_page = blocks.PageChooserBlock(label=_("full privacy policy"), required=False)

    class Meta:
        icon = "lock"
        label = _("Privacy note")
        help_text = _("Explain in plain words what happens to what young people write here.")
        description = _("What we store, who sees it and for how long.")
        template = "guidelines/blocks/privacy_note.html"
        preview_value = {
            "heading": _("Your privacy"),
            "text": format_lazy("<p>{}</p>", _("We only keep what we need to run the consultation.")),
            "rows": [
                {
                    "what_we_store": _("Your pseudonym and your messages"),
                    "who_sees_it": _("Everyone"),
                    "how_long": _("Until the consultation is archived"),
                },
                {
                    "what_we_store": _("Your email address"),
                    "who_sees_it": _("No one: it is never shown"),
                    "how_long": _("Deleted 30 days after the consultation ends"),
                },
                {
                    "what_we_store": _("Your email address, if you ask to hear the results"),
                    "who_sees_it": _("No one: it is used for one email, when the results are out"),
                    "how_long": _("Deleted once that email is sent, or at the limit the organisers set"),
                },
            ],
        }


class ManagerHoursBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)

    class Meta:
        icon = "time"
        label = _("Manager hours")
        help_text = _("Shows the community manager's hours and absences from Settings › Community manager.")
        description = _("When a moderator is online, from the site settings.")
        template = "guidelines/blocks/manager_hours.html"
        preview_value = {"heading": _("When we are online")}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        manager = context["manager"] = manager_settings_for(context.get("request"))
        if manager is not None:
            # In the language of the page: its texts, and the absences with their message in it.
            language = get_language()
            context["voice"] = manager.texts_for(language)
            context["absences"] = manager.upcoming_absences(language)
        return context


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("tone"),
        choices=[("info", _("Information")), ("warning", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        help_text = _("A short message that stands out, e.g. where to find help.")
        description = _("A highlighted message.")
        template = "guidelines/blocks/callout.html"
        preview_value = {
            "tone": "info",
            "title": _("Need to talk?"),
            "text": format_lazy("<p>{}</p>", _("If something here upsets you, write to the moderators.")),
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")
        help_text = _("A question young people ask, and its answer.")
        template = "guidelines/blocks/faq_item.html"
        preview_value = {
            "question": _("Why was my message removed?"),
            "answer": format_lazy("<p>{}</p>", _("It broke a rule. The moderator tells you which one.")),
        }


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("FAQ")
        help_text = _("Questions and answers; each answer opens when the question is clicked.")
        description = _("Questions that open to show their answer.")
        template = "guidelines/blocks/faq.html"
        preview_value = {
            "heading": _("Questions"),
            "items": [
                {
                    "question": _("Why was my message removed?"),
                    "answer": format_lazy(
                        "<p>{}</p>", _("It broke a rule. The moderator tells you which one.")
                    ),
                },
                {
                    "question": _("Can I delete my comment?"),
                    "answer": format_lazy(
                        "<p>{}</p>", _("Yes: every email we send you has a link to delete it.")
                    ),
                },
            ],
        }


class GuidelineStreamBlock(blocks.StreamBlock):
    do_dont = DoDontBlock()
    privacy_note = PrivacyNoteBlock()
    manager_hours = ManagerHoursBlock()
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", *TEXT_FEATURES],
        icon="pilcrow",
        label=_("Text"),
        description=_("Paragraphs, headings and lists."),
        preview_value=format_lazy("<p>{}</p>", _("We read every message before it is published.")),
    )
    callout = CalloutBlock()
    faq = FaqBlock()


def manager_settings_for(request):
    """The community manager settings of the request's site (defaults if never saved), None without a site.

    Read once per request: the banner and the hours block of one page share them (and their texts)."""
    from wagtail.models import Site

    from guidelines.models import CommunityManagerSettings

    if request is None:
        return None
    cached = getattr(request, "_tribune_manager_settings", None)
    if cached is not None:
        return cached
    try:
        site = Site.find_for_request(request)
        if site is None:
            return None
        # Read without creating: a public page view should not write to the database.
        manager = CommunityManagerSettings.for_site_without_saving(site)
    except Exception:
        logger.exception("Could not read the community manager settings")
        return None
    request._tribune_manager_settings = manager
    return manager
