"""The blocks organisers can add below the home page's open consultations.

As in the guidelines' blocks, no block stores a default heading: it would be frozen in the language of the editor's
admin; an empty heading is said by the template, in the page's language."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SiteFiguresBlock(blocks.StructBlock):
    """The figures of every consultation the public may read, drawn by ``{% site_figures %}`` (the figures room
    computes them; this block only places them)."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_("Leave empty for “Figures of all consultations”, in the page's language."),
    )
    show_consultations = blocks.BooleanBlock(
        label=_("show a row per consultation"),
        required=False,
        default=True,
        help_text=_("A table: each consultation, its published comments, participants and median wait."),
    )

    class Meta:
        icon = "table"
        label = _("Figures of all consultations")
        help_text = _(
            "Contributions, participants, languages and how moderation kept its promise, over every live, public "
            "consultation of the site. Private and draft consultations are never counted."
        )
        description = _("Public figures of every consultation, with charts and their tables.")
        template = "home/blocks/site_figures.html"
        preview_value = {"heading": "", "show_consultations": True}


class HomeStreamBlock(blocks.StreamBlock):
    site_figures = SiteFiguresBlock()
