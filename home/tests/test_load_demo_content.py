import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.demo_site import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

pytestmark = pytest.mark.django_db


def page_tree():
    return [
        (page.url_path, page.locale.language_code, page.specific_class.__name__, page.live)
        for page in Page.objects.select_related("locale").order_by("path")
    ]


def test_running_twice_leaves_the_same_page_tree(demo_content, capsys):
    first = page_tree()
    counts = (get_image_model().objects.count(), Revision.objects.count())

    call_command("load_demo_content")

    assert page_tree() == first
    assert (get_image_model().objects.count(), Revision.objects.count()) == counts
    assert "nothing changed" in capsys.readouterr().out


def test_a_first_load_says_what_it_created_including_the_images(capsys):
    call_command("load_demo_content")

    out = capsys.readouterr().out
    assert 'created image "Teenagers sketching a skate area in a park"' in out
    assert 'created lead image of "Une piste cyclable le long de la rivière" (fr)' in out
    assert get_image_model().objects.count() == 6


def test_demo_tree_has_home_rules_and_consultations_in_both_languages(demo_content):
    tree = {(path, lang, kind) for path, lang, kind, live in page_tree() if live}
    assert ("/home/", "en", "HomePage") in tree
    assert ("/accueil/", "fr", "HomePage") in tree
    assert ("/home/rules/", "en", "GuidelineIndexPage") in tree
    assert ("/accueil/regles/", "fr", "GuidelineIndexPage") in tree
    assert ("/home/consultations/", "en", "ConsultationIndexPage") in tree
    assert ("/accueil/consultations/", "fr", "ConsultationIndexPage") in tree
    assert ("/home/consultations/bike-path-along-the-river/", "en", "ConsultationPage") in tree
    assert ("/accueil/consultations/piste-cyclable-bord-de-riviere/", "fr", "ConsultationPage") in tree
    assert Site.objects.get(is_default_site=True).root_page.url_path == "/home/"


def test_demo_pages_are_served_in_both_languages(demo_content):
    client = Client()

    for url in ["/en/", "/fr/", "/en/rules/", "/fr/regles/", "/en/consultations/", "/fr/consultations/"]:
        assert client.get(url).status_code == 200, url


def test_demo_admin_can_log_in_to_the_wagtail_admin(demo_content):
    client = Client()

    signed_in = client.post(
        "/admin/login/", {"username": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.content
    response = client.get("/admin/")
    assert response.status_code == 200


def test_no_demo_account_is_created_outside_dev(settings):
    settings.TRIBUNE_DEMO_ACCOUNTS = False

    call_command("load_demo_content")

    assert not get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).exists()
