"""A reader on a phone says "Me too" / "Je soutiens" in one tap, sees the count go up where they tapped,
and takes it back with a second tap; without JavaScript the same button posts and comes back."""

import pytest
from playwright.sync_api import expect

from browser_tests.conftest import PHONE
from consultations.models import CommentSupport, ConsultationComment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = {
    "en": {
        "page": "/en/consultations/youth-space-parc-des-berges/",
        "comment": "Shade please!",
        "names": ("Me too, 0 supports", "Me too, 1 support"),
    },
    "fr": {
        "page": "/fr/consultations/espace-jeunes-parc-des-berges/",
        "comment": "De l'ombre !",
        "names": ("Je soutiens, 0 soutien", "Je soutiens, 1 soutien"),
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_reader_on_a_phone_supports_a_comment_in_one_tap_and_takes_it_back(phone, language):
    texts = LANGUAGES[language]
    none, one = texts["names"]
    comment = ConsultationComment.objects.get(comment__startswith=texts["comment"])
    phone.goto(texts["page"])
    assert phone.context.cookies() == []  # reading sets no cookie
    button = phone.locator(f"#c{comment.pk} > .comment__body .comment__action--support")
    expect(button).to_have_accessible_name(none)
    button.scroll_into_view_if_needed()
    expect(button).to_have_attribute("aria-pressed", "false")
    phone.evaluate("window.notReloaded = true")

    button.tap()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_name(one)
    count = button.locator("[data-support-count]")
    expect(count).to_have_text("1")
    expect(count).to_be_in_viewport()
    assert phone.evaluate("window.notReloaded") is True
    assert CommentSupport.objects.of_comment(comment).count() == 1
    assert [cookie["name"] for cookie in phone.context.cookies()] == ["tribune_reader"]

    # The page is the same for everyone; this browser remembers what it supported.
    phone.reload()
    expect(button).to_have_accessible_name(one)
    expect(button).to_have_attribute("aria-pressed", "true")

    button.tap()

    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_name(none)
    expect(button.locator("[data-support-count]")).to_be_in_viewport()
    assert CommentSupport.objects.of_comment(comment).count() == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_javascript_the_button_posts_and_comes_back_to_the_comment_with_its_new_count(
    browser, demo_site, language
):
    texts = LANGUAGES[language]
    none, one = texts["names"]
    comment = ConsultationComment.objects.get(comment__startswith=texts["comment"])
    context = browser.new_context(
        base_url=demo_site.url, viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(texts["page"])
        assert context.cookies() == []
        page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=none).tap()

        page.wait_for_url(f"**{texts['page']}#c{comment.pk}")
        button = page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=one)
        expect(button).to_be_visible()
        expect(button.locator("[data-support-count]")).to_be_in_viewport()
        assert CommentSupport.objects.of_comment(comment).count() == 1

        button.tap()  # the same reader (the cookie the support set) takes it back

        page.wait_for_load_state()
        expect(
            page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=none)
        ).to_be_visible()
        assert CommentSupport.objects.of_comment(comment).count() == 0
    finally:
        context.close()


def test_a_refused_support_is_explained_under_the_comment(phone, settings):
    settings.TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK = 0  # as if the whole school had supported it today
    comment = ConsultationComment.objects.get(comment__startswith=LANGUAGES["en"]["comment"])
    phone.goto(LANGUAGES["en"]["page"])
    button = phone.locator(f"#c{comment.pk} > .comment__body .comment__action--support")

    button.tap()

    message = phone.locator(f"#c{comment.pk} > .comment__body").get_by_role("status")
    expect(message).to_contain_text("Many people on your network have already supported this comment today")
    expect(message).to_be_in_viewport()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_name("Me too, 0 supports")
