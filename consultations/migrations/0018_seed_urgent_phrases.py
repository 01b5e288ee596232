"""Seed the urgent phrases in French and English, and let moderators and organisers edit them.

First-person, specific phrases (see consultations/moderation/urgency.py for how they are matched), and the
everyday expressions that would otherwise contain one. Tested against a corpus of disclosures and everyday
sentences (consultations/moderation/tests/urgency_corpus.py). Only where the list is empty, so a second run
or an organiser's edits are left alone.
"""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

SUICIDE, SELF_HARM, ABUSE, SEXUAL_ABUSE = "suicide", "self_harm", "abuse", "sexual_abuse"
HARASSMENT, DANGER, RUNNING_AWAY = "harassment", "danger", "running_away"

URGENT = {
    "fr": {
        SUICIDE: [
            "envie de mourir",
            "veux mourir",
            "voudrais mourir",
            "aimerais mourir",
            "plus envie de vivre",
            "marre de vivre",
            "veux plus vivre",
            "vivre dans ce monde",
            "veux plus être en vie",
            "veux plus exister",
            "veux disparaître",
            "me suicider",
            "suicidaire*",
            "pense au suicide",
            "tentative de suicide",
            "fait une TS",
            "vais me tuer",
            "veux me tuer",
            "envie de me tuer",
            "me foutre en l'air",
            "mettre fin à mes jours",
            "mettre fin à ma vie",
            "en finir avec la vie",
            "envie d'en finir",
            "me pendre",
            "me jeter par la fenêtre",
            "me jeter sous un train",
            "m'ouvrir les veines",
            "me tailler les veines",
            "serait mieux sans moi",
            "seraient mieux sans moi",
        ],
        SELF_HARM: [
            "scarifi*",
            "me mutile*",
            "automutil*",
            "auto-mutil*",
            "me coupe* les bras",
            "me coupe* les poignets",
            "me coupe* les veines",
            "me coupe* les cuisses",
            "me faire du mal",
            "me fais du mal",
            "me blesse* exprès",
            "me fais vomir",
        ],
        ABUSE: [
            "il me frappe",
            "elle me frappe",
            "ils me frappent",
            "elles me frappent",
            "on me frappe",
            "père me frappe",
            "mère me frappe",
            "frère me frappe",
            "père m'a frappé*",
            "mère m'a frappé*",
            "parents m'ont frappé*",
            "père me bat",
            "mère me bat",
            "parents me battent",
            "me tape dessus",
            "me tapent dessus",
            "il me cogne",
            "me gifle",
            "me giflent",
            "me tabasse*",
            "m'a tabassé*",
            "m'ont tabassé*",
            "je suis battu*",
            "me maltrait*",
            "suis maltrait*",
            "frappe ma mère",
            "bat ma mère",
            "violence chez moi",
            "violences chez moi",
            "il m'enferme",
            "elle m'enferme",
            "ils m'enferment",
            "on m'enferme",
        ],
        SEXUAL_ABUSE: [
            "il me touche",
            "oncle me touche",
            "cousin me touche",
            "père me touche",
            "me touche la nuit",
            "me touche là où",
            "il me tripote",
            "me tripote*",
            "attouchement*",
            "m'a violé*",
            "m'ont violé*",
            "me viole",
            "suis violée",
            "été violé*",
            "abusé* sexuellement",
            "abusé de moi",
            "abuse de moi",
            "m'a agressé*",
            "été agressé*",
            "agressé* sexuellement",
            "inceste",
            "demande des nudes",
            "envoyer des nudes",
            "menace de publier mes photos",
            "menace de diffuser mes photos",
            "me fait du chantage",
            "sextorsion",
        ],
        HARASSMENT: [
            "me harcèle*",
            "suis harcelé*",
            "me racket*",
            "se moquent de moi tous les jours",
        ],
        DANGER: [
            "menace de me tuer",
            "menacent de me tuer",
            "menace* de mort",
            "suis en danger",
            "en danger chez moi",
            "peur de rentrer chez moi",
            "peur de rentrer à la maison",
            "peur de mon père",
            "peur de ma mère",
            "peur de mon beau-père",
            "pas en sécurité chez moi",
        ],
        RUNNING_AWAY: [
            "fuguer",
            "j'ai fugué",
            "fugué de chez moi",
            "veux partir de chez moi",
            "m'enfuir",
            "m'ont mis à la porte",
            "m'a mis à la porte",
            "m'ont viré de chez moi",
            "m'a viré de chez moi",
            "dors dans la rue",
            "dors dehors",
            "nulle part où dormir",
            "pas où dormir",
        ],
    },
    "en": {
        SUICIDE: [
            "want to die",
            "wish I was dead",
            "wish I were dead",
            "wish I was never born",
            "kill myself",
            "killing myself",
            "end my life",
            "ending my life",
            "end it all",
            "take my own life",
            "suicidal",
            "want to commit suicide",
            "thinking about suicide",
            "thought about suicide",
            "attempted suicide",
            "tried to commit suicide",
            "don't want to live",
            "don't want to live in this world",
            "don't want to be alive",
            "don't want to be here anymore",
            "no reason to live",
            "nothing to live for",
            "better off without me",
            "better off dead",
            "hang myself",
            "took an overdose",
        ],
        SELF_HARM: [
            "cut myself",
            "cutting myself",
            "cut my wrists",
            "cutting my wrists",
            "cuts on my arms",
            "self-harm*",
            "selfharm*",
            "want to hurt myself",
            "hurt myself on purpose",
            "hurting myself on purpose",
            "harm myself",
            "harming myself",
            "starve myself",
            "starving myself",
            "make myself throw up",
            "making myself throw up",
        ],
        ABUSE: [
            "he hits me",
            "she hits me",
            "they hit me",
            "dad hits me",
            "mum hits me",
            "father hits me",
            "mother hits me",
            "stepdad hits me",
            "stepmum hits me",
            "brother hits me",
            "parents hit me",
            "boyfriend hits me",
            "dad hit me",
            "mum hit me",
            "father hit me",
            "mother hit me",
            "stepdad hit me",
            "beat* me up",
            "beating me up",
            "dad beats me",
            "mum beats me",
            "father beats me",
            "stepdad beats me",
            "parents beat me",
            "he hurts me",
            "she hurts me",
            "they hurt me",
            "abuses me",
            "abusing me",
            "abused me",
            "am being abused",
            "was being abused",
            "I was abused",
            "abuse me",
            "locks me in",
            "locked me in",
            "slaps me",
            "chokes me",
            "choked me",
            "throws things at me",
        ],
        SEXUAL_ABUSE: [
            "he touches me",
            "uncle touches me",
            "cousin touches me",
            "coach touches me",
            "stepdad touches me",
            "touches me at night",
            "he touched me",
            "touches me down there",
            "touched me down there",
            "raped me",
            "rapes me",
            "I was raped",
            "been raped",
            "got raped",
            "molest*",
            "sexually abus*",
            "sexually assaulted",
            "assaulted me",
            "asks me for nudes",
            "asking me for nudes",
            "asked me for nudes",
            "make me send nudes",
            "makes me send nudes",
            "making me send nudes",
            "threatens to share my",
            "threatening to share my",
            "threatened to share my",
            "threatens to post my",
            "threatened to post my",
            "sextort*",
            "grooming me",
            "groomed me",
        ],
        HARASSMENT: [
            "am being bullied",
            "was being bullied",
            "I get bullied",
            "I got bullied",
            "am getting bullied",
            "bully me",
            "bullies me",
            "bullying me",
            "harass* me",
            "am being harassed",
            "I was harassed",
            "stalking me",
            "stalks me",
            "follows me home",
        ],
        DANGER: [
            "threatens to kill me",
            "threatened to kill me",
            "threatening to kill me",
            "death threat*",
            "I am in danger",
            "in danger at home",
            "not safe at home",
            "unsafe at home",
            "don't feel safe at home",
            "scared to go home",
            "afraid to go home",
            "scared of my dad",
            "scared of my father",
            "scared of my stepdad",
            "afraid of my dad",
            "afraid of my father",
            "afraid of my stepdad",
        ],
        RUNNING_AWAY: [
            "run away from home",
            "running away from home",
            "ran away from home",
            "kicked me out",
            "kicked out of home",
            "kicked out of my house",
            "threw me out",
            "thrown out of home",
            "sleeping on the street*",
            "sleep on the street*",
            "sleeping rough",
            "nowhere to sleep",
            "I am homeless",
        ],
    },
}

