"""The look of the site (issue 13): colours only as design tokens, self-hosted typefaces, the icons and
the web app manifest, the compact header, the footer and the friendly empty states."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

STATIC = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC / "css" / "tribune.css"
TOKENS = [
    "--color-ink",
    "--color-muted",
    "--color-paper",
    "--color-surface",
    "--color-surface-strong",
    "--color-brand",
    "--color-brand-strong",
    "--color-accent",
    "--color-accent-ink",
    "--color-ok",
    "--color-warn",
    "--color-focus",
    "--space-1",
    "--space-2",
    "--space-3",
    "--space-4",
    "--space-5",
    "--space-6",
    "--radius-s",
    "--radius-m",
    "--radius-l",
    "--font-text",
    "--font-display",
]
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.IGNORECASE)


def split_stylesheet(css):
    """The body of the first ``:root`` block, and everything else, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    match = re.search(r":root\s*\{([^}]*)\}", css)
    assert match, "tribune.css has no :root block"
    return match.group(1), css[: match.start()] + css[match.end() :]


def colours_outside_root(css):
    _root, rest = split_stylesheet(css)
    return [line.strip() for line in rest.splitlines() if COLOUR.search(line)]


def test_every_colour_of_the_stylesheet_is_a_token_of_the_root_block():
    assert colours_outside_root(STYLESHEET.read_text()) == []


def test_the_colour_scan_finds_a_hex_or_rgb_colour_written_outside_the_tokens():
    css = ":root { --color-ink: #1d1640; }\n.a { color: var(--color-ink); }\n"

    assert colours_outside_root(css) == []
    assert colours_outside_root(css + ".b { color: #fff; }") == [".b { color: #fff; }"]
    assert colours_outside_root(css + ".c { background: rgba(0, 0, 0, 0.1); }") != []
    assert colours_outside_root(css + "/* #abc in a comment */") == []


def test_the_root_block_defines_every_design_token_the_other_parts_use():
    root, _rest = split_stylesheet(STYLESHEET.read_text())
    defined = set(re.findall(r"(--[\w-]+)\s*:", root))

    assert [token for token in TOKENS if token not in defined] == []


def test_each_typeface_is_self_hosted_swapped_and_limited_to_latin_subsets():
    css = STYLESHEET.read_text()
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)

    assert faces
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range:" in face
        for url in re.findall(r"url\(\"?([^)\"]+)\"?\)", face):
            assert not url.startswith(("http:", "https:", "//"))
            assert (STYLESHEET.parent / url).resolve().is_file(), url
    families = set(re.findall(r'font-family:\s*"([^"]+)"', " ".join(faces)))
    assert families == {"Atkinson Hyperlegible Next", "Bricolage Grotesque"}
    for family in ("atkinson-hyperlegible-next", "bricolage-grotesque"):
        assert "SIL OPEN FONT LICENSE" in (STATIC / "fonts" / f"OFL-{family}.txt").read_text()


@pytest.mark.django_db
def test_every_page_links_its_icons_preloads_the_text_font_and_names_its_theme_colour(site_tree):
    html = Client().get("/fr/").content.decode()

    for asset in (
        "img/favicon.svg",
        "img/favicon-32.png",
        "img/apple-touch-icon.png",
        "fonts/atkinson-hyperlegible-next-latin-400-normal.woff2",
    ):
        assert f"/static/{asset}" in html
        assert (STATIC / asset).is_file()
    assert (
        '<link rel="preload" href="/static/fonts/atkinson-hyperlegible-next-latin-400-normal.woff2"' in html
    )
    assert '<link rel="manifest" href="/fr/site.webmanifest">' in html
    assert '<meta name="theme-color" content="#27186b">' in html


def test_the_icons_have_the_sizes_phones_ask_for():
    from PIL import Image

    for name, size in (("favicon-32", 32), ("apple-touch-icon", 180), ("icon-192", 192), ("icon-512", 512)):
        with Image.open(STATIC / "img" / f"{name}.png") as image:
            assert image.size == (size, size), name
    with Image.open(STATIC / "img" / "share-default.png") as image:
        assert image.size == (1200, 630)


