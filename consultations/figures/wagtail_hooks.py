"""The moderators' figures on the admin's dashboard: the last 30 days across every consultation, in the admin
user's language, for those who may moderate only (the decisions by name never leave the admin)."""

from django.utils.formats import number_format
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from consultations.figures.queries import moderation_figures
from consultations.figures.words import duration, hours, percent
from consultations.moderation import links
from consultations.moderation.permissions import PERMISSION

DAYS = 30


class ModerationFiguresPanel(Component):
    name = "tribune_moderation_figures"
    template_name = "consultations/admin/figures_panel.html"
    order = 60  # after the queue's own panel (50)

    class Media:
        css = {"all": ["consultations/admin/moderation.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        figures = moderation_figures(Site.find_for_request(self.request), days=DAYS)
        context.update(figures=figures, queue_url=links.queue_url(), history_url=links.history_url())
        context["received"] = number_format(figures.received)
        context["withdrawn"] = number_format(figures.withdrawn)
        context["promise"] = hours(figures.promised_hours)
        context["urgent_promise"] = hours(figures.urgent_promised_hours)
        waits = figures.waits
        if waits is not None:
            context["decided"] = number_format(waits.decided)
            context["overdue"] = number_format(waits.overdue)
            if waits.decided:
                context["median"] = duration(waits.median)
                context["p90"] = duration(waits.p90)
                context["within"] = number_format(waits.within_promise)
                context["within_share"] = percent(waits.within_promise_share)
                context["late"] = number_format(waits.late)
            if waits.urgent_due:
                context["urgent_within"] = number_format(waits.urgent_within)
                context["urgent_due"] = number_format(waits.urgent_due)
                context["urgent_share"] = percent(waits.urgent_within_share)
        context["moderators"] = [
            (row.name, number_format(row.decisions), percent(row.share)) for row in figures.moderators
        ]
        return context


@hooks.register("construct_homepage_panels")
def add_moderation_figures_panel(request, panels):
    # Superusers hold every permission; editors without the moderation permission see nothing of it.
    if request.user.has_perm(PERMISSION):
        panels.append(ModerationFiguresPanel(request))
