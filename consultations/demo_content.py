"""Demo content owned by the consultations app: the consultations section in English and French."""

from consultations.models import ConsultationIndexPage

CONSULTATION_INDEX = {
    "en": {
        "title": "Consultations",
        "slug": "consultations",
        "show_in_menus": True,
        "intro": "<p>The questions we are asking young people right now, and the ones already answered.</p>",
    },
    "fr": {
        "title": "Consultations",
        "slug": "consultations",
        "intro": "<p>Les questions posées aux jeunes en ce moment, et celles qui ont déjà reçu vos réponses.</p>",
    },
}


def load(builder, home):
    return builder.ensure_child(home, ConsultationIndexPage, CONSULTATION_INDEX)
