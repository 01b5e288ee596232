"""Demo content owned by the consultations app: the section, three consultations, their images and threads."""

import datetime
import hashlib
import io
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from consultations.demo.results import ensure_draft_results
from consultations.models import (
    CommentReport,
    CommentSupport,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationDecision,
    ModerationMode,
    ReasonCategory,
    ResultsSubscription,
    address_key,
)
from consultations.moderation import service as moderation
from consultations.moderation.permissions import COMMUNITY_MANAGERS
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


def _kick_off(date, place, note, *, map_url, accessibility, start="17:30", end="19:00"):
    return {
        "type": "kick_off_meeting",
        "value": {
            "date": date.isoformat(),
            "start_time": start,
            "end_time": end,
            "place": place,
            "online_link": "",
            "note": note,
            "map_url": map_url,
            "accessibility": accessibility,
        },
    }


def _osm(lat, lon):
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


YOUTH_CENTRE = {
    "place": "Maison des jeunes, 12 rue de la République",
    "map_url": _osm("45.76680", "4.87990"),
}
STEP_FREE = {
    "en": "Step-free entrance, accessible toilets, a quiet room.",
    "fr": "Entrée de plain-pied, toilettes accessibles, une salle calme.",
}


def at_local_hour(now, days, hour):
    """The day ``days`` from now (in the site's time zone) at ``hour`` o'clock: demo dates read "18:00", not the
    minute the demo was loaded."""
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# People post between 08:00 and 22:00 in the demo.
DAYTIME = (datetime.time(8), datetime.time(22))
DAYTIME_SHARE = 14 / 24


def daytime_ago(now, hours):
    """The moment ``hours`` before now on a clock that runs only in the daytime (site's time zone), to the minute.

    The day is squeezed into its 14 daytime hours, so 48 hours ago is still two days ago: a thread keeps its
    rhythm and its order (more hours ago is never later), every moment is in the past, and none reads "03:15".
    """
    start, end = DAYTIME
    local = timezone.localtime(now).replace(tzinfo=None)
    cursor = min(local, datetime.datetime.combine(local.date(), end))
    if cursor.time() < start:
        cursor = datetime.datetime.combine(local.date() - datetime.timedelta(days=1), end)
    remaining = datetime.timedelta(hours=hours) * DAYTIME_SHARE
    while remaining > cursor - datetime.datetime.combine(cursor.date(), start):
        remaining -= cursor - datetime.datetime.combine(cursor.date(), start)
        cursor = datetime.datetime.combine(cursor.date() - datetime.timedelta(days=1), end)
    return timezone.make_aware((cursor - remaining).replace(second=0, microsecond=0))


# The "about" blocks have no heading: each page then says "About this consultation" in its own language.


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
                    YOUTH_CENTRE["place"],
                    "We present the project, explain the rules of the online discussion and answer your questions. Drinks and snacks provided.",
                    map_url=YOUTH_CENTRE["map_url"],
                    accessibility=STEP_FREE["en"],
                ),
                {
                    "type": "about",
                    "value": {
                        "organiser": "Youth council and town planning department",
                        "what_happens_next": "<p>The youth council reads every comment. In June, it presents a summary to the town council, and the architects work from it. We will publish what it decided here: tick “Tell me what happens with the ideas” when you post, and we will email you once, when it is out.</p>",
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
                    YOUTH_CENTRE["place"],
                    "On présente le projet, on explique les règles de la discussion en ligne et on répond à tes questions. Boissons et goûter offerts.",
                    map_url=YOUTH_CENTRE["map_url"],
                    accessibility=STEP_FREE["fr"],
                ),
                {
                    "type": "about",
                    "value": {
                        "organiser": "Conseil des jeunes et service urbanisme de la ville",
                        "what_happens_next": "<p>Le conseil des jeunes lit chaque commentaire. En juin, il présente une synthèse au conseil municipal, et les architectes travaillent à partir de là. Nous publierons ici ce qui a été décidé : coche « Dis-moi ce que deviennent les idées » quand tu postes, et nous t'enverrons un seul e-mail, au moment où c'est publié.</p>",
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
        "offline_participants": 140,
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
                    "value": "<p>What came out of it: the canteen now offers a vegetarian dish every day, and a second serving line opened after the holidays.</p>",
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
                    "value": "<p>Ce qui a changé : la cantine propose désormais un plat végétarien chaque jour, et une deuxième file de service a ouvert après les vacances.</p>",
                }
            ],
        },
    }


