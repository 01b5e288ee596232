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
                "heading": "How we talk to each other here",
                "dos": [
                    _item(
                        "Pick a pseudonym.",
                        "Especially if you are under 18: nobody needs your real name to read your ideas.",
                    ),
                    _item(
                        "Respect everyone, even when you disagree.",
                        "Say what you think of an idea, never of the person who wrote it.",
                    ),
                    _item(
                        "Explain your idea.",
                        "Why you want it and what it would change for you: that is what helps the people who decide.",
                    ),
                ],
                "donts": [
                    _item(
                        "Share personal information, about you or anyone else.",
                        "No full name, address, school, phone number, photo or social media account. Not even to help someone.",
                    ),
                    _item(
                        "Post anything illegal, hurtful or inappropriate.",
                        "Insults, threats, harassment, hate, adult content: the moderators take it down.",
                    ),
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
                        "what_we_store": "Your email address, if you ticked “Tell me what happens with the ideas”",
                        "who_sees_it": "Nobody. We use it for one thing only: one email when the results are published",
                        "how_long": "Erased once that email is sent (its copy 30 days later); if no results come, at the limit shown next to the box: 12 months after the consultation closes, unless the organisers set another",
                    },
                    {
                        "what_we_store": "A part a moderator took out of your message (for example a phone number)",
                        "who_sees_it": "Only moderators, to check what was taken out",
                        "how_long": "Erased 30 days after the edit, or sooner if you delete the message",
                    },
                    {
                        "what_we_store": "Your IP address",
                        "who_sees_it": "Not stored. A scrambled fingerprint of it limits floods of posts for 10 minutes, and counts one report per person",
                        "how_long": "10 minutes in memory; with a report, erased 30 days after the consultation closes",
                    },
                    {
                        "what_we_store": "Cookies",
                        "who_sees_it": "None while you read or post a comment. The only one is just below, if you tap “Me too”",
                        "how_long": "No cookie, so nothing to erase",
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
                            "<p>A moderator reads every message before it goes online. "
                            "Outside the hours above, it can take a little longer.</p>"
                        ),
                    },
                    {
                        "question": "What do the moderators do?",
                        "answer": (
                            "<p>They read every message and publish the ones that follow these rules. A message "
                            "that gives away personal information or breaks a rule is removed, or sent back to you "
                            "to fix. They are here to keep the discussion friendly and safe, not to judge your "
                            "opinion.</p>"
                        ),
                    },
                    {
                        "question": "Why was my message removed?",
                        "answer": (
                            "<p>It broke one of the rules above, or it gave away personal information. "
                            "We always tell you which rule, by email, and you can post your idea again without "
                            "that part.</p>"
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
                "heading": "Comment on se parle ici",
                "dos": [
                    _item(
                        "Choisis un pseudo.",
                        "Surtout si tu as moins de 18 ans : personne n'a besoin de ton vrai nom pour lire tes idées.",
                    ),
                    _item(
                        "Respecte tout le monde, même quand tu n'es pas d'accord.",
                        "Dis ce que tu penses d'une idée, jamais de la personne qui l'a écrite.",
                    ),
                    _item(
                        "Explique ton idée.",
                        "Pourquoi tu la veux, ce qu'elle changerait pour toi : c'est ce qui aide celles et ceux qui décident.",
                    ),
                ],
                "donts": [
                    _item(
                        "Donner des infos personnelles, sur toi ou sur quelqu'un d'autre.",
                        "Pas de nom complet, d'adresse, d'école, de numéro de téléphone, de photo ni de compte de réseau social. Même pour rendre service.",
                    ),
                    _item(
                        "Poster quelque chose d'illégal, de blessant ou de déplacé.",
                        "Insultes, menaces, harcèlement, haine, contenus pour adultes : l'équipe de modération les retire.",
                    ),
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
                        "what_we_store": "Ton adresse e-mail, si tu as coché « Dis-moi ce que deviennent les idées »",
                        "who_sees_it": "Personne. Elle sert à une seule chose : un e-mail quand les résultats sont publiés",
                        "how_long": "Effacée dès que cet e-mail est parti (sa copie 30 jours après) ; sans résultats, à la limite indiquée sous la case : 12 mois après la fin de la consultation, sauf autre choix des organisateurs",
                    },
                    {
                        "what_we_store": "Un passage qu'un·e modérateur·rice a retiré de ton message (un numéro de téléphone par exemple)",
                        "who_sees_it": "Seulement les modérateur·rices, pour vérifier ce qui a été retiré",
                        "how_long": "Effacé 30 jours après la modification, ou avant si tu supprimes le message",
                    },
                    {
                        "what_we_store": "Ton adresse IP",
                        "who_sees_it": "Pas enregistrée. Une empreinte brouillée limite les envois en rafale pendant 10 minutes et compte un signalement par personne",
                        "how_long": "10 minutes en mémoire ; avec un signalement, effacée 30 jours après la fin de la consultation",
                    },
                    {
                        "what_we_store": "Cookies",
                        "who_sees_it": "Aucun pendant que tu lis ou que tu postes un commentaire. Le seul est juste en dessous, si tu appuies sur « Je soutiens »",
                        "how_long": "Pas de cookie, donc rien à effacer",
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
                        "question": "Pourquoi mon message n'apparaît pas encore ?",
                        "answer": (
                            "<p>L'équipe de modération lit chaque message avant de le mettre en ligne. "
                            "En dehors des horaires ci-dessus, ça peut prendre un peu plus de temps.</p>"
                        ),
                    },
                    {
                        "question": "Que fait l'équipe de modération ?",
                        "answer": (
                            "<p>Elle lit chaque message et publie ceux qui respectent ces règles. Un message qui "
                            "donne des infos personnelles ou qui enfreint une règle est retiré, ou te revient pour "
                            "que tu le corriges. Elle est là pour que la discussion reste sympa et sûre, pas pour "
                            "juger ton avis.</p>"
                        ),
                    },
                    {
                        "question": "Pourquoi mon message a été retiré ?",
                        "answer": (
                            "<p>Il ne respectait pas une des règles ci-dessus, ou il donnait des infos "
                            "personnelles. On te dit toujours quelle règle, par e-mail, et tu peux reposter ton "
                            "idée sans ce passage.</p>"
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
        ensure_manager_texts(builder, site)
        ensure_help_lines(builder, site)
    return index


def ensure_code_of_conduct_setting(builder, site, page):
    """Only where the setting was never saved, so an organiser's choice (even "none") is kept."""
    if not RulesSettings.objects.filter(site=site).exists():
        RulesSettings.objects.create(site=site, code_of_conduct=page)
        builder.created.append("code of conduct setting")


DEMO_MANAGER = {
    "display_name": "Sam",
    "role": "Community manager",
    "contact_line": "Write to moderation@tribune.localhost",
}
# What demo sites loaded before the texts per language have as contact line.
EARLIER_DEMO_CONTACT_LINES = ("moderation@tribune.localhost",)
DEMO_MANAGER_TEXTS = [
    {
        "language": "fr",
        "role": "Animatrice de la communauté",
        "contact_line": "Écris à moderation@tribune.localhost",
        "absence_message": "Bonnes vacances ! On lit tous les messages dès notre retour.",
    },
]


def ensure_manager_settings(builder, site):
    """The demo manager's hours, only where nobody has configured them yet."""
    manager = CommunityManagerSettings.for_site(site)
    if manager.is_configured():
        return
    for field, value in DEMO_MANAGER.items():
        setattr(manager, field, value)
    manager.promised_response_hours = 24
    manager.reply_to_email = "moderation@tribune.localhost"
    hours = sorted([*WEEKDAY_HOURS, WEDNESDAY_EVENING])
    for order, (weekday, starts_at, ends_at) in enumerate(hours):
        manager.weekly_ranges.add(
            manager.weekly_ranges.model(
                weekday=weekday, starts_at=starts_at, ends_at=ends_at, sort_order=order
            )
        )
    starts_on, ends_on = next_winter_holidays(timezone.localdate())
    manager.absences.add(
        manager.absences.model(starts_on=starts_on, ends_on=ends_on, message="Happy holidays!", sort_order=0)
    )
    manager.save()
    builder.created.append("community manager settings")


def is_the_demo_manager(manager):
    """Whether the main texts are still the demo's own: only then are its French texts right for them."""
    return (
        manager.display_name == DEMO_MANAGER["display_name"]
        and manager.role == DEMO_MANAGER["role"]
        and manager.contact_line in (DEMO_MANAGER["contact_line"], *EARLIER_DEMO_CONTACT_LINES)
    )


def ensure_manager_texts(builder, site):
    """Sam's texts in French, only where the site has no texts per language yet and its manager is still the
    demo's Sam: an organiser's own manager (or their rows, or their choice of none after editing) is left alone."""
    manager = CommunityManagerSettings.for_site(site)
    if manager.texts.exists() or not is_the_demo_manager(manager):
        return
    for order, texts in enumerate(DEMO_MANAGER_TEXTS):
        manager.texts.add(manager.texts.model(sort_order=order, **texts))
    manager.save()
    builder.created.append("community manager texts in French")


HELP_LINES = [
    {
        "language": "fr",
        "name": "3114",
        "description": "Numéro national de prévention du suicide : si tu penses au suicide, ou si tu t'inquiètes pour quelqu'un.",
        "phone": "3114",
        "hours": "Gratuit, 24 h/24 et 7 j/7",
        "url": "https://3114.fr/",
    },
    {
        "language": "fr",
        "name": "Allô Enfance en Danger",
        "description": "Si tu es victime de violences, ou si un enfant ou un ado est en danger.",
        "phone": "119",
        "hours": "Gratuit, 24 h/24 et 7 j/7",
        "url": "https://www.allo119.gouv.fr/",
    },
    {
        "language": "en",
        "name": "Childline",
        "description": "For anyone under 19 in the UK, about anything that worries you.",
        "phone": "0800 1111",
        "hours": "Free, 24 hours a day",
        "url": "https://www.childline.org.uk/",
    },
    {
        "language": "en",
        "name": "Samaritans",
        "description": "If you are struggling to cope, or thinking about suicide.",
        "phone": "116 123",
        "hours": "Free, 24 hours a day, 365 days a year",
        "url": "https://www.samaritans.org/",
    },
]


def ensure_help_lines(builder, site):
    """The demo's help lines, only where the site has none yet (an organiser's list is left alone)."""
    manager = CommunityManagerSettings.for_site(site)
    if manager.help_lines.exists():
        return
    for order, line in enumerate(HELP_LINES):
        manager.help_lines.add(manager.help_lines.model(sort_order=order, **line))
    manager.save()
    builder.created.append("help lines")
