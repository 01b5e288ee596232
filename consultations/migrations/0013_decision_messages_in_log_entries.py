"""The moderation history is read from Wagtail's log entries: copy each decision's message to the author into
the log entry written with it (entries written before this carried only the reason)."""

from django.db import migrations


def copy_messages(apps, schema_editor):
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


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0012_canonical_address_keys_and_deferred_emails"),
        ("wagtailcore", "0065_log_entry_uuid"),
    ]

    operations = [migrations.RunPython(copy_messages, migrations.RunPython.noop)]
