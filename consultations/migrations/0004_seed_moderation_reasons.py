"""Seed the moderation reasons from the code of conduct, in English and French."""

import uuid

from django.db import migrations

REASONS = [
    (
        "Personal information",
        "It shares personal information about you or someone else (a name, a phone number, an address, a school, an account). We removed it to keep everyone safe online.",
        "Informations personnelles",
        "Il donne des informations personnelles sur toi ou sur quelqu'un d'autre (nom, numéro de téléphone, adresse, établissement, compte). Nous l'avons retiré pour que chacun reste en sécurité en ligne.",
    ),
    (
        "Disrespect or harassment",
        "It is disrespectful or hurtful towards someone. Everyone may disagree, but always with respect for the other participants.",
        "Manque de respect ou harcèlement",
        "Il manque de respect ou blesse quelqu'un. On peut ne pas être d'accord, mais toujours en respectant les autres participants.",
    ),
    (
        "Off-topic",
        "It does not answer the question of this consultation. Your idea may fit another discussion better.",
        "Hors sujet",
        "Il ne répond pas à la question de cette consultation. Ton idée trouvera peut-être mieux sa place dans une autre discussion.",
    ),
    (
        "Illegal or inappropriate content",
        "It contains an opinion or content that is illegal or inappropriate here. Our rules do not allow it.",
        "Contenu illégal ou inapproprié",
        "Il contient une opinion ou un contenu illégal ou inapproprié ici. Nos règles ne le permettent pas.",
    ),
    (
        "Spam or advertising",
        "It looks like advertising or spam. This space is for young people's opinions on the question asked.",
        "Spam ou publicité",
        "Il ressemble à de la publicité ou à du spam. Cet espace est réservé aux avis des jeunes sur la question posée.",
    ),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    ReasonCategory = apps.get_model("consultations", "ReasonCategory")
    if ReasonCategory.objects.exists():
        return
    english, _ = Locale.objects.get_or_create(language_code="en")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    for order, (title_en, text_en, title_fr, text_fr) in enumerate(REASONS):
        key = uuid.uuid4()
        ReasonCategory.objects.create(title=title_en, explanation=text_en, sort_order=order, locale=english, translation_key=key)
        ReasonCategory.objects.create(title=title_fr, explanation=text_fr, sort_order=order, locale=french, translation_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_moderation"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
