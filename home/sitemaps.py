"""``/sitemap.xml``: every live, public page of the site, in every language, with its translations as
``hreflang`` alternates. Wagtail's own sitemap lists the default site's root and its descendants only,
and the French home page is a sibling of the English one, not a descendant."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class SiteSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return Page.objects.live().public().filter(in_a_tree).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        translations = defaultdict(list)
        for item in pages:
            translations[item.translation_key].append(item)
        urls = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                siblings = translations[item.translation_key]
                if len(siblings) > 1:
                    url_info["alternates"] = [
                        {
                            "lang_code": languages[sibling.locale_id],
                            "location": sibling.get_full_url(self.request),
                        }
                        for sibling in siblings
                    ]
                urls.append(url_info)
        lastmods = {url.get("lastmod") for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