EVERYDAY = {
    "fr": [
        "mourir de rire",
        "mort de rire",
        "morte de rire",
        "mourir de faim",
        "mourir de soif",
        "mourir de chaud",
        "mourir de froid",
        "mourir d'ennui",
        "mourir de honte",
        "mourir de fatigue",
        "disparaître de honte",
        "me tuer de rire",
        "me tuer à la tâche",
        "me touche beaucoup",
        "me touche vraiment",
        "me touche profondément",
        "vivre dans",
        "vivre ici",
        "vivre à",
        "vivre en",
        "vivre près",
    ],
    "en": [
        "die laughing",
        "dying laughing",
        "die of laughter",
        "die of boredom",
        "die of embarrassment",
        "die of shame",
        "die of cringe",
        "kill myself laughing",
        "killing myself laughing",
        "hit me up",
        "hits me up",
        "cut myself on the",
        "cut myself on a",
        "cut myself shaving",
        "live in",
        "live next",
        "live near",
        "live here",
        "live there",
        "touches me deeply",
        "touched me deeply",
    ],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    UrgentPhrase = apps.get_model("consultations", "UrgentPhrase")
    if not UrgentPhrase.objects.exists():
        for language, by_category in URGENT.items():
            locale, _ = Locale.objects.get_or_create(language_code=language)
            UrgentPhrase.objects.bulk_create(
                [
                    UrgentPhrase(
                        phrase=phrase, kind="urgent", category=category, locale=locale, translation_key=uuid.uuid4()
                    )
                    for category, phrases in by_category.items()
                    for phrase in phrases
                ]
                + [
                    UrgentPhrase(phrase=phrase, kind="everyday", locale=locale, translation_key=uuid.uuid4())
                    for phrase in EVERYDAY[language]
                ]
            )
    allow_editing(apps)


def allow_editing(apps):
    """Whoever moderates comments (any group with the permission, whatever its name) and the organisers
    (Editors) look after the list."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    phrase_permissions = Permission.objects.filter(
        content_type__app_label="consultations",
        content_type__model="urgentphrase",
        codename__regex=r"^(add|change|delete|view)_",
    )
    groups = Group.objects.filter(
        permissions__content_type__app_label="consultations", permissions__codename="moderate_comments"
    ) | Group.objects.filter(name="Editors")
    for group in groups.distinct():
        group.permissions.add(*phrase_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0017_urgent_phrases"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
