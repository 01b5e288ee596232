"""Links in comments: what becomes a link, where it ends, and what never does, whatever is typed."""

import re
import time

import pytest

from consultations.comments.thread import comment_text_html

REL = 'rel="nofollow ugc noopener"'
WIKIPEDIA = "https://fr.wikipedia.org/wiki/Skatepark_(Paris)"


def link(url, text=None):
    return f'<a href="{url}" {REL}>{text or url}</a>'


def hrefs(html):
    return re.findall(r'href="([^"]*)"', html)


def test_a_link_keeps_its_balanced_parentheses():
    html = comment_text_html(f"Like this one: {WIKIPEDIA}")

    assert html == f"Like this one: {link(WIKIPEDIA)}"


def test_an_unbalanced_closing_parenthesis_stays_outside_the_link():
    assert comment_text_html("(see https://example.org/a)") == f"(see {link('https://example.org/a')})"
    assert comment_text_html(f"(like {WIKIPEDIA})") == f"(like {link(WIKIPEDIA)})"
    assert comment_text_html(f"({WIKIPEDIA}).") == f"({link(WIKIPEDIA)})."


@pytest.mark.parametrize("punctuation", [".", ",", ";", ":", "!", "?", "!!", "...", ").", "»"])
def test_trailing_punctuation_stays_outside_the_link(punctuation):
    html = comment_text_html(f"Go to https://example.org/a{punctuation} now")

    assert hrefs(html) == ["https://example.org/a"]
    assert f"</a>{punctuation} now" in html


def test_www_links_go_to_https_and_show_what_was_typed():
    html = comment_text_html("Or www.example.org/bowls?size=big&roof=yes, see")

    typed = "www.example.org/bowls?size=big&amp;roof=yes"
    assert html == f"Or {link('https://' + typed, typed)}, see"


def test_a_link_typed_in_capitals_is_a_link_too():
    assert hrefs(comment_text_html("HTTPS://EXAMPLE.ORG/A")) == ["https://EXAMPLE.ORG/A"]


@pytest.mark.parametrize(
    "text",
    [
        "(see https://example.org/a).",
        f"({WIKIPEDIA}).",
        "https://example.org/a).",
        "[https://example.org/a]!?",
    ],
)
def test_no_character_typed_after_a_link_is_lost(text):
    html = comment_text_html(text)

    assert re.sub(r"<[^>]+>", "", html) == text


def test_a_non_ascii_address_is_encoded_in_the_link_and_shown_as_typed():
    html = comment_text_html("https://fr.wikipedia.org/wiki/Élysée")

    assert html == link(
        "https://fr.wikipedia.org/wiki/%C3%89lys%C3%A9e", "https://fr.wikipedia.org/wiki/Élysée"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Write to sam@example.org",
        "mailto:sam@example.org",
        "sam.dupont@example.org.",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "skatepark.org is a bare domain",
        "ftp://example.org/file",
        "xhttps://example.org",
    ],
)
def test_emails_scripts_and_bare_domains_are_never_links(text):
    assert "<a" not in comment_text_html(text)


def test_text_around_links_is_escaped_and_line_breaks_kept():
    html = comment_text_html("<b>bold</b> & 'quotes'\nhttps://example.org/?a=1&b=<2>")

    assert html == (
        "&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quotes&#x27;<br>"
        + link("https://example.org/?a=1&amp;b=", "https://example.org/?a=1&amp;b=")
        + "&lt;2&gt;"
    )


@pytest.mark.parametrize(
    "text",
    [
        'https://x.org/"><script>alert(1)</script>',
        "https://x.org/'onmouseover='alert(1)",
        'www.x.org/"style="x',
        "https://x.org/<img src=x onerror=alert(1)>",
        "https://x.org/&quot;&gt;&lt;script&gt;",
        "https://[::1",
        "https://exa mple.org",
        "https://" + "é" * 300 + ".org",
    ],
)
def test_hostile_links_cannot_leave_their_attribute(text):
    html = comment_text_html(text)

    assert "<script" not in html and "<img" not in html
    assert re.fullmatch(r'(?:[^<]|<a href="[^"<>]*" rel="nofollow ugc noopener">[^<]*</a>|<br>)*', html), html


@pytest.mark.parametrize(
    "text",
    [
        "www." + "(" * 2000 + "a",
        "https://x.org/" + "(" * 2000,
        "https://x.org/" + ")" * 2000,
        "https://x.org/" + "()" * 1000,
        "(" * 1000 + ")" * 1000,
        "(https://x.org/" * 130,
        "https://x.org/" + "&" * 1000 + ";" * 1000,
        "https://" + "a." * 1000,
        "www." * 500,
    ],
)
def test_a_2000_character_comment_of_punctuation_renders_in_milliseconds(text):
    started = time.perf_counter()
    comment_text_html(text[:2000])
    assert time.perf_counter() - started < 0.05


def test_a_www_link_goes_to_https_even_when_it_mentions_http_later():
    html = comment_text_html("see www.example.org/?from=http://other.example")

    assert 'href="https://www.example.org/?from=http%3A%2F%2Fother.example"' in html
