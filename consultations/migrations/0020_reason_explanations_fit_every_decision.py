"""A reason's explanation is sent both when a comment is removed and when it is returned for revision:
the seeded "Personal information" one said "We removed it", which told an author whose comment was only
put aside that it was gone. Rewrite it (in English and French) where it is still the seeded text; an
explanation an organiser has edited is left alone."""

from django.db import migrations, models

REWRITES = [
    (
        "It shares personal information about you or someone else (a name, a phone number, an address, a school, an account). We removed it to keep everyone safe online.",
        "It shares personal information about you or someone else (a name, a phone number, an address, a school, an account). Anyone could read it and use it to find you or them: our rules keep that off the site, so that everyone stays safe online.",
    ),
    (
        "Il donne des informations personnelles sur toi ou sur quelqu'un d'autre (nom, numéro de téléphone, adresse, établissement, compte). Nous l'avons retiré pour que chacun reste en sécurité en ligne.",
        "Il donne des informations personnelles sur toi ou sur quelqu'un d'autre (nom, numéro de téléphone, adresse, établissement, compte). N'importe qui pourrait les lire et s'en servir pour vous retrouver : nos règles les tiennent hors du site, pour que chacun reste en sécurité en ligne.",
    ),
]


def rewrite(apps, schema_editor, forward=True):
    ReasonCategory = apps.get_model("consultations", "ReasonCategory")
    for seeded, fitting in REWRITES:
        old, new = (seeded, fitting) if forward else (fitting, seeded)
        ReasonCategory.objects.filter(explanation=old).update(explanation=new)


def rewrite_back(apps, schema_editor):
    rewrite(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0019_manager_replies_use_display_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reasoncategory",
            name="explanation",
            field=models.TextField(
                help_text="Written for young people: what the rule is, and why it matters. It is sent when a comment is removed and when it is returned for revision, so do not say here what was done with it.",
                verbose_name="explanation sent to the author",
            ),
        ),
        migrations.RunPython(rewrite, rewrite_back),
    ]
