"""An organiser sees a consultation's pages in every language on its edit view, and creates a missing
translation in one step; nobody else can, and no input makes a second page or a server error."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db
# A 404 under /admin/ answers with a redirect to the same address under /en/ first (LocaleMiddleware: Wagtail's
# page route, under the language prefix, matches any address), which then answers 404: ``follow=True``.


@pytest.fixture
def english_only(site_tree):
    """A consultation in English only (the site has an English and a French tree)."""
    return ConsultationPageFactory(parent=site_tree.consultations, title="The skate park", slug="skate-park")


def create_url(page, language_code):
    return reverse("consultations_create_translation", args=[page.pk, language_code])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def french_pages(page):
    return ConsultationPage.objects.filter(translation_key=page.translation_key, locale__language_code="fr")


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def panel_of(html):
    return re.search(r'<table class="listing tm-translations">.*?</table>', html, re.S).group(0)


def organiser(site_tree, *, edit=True, add_in_french=True, submit_translation=True, name="org"):
    """An admin user who may edit the English consultations, add pages under the French index, and submit
    translations, each unless told otherwise."""
    group = Group.objects.create(name=f"Organisers {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if submit_translation:
        group.permissions.add(Permission.objects.get(codename="submit_translation"))
    if edit:
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=site_tree.consultations,
                permission=Permission.objects.get(codename=codename),
            )
    if add_in_french:
        GroupPagePermission.objects.create(
            group=group,
            page=site_tree.consultations_fr,
            permission=Permission.objects.get(codename="add_page"),
        )
    user = get_user_model().objects.create_user(name, password="pw")
    user.groups.add(group)
    return user


def test_an_organiser_creates_the_french_translation_in_one_step(admin_client, english_only, site_tree):
    response = admin_client.post(create_url(english_only, "fr"), follow=True)

    french = french_pages(english_only).get()
    assert response.redirect_chain == [(edit_url(french), 302)]
    assert french.get_parent().pk == site_tree.consultations_fr.pk
    assert not french.live  # a draft, to translate before publishing
    assert french.closes_at == english_only.closes_at
    html = response.content.decode()
    assert (
        "The French translation of “The skate park” is created, as a draft: translate it, then publish it."
        in html
    )
    assert PageLogEntry.objects.filter(page=french, action="wagtail.copy_for_translation").exists()


def test_a_second_click_opens_the_translation_made_by_the_first(admin_client, english_only):
    first = admin_client.post(create_url(english_only, "fr"))
    second = admin_client.post(create_url(english_only, "fr"), follow=True)

    french = french_pages(english_only).get()
    assert first["Location"] == edit_url(french)
    assert second.redirect_chain == [(edit_url(french), 302)]
    assert "This consultation already has its French page: here it is." in second.content.decode()


def test_two_clicks_at_once_make_one_page(admin_client, english_only):
    """The second request looked before the first had saved: the database refuses a second page in French
    (one page per translation key and locale) and the second request opens the first one's page."""
    admin_client.post(create_url(english_only, "fr"))
    french = french_pages(english_only).get()

    with mock.patch.object(ConsultationPage, "get_translation_or_none", side_effect=[None, french]):
        response = admin_client.post(create_url(english_only, "fr"))

    assert response.status_code == 302 and response["Location"] == edit_url(french)
    assert french_pages(english_only).count() == 1


def test_a_get_creates_nothing(admin_client, english_only):
    response = admin_client.get(create_url(english_only, "fr"))

    assert response.status_code == 405
    assert not french_pages(english_only).exists()


@pytest.mark.parametrize(
    "why, permissions",
    [
        ("cannot edit the consultation", {"edit": False}),
        ("cannot add a page in the French tree", {"add_in_french": False}),
        ("may not submit translations", {"submit_translation": False}),
    ],
)
def test_someone_without_permission_is_refused_and_nothing_is_made(
    client, english_only, site_tree, why, permissions
):
    client.force_login(organiser(site_tree, **permissions))

    response = client.post(create_url(english_only, "fr"))

    assert response.status_code == 403, why
    assert "You may not create this translation" in response.content.decode()
    assert not french_pages(english_only).exists()


