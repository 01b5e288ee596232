from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from consultations.models import ConsultationIndexPage, ConsultationPage
from guidelines.models import GuidelineIndexPage, GuidelinePage
from home.blocks import HomeStreamBlock
from page_cache import marks as page_cache
from page_cache.versions import COMMENTS
from site_project import page_privacy


class HomePage(Page):
    """The site's front page: one per site, translated once per language."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("Two or three sentences: what this site is for and who can take part."),
    )
    rules_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rules page"),
        help_text=_("The page with the rules of participation. Leave empty to link to the guidelines."),
    )
    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        verbose_name=_("below the open consultations"),
        help_text=_("Sections shown after the open consultations, e.g. the figures of all consultations."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guidelines.GuidelineIndexPage", "consultations.ConsultationIndexPage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("rules_page")], heading=_("Welcome")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per site; its other languages are made with "Translate", not "Add".
        return super().can_create_at(parent) and not cls.objects.exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rules_url"] = self.get_rules_url(Site.find_for_request(request))
        # Its cards count comments, and the open consultations change as they open and close.
        page_cache.depends_on_too(request, COMMENTS)
        page_cache.expires_by(request, ConsultationPage.next_change_of_any())
        context["open_consultations"] = self.open_consultations(request=request)
        if not context["open_consultations"]:
            # The empty state's next step: the consultations held before, and what came of them.
            index = ConsultationIndexPage.objects.live().public().filter(locale_id=self.locale_id).first()
            context["consultations_url"] = index.url if index is not None else None
        return context

    def open_consultations(self, limit=6, request=None):
        """Open consultations in this home page's language, closing soonest first."""
        now = timezone.now()
        return ConsultationPage.count_participation(
            ConsultationPage.with_participation(
                page_privacy.public(ConsultationPage.objects.live(), request)
                .filter(locale_id=self.locale_id, opens_at__lte=now, closes_at__gt=now)
                .order_by("closes_at")
            )[:limit]
        )

    def get_rules_url(self, site=None):
        """In the page's language: the chosen rules page, else the code of conduct of ``site`` (the page's when not
        given), else the guidelines."""
        target = self.rules_page
        if target is not None:
            target = target.get_translation_or_none(self.locale) or target
        else:
            target = GuidelinePage.code_of_conduct_for(site or self.get_site(), self.locale_id)
        if target is None:
            target = GuidelineIndexPage.objects.live().filter(locale=self.locale).first()
        return target.url if target is not None else None
