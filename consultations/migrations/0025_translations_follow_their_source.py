"""Copy each consultation's settings from its source page onto its translations.

Until now each translation kept its own dates, moderation mode, comment switch, offline count and rules page,
and they drifted apart (the English page closed, the French one still open). From now on the source page
(the first created of the pages sharing a translation key, lowest id) holds them and every translation follows
it (``ConsultationPage.save``). Here the existing translations are brought in line once: the source's live
row wins. Going back leaves the values as they are (nothing to undo that is not also true of the old code).
"""

from django.db import migrations

FOLLOWED_COLUMNS = (
    "opens_at",
    "closes_at",
    "moderation_mode",
    "comments_enabled",
    "offline_participants",
    "guideline_page_id",
)


def copy_settings_to_translations(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    seen = set()
    for source in ConsultationPage.objects.order_by("pk").values("pk", "translation_key", *FOLLOWED_COLUMNS):
        if source["translation_key"] in seen:
            continue
        seen.add(source["translation_key"])
        ConsultationPage.objects.filter(translation_key=source["translation_key"]).exclude(pk=source["pk"]).update(
            **{column: source[column] for column in FOLLOWED_COLUMNS}
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0024_about_heading_in_page_language")]

    operations = [migrations.RunPython(copy_settings_to_translations, migrations.RunPython.noop, elidable=True)]
