"""A comment's age ("5 minutes ago" / "il y a 5 minutes") is written by the reader's browser, in the page's
language, beside the absolute date the server wrote: the page's HTML never changes with time, so one
cached copy serves every reader (issue 17)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import ConsultationComment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "en": ("/en/consultations/youth-space-parc-des-berges/", "5 minutes ago"),
    "fr": ("/fr/consultations/espace-jeunes-parc-des-berges/", "il y a 5 minutes"),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_five_minute_old_comment_reads_5_minutes_ago_in_the_pages_language(desktop, language):
    address, age = PAGES[language]
    comment = (
        ConsultationComment.objects.filter(state=ConsultationComment.State.PUBLISHED, level=0)
        .order_by("pk")
        .first()
    )
    ConsultationComment.objects.filter(pk=comment.pk).update(
        submit_date=timezone.now() - timedelta(minutes=5, seconds=20)
    )

    desktop.goto(f"{address}#c{comment.pk}")

    date = desktop.locator(f"#c{comment.pk} > .comment__body .comment__date")
    expect(date).to_be_in_viewport()
    expect(date).to_contain_text(f"{age} · ")
    expect(date.locator(".comment__absolute-date")).to_be_visible()  # the date itself stays
    expect(date.locator(".comment__absolute-date")).not_to_be_empty()


def test_without_javascript_the_date_alone_is_shown(browser, demo_site):
    comment = (
        ConsultationComment.objects.filter(state=ConsultationComment.State.PUBLISHED).order_by("pk").first()
    )
    context = browser.new_context(base_url=demo_site.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{PAGES['en'][0]}#c{comment.pk}")
        date = page.locator(f"#c{comment.pk} > .comment__body .comment__date")
        expect(date.locator(".comment__absolute-date")).to_be_visible()
        expect(date).not_to_contain_text("ago")
    finally:
        context.close()
