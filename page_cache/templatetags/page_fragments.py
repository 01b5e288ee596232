"""``{% shared_fragment "name" %}…{% endshared_fragment %}``: a part of a Wagtail page that is the same for every
visitor of that page, in that language, on that host (the navigation, the footer, the tags of the head), kept in
the shared cache under the site's version (``page_cache.fragments``): publishing, moving or restricting a page, a
setting, a site or a release draws it again.

Drawn every time, never kept: outside a Wagtail page (a search, an error: their address is the visitor's to
choose), in a preview (an editor's draft), and for a host the site does not serve. Nothing inside may depend on
the visitor (a session, a message, a token)."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from page_cache import fragments, keys, versions

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        host = keys.matched_host(request) if request is not None else None
        if (
            host is None
            or not isinstance(page, Page)
            or page.pk is None
            or getattr(request, "is_preview", None) is not False  # Page.serve says False; a preview, True
        ):
            return self.nodelist.render(context)
        # The port too: Wagtail tells sites apart by host and port.
        name = f"{self.name}:{request.scheme}:{host}:{request.get_port()}:{page.pk}:{get_language()}"
        return fragments.fetch(name, (versions.SITE,), lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% shared_fragment "name" %} takes one quoted name')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1][1:-1], nodelist)
