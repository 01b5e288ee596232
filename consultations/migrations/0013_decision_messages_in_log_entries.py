"""The moderation history is read from Wagtail's log entries: copy each decision's message to the author into
the log entry written with it (entries written before this carried only the reason), and replace their
label, which was the start of the comment's text (kept even after its author withdrew it), with its id."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat


def copy_messages_and_forget_texts(apps, schema_editor):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ModerationDecision = apps.get_model("consultations", "ModerationDecision")
    entries = ModelLogEntry.objects.filter(action__startswith="tribune.comment.")
    for entry in entries.iterator():
        data = entry.data or {}
        if "message" in data or not isinstance(data.get("decision"), int):
            continue
        message = ModerationDecision.objects.filter(pk=data["decision"]).values_list("message", flat=True).first()
        entry.data = {**data, "message": message or ""}
        entry.save(update_fields=["data"])
    entries.update(label=Concat(Value("#"), F("object_id")))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0012_canonical_address_keys_and_deferred_emails"),
        ("wagtailcore", "0065_log_entry_uuid"),
    ]

    operations = [migrations.RunPython(copy_messages_and_forget_texts, migrations.RunPython.noop)]