def upcoming_weekday(now, days):
    """The first weekday at least ``days`` from now: meetings are held after school, not at weekends."""
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def bike_path_consultation(now):
    meeting = upcoming_weekday(now, 4)
    days_to_meeting = (meeting - timezone.localdate(now)).days
    common = {
        # Opens the evening of the kick-off meeting (18:00–19:30), for five weeks.
        "opens_at": at_local_hour(now, days_to_meeting, 20),
        "closes_at": at_local_hour(now, days_to_meeting + 35, 18),
        "moderation_mode": ModerationMode.PRE,
    }
    hall = {"place": "Salle Jean-Moulin, 3 place de la Libération", "map_url": _osm("45.77010", "4.88450")}
    return {
        "en": {
            **common,
            "title": "A bike path along the river",
            "slug": "bike-path-along-the-river",
            "summary": "A path away from traffic could link the station to the two secondary schools in 12 minutes. Help us draw it before the engineers do.",
            "question": "What would make you ride to school on the new bike path?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>Most pupils of Lycée Marie-Curie and Collège des Berges come by bus or by car. The town wants to build a bike path along the river, from the station to both schools. Three routes are possible. Before the engineers choose one, tell us what matters to you: lighting, bike shelters, safe crossings, a place to fix a flat tyre?</p>",
                },
                _kick_off(
                    meeting,
                    hall["place"],
                    "Come and see the three possible routes on a big map, show us the streets that feel dangerous by bike and meet the engineers. For everyone aged 12 to 25, no need to sign up.",
                    map_url=hall["map_url"],
                    accessibility=STEP_FREE["en"],
                    start="18:00",
                    end="19:30",
                ),
                {
                    "type": "about",
                    "value": {
                        "organiser": "Youth council and the town's mobility department",
                        "what_happens_next": "<p>The discussion opens on the evening of the meeting, for five weeks. The youth council then chooses a route with the engineers and explains here which of your ideas they kept, and why.</p>",
                    },
                },
            ],
        },
        "fr": {
            "title": "Une piste cyclable le long de la rivière",
            "slug": "piste-cyclable-bord-de-riviere",
            "summary": "Une piste loin des voitures pourrait relier la gare aux deux établissements scolaires en 12 minutes. Aide-nous à la dessiner avant les ingénieurs.",
            "question": "Qu'est-ce qui te donnerait envie d'aller en cours à vélo par la nouvelle piste ?",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>La plupart des élèves du lycée Marie-Curie et du collège des Berges viennent en bus ou en voiture. La ville veut construire une piste cyclable le long de la rivière, de la gare jusqu'aux deux établissements. Trois tracés sont possibles. Avant que les ingénieurs en choisissent un, dis-nous ce qui compte pour toi : éclairage, abris à vélos, traversées sûres, un coin pour réparer une crevaison ?</p>",
                },
                _kick_off(
                    meeting,
                    hall["place"],
                    "Viens voir les trois tracés possibles sur une grande carte, montre-nous les rues où tu ne te sens pas en sécurité à vélo et rencontre les ingénieurs. Pour les 12-25 ans, sans inscription.",
                    map_url=hall["map_url"],
                    accessibility=STEP_FREE["fr"],
                    start="18:00",
                    end="19:30",
                ),
                {
                    "type": "about",
                    "value": {
                        "organiser": "Conseil des jeunes et service mobilité de la ville",
                        "what_happens_next": "<p>La discussion ouvre le soir de la réunion, pour cinq semaines. Le conseil des jeunes choisit ensuite un tracé avec les ingénieurs et explique ici quelles idées ont été retenues, et pourquoi.</p>",
                    },
                },
            ],
        },
    }


