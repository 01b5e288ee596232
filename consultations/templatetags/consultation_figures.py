"""``{% consultation_figures %}``: the "Figures" section of a consultation page, computed by the figures room
and drawn as small server-rendered SVG bar charts, each with its data table (the accessible version)."""

from django import template
from django.core.cache import cache
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext, pgettext
from wagtail.models import Site

from consultations.figures import freshness, stats
from consultations.figures.queries import consultation_figures as compute
from consultations.figures.queries import site_figures as compute_site
from consultations.figures.words import duration, hours, percent
from page_cache import versions

register = template.Library()

# Geometry of a bar chart, in SVG user units (the chart scales to its box).
ROW_HEIGHT, BAR_HEIGHT, CHART_WIDTH = 40, 16, 300


def bars(rows):
    """(label, value, shown value) rows as horizontal bars: each row gets its y and width (0 for 0)."""
    top = max((value for _, value, _ in rows), default=0) or 1
    return {
        "height": ROW_HEIGHT * len(rows),
        "width": CHART_WIDTH,
        "rows": [
            {
                "label": label,
                "value": shown,
                "label_y": index * ROW_HEIGHT + 12,
                "y": index * ROW_HEIGHT + 18,
                "text_y": index * ROW_HEIGHT + 31,
                "bar_height": BAR_HEIGHT,
                "width": round(value / top * (CHART_WIDTH - 60), 1),
                "text_x": round(value / top * (CHART_WIDTH - 60), 1) + 6,
            }
            for index, (label, value, shown) in enumerate(rows)
        ],
    }


def period_label(day, period):
    if period == stats.WEEK:
        return gettext("Week of %(date)s") % {"date": date_format(day, "j F")}
    if period == stats.MONTH:
        return date_format(day, "F Y")
    return date_format(day, "l j F")


PUBLIC_URGENT_MINIMUM = 10


# A consultation's figures read every one of its comments (a third of an uncached 1,000-comment page): they are
# kept in the shared cache, under the versions of its conversation and of the site (page_cache.versions: renewed
# by a decision, a published comment, a support, a publication, a settings change), and at most 5 minutes for
# what changes without them (a pending comment received, waits that grow).
FIGURES_SECONDS = 300


def cached_figures(page, language):
    names = [page.conversation_version(page.translation_key), versions.SITE]
    current = versions.current(names)
    key = "tribune:consultation-figures:{}:{}:{}:{}".format(
        page.translation_key, language, *(current[name] for name in names)
    )
    figures = cache.get(key)
    if figures is None:
        figures = compute(page, language)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


@register.inclusion_tag("consultations/includes/figures.html", takes_context=True)
def consultation_figures(context):
    page = context["page"]
    return shown_figures(cached_figures(page, get_language()), context.get("request"))


@register.simple_tag
def site_figures_version():
    """Part of the site figures block's cache key: renewed when a consultation's audience changes."""
    return freshness.version()


@register.inclusion_tag("consultations/includes/figures.html", takes_context=True)
def site_figures(context, heading="", prefix="site-figures", show_consultations=True):
    """The figures of every consultation the public may read on the page's site (the site figures block)."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    if site is None and page is not None:
        site = page.get_site()
    figures = compute_site(site, get_language())
    shown = shown_figures(
        figures, request, prefix=prefix, heading=heading or gettext("Figures of all consultations")
    )
    shown["is_site"] = True
    shown["consultation_count"] = number_format(len(figures.consultations))
    if show_consultations and figures.received:
        shown["consultations"] = [
            {
                "title": row.page.title,
                "url": row.page.get_url(request),
                "published": number_format(row.published),
                "participants": number_format(row.participants),
                "median_wait": duration(row.median_wait) if row.median_wait is not None else None,
            }
            for row in figures.consultations
        ]
    return shown


def shown_figures(figures, request, prefix="figures", heading=""):
    """What figures.html shows of ``figures``: numbers in the reader's language, bars ready to draw."""
    shown = {
        "figures": figures,
        "request": request,
        "prefix": prefix,
        "heading": heading or gettext("Figures"),
    }
    if not figures.received:
        return shown
    shown["timeline"] = bars(
        [(period_label(day, figures.period), count, number_format(count)) for day, count in figures.timeline]
    )
    shown["timeline_caption"] = {
        stats.DAY: gettext("Published comments per day"),
        stats.WEEK: gettext("Published comments per week"),
        stats.MONTH: gettext("Published comments per month"),
    }[figures.period]
    shown["languages"] = bars([(name, count, number_format(count)) for name, count in figures.languages])
    labels = {
        "published": pgettext("share of comments", "Published"),
        "returned": pgettext("share of comments", "Returned for revision"),
        "removed": pgettext("share of comments", "Removed"),
    }
    shown["outcomes"] = bars(
        [
            (labels[state], share, f"{percent(share)} ({number_format(count)})")
            for state, count, share in figures.outcomes
        ]
    )
    shown["reasons"] = [
        (title or gettext("Other"), number_format(count)) for title, count in figures.removal_reasons
    ]
    waits = figures.waits
    if waits is not None and waits.decided:
        promised = figures.promised_hours * 60
        shown["waits"] = bars(
            [
                (gettext("Median"), waits.median.total_seconds() / 60, duration(waits.median)),
                (gettext("90th percentile"), waits.p90.total_seconds() / 60, duration(waits.p90)),
                (gettext("Promised"), promised, hours(figures.promised_hours)),
            ]
        )
        shown["within_promise"] = percent(waits.within_promise_share)
    # Told in public only from PUBLIC_URGENT_MINIMUM urgent comments on: "1 of 1" on a small consultation
    # would tell a class that one of them said they were in danger.
    if waits is not None and waits.urgent_due >= PUBLIC_URGENT_MINIMUM:
        shown["urgent_within"] = number_format(waits.urgent_within)
        shown["urgent_due"] = number_format(waits.urgent_due)
        shown["urgent_share"] = percent(waits.urgent_within_share)
    shown["urgent_promise"] = hours(figures.urgent_promised_hours)
    shown["participants"] = number_format(figures.participants)
    shown["published"] = number_format(figures.published)
    shown["pending"] = number_format(figures.pending)
    shown["withdrawn"] = number_format(figures.withdrawn)
    return shown
