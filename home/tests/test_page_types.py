import importlib

import pytest
from wagtail.models import get_page_models

pytestmark = pytest.mark.django_db

TRIBUNE_APPS = {"home", "guidelines", "consultations"}


def tribune_page_models():
    return [model for model in get_page_models() if model._meta.app_label in TRIBUNE_APPS]


def test_every_page_type_has_a_factory():
    missing = [
        model.__name__
        for model in tribune_page_models()
        if not hasattr(
            importlib.import_module(f"{model._meta.app_label}.factories"), f"{model.__name__}Factory"
        )
    ]

    assert missing == []


def test_every_page_type_in_the_tree_renders_in_both_languages(client, site_tree, consultation):
    consultation.copy_for_translation(site_tree.home_fr.locale).save_revision().publish()
    rendered = set()
    for page in [
        site_tree.home,
        site_tree.guidelines,
        site_tree.guideline,
        site_tree.consultations,
        consultation,
    ]:
        for translation in page.get_translations(inclusive=True):
            response = client.get(translation.url)
            assert response.status_code == 200, translation.url
        rendered.add(type(page))

    assert rendered == set(tribune_page_models())


def test_every_page_type_is_searchable_and_placed_in_the_tree():
    for model in tribune_page_models():
        assert model.parent_page_types, model
        assert model.search_fields, model
