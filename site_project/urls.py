from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import SiteSitemap
from site_project import health, throttling

# django-comments-xtd's own URLs are deliberately not included: its stock post, reply and
# flag views would bypass Tribune's form, rate limit and moderation states.
urlpatterns = [
    # Before Wagtail's own route, which it replaces: the same form, throttled (site_project/throttling.py).
    path("admin/password_reset/", throttling.password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Outside the language prefix, no session, no redirect to https (README, Deploying).
    path("healthz", health.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under a language prefix: /en/…, /fr/…
urlpatterns += i18n_patterns(
    path("", include("consultations.comments.urls")),
    path("", include("consultations.meetings.urls")),
    path("my-comment/", include("consultations.authors.urls")),
    path("search/", home_views.search, name="search"),
    path("site.webmanifest", home_views.web_manifest, name="web_manifest"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database that cannot be reached answers a 503 page; any other error Django's 500 page (site_project/unavailable.py).
handler500 = "site_project.unavailable.server_error"
