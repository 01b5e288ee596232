"""A visitor on a phone reads the open demo consultation, comments, replies, and gets the emails."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultations.models import ConsultationComment
from outbox.delivery import deliver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION_EN = "/en/consultations/youth-space-parc-des-berges/"
CONSULTATION_FR = "/fr/consultations/espace-jeunes-parc-des-berges/"
PENDING_MESSAGE = "Thank you! Your comment will be visible once a moderator has read it."


def fill_comment_form(form, name, email, text):
    form.get_by_label("Your name or pseudonym").fill(name)
    form.get_by_label("Your email address").fill(email)
    form.get_by_label("Your comment").fill(text)
    form.get_by_label("I have read and accept the code of conduct").check()


def test_visitor_on_a_phone_posts_a_comment_then_a_reply_and_both_wait_for_moderation(phone):
    shade = ConsultationComment.objects.get(comment__startswith="Shade please!")
    phone.goto(CONSULTATION_EN)
    expect(phone.get_by_role("heading", level=1)).to_have_text("A youth space in Parc des Berges")
    expect(phone.locator(f"#c{shade.pk}")).to_contain_text("Shade please!")
    form = phone.locator("form[data-comment-form]")

    fill_comment_form(form, "Skater_15", "skater@example.org", "A covered skate bowl for rainy days.")
    form.get_by_role("button", name="Send my comment").click()

    # The confirmation is where the reader acted (the form), not at the top of the page.
    expect(phone.get_by_role("status").filter(has_text=PENDING_MESSAGE)).to_be_in_viewport()
    expect(phone.get_by_text("A covered skate bowl for rainy days.")).to_have_count(0)

    phone.locator(f"#c{shade.pk} > .comment__body").get_by_role("link", name="Reply to NightOwl_14").click()
    # The form moved (with JavaScript) right under the comment it answers.
    reply_form = phone.locator(f"#c{shade.pk} > form[data-comment-form]")
    expect(reply_form.get_by_text("You are replying to a comment.")).to_be_visible()
    expect(reply_form.get_by_label("Your name or pseudonym")).to_be_focused()
    expect(reply_form.locator('input[name="reply_to"]')).to_have_value(str(shade.pk))
    fill_comment_form(reply_form, "Skater_15", "skater@example.org", "Shade over the benches, yes!")
    reply_form.get_by_role("button", name="Send my comment").click()

    # Right under the comment it answers.
    expect(phone.locator(f"#c{shade.pk} > [data-feedback]")).to_contain_text(PENDING_MESSAGE)
    expect(phone.locator(f"#c{shade.pk} > [data-feedback]")).to_be_in_viewport()
    expect(phone.get_by_text("Shade over the benches, yes!")).to_have_count(0)
    comment = ConsultationComment.objects.get(comment="A covered skate bowl for rainy days.")
    reply = ConsultationComment.objects.get(comment="Shade over the benches, yes!")
    assert comment.state == ConsultationComment.State.PENDING
    assert comment.parent_id == comment.pk  # a new thread, not a reply
    assert reply.state == ConsultationComment.State.PENDING
    assert reply.parent_id == shade.pk


def test_a_form_with_errors_shows_the_summary_focused_and_keeps_the_text(phone):
    phone.goto(CONSULTATION_EN)
    form = phone.locator("form[data-comment-form]")
    form.get_by_label("Your comment").fill("Benches facing the river.")
    form.get_by_role("button", name="Send my comment").click()

    summary = phone.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your comment was not sent yet")
    expect(summary.get_by_role("link", name=re.compile("^Your name or pseudonym:"))).to_be_visible()
    name = form.get_by_label("Your name or pseudonym")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("Error: Please enter a name or a pseudonym"))
    expect(form.get_by_label("I have read and accept the code of conduct")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(form.get_by_label("Your comment")).to_have_value("Benches facing the river.")
    assert not ConsultationComment.objects.filter(comment="Benches facing the river.").exists()

    summary.get_by_role("link", name=re.compile("^Your name or pseudonym:")).click()
    expect(name).to_be_focused()


def test_the_author_receives_a_we_received_your_comment_email(phone):
    phone.goto(CONSULTATION_EN)
    form = phone.locator("form[data-comment-form]")
    fill_comment_form(form, "Lou", "lou@example.org", "A wall for graffiti artists.")
    form.get_by_role("button", name="Send my comment").click()
    expect(phone.get_by_role("status").filter(has_text=PENDING_MESSAGE)).to_be_visible()

    deliver()

    to_author = [message for message in mail.outbox if message.to == ["lou@example.org"]]
    assert [message.subject for message in to_author] == ["We received your comment"]
    assert "A youth space in Parc des Berges" in to_author[0].body


def test_the_language_switch_leads_to_the_same_consultation_in_english(phone):
    phone.goto(CONSULTATION_FR)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Un espace jeunes au parc des Berges")

    phone.get_by_role("navigation", name="Langue").get_by_role("link", name=re.compile("English")).click()

    expect(phone).to_have_url(re.compile(re.escape(CONSULTATION_EN) + "$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("A youth space in Parc des Berges")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
