"""Every public page sends a strict Content-Security-Policy and needs nothing it forbids."""

import datetime
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from consultations.authors.links import make_token
from consultations.comments.forms import CommentForm
from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import service as moderation

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]
NOW = timezone.now()
DAY = datetime.timedelta(days=1)
REQUIRED = [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' blocks: inline scripts, handlers, style attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names and dict(attrs).get("type") != "application/json":
            self.found.append(f"inline <script> {attrs}")
        if tag == "style":
            self.found.append("<style> element")
        for name in names:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


def assert_strict_policy(response, url):
    policy = response.get("Content-Security-Policy")
    assert policy, f"{url}: no Content-Security-Policy header"
    assert "unsafe-inline" not in policy, url
    assert "unsafe-eval" not in policy, url
    for directive in REQUIRED:
        assert directive in policy, f"{url}: {directive} missing from {policy}"
    scripts = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in scripts and "*" not in scripts, url
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == [], f"{url}: {parser.found}"


@pytest.fixture
def public_pages(site_tree, consultation):
    """One URL of each public page type, in both languages where it has a translation."""
    moderator = get_user_model().objects.create_user("camille", "camille@example.org", "pw")
    reason = ReasonCategory.objects.get(title="Personal information")
    published = ConsultationCommentFactory(page=consultation, comment="More benches, see www.example.org")
    ConsultationCommentFactory(page=consultation, parent=published, comment="Yes!")
    returned = ConsultationCommentFactory(page=consultation, state=ConsultationComment.State.PENDING)
    decision = moderation.return_for_revision(returned, moderator, reason, message="Please remove the name.")
    closed = ConsultationPageFactory(
        parent=site_tree.consultations, slug="canteen", opens_at=NOW - 30 * DAY, closes_at=NOW - DAY
    )
    return {
        "home": site_tree.home.url,
        "home (fr)": site_tree.home_fr.url,
        "rules index": site_tree.guidelines.url,
        "rules index (fr)": site_tree.guidelines_fr.url,
        "rules page": site_tree.guideline.url,
        "consultation index": site_tree.consultations.url,
        "open consultation with form and thread": consultation.url,
        "closed consultation": closed.url,
        "report a comment": f"{consultation.url}comments/{published.pk}/report/",
        "search": "/en/search/?query=benches",
        "search (fr)": "/fr/search/?query=bancs",
        "revise my comment": f"/en/my-comment/revise/{make_token(returned, 'revise', decision)}/",
        "withdraw my comment": f"/en/my-comment/withdraw/{make_token(published, 'withdraw')}/",
        "unsubscribe": f"/en/my-comment/unsubscribe/{make_token(published, 'unsubscribe')}/",
        "invalid author link": "/fr/my-comment/withdraw/not-a-token/",
        "404": "/en/no-such-page/",
    }


def test_every_public_page_type_sends_a_strict_policy_and_has_no_inline_code(public_pages):
    client = Client()
    for name, url in public_pages.items():
        response = client.get(url)
        assert response.status_code in {200, 400, 404}, f"{name}: {url} answered {response.status_code}"
        assert_strict_policy(response, f"{name} ({url})")


def test_a_comment_form_sent_back_with_errors_keeps_the_policy(consultation):
    data = {**CommentForm(consultation).generate_security_data(), "name": "Owl", "comment": ""}

    response = Client().post(comment_post_url(consultation), data)

    assert response.status_code in {200, 400}
    assert_strict_policy(response, "comment form with errors")


def test_the_download_of_my_comments_keeps_the_policy(consultation):
    comment = ConsultationCommentFactory(page=consultation)

    response = Client().get(f"/en/my-comment/download/{make_token(comment, 'download')}/")

    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_wagtail_admin_still_renders_for_a_signed_in_editor(site_tree):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client()
    client.force_login(admin)

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{site_tree.home.pk}/edit/").status_code == 200
    # The admin ships inline scripts of its own: it is left out of the public policy.
    assert "Content-Security-Policy" not in client.get("/admin/")


def test_the_captcha_widget_renders_without_inline_script(consultation, settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-test-key"
    settings.RECAPTCHA_PRIVATE_KEY = "private-test-key"

    html = str(CommentForm(consultation)["captcha"])

    parser = InlineCode()
    parser.feed(html)
    assert parser.found == []
    assert '<script src="https://www.google.com/recaptcha/api.js"' in html
    assert "data-callback" not in html


def policy_with_environment(**env):
    code = "import json; from django.conf import settings; print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "site_project.settings.test", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_policy_lets_recaptcha_load_only_when_it_is_configured():
    without = policy_with_environment()
    with_keys = policy_with_environment(RECAPTCHA_PUBLIC_KEY="public", RECAPTCHA_PRIVATE_KEY="private")

    assert without["script-src"] == ["'self'"]
    assert "https://www.google.com" not in without["frame-src"]
    assert with_keys["script-src"] == [
        "'self'",
        "https://www.google.com/recaptcha/",
        "https://www.gstatic.com/recaptcha/",
    ]
    assert "https://www.google.com/recaptcha/" in with_keys["frame-src"]
    assert with_keys["style-src"] == ["'self'"]


SOURCES = [
    BASE_DIR / "templates",
    BASE_DIR / "home" / "templates",
    BASE_DIR / "guidelines" / "templates",
    BASE_DIR / "consultations" / "templates",
]
# Emails are not web pages; admin templates are served only under /admin/, which the policy leaves out.
NOT_PUBLIC = {"emails", "admin", "block_preview.html"}
INLINE_IN_TEMPLATE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|<style", re.IGNORECASE)


def test_public_templates_and_scripts_hold_no_inline_code():
    offenders = []
    for folder in SOURCES:
        for template in folder.rglob("*.html"):
            if NOT_PUBLIC & set(template.relative_to(folder).parts):
                continue  # emails are not served as web pages; admin pages are excluded
            offenders += [
                f"{template}: {match}" for match in INLINE_IN_TEMPLATE.findall(template.read_text())
            ]
    for script in (BASE_DIR / "static" / "js").rglob("*.js"):
        source = script.read_text()
        offenders += [
            f"{script}: {bad}"
            for bad in ("eval(", "new Function", "style=", '.setAttribute("style"')
            if bad in source
        ]

    assert offenders == []


def test_an_editor_reading_the_site_gets_wagtails_user_bar_without_inline_code(site_tree, consultation):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client()
    client.force_login(admin)

    for url in [site_tree.home.url, consultation.url]:
        response = client.get(url)
        assert "wagtail-userbar" in response.content.decode()
        assert_strict_policy(response, url)
