"""Demo content owned by the consultations app: the section, two consultations and a lively thread."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consultations.models import (
    CommentReport,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationDecision,
    ModerationMode,
    ReasonCategory,
)
from consultations.moderation import service as moderation
from consultations.moderation.screening import screen

State = ConsultationComment.State

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


def _kick_off(date, place, note):
    return {
        "type": "kick_off_meeting",
        "value": {
            "date": date.isoformat(),
            "start_time": "17:30",
            "end_time": "19:00",
            "place": place,
            "online_link": "",
            "note": note,
        },
    }


def at_local_hour(now, days, hour):
    """The day ``days`` from now (in the site's time zone) at ``hour`` o'clock: demo dates read "18:00", not the
    minute the demo was loaded."""
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def park_consultation(now):
    kick_off_date = timezone.localdate(now) - datetime.timedelta(days=9)
    common = {
        # Opens the evening of the kick-off meeting (17:30–19:00), closes at 18:00.
        "opens_at": at_local_hour(now, -9, 19),
        "closes_at": at_local_hour(now, 30, 18),
        "moderation_mode": ModerationMode.PRE,
    }
    return {
        "en": {
            **common,
            "title": "A youth space in Parc des Berges",
            "slug": "youth-space-parc-des-berges",
            "summary": "The town is redesigning the north corner of Parc des Berges for young people aged 12 to 18. Tell us what you would do there.",
            "question": "What would make you want to spend time in the new youth space?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>The town council has set aside a budget for the north corner of the park, next to the skate ramps. Nothing is decided yet: sports, shade, a place to sit with friends, music, art? Your answers will shape the plans.</p>",
                },
                _kick_off(
                    kick_off_date,
                    "Maison des jeunes, 12 rue de la République",
                    "We present the project, explain the rules of the online discussion and answer your questions. Drinks and snacks provided.",
                ),
                {
                    "type": "about",
                    "value": {
                        "heading": "About this consultation",
                        "organiser": "Youth council and town planning department",
                        "what_happens_next": "<p>The youth council reads every comment. In June, it presents a summary to the town council, and the architects work from it. We will publish the summary here.</p>",
                    },
                },
            ],
        },
        "fr": {
            "title": "Un espace jeunes au parc des Berges",
            "slug": "espace-jeunes-parc-des-berges",
            "summary": "La ville réaménage le coin nord du parc des Berges pour les 12-18 ans. Dis-nous ce que tu aimerais y faire.",
            "question": "Qu'est-ce qui te donnerait envie de passer du temps dans le nouvel espace jeunes ?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>Le conseil municipal a prévu un budget pour le coin nord du parc, à côté des rampes de skate. Rien n'est encore décidé : sport, ombre, un endroit pour se poser entre amis, musique, art ? Tes réponses guideront les plans.</p>",
                },
                _kick_off(
                    kick_off_date,
                    "Maison des jeunes, 12 rue de la République",
                    "On présente le projet, on explique les règles de la discussion en ligne et on répond à tes questions. Boissons et goûter offerts.",
                ),
                {
                    "type": "about",
                    "value": {
                        "heading": "À propos de cette consultation",
                        "organiser": "Conseil des jeunes et service urbanisme de la ville",
                        "what_happens_next": "<p>Le conseil des jeunes lit chaque commentaire. En juin, il présente une synthèse au conseil municipal, et les architectes travaillent à partir de là. Nous publierons la synthèse ici.</p>",
                    },
                },
            ],
        },
    }


def canteen_consultation(now):
    common = {
        "opens_at": at_local_hour(now, -90, 9),
        "closes_at": at_local_hour(now, -45, 18),
        "moderation_mode": ModerationMode.PRE,
    }
    return {
        "en": {
            **common,
            "title": "Lunch at the school canteen",
            "slug": "school-canteen-lunch",
            "summary": "Menus, noise, waiting time: we asked secondary-school pupils how lunch could be better.",
            "question": "What would you change first at the canteen?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>This consultation is closed. Thank you to the 140 pupils who took part! The canteen now offers a vegetarian dish every day and a second serving line.</p>",
                }
            ],
        },
        "fr": {
            "title": "Le déjeuner à la cantine",
            "slug": "dejeuner-cantine",
            "summary": "Menus, bruit, attente : nous avons demandé aux collégiens comment améliorer le déjeuner.",
            "question": "Que changerais-tu en premier à la cantine ?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>Cette consultation est terminée. Merci aux 140 élèves qui ont participé ! La cantine propose désormais un plat végétarien chaque jour et une deuxième file de service.</p>",
                }
            ],
        },
    }


# (key, reply to, author, text, state, hours ago, posted by the community manager)
PARK_THREAD = {
    "en": [
        (
            "shade",
            None,
            "NightOwl_14",
            "Shade please! In summer the skate area is unbearable after 2 pm. Trees or a big canopy, with benches under it.",
            State.PUBLISHED,
            190,
            False,
        ),
        (
            "shade-1",
            "shade",
            "Lina.B",
            "Agreed. And a water fountain, there is none in the whole park.",
            State.PUBLISHED,
            185,
            False,
        ),
        (
            "shade-2",
            "shade-1",
            "Community manager",
            "Good point about the fountain: we passed it on to the parks department, who say it is technically possible near the entrance.",
            State.PUBLISHED,
            160,
            True,
        ),
        ("shade-3", "shade-2", "Lina.B", "Great, thanks for checking!", State.PUBLISHED, 150, False),
        (
            "music",
            None,
            "beatmaker_93",
            "A small covered stage where we can play music or rehearse. At the moment we get told off everywhere we go.",
            State.PUBLISHED,
            170,
            False,
        ),
        (
            "music-1",
            "music",
            "Sam",
            "Yes, but with opening hours, otherwise the neighbours will complain and the whole thing will be closed.",
            State.PUBLISHED,
            140,
            False,
        ),
        (
            "music-2",
            "music-1",
            "beatmaker_93",
            "Fair. Until 9 pm in summer would already be great.",
            State.PUBLISHED,
            120,
            False,
        ),
        (
            "music-3",
            "music",
            "Jo",
            "My cousin lives next to the park, I can give you her number if you want to ask her: 06 12 34 56 78",
            State.REMOVED,
            110,
            False,
        ),
        (
            "sport",
            None,
            "Maya",
            "A calisthenics area (bars, rings). It is free, it takes little space and girls use it too.",
            State.PUBLISHED,
            100,
            False,
        ),
        (
            "sport-1",
            "sport",
            "Théo",
            "And a basketball half court, the one at the school is closed at weekends.",
            State.PUBLISHED,
            96,
            False,
        ),
        (
            "sport-2",
            "sport-1",
            "Maya",
            "Half court + bars could fit side by side I think.",
            State.PUBLISHED,
            90,
            False,
        ),
        ("sport-3", "sport", "anon2011", "this is all useless nobody will come", State.REMOVED, 80, False),
        (
            "wifi",
            None,
            "Kenza",
            "Free wifi and a few sockets to charge phones. Sounds silly but that is why we all go to the shopping centre.",
            State.PUBLISHED,
            60,
            False,
        ),
        ("wifi-1", "wifi", "Sam", "Sockets would get broken in a week...", State.PUBLISHED, 55, False),
        (
            "wifi-2",
            "wifi-1",
            "Kenza",
            "Solar charging benches exist, they are quite solid.",
            State.PUBLISHED,
            50,
            False,
        ),
        (
            "art",
            None,
            "Inès_art",
            "A wall where graffiti is allowed, and changes every month. We could organise it with the youth centre.",
            State.PUBLISHED,
            30,
            False,
        ),
        ("art-1", "art", "NightOwl_14", "Love this idea!", State.PENDING, 5, False),
        (
            "toilets",
            None,
            "Paul",
            "Public toilets that are open and clean. Honestly that is the number one thing.",
            State.PENDING,
            3,
            False,
        ),
        (
            "light",
            None,
            "Ayo",
            "Good lighting at night so that everyone feels safe walking home, especially girls.",
            State.PENDING,
            1,
            False,
        ),
        (
            "shade-2",
            "shade",
            "Zoé",
            "Shade yes, and Kevin Martin from class 4B at Jules Ferry school is the one who keeps breaking the benches.",
            State.RETURNED,
            40,
            False,
        ),
        (
            "changed-mind",
            None,
            "Sam",
            "Actually I changed my mind, forget what I said.",
            State.WITHDRAWN,
            70,
            False,
        ),
        (
            "team",
            None,
            "Léo_2009",
            "Anyone want to team up for the skate contest? Text me on 07911 123456",
            State.PENDING,
            30,
            False,
        ),
        (
            "rude",
            None,
            "xXx",
            "The youth council is a joke, you never listen anyway.",
            State.PENDING,
            0.5,
            False,
        ),
    ],
    "fr": [
        (
            "ombre",
            None,
            "Chouette_14",
            "De l'ombre ! L'été, le coin skate est invivable après 14 h. Des arbres ou un grand auvent, avec des bancs dessous.",
            State.PUBLISHED,
            180,
            False,
        ),
        (
            "ombre-1",
            "ombre",
            "Lina.B",
            "D'accord. Et une fontaine à eau, il n'y en a aucune dans le parc.",
            State.PUBLISHED,
            170,
            False,
        ),
        (
            "ombre-2",
            "ombre-1",
            "Animatrice du conseil",
            "Bonne idée pour la fontaine : nous l'avons transmise au service des espaces verts, qui dit que c'est possible près de l'entrée.",
            State.PUBLISHED,
            150,
            True,
        ),
        (
            "musique",
            None,
            "beatmaker_93",
            "Une petite scène couverte pour faire de la musique ou répéter. Là, on se fait virer de partout.",
            State.PUBLISHED,
            140,
            False,
        ),
        (
            "musique-1",
            "musique",
            "Sam",
            "Oui, mais avec des horaires, sinon les voisins vont se plaindre et tout sera fermé.",
            State.PUBLISHED,
            120,
            False,
        ),
        (
            "sport",
            None,
            "Maya",
            "Un espace de street workout (barres, anneaux). C'est gratuit, ça prend peu de place et les filles l'utilisent aussi.",
            State.PUBLISHED,
            100,
            False,
        ),
        (
            "sport-1",
            "sport",
            "Théo",
            "Et un demi-terrain de basket, celui du collège est fermé le week-end.",
            State.PUBLISHED,
            90,
            False,
        ),
        (
            "sport-2",
            "sport",
            "Jo",
            "Écrivez-moi à jo.dupont@example.com pour en parler",
            State.REMOVED,
            85,
            False,
        ),
        (
            "wifi",
            None,
            "Kenza",
            "Du wifi gratuit et des prises pour recharger les téléphones. Ça a l'air bête mais c'est pour ça qu'on va tous au centre commercial.",
            State.PUBLISHED,
            60,
            False,
        ),
        (
            "art",
            None,
            "Inès_art",
            "Un mur où le graff est autorisé, qui change chaque mois. On pourrait l'organiser avec la maison des jeunes.",
            State.PUBLISHED,
            30,
            False,
        ),
        (
            "wc",
            None,
            "Paul",
            "Des toilettes publiques ouvertes et propres. Franchement c'est la priorité.",
            State.PENDING,
            4,
            False,
        ),
        (
            "lumiere",
            None,
            "Ayo",
            "Un bon éclairage le soir pour que tout le monde se sente en sécurité, surtout les filles.",
            State.PENDING,
            2,
            False,
        ),
        (
            "foot",
            None,
            "Lou",
            "Qui veut faire un foot samedi au parc ? Ajoutez-moi sur snap : lou.foot13",
            State.PENDING,
            27,
            False,
        ),
        (
            "wifi-1",
            "wifi",
            "Max",
            "Les prises seront cassées en une semaine, comme d'habitude dans ce quartier de cassos.",
            State.PUBLISHED,
            50,
            False,
        ),
    ],
}


# Decisions on the demo comments, taken through the moderation service so the audit trail is real:
# (language, comment key) -> (English reason title, message to the author).
DECISIONS = {
    ("en", "music-3"): (
        "Personal information",
        "Please do not share someone else's phone number, even to help.",
    ),
    ("en", "sport-3"): ("Disrespect or harassment", ""),
    ("fr", "sport-2"): (
        "Personal information",
        "Ne donne pas ton adresse e-mail ici : écris plutôt ton idée.",
    ),
    ("en", "shade-2"): (
        "Personal information",
        "Your idea about shade is welcome: please send it again without naming a classmate.",
    ),
}
# Reports from readers (fewer than the hold threshold, so the comment stays public and is flagged).
REPORTS = {
    "en": {"wifi-1": ["Discouraging for everyone", ""]},
    "fr": {"wifi-1": ["Insultant pour les gens du quartier", "Méprisant"]},
}
DEMO_MODERATOR = {
    "username": "moderator",
    "password": "tribune-moderator",  # noqa: S105 (documented demo credential, dev settings only)
    "email": "moderator@tribune.localhost",
    "first_name": "Camille",
    "last_name": "Durand",
}


def ensure_demo_moderator():
    """The demo community manager: in the Moderators group, no page permission. None outside dev."""
    if not settings.TRIBUNE_DEMO_ACCOUNTS:
        return None, False
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_MODERATOR["username"]).first()
    if user is not None:
        return user, False
    user = user_model.objects.create_user(**DEMO_MODERATOR)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user, True


def load(builder, home):
    index = builder.ensure_child(home, ConsultationIndexPage, CONSULTATION_INDEX)
    now = timezone.now()
    moderator, created = ensure_demo_moderator()
    if created:
        builder.created.append(f"demo moderator account '{moderator.username}'")
    for content, thread in ((park_consultation(now), PARK_THREAD), (canteen_consultation(now), None)):
        fr = {
            **{
                key: value
                for key, value in content["en"].items()
                if key in {"opens_at", "closes_at", "moderation_mode"}
            },
            **content["fr"],
        }
        page = builder.ensure_child(
            index, ConsultationPage, {"en": content["en"], "fr": fr}, slug=content["en"]["slug"]
        )
        if thread:
            for code, rows in thread.items():
                translation = page.get_translation(builder.locales[code]).specific
                if not ConsultationComment.objects.for_page(translation).exists():
                    add_thread(translation, rows, code, now, moderator)
                    builder.created.append(f"{len(rows)} demo comments ({code})")
    return index


DECISION_DELAY = datetime.timedelta(hours=2)


def add_thread(page, rows, language, now, moderator=None):
    """Every comment is posted as it would be (pending, screened), then decided on through the service."""
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    saved = {}
    for key, parent_key, author, text, state, hours_ago, by_manager in rows:
        posted_at = now - datetime.timedelta(hours=hours_ago)
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user_name=author,
            user_email=f"{key}@demo.tribune.localhost",
            comment=text,
            submit_date=posted_at,
            parent_id=saved[parent_key].pk if parent_key else 0,
            state=State.PENDING,
            screening_reasons=[reason.to_json() for reason in screen(text)],
            language=language,
            is_community_manager=by_manager,
        )
        comment.save()
        saved[key] = comment
        decide_demo_comment(comment, key, state, language, moderator, min(now, posted_at + DECISION_DELAY))
    for key, reasons in REPORTS.get(language, {}).items():
        for number, reason in enumerate(reasons):
            CommentReport.objects.create(comment=saved[key], reporter_key=f"demo-{number}", reason=reason)


def decide_demo_comment(comment, key, state, language, moderator, decided_at):
    if state == State.PENDING:
        return
    if state == State.WITHDRAWN:
        moderation.withdraw(comment)
    elif state == State.PUBLISHED:
        moderation.approve(comment, moderator)
    else:
        title, message = DECISIONS[(language, key)]
        reason = ReasonCategory.objects.get(title=title, locale__language_code="en").in_language(language)
        act = moderation.remove if state == State.REMOVED else moderation.return_for_revision
        act(comment, moderator, reason, message=message)
    # Demo decisions happened a while after the comment, not when the demo was loaded.
    ModerationDecision.objects.filter(comment=comment).update(created_at=decided_at)
    reviewed = {"reviewed_at": decided_at} if comment.reviewed_at is not None else {}
    ConsultationComment.objects.filter(pk=comment.pk).update(state_changed_at=decided_at, **reviewed)