@pytest.mark.django_db
def test_the_web_app_manifest_is_json_in_the_visitors_language_with_its_icons(site_tree):
    response = Client().get("/fr/site.webmanifest")

    assert response.status_code == 200 and response.cookies == {}
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Tribune" and manifest["short_name"] == "Tribune"
    assert manifest["start_url"] == "/fr/"
    assert manifest["description"].startswith("Tribune : les jeunes donnent leur avis")
    assert manifest["theme_color"] == "#27186b" and manifest["background_color"] == "#fffdf9"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert (STATIC / icon["src"].removeprefix("/static/")).is_file()


@pytest.mark.django_db
def test_the_header_puts_search_behind_a_menu_link_that_works_without_javascript(site_tree):
    html = Client().get("/en/").content.decode()

    assert '<a class="menu-toggle" href="#site-menu" data-menu-toggle aria-controls="site-menu">' in html
    menu = html[html.index('<div class="site-menu" id="site-menu"') :]
    assert (
        menu.index('<nav class="site-nav"')
        < menu.index('<form class="site-search"')
        < menu.index("</header>")
    )
    assert '<script src="/static/js/site.js" defer></script>' in html


@pytest.mark.django_db
def test_the_footer_links_the_rules_the_code_of_conduct_and_the_search_and_credits_the_type(site_tree):
    from guidelines.models import RulesSettings

    RulesSettings.objects.update_or_create(
        site=site_tree.site, defaults={"code_of_conduct": site_tree.guideline}
    )

    html = Client().get("/fr/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert 'aria-label="Liens utiles"' in footer
    assert f'href="{site_tree.guideline_fr.url}">Charte de participation</a>' in footer
    assert f'href="{site_tree.guidelines_fr.url}">Règles de participation</a>' in footer
    assert 'href="/fr/search/">Rechercher</a>' in footer
    assert "Atkinson Hyperlegible Next" in footer and "Bricolage Grotesque" in footer


@pytest.mark.django_db
def test_a_home_page_with_no_open_consultation_offers_the_past_ones(site_tree):
    html = Client().get("/en/").content.decode()

    assert "No consultation is open right now. Come back soon!" in html
    assert (
        f'<a class="button button--secondary" href="{site_tree.consultations.url}">All consultations</a>'
        in html
    )
    assert "See the open consultations" not in html


@pytest.mark.django_db
def test_a_home_page_with_an_open_consultation_points_its_main_action_at_it(consultation):
    assert consultation.opens_at <= timezone.now() < consultation.closes_at

    html = Client().get("/en/").content.decode()

    assert '<a class="button" href="#open-consultations-title">See the open consultations</a>' in html
    assert "No consultation is open right now" not in html


@pytest.mark.django_db
def test_a_search_without_result_and_a_missing_page_say_what_to_do_next(site_tree):
    search = Client().get("/fr/search/?query=zzzqqq").content.decode()
    missing = Client().get("/fr/nulle-part/")

    assert "Rien ne correspond à ta recherche" in search and 'class="empty-state"' in search
    assert missing.status_code == 404
    html = missing.content.decode()
    assert 'href="/fr/search/">Rechercher sur le site</a>' in html
    assert "/static/img/lost-bubble.svg" in html


@pytest.mark.parametrize(
    "stylesheet",
    sorted(
        path
        for path in Path(settings.BASE_DIR).glob("*/static/**/*.css")
        if ".venv" not in path.parts and "staticfiles" not in path.parts
    )
    + [STYLESHEET],
    ids=str,
)
def test_every_rule_of_our_stylesheets_is_closed(stylesheet):
    """A rule left open (as a merge once left one in moderation.css) silently drops every rule after it."""
    text = re.sub(
        r"/\*.*?\*/", lambda comment: "\n" * comment.group().count("\n"), stylesheet.read_text(), flags=re.S
    )
    depth = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{stylesheet}: a '}}' closes nothing at line {line_number}"
    assert depth == 0, f"{stylesheet}: {depth} rule(s) left open"
