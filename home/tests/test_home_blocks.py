"""The home page's blocks: the figures of all consultations, as organisers pick it in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from home.blocks import HomeStreamBlock, SiteFiguresBlock


def test_the_figures_block_has_an_icon_a_label_help_a_template_and_a_description():
    block = SiteFiguresBlock()

    assert block.meta.icon and block.meta.label and block.meta.help_text
    assert block.meta.template == "home/blocks/site_figures.html"
    assert block.is_previewable and block.get_description()
    assert list(HomeStreamBlock().child_blocks) == ["site_figures"]


@pytest.mark.django_db
def test_its_preview_says_its_heading_in_the_admin_language_without_a_site(site_tree):
    block = SiteFiguresBlock()

    with translation.override("en"):
        english = block.render(block.get_preview_value())
    with translation.override("fr"):
        french = block.render(block.get_preview_value())

    assert "Figures of all consultations" in english and "No contributions yet." in english
    assert "Chiffres de toutes les consultations" in french and "Figures" not in french


@pytest.mark.django_db
def test_the_block_picker_preview_draws_the_sites_figures(client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))

    response = client.get(reverse("wagtailadmin_block_preview"), {"id": SiteFiguresBlock().definition_prefix})

    assert response.status_code == 200
    assert "Figures of all consultations" in response.content.decode()


@pytest.mark.django_db
def test_an_organiser_adds_the_block_in_the_home_pages_editor(client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.home.pk]))

    assert response.status_code == 200
    assert "Figures of all consultations" in response.content.decode()
