"""Comments a moderator already decided on are reviewed; published ones nobody decided on stay in the queue.

Before this migration, post-moderated comments were published at once and never read: they have no
approve or restore decision, so they are left unreviewed and enter the queue's "published, not yet
reviewed" lane. A resubmitted text is new, so a review before a resubmission does not count.
"""

from itertools import groupby

from django.db import migrations

REVIEWING_ACTIONS = {"approve", "remove", "return", "restore"}


def mark_reviewed(apps, schema_editor):
    Comment = apps.get_model("consultations", "ConsultationComment")
    Decision = apps.get_model("consultations", "ModerationDecision")
    decisions = (
        Decision.objects.order_by("comment_id", "created_at", "pk")
        .values_list("comment_id", "action", "created_at", "moderator_id")
        .iterator()
    )
    reviewed = {}
    for comment_id, rows in groupby(decisions, key=lambda row: row[0]):
        last = None
        for _comment_id, action, created_at, moderator_id in rows:
            if action in REVIEWING_ACTIONS:
                last = (created_at, moderator_id)
            elif action == "resubmit":
                last = None
        if last is not None:
            reviewed[comment_id] = last
    for comment_id, (created_at, moderator_id) in reviewed.items():
        Comment.objects.filter(pk=comment_id).update(reviewed_at=created_at, reviewed_by_id=moderator_id)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0009_comment_reviewed_at"),
    ]

    operations = [
        migrations.RunPython(mark_reviewed, migrations.RunPython.noop),
    ]