# The consultations' images, drawn for the demo (images/README.md). A title is the image's alternative text,
# so each language has its own image.
IMAGES_DIR = Path(__file__).resolve().parent / "images"
IMAGES = {
    "youth-space-parc-des-berges": (
        "park-skate-area.jpg",
        {
            "en": "Teenagers sketching a skate area in a park",
            "fr": "Des ados dessinent les plans d'un coin skate dans un parc",
        },
    ),
    "school-canteen-lunch": (
        "school-canteen-tray.jpg",
        {
            "en": "A canteen tray seen from above: a vegetable dish, a salad, an apple and a glass of water",
            "fr": "Un plateau de cantine vu du dessus : un plat de légumes, une salade, une pomme et un verre d'eau",
        },
    ),
    "bike-path-along-the-river": (
        "bike-path-river.jpg",
        {
            "en": "Two young cyclists on a bike path along a river",
            "fr": "Deux jeunes à vélo sur une piste cyclable le long d'une rivière",
        },
    ),
}


def ensure_image(builder, filename, titles, language):
    """The demo image in this language: found by its title, else by its file (unless that one carries another
    language's title), else created."""
    image_model = get_image_model()
    title = titles[language]
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        return image
    content = (IMAGES_DIR / filename).read_bytes()
    file_hash = hashlib.sha1(content).hexdigest()  # noqa: S324 (Wagtail's own file_hash)
    others = [other for code, other in titles.items() if code != language]
    image = image_model.objects.filter(file_hash=file_hash).exclude(title__in=others).first()
    if image is not None:
        return image
    # The description is what Wagtail offers as alternative text; the title is how organisers find it.
    image = image_model(title=title, description=title, file_size=len(content), file_hash=file_hash)
    image.file.save(filename, ImageFile(io.BytesIO(content), name=filename), save=False)
    image.save()
    builder.created.append(f'image "{title}"')
    return image


def ensure_lead_images(builder, page, filename, titles):
    """Each translation gets its image when it has none, unless an organiser has a draft in progress."""
    for code, locale in builder.locales.items():
        translation = page.get_translation(locale).specific
        if translation.lead_image_id is not None or translation.has_unpublished_changes:
            continue
        translation.lead_image = ensure_image(builder, filename, titles, code)
        translation.save_revision().publish()
        builder.created.append(f'lead image of "{translation.title}" ({code})')


# (key, reply to, author, text, state, hours ago, posted by the community manager: then under the
# site's display name, whatever the author column says)
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
            "Rayan",
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
        ("wifi-1", "wifi", "Rayan", "Sockets would get broken in a week...", State.PUBLISHED, 55, False),
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
            "shade-4",
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
            "Rayan",
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
            "Rayan",
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


