"""One conversation per consultation: a comment posted on the French page is read and answered from the
English page, and the other way round; the moderators' queue names each consultation once."""

import re

import pytest
from playwright.sync_api import expect

from browser_tests.admin_session import log_in_as_moderator
from consultations.demo.content import DEMO_MODERATOR
from consultations.models import ConsultationComment, ConsultationPage
from consultations.moderation import service as moderation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION_EN = "/en/consultations/youth-space-parc-des-berges/"
CONSULTATION_FR = "/fr/consultations/espace-jeunes-parc-des-berges/"
FORM_LABELS = {
    "en": (
        "Your name or pseudonym",
        "Your email address",
        "Your comment",
        "I have read and accept the code of conduct",
        "Send my comment",
    ),
    "fr": (
        "Ton nom ou pseudo",
        "Ton adresse e-mail",
        "Ton commentaire",
        "J'ai lu et j'accepte le code de conduite",
        "Envoyer mon commentaire",
    ),
}
REPLY = {"en": "Reply to {name}", "fr": "Répondre à {name}"}


def post(page, form, language, name, text):
    name_label, email_label, text_label, rules_label, send = FORM_LABELS[language]
    form.get_by_label(name_label).fill(name)
    form.get_by_label(email_label).fill(f"{name.lower()}@example.org")
    form.get_by_label(text_label).fill(text)
    form.get_by_label(rules_label).check()
    form.get_by_role("button", name=send).click()
    expect(page.locator("[data-feedback]")).to_be_in_viewport()


def approve(text):
    moderator = ConsultationComment._meta.get_field("reviewed_by").related_model.objects.get(
        username=DEMO_MODERATOR["username"]
    )
    comment = ConsultationComment.objects.get(comment=text)
    moderation.approve(comment, moderator)
    return comment


@pytest.mark.parametrize(
    ("first", "second"),
    [(("fr", CONSULTATION_FR), ("en", CONSULTATION_EN)), (("en", CONSULTATION_EN), ("fr", CONSULTATION_FR))],
    ids=["french-then-english", "english-then-french"],
)
def test_a_comment_posted_in_one_language_is_read_and_answered_from_the_other(
    phone, screenshot, first, second
):
    (first_language, first_url), (second_language, second_url) = first, second
    question = {"fr": "Et si on ajoutait des tables de ping-pong ?", "en": "What about ping-pong tables?"}
    answer = {"fr": "Oui, près des rampes !", "en": "Yes, next to the ramps!"}

    phone.goto(first_url)
    post(phone, phone.locator("form[data-comment-form]"), first_language, "Alex_16", question[first_language])
    comment = approve(question[first_language])

    # Read on the other language's page, marked with its language, and answered from there.
    phone.goto(second_url)
    shown = phone.locator(f"#c{comment.pk} > .comment__body")
    expect(shown).to_contain_text(question[first_language])
    expect(shown.locator(".comment__language")).to_contain_text(first_language.upper())
    expect(shown.locator(".comment__text")).to_have_attribute("lang", first_language)
    shown.get_by_role("link", name=REPLY[second_language].format(name="Alex_16")).click()
    reply_form = phone.locator(f"#c{comment.pk} > form[data-comment-form]")
    post(phone, reply_form, second_language, "Jo_15", answer[second_language])
    reply = approve(answer[second_language])
    assert reply.parent_id == comment.pk
    assert reply.language == second_language
    assert reply.object_pk == comment.object_pk

    # Back on the first page: the answer, in the other language, right under the comment.
    phone.goto(first_url)
    nested = phone.locator(f"#c{comment.pk} > ol.comment-replies > #c{reply.pk}")
    expect(nested).to_contain_text(answer[second_language])
    expect(nested.locator(".comment__language")).to_contain_text(second_language.upper())
    # Replies fold on a phone: unfold this one, as a reader would.
    phone.locator(f"#c{comment.pk}").get_by_role(
        "button", name=re.compile(r"^(Show|Afficher) 1 r")
    ).first.tap()
    expect(nested).to_be_visible()
    nested.scroll_into_view_if_needed()
    screenshot(phone, f"conversation/{first_language}-answered-in-{second_language}-390")


def test_the_language_filter_shows_only_the_chosen_language(phone):
    phone.goto(CONSULTATION_EN)
    phone.get_by_role("navigation", name="Languages of the comments").get_by_role(
        "link", name="French", exact=False
    ).click()

    # French comments, and an English one only where a French reply answers it.
    marks = phone.locator(".comment__language [aria-hidden]")
    expect(marks.first).to_be_visible()
    kept_for_a_french_reply = phone.locator("li.comment").evaluate_all(
        """items => items
            .filter(item => item.querySelector(':scope > article .comment__language [aria-hidden]')?.textContent === 'EN')
            .map(item => [...item.querySelectorAll('.comment__text')].some(text => text.lang === 'fr'))"""
    )
    assert kept_for_a_french_reply and all(kept_for_a_french_reply)
    assert marks.all_inner_texts().count("FR") > 2 * len(kept_for_a_french_reply)
    languages = phone.get_by_role("navigation", name="Languages of the comments")
    expect(languages.locator('[aria-current="true"]')).to_contain_text("French")

    languages.get_by_role("link", name="All languages", exact=False).click()
    assert set(phone.locator(".comment__language [aria-hidden]").all_inner_texts()) == {"FR", "EN"}


def test_the_queue_names_each_consultation_once(desktop):
    log_in_as_moderator(desktop)
    desktop.goto("/admin/moderation/")

    options = desktop.locator('select[name="consultation"] option').all_inner_texts()

    sources = ConsultationPage.objects.filter(locale__language_code="en").order_by("title")
    assert ConsultationPage.objects.count() == 2 * sources.count()
    assert [option.strip() for option in options[1:]] == [page.title for page in sources]


def test_the_french_page_and_the_french_authors_email_speak_with_the_french_manager_texts(phone):
    from django.core import mail

    from outbox.delivery import deliver

    phone.goto(CONSULTATION_FR)
    expect(phone.get_by_text("Écris à moderation@tribune.localhost")).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text("Write to moderation@tribune.localhost")
    post(phone, phone.locator("form[data-comment-form]"), "fr", "Zoe_13", "Des toilettes publiques propres.")

    deliver()

    (email,) = [message for message in mail.outbox if message.to == ["zoe_13@example.org"]]
    assert email.subject == "Nous avons bien reçu ton commentaire"
    assert "Sam, Animatrice de la communauté" in email.body
    assert "Community manager" not in email.body and "Write to" not in email.body
