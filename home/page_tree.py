"""Building blocks for creating Tribune's page tree from code (demo content, tests)."""


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
            show_in_menus=page.show_in_menus,
            **{"title": page.title, "slug": page.slug, **fields},
        )
    )
    translation.save_revision().publish()
    return translation