def test_an_organiser_with_every_permission_may(client, english_only, site_tree):
    client.force_login(organiser(site_tree))

    response = client.post(create_url(english_only, "fr"))

    assert response.status_code == 302
    assert french_pages(english_only).exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login(client, english_only):
    response = client.post(create_url(english_only, "fr"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not french_pages(english_only).exists()


@pytest.mark.parametrize("language_code", ["de", "xx", "FR", "fr-ca", "../fr", "en%00"])
def test_a_language_the_site_does_not_have_is_not_found(admin_client, english_only, language_code):
    response = admin_client.post(
        f"/admin/consultations/{english_only.pk}/translations/{language_code}/", follow=True
    )

    assert response.status_code == 404
    assert Page.objects.filter(translation_key=english_only.translation_key).count() == 1


def test_a_content_language_without_a_locale_is_not_found(admin_client, english_only, settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.LANGUAGES, ("de", "German")]

    response = admin_client.post(create_url(english_only, "de"), follow=True)

    assert response.status_code == 404
    assert Page.objects.filter(translation_key=english_only.translation_key).count() == 1


def test_a_page_that_is_not_a_consultation_is_not_found(admin_client, site_tree):
    for page in (site_tree.consultations, site_tree.guideline):
        response = admin_client.post(create_url(page, "fr"), follow=True)
        assert response.status_code == 404
        assert Page.objects.filter(translation_key=page.translation_key).count() == 2  # its two languages


@pytest.mark.parametrize("page_id", ["999999", "9223372036854775808", "0", "-1", "1e3"])
def test_an_id_that_is_no_page_is_not_found(admin_client, site_tree, page_id):
    assert (
        admin_client.post(f"/admin/consultations/{page_id}/translations/fr/", follow=True).status_code == 404
    )


def test_asking_for_the_pages_own_language_opens_the_page(admin_client, english_only):
    response = admin_client.post(create_url(english_only, "en"))

    assert response.status_code == 302 and response["Location"] == edit_url(english_only)
    assert Page.objects.filter(translation_key=english_only.translation_key).count() == 1


def test_the_panel_lists_the_demo_consultations_in_both_languages(admin_client, demo_content):
    for english in ConsultationPage.objects.filter(locale__language_code="en"):
        french = french_pages(english).get()

        for page, other in ((english, french), (french, english)):
            panel = panel_of(admin_client.get(edit_url(page)).content.decode())
            english_row, french_row = (
                text_of(panel).split("Language Page Status English ")[1].split(" French ")
            )
            this, that = (english_row, french_row) if page is english else (french_row, english_row)
            assert this.startswith(f"{page.title} (this page)")
            assert that.startswith(other.title) and f'<a href="{edit_url(other)}">{other.title}</a>' in panel
            # The closed canteen consultation has its results waiting as a draft in both languages (demo).
            status = "status: live + draft" if english.slug == "school-canteen-lunch" else "status: live"
            assert english_row.endswith(status) and french_row.endswith(status)
            assert "Create the" not in panel


def test_the_panel_offers_to_create_the_missing_french_page(admin_client, english_only):
    panel = panel_of(admin_client.get(edit_url(english_only)).content.decode())

    assert f'formaction="{create_url(english_only, "fr")}"' in panel
    assert 'formmethod="post"' in panel
    assert "Create the French translation" in text_of(panel)


def test_the_panel_shows_a_draft_translation_as_a_draft(admin_client, english_only):
    admin_client.post(create_url(english_only, "fr"))

    panel = panel_of(admin_client.get(edit_url(english_only)).content.decode())

    assert "draft" in text_of(panel).split("French", 1)[1]
    assert "Create the" not in panel


def test_the_panel_offers_no_button_to_someone_who_may_not_create(client, english_only, site_tree):
    client.force_login(organiser(site_tree, add_in_french=False))

    panel = panel_of(client.get(edit_url(english_only)).content.decode())

    assert "Create the French translation" not in panel
    assert "No translation yet." in text_of(panel)


def test_the_panel_is_in_french_for_a_french_speaking_organiser(admin_client, english_only):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_client.get("/admin/").wsgi_request.user)
    profile.preferred_language = "fr"
    profile.save()

    panel = panel_of(admin_client.get(edit_url(english_only)).content.decode())

    assert "Créer la traduction française" in text_of(panel)


def test_the_translation_copies_the_last_saved_draft_of_a_live_page_as_the_panel_says(
    admin_client, english_only
):
    english_only.save_revision().publish()
    draft = ConsultationPage.objects.get(pk=english_only.pk).get_latest_revision_as_object()
    draft.title = "The skate park, by the river"
    draft.question = "Where by the river should the skate park go?"
    draft.save_revision()
    panel = text_of(panel_of(admin_client.get(edit_url(english_only)).content.decode()))
    assert "A draft copy of the last saved version of this page, to translate." in panel

    admin_client.post(create_url(english_only, "fr"))

    french = french_pages(english_only).get().get_latest_revision_as_object()
    assert french.title == "The skate park, by the river"
    assert french.question == "Where by the river should the skate park go?"
    assert ConsultationPage.objects.get(pk=english_only.pk).title == "The skate park"  # still live as it was
