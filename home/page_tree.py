"""Create Tribune's page tree from code (demo content, tests), one page and its translations at a time.

Nothing here overwrites a page that exists: running it again only fills what is missing.
"""

from django.conf import settings
from wagtail.models import Locale, Page, Site


def add_translation(page, locale, **fields):
    """Publish a translation of page into locale, under the parent's translation (or the root).

    Unlike Page.copy_for_translation, the translation gets its own title and slug from the start,
    so no redirect is left behind by a later slug change.
    """
    parent = page.get_parent()
    translated_parent = parent if parent.is_root() else parent.get_translation(locale)
    translation = translated_parent.add_child(
        instance=type(page)(
            locale=locale,
            translation_key=page.translation_key,
            **{"title": page.title, "slug": page.slug, "show_in_menus": page.show_in_menus, **fields},
        )
    )
    translation.save_revision().publish()
    return translation


class PageTreeBuilder:
    """Ensures pages exist in every language of settings.LANGUAGES and records what it created."""

    def __init__(self):
        self.created = []
        self.locales = {}
        for code, _name in settings.LANGUAGES:
            self.locales[code], created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.created.append(f"locale {code}")
        self.default_locale = self.locales[settings.LANGUAGE_CODE]

    def ensure_site_root(self, model, content):
        """The site's root page (replacing Wagtail's "Welcome" page) and its translations."""
        root_page = model.objects.filter(locale=self.default_locale).first()
        if root_page is None:
            root = Page.get_first_root_node()
            for welcome in root.get_children().filter(content_type__model="page", slug="home"):
                welcome.delete()  # also deletes the default site pointing to it
            root_page = root.add_child(
                instance=model(locale=self.default_locale, **content[self.default_locale.language_code])
            )
            root_page.save_revision().publish()
            self._log(root_page)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=root_page,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
            self.created.append("site")
        elif site.root_page_id != root_page.pk:
            site.root_page = root_page
            site.save()
            self.created.append("site root")
        self.ensure_translations(root_page, content)
        return root_page

    def ensure_child(self, parent, model, content, **lookup):
        """The first child of parent of this model (matching lookup), created if missing, translated."""
        page = model.objects.child_of(parent).filter(**lookup).first()
        if page is None:
            page = parent.add_child(
                instance=model(locale=parent.locale, **content[parent.locale.language_code])
            )
            page.save_revision().publish()
            self._log(page)
        self.ensure_translations(page, content)
        return page

    def ensure_translations(self, page, content):
        for code, locale in self.locales.items():
            if locale != page.locale and page.get_translation_or_none(locale) is None:
                self._log(add_translation(page, locale, **content[code]))

    def _log(self, page):
        self.created.append(
            f'{page.specific_class._meta.verbose_name} "{page.title}" ({page.locale.language_code})'
        )
