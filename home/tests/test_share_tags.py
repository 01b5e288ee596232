"""What a messaging app shows when someone shares a page: Open Graph and Twitter card tags."""

import html as html_module
import re

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from consultations.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def meta(html):
    """The page's <meta property|name=… content=…> tags, as a dict (lists for repeated ones)."""
    tags = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        tags.setdefault(key, []).append(html_module.unescape(value))
    return {key: values[0] if len(values) == 1 else values for key, values in tags.items()}


def test_the_home_page_is_shared_with_its_title_the_tagline_and_the_default_image(site_tree):
    response = Client().get("/fr/")
    tags = meta(response.content.decode())

    assert response.cookies == {}
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Tribune"
    assert tags["og:title"] == "Donne ton avis"
    assert tags["og:description"] == (
        "Tribune : les jeunes donnent leur avis sur les décisions qui les concernent."
    )
    assert tags["og:url"] == "http://localhost/fr/"
    assert tags["og:locale"] == "fr_FR" and tags["og:locale:alternate"] == "en_GB"
    assert tags["og:image"] == "http://localhost/static/img/share-default.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"]
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]


def test_a_guideline_page_is_shared_with_its_search_description(site_tree):
    guideline = site_tree.guideline
    guideline.search_description = "How we talk to each other here."
    guideline.save_revision().publish()

    tags = meta(Client().get(guideline.url).content.decode())

    assert tags["og:type"] == "article"
    assert tags["og:title"] == guideline.title
    assert tags["og:description"] == "How we talk to each other here."
    assert tags["og:url"] == f"http://localhost{guideline.url}"
    assert tags["og:locale"] == "en_GB" and tags["og:locale:alternate"] == "fr_FR"
    assert tags["og:image"].endswith("/static/img/share-default.png")


def test_a_consultation_without_an_image_is_shared_with_its_summary_and_the_default_image(site_tree):
    consultation = ConsultationPageFactory(
        parent=site_tree.consultations, title="Skate park", summary="Where should the ramps go? <Tell us>"
    )

    html = Client().get(consultation.url).content.decode()
    tags = meta(html)

    assert tags["og:title"] == "Skate park"
    assert tags["og:description"] == "Where should the ramps go? <Tell us>"
    assert "<Tell us>" not in html
    assert tags["og:image"] == "http://localhost/static/img/share-default.png"


def test_a_consultation_with_an_image_is_shared_with_a_1200_by_630_jpeg_of_it(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(
        title="ramps",
        description="Teenagers on the skate ramps at sunset",
        file=get_test_image_file(colour="orange", size=(1600, 1000)),
    )
    consultation = ConsultationPageFactory(
        parent=site_tree.consultations, title="Skate park", lead_image=image
    )

    tags = meta(Client().get(consultation.url).content.decode())

    assert re.fullmatch(
        r"http://localhost/media/images/test[^/]*\.fill-1200x630\.format-jpeg[^/]*\.jpg", tags["og:image"]
    )
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == "Teenagers on the skate ramps at sunset"
    assert tags["twitter:image"] == tags["og:image"]
    rendition = image.get_rendition("fill-1200x630|format-jpeg")
    assert (tmp_path / rendition.file.name).is_file()


def test_a_consultation_whose_image_file_is_gone_falls_back_to_the_default_image(
    site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="gone", file=get_test_image_file())
    (tmp_path / image.file.name).unlink()
    consultation = ConsultationPageFactory(parent=site_tree.consultations, lead_image=image)

    response = Client(raise_request_exception=False).get(consultation.url)

    # The page itself shows the image with Wagtail's {% image %} tag, which copes with a missing file.
    assert response.status_code == 200
    assert meta(response.content.decode())["og:image"] == "http://localhost/static/img/share-default.png"


def test_a_guideline_page_without_a_search_description_is_described_by_its_introduction(site_tree):
    tags = meta(Client().get(site_tree.guideline_fr.url).content.decode())

    assert tags["og:description"] == "Nos règles."
    assert tags["og:locale"] == "fr_FR"
