"""``{% pagination page_obj label %}``: "Previous · Page 2 of 5 · Next" for any paginated list.

The links keep every other parameter of the address (a search's query, the other list's page, a filter)
and change only this list's (``parameter``), scrolled to ``fragment`` when one is given."""

from django import template

register = template.Library()


def page_link(request, parameter, number, fragment):
    query = request.GET.copy()
    query[parameter] = number
    return f"?{query.urlencode()}" + (f"#{fragment}" if fragment else "")


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj, label, parameter="page", fragment=""):
    request = context["request"]
    return {
        "page_obj": page_obj,
        "label": label,
        "previous_url": page_link(request, parameter, page_obj.previous_page_number(), fragment)
        if page_obj.has_previous()
        else "",
        "next_url": page_link(request, parameter, page_obj.next_page_number(), fragment)
        if page_obj.has_next()
        else "",
    }
