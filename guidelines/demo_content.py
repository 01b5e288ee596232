"""Demo content owned by the guidelines app: the rules section, a code of conduct, the manager's hours."""

import datetime as dt

from django.utils import timezone

from guidelines.models import CommunityManagerSettings, GuidelineIndexPage, GuidelinePage, RulesSettings

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


def _item(text, explanation=""):
    return {"text": text, "explanation": explanation}


CODE_OF_CONDUCT_BODY = {
    "en": [
        {
            "type": "do_dont",
            "value": {
                "heading": "What to do, what not to do",
                "dos": [
                    _item(
                        "Use a pseudonym if you are under 18.",
                        "Nobody needs your real name to read your ideas.",
                    ),
                    _item("Change your password regularly."),
                    _item(
                        "Respect the other participants and post constructive contributions.",
                        "Disagree with an idea, never attack a person.",
                    ),
                ],
                "donts": [
                    _item(
                        "Publish personal information about yourself or anyone else.",
                        "No address, phone number, school or photo: the moderators remove it.",
                    ),
                    _item("Express illegal, immoral or inappropriate opinions."),
                ],
            },
        },
        {
            "type": "privacy_note",
            "value": {
                "heading": "Your privacy",
                "text": (
                    "<p>We keep only what we need to run the consultations. "
                    "If a message gives away personal information, a moderator removes it and tells you why.</p>"
                ),
                "rows": [
                    {
                        "what_we_store": "Your pseudonym and your messages",
                        "who_sees_it": "Everyone, once a moderator has published them",
                        "how_long": "Until you delete them (a link in every email we send you) or the consultation is deleted",
                    },
                    {
                        "what_we_store": "Your email address",
                        "who_sees_it": "Nobody: it is never shown, not even to moderators. We use it only to email you about your comments",
                        "how_long": "Erased 30 days after the consultation closes",
                    },
                    {
                        "what_we_store": "Your IP address",
                        "who_sees_it": "Not stored. A scrambled fingerprint of it limits floods of posts for 10 minutes, and counts one report per person",
                        "how_long": "10 minutes in memory; with a report, erased 30 days after the consultation closes",
                    },
                    {
                        "what_we_store": "Cookies",
                        "who_sees_it": "None while you read. After you post, one cookie to show you our thank-you message",
                        "how_long": "Until you close your browser",
                    },
                    {
                        "what_we_store": "A cookie when you tap “Me too”",
                        "who_sees_it": "Nobody: a random number, so that your support counts once. We keep only a scrambled fingerprint of it, and one of your network to stop floods",
                        "how_long": "The cookie: 180 days after your last tap. The fingerprints: erased 30 days after the consultation closes",
                    },
                ],
                "policy_page": None,
            },
        },
        {"type": "manager_hours", "value": {"heading": "When a moderator is online"}},
        {
            "type": "faq",
            "value": {
                "heading": "Questions",
                "items": [
                    {
                        "question": "Why has my message not appeared yet?",
                        "answer": (
                            "<p>A moderator reads every message before it is published. "
                            "Outside the hours above, it can take a little longer.</p>"
                        ),
                    },
                    {
                        "question": "Why was my message removed?",
                        "answer": (
                            "<p>It broke one of the rules above, or it gave away personal information. "
                            "The moderator tells you which rule, and you can post it again without it.</p>"
                        ),
                    },
                ],
            },
        },
    ],
    "fr": [
        {
            "type": "do_dont",
            "value": {
                "heading": "Ce qu'on fait, ce qu'on ne fait pas",
                "dos": [
                    _item(
                        "Utilise un pseudo si tu as moins de 18 ans.",
                        "Personne n'a besoin de ton vrai nom pour lire tes idées.",
                    ),
                    _item("Change ton mot de passe régulièrement."),
                    _item(
                        "Respecte les autres participant·es et poste des contributions constructives.",
                        "Tu peux être en désaccord avec une idée, jamais attaquer une personne.",
                    ),
                ],
                "donts": [
                    _item(
                        "Publier des informations personnelles sur toi ou sur quelqu'un d'autre.",
                        "Pas d'adresse, de numéro de téléphone, d'école ni de photo : l'équipe de modération les retire.",
                    ),
                    _item("Exprimer des opinions illégales, immorales ou déplacées."),
                ],
            },
        },
        {
            "type": "privacy_note",
            "value": {
                "heading": "Ta vie privée",
                "text": (
                    "<p>Nous gardons seulement ce qu'il faut pour faire vivre les consultations. "
                    "Si un message dévoile des informations personnelles, l'équipe de modération le retire "
                    "et t'explique pourquoi.</p>"
                ),
                "rows": [
                    {
                        "what_we_store": "Ton pseudo et tes messages",
                        "who_sees_it": "Tout le monde, une fois publiés par l'équipe de modération",
                        "how_long": "Jusqu'à ce que tu les supprimes (un lien dans chaque e-mail que nous t'envoyons) ou que la consultation soit supprimée",
                    },
                    {
                        "what_we_store": "Ton adresse e-mail",
                        "who_sees_it": "Personne : elle n'est jamais affichée, même pas à l'équipe de modération. Elle sert seulement à t'écrire au sujet de tes commentaires",
                        "how_long": "Effacée 30 jours après la fin de la consultation",
                    },
                    {
                        "what_we_store": "Ton adresse IP",
                        "who_sees_it": "Pas enregistrée. Une empreinte brouillée limite les envois en rafale pendant 10 minutes et compte un signalement par personne",
                        "how_long": "10 minutes en mémoire ; avec un signalement, effacée 30 jours après la fin de la consultation",
                    },
                    {
                        "what_we_store": "Cookies",
                        "who_sees_it": "Aucun pendant que tu lis. Après ton envoi, un cookie pour afficher notre message de remerciement",
                        "how_long": "Jusqu'à la fermeture de ton navigateur",
                    },
                    {
                        "what_we_store": "Un cookie quand tu appuies sur « Je soutiens »",
                        "who_sees_it": "Personne : un nombre au hasard, pour que ton soutien compte une seule fois. Nous n'en gardons qu'une empreinte brouillée, et une de ton réseau pour limiter les envois en rafale",
                        "how_long": "Le cookie : 180 jours après ton dernier appui. Les empreintes : effacées 30 jours après la fin de la consultation",
                    },
                ],
                "policy_page": None,
            },
        },
        {"type": "manager_hours", "value": {"heading": "Quand l'équipe de modération est en ligne"}},
        {
            "type": "faq",
            "value": {
                "heading": "Questions",
                "items": [
                    {
                        "question": "Pourquoi mon message n'apparaît-il pas encore ?",
                        "answer": (
                            "<p>L'équipe de modération lit chaque message avant de le publier. "
                            "En dehors des horaires ci-dessus, cela peut prendre un peu plus de temps.</p>"
                        ),
                    },
                    {
                        "question": "Pourquoi mon message a-t-il été retiré ?",
                        "answer": (
                            "<p>Il ne respectait pas une des règles ci-dessus, ou il dévoilait des informations "
                            "personnelles. On te dit quelle règle, et tu peux le reposter sans ce passage.</p>"
                        ),
                    },
                ],
            },
        },
    ],
}

