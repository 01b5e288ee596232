"""Demo content owned by the home app: the home page in English and French."""

HOME = {
    "en": {
        "title": "Have your say",
        "slug": "home",
        "intro": (
            "<p>Tribune is where young people give their opinion on the projects of their town, "
            "youth council or association. Read a question, answer it, reply to others: "
            "a community manager reads every message.</p>"
        ),
    },
    "fr": {
        "title": "Donne ton avis",
        "slug": "accueil",
        "intro": (
            "<p>Tribune, c'est l'endroit où les jeunes donnent leur avis sur les projets de leur ville, "
            "de leur conseil de jeunes ou de leur association. Lis une question, réponds-y, réagis aux "
            "autres : un·e animateur·rice lit chaque message.</p>"
        ),
    },
}


# Below the open consultations: the figures of all consultations (the block's heading is said in the page's language).
FIGURES_BLOCK = ("site_figures", {"heading": "", "show_consultations": True})


def load(builder):
    from home.models import HomePage

    home = builder.ensure_site_root(HomePage, HOME)
    for page in HomePage.objects.filter(translation_key=home.translation_key).order_by("pk"):
        ensure_figures_block(builder, page)
    return home


def ensure_figures_block(builder, page):
    """Add the figures block to a home page that has none (a demo site loaded before the block existed too)."""
    if any(block.block_type == FIGURES_BLOCK[0] for block in page.body):
        return
    page.body.append(FIGURES_BLOCK)
    page.save_revision().publish()
    builder.created.append(f'figures of all consultations on "{page.title}" ({page.locale.language_code})')
