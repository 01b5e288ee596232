"""Demo content owned by the guidelines app: the rules section in English and French."""

from guidelines.models import GuidelineIndexPage

GUIDELINE_INDEX = {
    "en": {
        "title": "Rules of participation",
        "slug": "rules",
        "show_in_menus": True,
        "intro": "<p>How we talk to each other here, and how we protect your privacy.</p>",
    },
    "fr": {
        "title": "Règles de participation",
        "slug": "regles",
        "intro": "<p>Comment on échange ici, et comment nous protégeons ta vie privée.</p>",
    },
}


def load(builder, home):
    return builder.ensure_child(home, GuidelineIndexPage, GUIDELINE_INDEX)
