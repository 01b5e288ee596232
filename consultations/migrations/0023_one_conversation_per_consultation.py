"""One conversation per consultation: comments posted on a translation move onto the consultation's source
page (the first created of its translations, the lowest id), which now holds every comment whatever its
language (``ConsultationPage.source_page``). Ids, threads, states and decisions are kept; each comment keeps
the language it was written in. Reversing leaves them where they are (they cannot be told apart any more
than by their language, which is not where they were posted)."""

from django.db import migrations


def move_comments_to_source_pages(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    ConsultationComment = apps.get_model("consultations", "ConsultationComment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="consultations", model="consultationpage").first()
    if content_type is None:
        return
    sources = {}
    for pk, translation_key in ConsultationPage.objects.order_by("pk").values_list("pk", "translation_key"):
        source = sources.setdefault(translation_key, pk)
        if source != pk:
            ConsultationComment.objects.filter(content_type=content_type, object_pk=str(pk)).update(
                object_pk=str(source)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0022_seed_urgent_phrases"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_comments_to_source_pages, migrations.RunPython.noop)]
