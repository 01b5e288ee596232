"""A reader on a phone says "Me too" / "Je soutiens" in one tap, sees the count go up where they tapped,
and takes it back with a second tap; without JavaScript the same button posts, and the confirmation under
the comment can take it back."""

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
        "name": lambda count: f"Me too, {count} support{'' if count == 1 else 's'}",
        "counted": "Your support is counted. Thank you!",
        "take_back": "Take my support back",
        "withdrawn": "Your support is withdrawn.",
    },
    "fr": {
        "page": "/fr/consultations/espace-jeunes-parc-des-berges/",
        "comment": "De l'ombre !",
        "name": lambda count: f"Je soutiens, {count} soutien{'' if count < 2 else 's'}",
        "counted": "Ton soutien est compté. Merci !",
        "take_back": "Retirer mon soutien",
        "withdrawn": "Ton soutien est retiré.",
    },
}


def names(texts, comment):
    """The button's name before and after this reader's support (the demo's readers have supported it already)."""
    before = CommentSupport.objects.of_comment(comment).count()
    return texts["name"](before), texts["name"](before + 1)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_reader_on_a_phone_supports_a_comment_in_one_tap_and_takes_it_back(phone, language):
    texts = LANGUAGES[language]
    comment = ConsultationComment.objects.get(comment__startswith=texts["comment"])
    none, one = names(texts, comment)
    supports = CommentSupport.objects.of_comment(comment).count()
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
    expect(count).to_have_text(str(supports + 1))
    expect(count).to_be_in_viewport()
    assert phone.evaluate("window.notReloaded") is True
    assert CommentSupport.objects.of_comment(comment).count() == supports + 1
    assert [cookie["name"] for cookie in phone.context.cookies()] == ["tribune_reader"]

    # The page is the same for everyone; this browser remembers what it supported.
    phone.reload()
    expect(button).to_have_accessible_name(one)
    expect(button).to_have_attribute("aria-pressed", "true")

    button.tap()

    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_name(none)
    expect(button.locator("[data-support-count]")).to_be_in_viewport()
    assert CommentSupport.objects.of_comment(comment).count() == supports


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_javascript_the_button_posts_and_a_confirmation_under_the_comment_can_take_it_back(
    browser, demo_site, language
):
    texts = LANGUAGES[language]
    comment = ConsultationComment.objects.get(comment__startswith=texts["comment"])
    none, one = names(texts, comment)
    supports = CommentSupport.objects.of_comment(comment).count()
    context = browser.new_context(
        base_url=demo_site.url, viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(texts["page"])
        assert context.cookies() == []
        page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=none).tap()

        page.wait_for_url("**#feedback")
        button = page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=one)
        expect(button).to_be_visible()
        confirmation = page.locator(f"#c{comment.pk} > .feedback")
        expect(confirmation).to_contain_text(texts["counted"])
        expect(confirmation).to_be_in_viewport()
        assert CommentSupport.objects.of_comment(comment).count() == supports + 1

        # The same reader (the cookie the support set) takes it back from the confirmation.
        confirmation.get_by_role("button", name=texts["take_back"]).tap()

        page.wait_for_load_state()
        expect(page.locator(f"#c{comment.pk} > .feedback")).to_contain_text(texts["withdrawn"])
        expect(
            page.locator(f"#c{comment.pk} > .comment__body").get_by_role("button", name=none)
        ).to_be_visible()
        assert CommentSupport.objects.of_comment(comment).count() == supports
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
    expect(button).to_have_accessible_name(names(LANGUAGES["en"], comment)[0])