CANTEEN_THREAD = {
    "en": [
        (
            "veggie",
            None,
            "Nour",
            "A vegetarian dish every day, not just on Fridays. Lots of us don't eat meat, and plain pasta gets old fast.",
            State.PUBLISHED,
            2000,
            False,
        ),
        (
            "veggie-1",
            "veggie",
            "Hugo_5e",
            "+1, and not always the same omelette please",
            State.PUBLISHED,
            1990,
            False,
        ),
        (
            "queue",
            None,
            "Mila",
            "The queue is the real problem. By the time we sit down, there are 15 minutes left to eat.",
            State.PUBLISHED,
            1800,
            False,
        ),
        (
            "queue-1",
            "queue",
            "Community manager",
            "Thanks, several of you said the same. The kitchen team is looking at a second serving line: we will tell you what they decide.",
            State.PUBLISHED,
            1780,
            True,
        ),
        (
            "noise",
            None,
            "Yanis",
            "It is so loud you cannot hear the person next to you. Maybe panels on the ceiling, like in the music room?",
            State.PUBLISHED,
            1500,
            False,
        ),
        (
            "bread",
            None,
            "Clara.R",
            "Less bread thrown away: a basket where you take only what you will eat.",
            State.PUBLISHED,
            1200,
            False,
        ),
    ],
    "fr": [
        (
            "vege",
            None,
            "Nour",
            "Un plat végétarien tous les jours, pas seulement le vendredi. On est plein à ne pas manger de viande, et les pâtes nature, ça lasse vite.",
            State.PUBLISHED,
            1990,
            False,
        ),
        (
            "vege-1",
            "vege",
            "Hugo_5e",
            "Pareil, et pas toujours la même omelette stp",
            State.PUBLISHED,
            1980,
            False,
        ),
        (
            "attente",
            None,
            "Mila",
            "Le vrai problème, c'est la queue. Quand on s'assoit, il reste 15 minutes pour manger.",
            State.PUBLISHED,
            1790,
            False,
        ),
        (
            "attente-1",
            "attente",
            "Animatrice du conseil",
            "Merci, vous êtes plusieurs à le dire. L'équipe de cuisine étudie une deuxième file de service : on vous dira ce qu'elle décide.",
            State.PUBLISHED,
            1770,
            True,
        ),
        (
            "bruit",
            None,
            "Yanis",
            "C'est tellement bruyant qu'on n'entend pas son voisin. Des panneaux au plafond, comme dans la salle de musique ?",
            State.PUBLISHED,
            1490,
            False,
        ),
        (
            "pain",
            None,
            "Clara.R",
            "Moins de pain jeté : une corbeille où on prend seulement ce qu'on va manger.",
            State.PUBLISHED,
            1190,
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
    ("en", "shade-4"): (
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
    """The demo community manager: in the Community managers group (comments only: no page permission, not a
    reviewer of Wagtail's page approval workflow). None outside dev."""
    if not settings.TRIBUNE_DEMO_ACCOUNTS:
        return None, False
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_MODERATOR["username"]).first()
    if user is not None:
        return user, False
    user = user_model.objects.create_user(**DEMO_MODERATOR)
    user.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    return user, True


# Replies across languages, as a bilingual class writes them: (consultation slug, row as in the threads above,
# whose "reply to" names the top-level comment answered by its language and author).
CROSS_LANGUAGE_REPLIES = [
    (
        "youth-space-parc-des-berges",
        (
            "stage-en",
            ("fr", "beatmaker_93"),
            "Ollie_exchange",
            "I'm on an exchange at the lycée this year: back home in Leeds we have a small covered stage like that, "
            "and it's busy every evening. Booking slots online keeps the neighbours happy.",
            State.PUBLISHED,
            110,
            False,
        ),
    ),
    (
        "youth-space-parc-des-berges",
        (
            "ombre-en",
            ("en", "NightOwl_14"),
            "Inès",
            "Pareil ! Et des bancs à l'ombre aussi pour les grands-parents qui viennent avec les petits.",
            State.PUBLISHED,
            175,
            False,
        ),
    ),
]


def add_cross_language_replies(page, now, moderator):
    """The replies of CROSS_LANGUAGE_REPLIES to this consultation, once, in the reply's language."""
    added = 0
    for slug, row in CROSS_LANGUAGE_REPLIES:
        key, (parent_language, parent_author), _author, text, *_rest = row
        if slug != page.slug or ConsultationComment.objects.for_page(page).filter(comment=text).exists():
            continue
        parent = (
            ConsultationComment.objects.for_page(page)
            .filter(language=parent_language, user_name=parent_author, level=0)
            .first()
        )
        language = "fr" if parent_language == "en" else "en"
        if parent is not None:
            translation = page.get_translation_or_none(Locale.objects.get(language_code=language)) or page
            add_thread(
                translation.specific,
                [row],
                language,
                now,
                moderator,
                known={(parent_language, parent_author): parent},
            )
            added += 1
    return added


def load(builder, home):
    index = builder.ensure_child(home, ConsultationIndexPage, CONSULTATION_INDEX)
    now = timezone.now()
    moderator, created = ensure_demo_moderator()
    if created:
        builder.created.append(f"demo moderator account '{moderator.username}'")
    consultations = (
        (park_consultation(now), PARK_THREAD, REPORTS),
        (canteen_consultation(now), CANTEEN_THREAD, {}),
        (bike_path_consultation(now), None, {}),
    )
    for content, thread, reports in consultations:
        fr = {
            **{
                key: value
                for key, value in content["en"].items()
                if key in {"opens_at", "closes_at", "moderation_mode", "offline_participants"}
            },
            **content["fr"],
        }
        page = builder.ensure_child(
            index, ConsultationPage, {"en": content["en"], "fr": fr}, slug=content["en"]["slug"]
        )
        ensure_lead_images(builder, page, *IMAGES[content["en"]["slug"]])
        if thread:
            for code, rows in thread.items():
                translation = page.get_translation(builder.locales[code]).specific
                # One conversation per consultation: each language's comments join it once.
                if not ConsultationComment.objects.for_page(translation).filter(language=code).exists():
                    add_thread(translation, rows, code, now, moderator, reports.get(code, {}))
                    builder.created.append(f"{len(rows)} demo comments ({code})")
            added = add_cross_language_replies(page, now, moderator)
            if added:
                builder.created.append(f"{added} demo replies across languages")
        if thread is CANTEEN_THREAD:
            ensure_draft_results(builder, page, thread, timezone.localdate(now))
    subscribed = ensure_demo_results_subscriptions(index)
    if subscribed:
        builder.created.append(f"{subscribed} demo participants waiting for the canteen's results")
    return index


DECISION_DELAY_HOURS = 2


def add_thread(page, rows, language, now, moderator=None, reports=None, known=None):
    """Every comment is posted as it would be on ``page`` (pending, screened), so kept on its source page,
    then decided on through the service. ``known``: comments already saved that rows may reply to, by key."""
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    manager_name = moderation.manager_name_for(page, language)  # as replies from the queue are signed
    saved, hours = dict(known or {}), {}
    for key, parent_key, author, text, state, listed_hours, by_manager in rows:
        # A few minutes apart, so the thread's times do not all end in the same minute.
        hours_ago = hours[key] = listed_hours + zlib.crc32(key.encode()) % 25 / 60
        posted_at = daytime_ago(now, hours_ago)
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(page.source_page.pk),
            site_id=settings.SITE_ID,
            user_name=manager_name if by_manager else author,
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
        decided_at = daytime_ago(now, max(hours_ago - DECISION_DELAY_HOURS, 0))
        decide_demo_comment(comment, key, state, language, moderator, decided_at)
        if state == State.PUBLISHED and not by_manager:
            add_demo_supports(comment, key, now, hours_ago)
    for key, reasons in (reports or {}).items():
        for number, reason in enumerate(reasons):
            report = CommentReport.objects.create(
                comment=saved[key], reporter_key=f"demo-{number}", reason=reason
            )
            reported_at = daytime_ago(now, max(hours[key] - 3 * (number + 1), 0))
            CommentReport.objects.filter(pk=report.pk).update(created_at=reported_at)


DEMO_FAVOURITES = {"wifi": 17, "art": 12}


def add_demo_supports(comment, key, now, hours_ago):
    """A few readers' "me too" on a published comment (the same at every load), so that the counts and the
    "most supported" order mean something in the demo: the Wi-Fi and the graffiti wall are the favourites."""
    count = DEMO_FAVOURITES.get(key, zlib.crc32(f"{key}:supports".encode()) % 8)
    CommentSupport.objects.bulk_create(
        CommentSupport(comment=comment, reader_key=f"demo-{comment.pk}-{number}", network_key="demo")
        for number in range(count)
    )
    CommentSupport.objects.filter(comment=comment).update(
        created_at=daytime_ago(now, max(hours_ago - DECISION_DELAY_HOURS - 1, 0))
    )


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


# Participants of the closed canteen consultation who ticked "tell me what happens with the ideas": (language,
# pseudonym of their top-level comment, the address they gave). Publishing the canteen's results emails them.
DEMO_RESULTS_SUBSCRIBERS = [
    ("en", "Nour", "nour.canteen@example.org"),
    ("en", "Mila", "mila.canteen@example.org"),
    ("fr", "Yanis", "yanis.cantine@example.org"),
    ("fr", "Clara.R", "clara.cantine@example.org"),
]


def ensure_demo_results_subscriptions(index):
    """The demo's wishes to hear the canteen's results, on its source page, each once (a row per mailbox); none
    where its comment is gone. Returns how many were added."""
    canteen = ConsultationPage.objects.child_of(index).filter(slug="school-canteen-lunch").first()
    if canteen is None:
        return 0
    added = 0
    for language, author, address in DEMO_RESULTS_SUBSCRIBERS:
        comment = (
            ConsultationComment.objects.for_page(canteen)
            .filter(language=language, user_name=author, level=0)
            .order_by("pk")
            .first()
        )
        if comment is None:
            continue
        _subscription, created = ResultsSubscription.objects.get_or_create(
            page=canteen.source_page,
            address_key=address_key(address),
            defaults={"address": address, "language": language, "comment": comment},
        )
        added += created
    return added