CODE_OF_CONDUCT = {
    "en": {
        "title": "Code of conduct",
        "slug": "code-of-conduct",
        "introduction": "Read these few rules before you take part: they keep this place friendly and safe.",
        "body": CODE_OF_CONDUCT_BODY["en"],
    },
    "fr": {
        "title": "Charte de participation",
        "slug": "charte",
        "introduction": "Lis ces quelques règles avant de participer : elles gardent cet espace sympa et sûr.",
        "body": CODE_OF_CONDUCT_BODY["fr"],
    },
}

WEEKDAY_HOURS = [(weekday, dt.time(9), dt.time(17)) for weekday in range(5)]
WEDNESDAY_EVENING = (2, dt.time(19), dt.time(21))


def next_winter_holidays(today):
    """24 December to 1 January around the coming new year."""
    year = today.year if today <= dt.date(today.year, 12, 24) else today.year + 1
    return dt.date(year, 12, 24), dt.date(year + 1, 1, 1)


def load(builder, home):
    index = builder.ensure_child(home, GuidelineIndexPage, GUIDELINE_INDEX)
    code_of_conduct = builder.ensure_child(index, GuidelinePage, CODE_OF_CONDUCT)
    site = home.get_site()
    if site is not None:
        ensure_code_of_conduct_setting(builder, site, code_of_conduct)
        ensure_manager_settings(builder, site)
    return index


def ensure_code_of_conduct_setting(builder, site, page):
    """Only where the setting was never saved, so an organiser's choice (even "none") is kept."""
    if not RulesSettings.objects.filter(site=site).exists():
        RulesSettings.objects.create(site=site, code_of_conduct=page)
        builder.created.append("code of conduct setting")


def ensure_manager_settings(builder, site):
    """The demo manager's hours, only where nobody has configured them yet."""
    manager = CommunityManagerSettings.for_site(site)
    if manager.is_configured():
        return
    manager.display_name = "Sam"
    manager.role = "Community manager"
    manager.promised_response_hours = 24
    manager.contact_line = "moderation@tribune.localhost"
    hours = sorted([*WEEKDAY_HOURS, WEDNESDAY_EVENING])
    for order, (weekday, starts_at, ends_at) in enumerate(hours):
        manager.weekly_ranges.add(
            manager.weekly_ranges.model(
                weekday=weekday, starts_at=starts_at, ends_at=ends_at, sort_order=order
            )
        )
    starts_on, ends_on = next_winter_holidays(timezone.localdate())
    manager.absences.add(manager.absences.model(starts_on=starts_on, ends_on=ends_on, sort_order=0))
    manager.save()
    builder.created.append("community manager settings")
