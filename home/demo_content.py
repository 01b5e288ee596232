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


def load(builder):
    from home.models import HomePage

    return builder.ensure_site_root(HomePage, HOME)
