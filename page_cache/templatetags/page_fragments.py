"""``{% shared_fragment "name" %}…{% endshared_fragment %}``: a part of a Wagtail page that is the same for every
visitor of that page, in that language, on that host (the navigation, the footer, the tags of the head), kept in
the shared cache under the site's version (``page_cache.fragments``): publishing, moving or restricting a page, a
setting, a site or a release draws it again.

A part that shows more than the site's pages says so, as the page cache's marks do (``page_cache.marks``):

    {% shared_fragment "consultation" depends_on=conversation_version expires_at=next_change %}
    {% shared_fragment "consultation-figures" depends_on=conversation_version seconds=300 %}

``depends_on``: the name of one more version it depends on (a consultation's conversation); ``expires_at``: the
moment it changes by itself (a consultation opens or closes), or None, never kept past it; ``seconds``: kept at
most that long (what changes without renewing a version, e.g. the number of comments waiting). An option that
resolves to something else (a misspelt variable) keeps nothing: the part is drawn every time, and an error logged.

Drawn every time, never kept: outside a Wagtail page (a search, an error: their address is the visitor's to
choose), in a preview (an editor's draft), and for a host the site does not serve. Nothing inside may depend on
the visitor (a session, a message, a token)."""

import logging
from datetime import datetime

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from page_cache import fragments, keys, versions

register = template.Library()
logger = logging.getLogger(__name__)
OPTIONS = ("depends_on", "expires_at", "seconds")


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist, options):
        self.name = name
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        host = keys.matched_host(request) if request is not None else None
        if (
            host is None
            or not isinstance(page, Page)
            or page.pk is None
            or getattr(request, "is_preview", None) is not False  # Page.serve says False; a preview, True
        ):
            return self.render_alone(context)
        options = {option: value.resolve(context) for option, value in self.options.items()}
        depends_on, expires_at, seconds = (
            options.get("depends_on"),
            options.get("expires_at"),
            options.get("seconds"),
        )
        if (
            ("depends_on" in options and not (isinstance(depends_on, str) and depends_on))
            or not (expires_at is None or isinstance(expires_at, datetime))
            or not (seconds is None or (isinstance(seconds, int) and seconds > 0))
        ):
            # A dependency that names nothing (a misspelt variable) would keep the piece past what it shows.
            logger.error("{%% shared_fragment %r %%}: options %r; drawn every time", self.name, options)
            return self.render_alone(context)
        # The port too: Wagtail tells sites apart by host and port.
        name = f"{self.name}:{request.scheme}:{host}:{request.get_port()}:{page.pk}:{get_language()}"
        return fragments.fetch(
            name,
            (versions.SITE, depends_on) if depends_on else (versions.SITE,),
            lambda: self.render_alone(context),
            expires_at=expires_at,
            seconds=seconds or fragments.SECONDS,
            request=request,
        )

    def render_alone(self, context):
        """What the piece sets in the context ({% … as x %}) stays in it, drawn or kept alike: nothing."""
        with context.push():
            return self.nodelist.render(context)


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% shared_fragment "name" %} takes one quoted name first')
    options = {}
    for bit in bits[2:]:
        option, equals, value = bit.partition("=")
        if not equals or option not in OPTIONS or option in options:
            raise template.TemplateSyntaxError(
                f"{{% shared_fragment %}}: {bit!r} is not one of {', '.join(f'{name}=…' for name in OPTIONS)}"
            )
        options[option] = parser.compile_filter(value)
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1][1:-1], nodelist, options)
