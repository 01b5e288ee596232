"""Seed the blocklist with insults and incitements common in French and English comments."""

from django.db import migrations

WORDS = [
    ("connard", "FR insult"),
    ("connasse", "FR insult"),
    ("salope", "FR insult"),
    ("pute", "FR insult"),
    ("fils de pute", "FR insult"),
    ("fdp", "FR insult, abbreviation"),
    ("enculé", "FR insult"),
    ("batard", "FR insult"),
    ("nique ta mère", "FR insult"),
    ("ntm", "FR insult, abbreviation"),
    ("pd", "FR homophobic slur"),
    ("suicide-toi", "FR incitement"),
    ("va crever", "FR incitement"),
    ("fuck you", "EN insult"),
    ("bitch", "EN insult"),
    ("slut", "EN insult"),
    ("whore", "EN insult"),
    ("cunt", "EN insult"),
    ("faggot", "EN homophobic slur"),
    ("kill yourself", "EN incitement"),
    ("kys", "EN incitement, abbreviation"),
]


def seed(apps, schema_editor):
    BlockedWord = apps.get_model("consultations", "BlockedWord")
    for word, note in WORDS:
        BlockedWord.objects.get_or_create(word=word, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_moderation_queue"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
