"""Feedback you can see, on a 390 px phone, in French and English: the confirmation after posting or replying is
in view and says when a moderator will read it; "Give your opinion" jumps to the form; a long thread is folded
to its top-level comments; name and email can be remembered on this device, and forgotten."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ConsultationPage, ReasonCategory
from consultations.moderation import service as moderation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARIS = ZoneInfo("Europe/Paris")
CONSULTATION = {
    "en": "/en/consultations/youth-space-parc-des-berges/",
    "fr": "/fr/consultations/espace-jeunes-parc-des-berges/",
}
FIRST_THREAD = {"en": "Shade please!", "fr": "De l'ombre !"}
# The demo's community manager works on weekdays, 9:00 to 17:00 (Paris); 2026-11-30 is a Monday.
CLOCKS = {
    "en": (dt.datetime(2026, 11, 30, 18, 0, tzinfo=PARIS), "A moderator will read it tomorrow morning."),
    "fr": (
        dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS),
        "Quelqu'un de l'équipe de modération est en ligne et le lira aujourd'hui avant 17:00.",
    ),
}
LANGUAGES = pytest.mark.parametrize("language", ["en", "fr"])


def words(language, text):
    with translation.override(language):
        return gettext(text)


def fill_comment_form(form, language, name, email, text):
    form.get_by_label(words(language, "Your name or pseudonym")).fill(name)
    form.get_by_label(words(language, "Your email address")).fill(email)
    form.get_by_label(words(language, "Your comment")).fill(text)
    form.get_by_label(words(language, "I have read and accept the code of conduct")).check()


def first_thread(language):
    return ConsultationComment.objects.get(comment__startswith=FIRST_THREAD[language])


@pytest.fixture
def clock(monkeypatch):
    """The site's clock (the live server runs in this process) at a given moment."""

    def set_now(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment.astimezone(dt.UTC))

    return set_now


@LANGUAGES
def test_after_posting_and_replying_the_confirmation_is_in_view_and_says_when(
    phone, clock, language, screenshot
):
    moment, when = CLOCKS[language]
    clock(moment)
    title = words(language, "Thank you! Your comment will be visible once a moderator has read it.")
    send = words(language, "Send my comment")
    parent = first_thread(language)
    phone.goto(CONSULTATION[language])
    form = phone.locator("form[data-comment-form]")

    fill_comment_form(
        form, language, "Skater_15", "skater@example.org", "A covered skate bowl for rainy days."
    )
    form.get_by_role("button", name=send).click()

    confirmation = phone.get_by_role("status").filter(has_text=title)
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_contain_text(when)
    expect(confirmation).to_be_focused()
    expect(phone.locator("#comment-form").get_by_role("status").filter(has_text=title)).to_have_count(1)
    expect(phone.get_by_text("A covered skate bowl for rainy days.")).to_have_count(0)
    screenshot(phone, f"feedback/{language}-posted-390")

    phone.locator(f"#c{parent.pk} > .comment__body [data-reply-to]").click()
    reply_form = phone.locator(f"#c{parent.pk} > form[data-comment-form]")
    fill_comment_form(reply_form, language, "Skater_15", "skater@example.org", "Shade over the benches, yes!")
    reply_form.get_by_role("button", name=send).click()

    under_parent = phone.locator(f"#c{parent.pk} > [data-feedback]")
    expect(under_parent).to_have_text(re.compile(re.escape(title)))
    expect(under_parent).to_contain_text(when)
    expect(under_parent).to_be_in_viewport()
    expect(phone.get_by_role("status").filter(has_text=title)).to_have_count(1)
    reply = ConsultationComment.objects.get(comment="Shade over the benches, yes!")
    assert reply.parent_id == parent.pk
    assert reply.state == ConsultationComment.State.PENDING
    assert phone.context.cookies() == []


@LANGUAGES
def test_give_your_opinion_beside_the_question_jumps_to_the_form(phone, language):
    phone.goto(CONSULTATION[language])
    question = phone.locator(".question")
    action = question.get_by_role("link", name=words(language, "Give your opinion"))
    expect(action).to_be_visible()

    action.click()

    section = phone.locator("#comment-form")
    expect(section).to_be_focused()
    expect(section.get_by_role("heading", name=words(language, "Give your opinion"))).to_be_in_viewport()
    expect(section.get_by_label(words(language, "Your name or pseudonym"))).to_be_in_viewport()


def test_a_closed_consultation_has_no_give_your_opinion_link(phone):
    closed = ConsultationPage.objects.live().get(title="Lunch at the school canteen")
    phone.goto(closed.url)

    expect(phone.locator(".question").get_by_role("link")).to_have_count(0)


@LANGUAGES
def test_a_long_thread_is_folded_on_a_phone_with_reply_counts(phone, language):
    if language == "fr":  # the French demo thread has 10 comments: one more top-level one makes it long
        ConsultationCommentFactory(
            page=first_thread("fr").content_object, comment="Un skatepark !", language="fr"
        )
    parent = first_thread(language)
    replies = ConsultationComment.objects.filter(thread_id=parent.thread_id, state="published").exclude(
        pk=parent.pk
    )
    count = replies.count()
    assert count >= 2
    phone.goto(CONSULTATION[language])
    thread = phone.locator(f"#c{parent.pk}")
    first_reply = phone.locator(f"#c{replies.order_by('order').first().pk}")
    show = {"en": f"Show {count} replies", "fr": f"Afficher {count} réponses"}[language]
    hide = {"en": "Hide replies", "fr": "Masquer les réponses"}[language]

    toggle = thread.get_by_role("button", name=show)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_reply).to_be_hidden()
    expect(thread.locator(".comment__body").first).to_be_visible()

    toggle.click()
    expect(first_reply).to_be_visible()
    toggle = thread.get_by_role("button", name=hide)
    expect(toggle).to_have_attribute("aria-expanded", "true")

    toggle.click()
    expect(first_reply).to_be_hidden()
    expect(thread.get_by_role("button", name=show)).to_be_visible()


def test_a_reply_count_of_one_is_singular(phone):
    park = ConsultationPage.objects.get(slug="espace-jeunes-parc-des-berges")
    skatepark = ConsultationCommentFactory(page=park, comment="Un skatepark !")
    ConsultationCommentFactory(page=park, parent=skatepark, comment="Avec des modules pour débutants.")
    phone.goto(CONSULTATION["fr"])

    expect(
        phone.locator(f"#c{skatepark.pk}").get_by_role("button", name="Afficher 1 réponse")
    ).to_be_visible()


def test_the_branch_of_a_linked_comment_stays_open(phone):
    parent = first_thread("en")
    deep = ConsultationComment.objects.get(comment="Great, thanks for checking!")
    other = ConsultationComment.objects.get(comment__startswith="A small covered stage")
    phone.goto(f"{CONSULTATION['en']}#c{deep.pk}")

    expect(phone.locator(f"#c{deep.pk}")).to_be_in_viewport()
    expect(phone.locator(f"#c{parent.pk}").get_by_role("button", name="Hide replies")).to_be_visible()
    expect(phone.locator(f"#c{other.pk}").get_by_role("button", name="Show 2 replies")).to_be_visible()


def test_a_thread_is_not_folded_on_a_desktop(desktop):
    parent = first_thread("en")
    desktop.goto(CONSULTATION["en"])

    expect(desktop.locator(f"#c{parent.pk}").get_by_role("button", name="Hide replies")).to_be_visible()


def test_name_and_email_are_remembered_on_this_device_only_and_forgotten_on_request(phone):
    phone.goto(CONSULTATION["en"])
    form = phone.locator("form[data-comment-form]")
    fill_comment_form(form, "en", "Skater_15", "skater@example.org", "Lights on the skate area.")
    remember = form.get_by_label("Remember my name and email on this device")
    expect(remember).not_to_be_checked()
    expect(form.get_by_text("They are kept in this browser only")).to_be_visible()
    remember.check()
    form.get_by_role("button", name="Send my comment").click()
    expect(phone.get_by_role("status").filter(has_text="Thank you!")).to_be_in_viewport()

    phone.goto(CONSULTATION["en"])
    form = phone.locator("form[data-comment-form]")
    expect(form.get_by_label("Your name or pseudonym")).to_have_value("Skater_15")
    expect(form.get_by_label("Your email address")).to_have_value("skater@example.org")
    expect(form.get_by_label("Your comment")).to_have_value("")
    expect(form.get_by_label("Remember my name and email on this device")).to_be_checked()
    stored = phone.evaluate("() => JSON.stringify(window.localStorage)")
    assert "skater@example.org" in stored and "Lights" not in stored
    assert phone.context.cookies() == []

    form.get_by_role("button", name="Forget me").click()
    expect(form.get_by_label("Your name or pseudonym")).to_have_value("")
    expect(form.get_by_label("Your email address")).to_have_value("")
    expect(form.get_by_role("status").filter(has_text="no longer keeps your name and email")).to_be_visible()
    assert phone.evaluate("() => window.localStorage.length") == 0

    phone.reload()
    expect(phone.locator("form[data-comment-form]").get_by_label("Your name or pseudonym")).to_have_value("")


def test_the_script_runs_without_error_on_the_revise_page_which_has_no_remember_me_box(phone):
    # The revise page loads comments.js for its counter; its form has no name, email nor remember-me box.
    comment = ConsultationCommentFactory(
        page=first_thread("en").content_object, state=ConsultationComment.State.PENDING, comment="Call me"
    )
    ConfirmedAddressFactory(address=comment.user_email)
    moderator = get_user_model().objects.create_user("mod", email="mod@example.org")
    reason = ReasonCategory.objects.get(title="Personal information")
    decision = moderation.return_for_revision(comment, moderator, reason)
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))

    phone.goto(f"/en/my-comment/revise/{make_token(comment, 'revise', decision)}/")

    expect(phone.get_by_role("heading", name="Change my comment")).to_be_visible()
    expect(phone.locator("[data-counter-for]")).to_be_visible()
    phone.wait_for_load_state("load")
    assert errors == []


def test_the_toggles_arrow_is_not_read_out_as_part_of_its_name(desktop):
    parent = first_thread("en")
    desktop.goto(CONSULTATION["en"])
    toggle = desktop.locator(f"#c{parent.pk} > .replies-toggle")

    expect(toggle).to_have_accessible_name("Hide replies")
    toggle.click()
    expect(toggle).to_have_accessible_name(re.compile(r"^Show \d+ replies$"))


def test_the_forget_me_status_line_is_in_the_accessibility_tree_before_it_speaks(phone):
    # A live region added to the accessibility tree with its text (display: none until then) is not read out.
    phone.goto(CONSULTATION["en"])
    phone.evaluate(
        "() => localStorage.setItem('tribune.author', JSON.stringify({name: 'Skater_15', email: 's@example.org'}))"
    )
    phone.reload()
    form = phone.locator("form[data-comment-form]")
    status = form.get_by_role("status").and_(form.locator("[data-remember-forgotten]"))
    expect(status).to_have_count(1)
    expect(status).to_have_text("")

    form.get_by_role("button", name="Forget me").click()

    expect(status).to_have_text("Done: this device no longer keeps your name and email.")
